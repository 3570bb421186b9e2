/**
 * The door of @idcard/ca-client: Fabric CA through the fabric-ca-client
 * program, needing no network config, so the network launcher and the
 * gateway both use it without depending on each other.
 */
export { NetworkError, isNetworkError, type NetworkErrorCode } from './errors';
export {
  runCommand,
  untilSucceeds,
  type CommandResult,
  type CommandRunner,
  type RunOptions,
} from './run-command';
export type { IdentityType, IdentityRequest, EnrolledIdentity, RegistrarPowers } from './identity-request';
export { singleFile, writeNodeOuConfig, writeOrgMsp, finishLocalMsp } from './msp';
export { caClient, enrollAt, type CaCommand, type CaEndpoint } from './ca-client';
export {
  createCaIdentityRegistrar,
  type CaIdentityRegistrar,
  type CaRegistrarOptions,
  type ClientIdentityRequest,
  type EnrolledClient,
} from './ca-identity-registrar';
