/**
 * The receipt every verification answer carries: the committed transaction
 * with its endorsements, the record and where it landed, built by the audit
 * library (docs/audit.md), which also checks it (`idcard audit receipt`).
 */
import { Type } from '@sinclair/typebox';
import { buildReceipt, RECEIPT_KIND, RECEIPT_VERSION } from '@idcard/audit';
import type { Committed as CommittedTx } from '../../ledger/ledger-client';
import { committedResponse } from './route-context';

/** A verification receipt (audit/src/receipt.ts). */
export const ReceiptSchema = Type.Object(
  {
    kind: Type.Literal(RECEIPT_KIND),
    version: Type.Literal(RECEIPT_VERSION),
    txId: Type.String(),
    blockNumber: Type.Integer(),
    record: Type.Unknown({ description: 'The chaincode result the peers endorsed (the answer’s `result`)' }),
    endorsements: Type.Array(
      Type.Object({ mspId: Type.String(), certificate: Type.String(), signature: Type.String() }),
    ),
    transaction: Type.String({ description: 'Base64 of the committed transaction envelope' }),
  },
  { description: 'Keep it to show an auditor; check it with `idcard audit receipt FILE`' },
);

/**
 * The committed answer and, when the ledger gave its envelope, its receipt.
 * @throws ReceiptError when the envelope is not an endorsed transaction with a JSON result
 */
export function withReceipt<T>(committed: CommittedTx<T>) {
  const answer = committedResponse(committed);
  if (committed.envelope === undefined) return answer;
  const receipt = buildReceipt(committed.txId, committed.blockNumber, committed.envelope);
  return { ...answer, receipt: { ...receipt, endorsements: [...receipt.endorsements] } };
}
