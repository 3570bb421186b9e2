/** The public door of @idcard/gateway. */
export { buildApp, type App, type AppDependencies } from './app';
export {
  loadConfig,
  parseConfig,
  ConfigSchema,
  ConfigError,
  type GatewayConfig,
  type OrganisationCaFiles,
} from './config';
export { startGateway, main, type RunningGateway, type StartOptions } from './main';
export { createLogger, REDACT_PATHS } from './logging';
export type {
  Committed,
  EventPosition,
  EventsOptions,
  LedgerClient,
  LedgerEvent,
  LedgerIdentity,
  Readiness,
} from './ledger/ledger-client';
export { formatEventId, parseEventId } from './ledger/ledger-client';
export {
  ChaincodeError,
  LedgerCommitError,
  LedgerConflictError,
  LedgerError,
  LedgerOutcomeUnknownError,
  LedgerProtocolError,
  LedgerUnavailableError,
} from './ledger/ledger-errors';
export {
  TRANSACTIONS,
  encodeArguments,
  type QueryName,
  type SubmitName,
  type TransactionName,
  type TransactionTypes,
  type TxArgs,
  type TxResult,
  type PresentedCard,
} from './ledger/transactions';
export { allPages, LEDGER_START } from './ledger/pages';
export type {
  IdentityRegistrar,
  IdentityRequest,
  EnrolledClientIdentity,
} from './callers/identity-registrar';
export { registrarFromConfig } from './callers/ca-registrar';
export {
  createCallerRegistry,
  openCallerRegistry,
  CallerRegistryFileSchema,
  type Caller,
  type CallerRegistry,
  type CallerRegistryFile,
} from './callers/caller-registry';
export { createApiKey, hashApiKey } from './callers/api-keys';
export { checkIdNumber, checkCharacter, isCalendarDate, todayInChina } from './privacy/id-number';
export { createPseudonymizer, loadPseudonymizer, type Pseudonymizer } from './privacy/pseudonyms';
export { checkPersonName, normaliseName, type PersonNameCheck } from './privacy/person-name';
export { residentValidUntil, checkValidityWindow } from './privacy/card-validity';
export { createFabricLedgerClient, type FabricLedgerOptions } from './fabric/fabric-ledger-client';
export { openFileCheckpointer } from './fabric/file-checkpointer';
export { PROBLEM_BASE, PROBLEM_KINDS, type ProblemKind } from './problems';
export {
  openChannelNetwork,
  type ChannelNetwork,
  type ChannelNetworkOptions,
} from './fabric/channel-network';
export type { AuditPort, AuditReplayOptions } from './auditing/audit-port';
export { ledgerWorldState, type AuditQuery } from './auditing/ledger-world-state';
export { loadOrganisationRoots } from './auditing/organisation-roots';
export { httpsFetch, type ClientTlsFiles, type PostFetch } from './tls/https-fetch';
