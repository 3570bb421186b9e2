/**
 * Names the transaction(s) of a block whose data hash or orderer signatures
 * failed: an entry that no longer decodes as an envelope, or whose creator
 * signature (ECDSA over the payload, by the certificate in its own signature
 * header) fails. Run only after such a failure, so a clean replay pays
 * nothing for it. The orderer signatures are what catch a change in the
 * newest block, which no later block's previous_hash covers: an attacker
 * who rewrites its data and data_hash together still cannot sign the header
 * as an orderer, nor the changed transaction as its creator.
 */
import { createPublicKey } from 'node:crypto';
import { checkFabricSignature } from './ecdsa-signature';
import type { IntegrityFinding } from './integrity-finding';
import { decodeTransaction } from './transaction-decoder';

function creatorSignatureProblem(
  certificate: string,
  payload: Uint8Array,
  signature: Uint8Array,
): string | null {
  let key;
  try {
    key = createPublicKey(certificate);
  } catch {
    return 'creator certificate does not parse';
  }
  const check = checkFabricSignature(key, payload, signature);
  return check === 'ok' ? null : `creator signature ${check}`;
}

/** Findings naming each entry that fails to decode or to verify (none when every entry verifies). */
export function locateTamperedTransactions(
  entries: readonly Uint8Array[],
  at: { readonly blockNumber: number; readonly location: string },
): IntegrityFinding[] {
  const findings: IntegrityFinding[] = [];
  entries.forEach((entry, index) => {
    const tx = decodeTransaction(index, entry, '', false);
    const problem =
      tx.decodeError !== undefined
        ? `does not decode (${tx.decodeError})`
        : creatorSignatureProblem(tx.creatorCertificate, tx.payloadBytes, tx.signature);
    if (problem === null) return;
    findings.push({
      ...at,
      kind: 'transaction-tampered',
      txIndex: index,
      ...(tx.txId === '' ? {} : { txId: tx.txId }),
      message: `block ${at.blockNumber} transaction ${index}${tx.txId === '' ? '' : ` (${tx.txId})`}: ${problem}`,
    });
  });
  return findings;
}
