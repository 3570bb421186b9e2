/**
 * The one place where Fabric client failures become typed ledger errors.
 * Errors are recognised by `name` (fabric-gateway exports SubmitError as a
 * type only) and by their machine fields (gRPC status code, validation code);
 * the chaincode's stable `CODE: text` message is read here and nowhere else.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { ERROR_CODES, type ErrorCode } from '@idcard/common';
import {
  ChaincodeError,
  LedgerCommitError,
  LedgerConflictError,
  LedgerError,
  LedgerOutcomeUnknownError,
  LedgerUnavailableError,
} from '../ledger/ledger-errors';

/** The fields of a fabric-gateway error this mapping reads. */
interface FabricErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly transactionId?: unknown;
  readonly details?: unknown;
}

const TRANSIENT_GRPC = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
]);
/** An endorsement refused as a whole (the endorsers' answers may have differed). */
const DIVERGED_GRPC = new Set<number>([GrpcStatus.ABORTED]);
/** The per-endorser detail Fabric's gateway gives when an endorser's answer differs from the first one's. */
const PAYLOADS_DIFFER = 'ProposalResponsePayloads do not match';

/**
 * What Fabric's gateway says when it cannot plan an endorsement because the
 * peers a policy needs are not connected (discovery lists no live peer of an
 * organisation the policy requires).
 */
const UNPLANNED_GRPC: number = GrpcStatus.FAILED_PRECONDITION;
const NO_ENDORSERS =
  /failed to find any endorsing peers|no combination of peers can be derived|no peers available to evaluate|endorsement policy due to unavailability of peers/;
/**
 * What an endorser's detail says when it could not be reached or could not
 * reach its chaincode server (a transport failure, not an answer).
 */
const ENDORSER_DOWN =
  /\bUnavailable\b|connection refused|connection error|error reading from server|transport is closing|chaincode stream terminated|could not launch chaincode|failed to connect|context deadline exceeded|DeadlineExceeded|client connection is closing/;

/** What Fabric's gateway says when an orderer refused a transaction because it cannot order now. */
const ORDERER_UNAVAILABLE = /unsuccessful response from orderer: status=SERVICE_UNAVAILABLE/;

function detailMessages(err: FabricErrorShape): string[] {
  const details = Array.isArray(err.details) ? (err.details as { message?: unknown }[]) : [];
  return details.map((d) => d.message).filter((m): m is string => typeof m === 'string');
}

/** True when an endorser's answer differed from another's (and not, say, a refused timestamp). */
function answersDiffered(err: FabricErrorShape): boolean {
  return detailMessages(err).some((m) => m.includes(PAYLOADS_DIFFER));
}

/**
 * True when an endorsement failed because a needed endorser (or its chaincode
 * server) is down: no endorser of a required organisation is known, or every
 * endorser's detail is a transport failure. Retrying later can succeed.
 */
