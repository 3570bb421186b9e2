/**
 * The test-support door of @idcard/audit (`@idcard/audit/testing`): ledgers
 * of signed Fabric blocks built in memory, for other packages' tests and the
 * replay bench. Never part of a build.
 */
export { ChaincodeModel } from './chaincode-model';
export { endorserTransaction } from './fabric-blocks';
export { buildScenario, type Scenario } from './scenario';
export { tempDirs } from './temp-dir';
export { createTestNetwork, TestLedger, type TestNetwork } from './test-ledger';
export { createTestOrg, type TestOrg } from './test-pki';
export { readBlockRecord } from '../blockfile-format';
