/**
 * Submit with a retry policy that depends on the kind of failure:
 * MVCC_READ_CONFLICT / PHANTOM_READ_CONFLICT → a NEW proposal after a
 * backoff (the world state moved); a submit or commit-status timeout → the
 * SAME signed transaction is sent again and its status re-checked (same
 * transaction id, so it can commit at most once); a business rejection or
 * any other failure → never retried.
 */
import {
  LedgerConflictError,
  LedgerOutcomeUnknownError,
  LedgerUnavailableError,
  type LedgerError,
} from '../ledger/ledger-errors';
import { commitFailure, mapLedgerError } from './error-mapping';

/** An endorsed, signed transaction that can be sent and asked about. */
export interface EndorsedTransaction {
  readonly transactionId: string;
  /** The chaincode's result from endorsement. */
  readonly result: Uint8Array;
  /** The prepared transaction (fabric-gateway PreparedTransaction), signed once it has been sent. */
  getBytes(): Uint8Array;
  /** Sends this transaction to ordering; may be called again with the same bytes. */
  submit(): Promise<void>;
  /** Waits for and returns this transaction's commit status. */
  status(): Promise<{ readonly blockNumber: bigint; readonly code: number; readonly successful: boolean }>;
}

/** The narrow port the retry loop drives: each endorse() is a brand-new proposal. */
export interface SubmitPort {
  endorse(): Promise<EndorsedTransaction>;
}

/** Retry limits and the clock to wait with. */
export interface RetryPolicy {
  /** New proposals at most (first try included). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Re-sends of the same transaction after a submit or status timeout. */
  readonly maxResubmits: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A committed transaction. */
export interface SubmitOutcome {
  readonly transactionId: string;
  readonly result: Uint8Array;
  readonly blockNumber: bigint;
  /** The committed transaction as sent (fabric-gateway PreparedTransaction bytes). */
  readonly preparedTransaction: Uint8Array;
  /** Proposals made (1 when no conflict). */
  readonly attempts: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * Calls `attempt` until it succeeds, fails in a way `retriable` refuses, or
 * has been retried `limit` times; `beforeRetry(n)` runs before the n-th retry.
 * @throws LedgerError (mapped) of the last failure
 */
async function withRetries<T>(
  attempt: () => Promise<T>,
  retriable: (failure: LedgerError) => boolean,
  limit: number,
  beforeRetry: (retry: number) => Promise<unknown>,
): Promise<T> {
  for (let retries = 0; ; retries += 1) {
    try {
      return await attempt();
    } catch (err) {
      const failure = mapLedgerError(err);
      if (!retriable(failure) || retries >= limit) throw failure;
      await beforeRetry(retries + 1);
    }
  }
}

/** Sends the transaction, again after a backoff while ordering is unavailable. */
function sendWithResubmit(
  tx: EndorsedTransaction,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
) {
  return withRetries(
    () => tx.submit(),
    (failure) => failure instanceof LedgerUnavailableError,
    policy.maxResubmits,
    (retry) => sleep(backoffMs(retry, policy)),
  );
}

/**
 * The transaction's commit status, asked again while it is not known. The
 * transaction may have been lost before ordering, so the same one is sent
 * again first (a duplicate of a committed transaction is invalidated, never
 * applied twice).
 */
function awaitStatus(tx: EndorsedTransaction, policy: RetryPolicy, sleep: (ms: number) => Promise<void>) {
  return withRetries(
    () => tx.status(),
    (failure) => failure instanceof LedgerOutcomeUnknownError,
    policy.maxResubmits,
    () => sendWithResubmit(tx, policy, sleep).catch(() => undefined),
  );
}

/**
 * Endorses, submits and waits for commit, retrying per the policy.
 * @throws LedgerError (already mapped): ChaincodeError, LedgerConflictError after the last attempt, …
 */
export async function submitWithRetry(port: SubmitPort, policy: RetryPolicy): Promise<SubmitOutcome> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    let tx: EndorsedTransaction;
    try {
      tx = await port.endorse();
    } catch (err) {
      const failure = mapLedgerError(err);
      if (!(failure instanceof LedgerConflictError) || attempt >= policy.maxAttempts) throw failure;
      await sleep(backoffMs(attempt, policy));
      continue;
    }
    await sendWithResubmit(tx, policy, sleep);
    const status = await awaitStatus(tx, policy, sleep);
    if (status.successful) {
      return {
        transactionId: tx.transactionId,
        result: tx.result,
        blockNumber: status.blockNumber,
        preparedTransaction: tx.getBytes(),
        attempts: attempt,
      };
    }
    const failure = commitFailure(status.code, tx.transactionId);
    if (!(failure instanceof LedgerConflictError) || attempt >= policy.maxAttempts) throw failure;
    await sleep(backoffMs(attempt, policy));
  }
}