function endorsersDown(err: FabricErrorShape, code: number): boolean {
  const message = typeof err.message === 'string' ? err.message : '';
  if (code === UNPLANNED_GRPC) return NO_ENDORSERS.test(message);
  if (!DIVERGED_GRPC.has(code)) return false;
  const details = detailMessages(err);
  return details.length > 0 && details.every((m) => ENDORSER_DOWN.test(m));
}
const CONFLICT_CODES = new Set<number>([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);
const VALIDATION_CODE_NAMES = new Map<number, string>(
  Object.entries(StatusCode).map(([codeName, value]) => [value as number, codeName]),
);
const CHAINCODE_MESSAGE = new RegExp(`(?:^|[\\s,:])(${ERROR_CODES.join('|')}):\\s*(.*)$`, 's');

/** The name of a transaction validation code (e.g. 11 → MVCC_READ_CONFLICT). */
export function validationCodeName(code: number): string {
  return VALIDATION_CODE_NAMES.get(code) ?? `CODE_${code}`;
}

/** The chaincode's `CODE: text` in an error's per-peer details or message, if any. */
export function chaincodeMessage(err: FabricErrorShape): { code: ErrorCode; text: string } | undefined {
  const details = Array.isArray(err.details) ? (err.details as { message?: unknown }[]) : [];
  const candidates = [...details.map((d) => d.message), err.message].filter(
    (m): m is string => typeof m === 'string',
  );
  for (const candidate of candidates) {
    const match = CHAINCODE_MESSAGE.exec(candidate);
    if (match?.[1] !== undefined) return { code: match[1] as ErrorCode, text: (match[2] ?? '').trim() };
  }
  return undefined;
}

function txIdOf(err: FabricErrorShape): { transactionId?: string } {
  return typeof err.transactionId === 'string' ? { transactionId: err.transactionId } : {};
}

/** The typed error of a commit that was not VALID. */
export function commitFailure(code: number, transactionId: string, cause?: unknown): LedgerError {
  const options = { transactionId, cause };
  if (CONFLICT_CODES.has(code)) return new LedgerConflictError(validationCodeName(code), options);
  return new LedgerCommitError(validationCodeName(code), options);
}

/** Each endorser's or orderer's detail as `mspId address: message`. */
function detailSummaries(err: FabricErrorShape): string[] {
  const details = Array.isArray(err.details)
    ? (err.details as { address?: unknown; mspId?: unknown; message?: unknown }[])
    : [];
  return details.map((d) => `${String(d.mspId)} ${String(d.address)}: ${String(d.message)}`);
}

function gatewayFailure(err: FabricErrorShape, stage: string): LedgerError {
  const summaries = detailSummaries(err);
  const options = { cause: err, ...txIdOf(err), ...(summaries.length > 0 ? { details: summaries } : {}) };
  const business = chaincodeMessage(err);
  if (business) return new ChaincodeError(business.code, business.text, options);
  const code = typeof err.code === 'number' ? err.code : GrpcStatus.UNKNOWN;
  if (TRANSIENT_GRPC.has(code)) return new LedgerUnavailableError(`${stage}: peer unavailable`, options);
  // The orderers answered "no leader yet" (Raft electing): the same signed transaction can be sent again.
  if (stage === 'submit' && ORDERER_UNAVAILABLE.test(typeof err.message === 'string' ? err.message : '')) {
    return new LedgerUnavailableError('submit: the ordering service is unavailable', options);
  }
  if (stage !== 'submit' && endorsersDown(err, code)) {
    return new LedgerUnavailableError(`${stage}: a required endorser is unavailable`, options);
  }
  // Endorsers answered differently without a business error: peers a block apart (a transition
  // racing this call). Like an MVCC conflict, a new proposal a moment later settles it.
  if (stage === 'endorse' && DIVERGED_GRPC.has(code) && answersDiffered(err)) {
    return new LedgerConflictError('ENDORSEMENTS_DIVERGED', options);
  }
  return new LedgerCommitError(`${stage.toUpperCase()}_FAILED`, options);
}

/**
 * True when a raw client error says the peer could not be reached at all
 * (gRPC UNAVAILABLE), as opposed to a deadline or a refusal: the call can be
 * sent to another peer unchanged.
 */
export function isPeerUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || error instanceof LedgerError) return false;
  const { code } = error as FabricErrorShape;
  return code === GrpcStatus.UNAVAILABLE && chaincodeMessage(error as FabricErrorShape) === undefined;
}

/**
 * Translates any error thrown by the Fabric client into a LedgerError.
 * Already-typed errors pass through.
 */
export function mapLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  const err = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as FabricErrorShape;
  switch (err.name) {
    case 'EndorseError':
      return gatewayFailure(err, 'endorse');
    case 'GatewayError':
      return gatewayFailure(err, 'evaluate');
    case 'SubmitError':
      return gatewayFailure(err, 'submit');
    case 'CommitStatusError': {
      const code = typeof err.code === 'number' ? err.code : GrpcStatus.UNKNOWN;
      if (TRANSIENT_GRPC.has(code)) {
        return new LedgerOutcomeUnknownError('commit status not known yet', { cause: err, ...txIdOf(err) });
      }
      return new LedgerCommitError('COMMIT_STATUS_FAILED', { cause: err, ...txIdOf(err) });
    }
    case 'CommitError':
      return commitFailure(
        typeof err.code === 'number' ? err.code : StatusCode.INVALID_OTHER_REASON,
        typeof err.transactionId === 'string' ? err.transactionId : '',
        err,
      );
    default:
      if (typeof err.code === 'number' && TRANSIENT_GRPC.has(err.code)) {
        return new LedgerUnavailableError('peer unavailable', { cause: err });
      }
      return new LedgerError('unexpected ledger client failure', { cause: err });
  }
}
