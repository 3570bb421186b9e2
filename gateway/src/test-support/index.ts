/**
 * The test-support door of @idcard/gateway (`@idcard/gateway/testing`): what
 * the tests against real networks share with the gateway's own tests (made-up
 * ID numbers, the API fuzzer, fixtures, a fake ledger, an SSE client). Never
 * part of a build.
 */
export { idNumberFor } from './id-numbers';
export {
  keysAdmitted,
  leakableData,
  problemKind,
  PUBLIC_ROUTES,
  UNKNOWN_ROUTES,
  type FuzzAnswer,
  type SendFuzzRequest,
} from './fuzz-checks';
export { requestsFor, type FuzzRequest } from './fuzz-requests';
export { operationsOf, type Operation } from './openapi-operations';
export { MINIMAL_CONFIG } from './config-fixtures';
export { FakeLedger } from './fake-ledger';
export { connectSse, type SseClient } from './sse-client';
