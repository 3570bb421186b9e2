/**
 * What a receipt check concludes, as one answer: the offline verdict on the
 * receipt's signatures and, when the ledger was asked, whether its
 * transaction is there and VALID. The CLI's report and the gateway's answer
 * are this.
 */
import type { VerificationReceipt } from './receipt';
import type { ReceiptVerdict } from './receipt-check';
import type { LedgerPresence } from './receipt-ledger';

/** The conclusion of a receipt check. */
export interface ReceiptOutcome {
  /** True when the signatures check out and the ledger (when asked) holds the transaction VALID. */
  readonly accepted: boolean;
  /** Why the receipt is refused (empty when accepted). */
  readonly problems: readonly string[];
  readonly txId?: string;
  readonly blockNumber?: number;
  /** Absent when the receipt could not be read. */
  readonly signatures?: ReceiptVerdict;
  /** Absent when the ledger was not asked. */
  readonly ledger?: LedgerPresence;
}

/** The conclusion from the offline verdict and, when the ledger was asked, its answer. */
export function receiptOutcome(
  receipt: VerificationReceipt,
  signatures: ReceiptVerdict,
  ledger?: LedgerPresence,
): ReceiptOutcome {
  return {
    accepted: signatures.ok && ledger?.ok !== false,
    problems: [...signatures.problems, ...(ledger?.problems ?? [])],
    txId: receipt.txId,
    blockNumber: receipt.blockNumber,
    signatures,
    ...(ledger === undefined ? {} : { ledger }),
  };
}
