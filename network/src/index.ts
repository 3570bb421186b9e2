/**
 * The public door of the network package: the launcher of the Fabric
 * network as native processes, with only what other packages use (the CLI,
 * the system, the bench and the network tests).
 */
export { NetworkError, isNetworkError, type NetworkErrorCode } from '@idcard/ca-client';
export {
  AGENCY_MSPS,
  checkNetworkConfig,
  defaultConfigPath,
  loadNetworkConfig,
  orderingTunables,
  type ClientConfig,
  type ConfigOverrides,
  type Consensus,
  type PeerOrgConfig,
  type ResolvedConfig,
} from './config';
export {
  BENCH_CHAINCODE_NAME,
  benchChaincodeNodes,
  caNode,
  chaincodeNode,
  dataPaths,
  gatewayNode,
  gatewayNodes,
  ordererNodes,
  orgHome,
  peerNodes,
  peerOrgs,
  type NodeSpec,
} from './topology';
export { withFreeBasePort } from './free-ports';
export { ensurePrograms, programPaths, type FabricPrograms, type Progress } from './fabric-programs';
export {
  caCertPath,
  caEndpoint,
  caProcessSpec,
  enrollRegistrar,
  registerAndEnroll,
  waitForCa,
} from './fabric-ca';
export { BOOTSTRAP_ADMIN, bootstrapSecret, caServerConfigPath } from './ca-server-home';
export {
  UNIT_ATTRIBUTES,
  UNIT_REGISTRAR,
  enrollUnitRegistrar,
  onboardsUnits,
  unitRegistrarEndpoint,
  unitRegistrarHome,
} from './unit-registrar';
export { startCas } from './ca-stage';
export {
  clientAttributes,
  identityDir,
  issueIdentities,
  orgPaths,
  readIdentity,
  type IssuedIdentities,
} from './identities';
export {
  adminPeerEnv,
  nodeDataDirs,
  nodeTlsDir,
  nodeTlsFiles,
  ordererProcessSpec,
  orgTlsCaFile,
  peerProcessSpec,
  type TlsFiles,
} from './node-config';
export { isAlive, readPidFile, signal, startProcess, stopProcess, type ProcessSpec } from './supervisor';
export { probe, waitFor } from './health';
export { networkUp, type UpResult } from './network-up';
export { networkDown, type DownResult } from './network-down';
export { networkStatus, pidFileOf, type HeightReader, type NodeStatus } from './network-status';
export { diskStatusReaders } from './status-readers';
export { waitForRaftLeader } from './raft-leader';
export { prepareFabricConfigDir } from './fabric-sample-config';
export {
  approveArgs,
  commitArgs,
  deployChaincode,
  queryCommittedChaincode,
  type DeployResult,
} from './chaincode-lifecycle';
export type { ChaincodeDefinition } from './lifecycle-plan';
export { waitChaincodeAnswering } from './chaincode-readiness';
export { packageCcaas } from './ccaas-package';
export { chaincodeServerSpec, cpuProfileArgs } from './chaincode-server';
export { startChaincodeServers } from './fabric-stage';
export { writeOrgBundle } from './bundle';
