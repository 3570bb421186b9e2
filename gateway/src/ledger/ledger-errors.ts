/**
 * Typed ledger failures. The Fabric adapter translates every library error
 * into one of these in exactly one place (fabric/error-mapping.ts); the HTTP
 * problem handler maps them to problem types. Nothing reads message text.
 */
import type { ErrorCode } from '@idcard/common';

/** Base of every ledger failure. */
export class LedgerError extends Error {
  override readonly name: string = 'LedgerError';
  /** Fabric transaction id, when one was created. */
  readonly transactionId: string | undefined;
  /** What each endorser or orderer said, when Fabric's gateway attached it (for the log). */
  readonly details: readonly string[] | undefined;

  constructor(
    message: string,
    options: { cause?: unknown; transactionId?: string; details?: readonly string[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.transactionId = options.transactionId;
    this.details = options.details;
  }
}

/** The chaincode refused the call with a stable `CODE: text` message; nothing was written. */
export class ChaincodeError extends LedgerError {
  override readonly name = 'ChaincodeError';
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: { cause?: unknown; transactionId?: string } = {},
  ) {
    super(`${code}: ${detail}`, options);
  }
}

/** No peer could be reached, a deadline passed, or the gateway is draining. Retry later. */
export class LedgerUnavailableError extends LedgerError {
  override readonly name = 'LedgerUnavailableError';
}

/** This caller already has as many ledger calls waiting as its share allows; the others are served. */
export class LedgerBusyError extends LedgerError {
  override readonly name = 'LedgerBusyError';
}

/** The transaction kept losing MVCC/phantom-read races after every retry. */
export class LedgerConflictError extends LedgerError {
  override readonly name = 'LedgerConflictError';
}

/** The transaction was ordered but committed invalid (e.g. ENDORSEMENT_POLICY_FAILURE). */
export class LedgerCommitError extends LedgerError {
  override readonly name = 'LedgerCommitError';
  constructor(
    readonly validationCode: string,
    options: { cause?: unknown; transactionId?: string; details?: readonly string[] } = {},
  ) {
    super(`transaction committed invalid: ${validationCode}`, options);
  }
}

/** The outcome of a submitted transaction could not be learnt (commit status kept timing out). */
export class LedgerOutcomeUnknownError extends LedgerError {
  override readonly name = 'LedgerOutcomeUnknownError';
}

/** The chaincode returned something that is not the documented JSON. */
export class LedgerProtocolError extends LedgerError {
  override readonly name = 'LedgerProtocolError';
}
