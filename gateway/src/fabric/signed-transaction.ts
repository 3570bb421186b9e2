/**
 * An endorsed, signed transaction that can be sent through any peer: the
 * endorsing peer first, then the others when it is unavailable. Every peer
 * gets the SAME signed bytes (same transaction id), so it commits at most
 * once; its commit status is asked of the peer that took it, then of the
 * others when that peer cannot be reached.
 */
import { LedgerUnavailableError } from '../ledger/ledger-errors';
import { isPeerUnreachable, mapLedgerError } from './error-mapping';
import type { EndorsedTransaction } from './submit-with-retry';

/** A transaction's commit status, as the peer reports it. */
export interface CommitStatus {
  readonly blockNumber: bigint;
  readonly code: number;
  readonly successful: boolean;
}

/** The part of a fabric-gateway Commit used here. */
export interface CommitHandle {
  /** The signed commit-status request, to ask another peer. */
  getBytes(): Uint8Array;
  getStatus(): Promise<CommitStatus>;
}

/** The part of a fabric-gateway Transaction used here. */
export interface SendableTransaction {
  getTransactionId(): string;
  getResult(): Uint8Array;
  /** The prepared transaction, with its signature once it has been sent. */
  getBytes(): Uint8Array;
  submit(): Promise<CommitHandle>;
}

/** Gateways of the caller's identity on every peer, rebuilding a transaction or commit from bytes. */
export interface PeerRoute {
  /** Peer indexes to try, the endorsing peer first. */
  readonly order: readonly number[];
  /** The same transaction on another peer's gateway (`gateway.newTransaction(bytes)`). */
  transactionOn(peerIndex: number, bytes: Uint8Array): SendableTransaction;
  /** The same commit-status request on another peer's gateway (`gateway.newCommit(bytes)`). */
  commitOn(peerIndex: number, bytes: Uint8Array): CommitHandle;
}

/**
 * Wraps an endorsed transaction for submitWithRetry with peer failover.
 * Errors are mapped; only an unavailable peer moves the call to the next one.
 */
export function failoverTransaction(tx: SendableTransaction, route: PeerRoute): EndorsedTransaction {
  const [first = 0, ...others] = route.order;
  let commit: { handle: CommitHandle; peerIndex: number } | undefined;

  const submitOn = async (peerIndex: number): Promise<void> => {
    const sendable = peerIndex === first ? tx : route.transactionOn(peerIndex, tx.getBytes());
    commit = { handle: await sendable.submit(), peerIndex };
  };

  return {
    transactionId: tx.getTransactionId(),
    result: tx.getResult(),
    getBytes: () => tx.getBytes(),
    async submit() {
      let last = new LedgerUnavailableError('no peer configured');
      for (const peerIndex of [first, ...others]) {
        try {
          await submitOn(peerIndex);
          return;
        } catch (err) {
          const mapped = mapLedgerError(err);
          if (!(mapped instanceof LedgerUnavailableError)) throw mapped;
          last = mapped;
        }
      }
      throw last;
    },
    async status() {
      if (!commit) throw new LedgerUnavailableError('transaction was not submitted');
      const { handle, peerIndex: taker } = commit;
      const order = [taker, ...route.order.filter((p) => p !== taker)];
      let last: unknown;
      for (const peerIndex of order) {
        try {
          return await (
            peerIndex === taker ? handle : route.commitOn(peerIndex, handle.getBytes())
          ).getStatus();
        } catch (err) {
          last = err;
          if (!isPeerUnreachable(err)) break;
        }
      }
      throw mapLedgerError(last);
    },
  };
}
