/**
 * The door of @idcard/system: the running system of one data dir composed
 * from the network and one gateway per peer organisation. Start it, stop
 * it, ask its status, and find each gateway (URLs, docs, console, keys
 * file) and the configured callers that use it.
 */
export { startSystem, stopSystem, type RunningSystem, type SystemTimeouts } from './system-up';
export { systemStatus, type GatewayStatus, type SystemStatus } from './system-status';
export { gatewayPlaces, type GatewayCaller, type GatewayPlace } from './gateway-places';
export { startGatewayOf, startGatewayStage, initialApiKey, type GatewayStage } from './gateway-stage';
export {
  gatewayFiles,
  gatewayUrl,
  pseudonymAgency,
  UNIT_ADMIN_CALLER,
  type GatewayFiles,
} from './gateway-files';
export {
  clientWithRole,
  configuredClients,
  peerEndpoints,
  type ConfiguredClient,
  type PeerEndpointSpec,
} from './network-clients';
export { organisationCaFiles } from './organisation-roots';
export { quickstartFor, QUICKSTART_HOLDER, QUICKSTART_PRINTED } from './quickstart';
export { describeError } from './describe-error';
