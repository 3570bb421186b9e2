/**
 * Deciding and recording verifications of presented cards, shared by the
 * single and the bulk transaction: every item is decided (and its replay
 * found) before anything is written.
 */
import type { Purpose, Unit, VerificationRecord } from '@idcard/common';
import type { BulkItem } from '../domain/presented-card';
import { cardOutcome, denialFor } from '../domain/verification-outcome';
import { newVerification, verificationView, type StoredVerification } from '../domain/verification-record';
import type { Ledger } from '../ledger/ledger';

/** The decided answers of a request: new records to write, and every answer in item order. */
export interface DecidedVerifications {
  readonly fresh: StoredVerification[];
  readonly answers: VerificationRecord[];
}

/** What the items are checked by and for. */
export interface VerificationRequest {
  readonly ledger: Ledger;
  readonly unitId: string;
  readonly purpose: Purpose;
  readonly items: readonly BulkItem[];
}

/**
 * Decides every item: a request id already recorded for the unit answers
 * with its first record (replayed); otherwise the unit's standing, then the
 * card, decide a new record. Reads only.
 */
export async function decideVerifications(request: VerificationRequest): Promise<DecidedVerifications> {
  const { ledger, unitId, purpose } = request;
  const { txId, txTime } = ledger.state;
  const unit: Unit | undefined = await ledger.units.find(unitId);
  const denial = denialFor(unit, purpose);
  const fresh: StoredVerification[] = [];
  const answers: VerificationRecord[] = [];
  for (const [index, item] of request.items.entries()) {
    const first = await ledger.verifications.findByRequest(unitId, item.requestId);
    if (first !== undefined) {
      answers.push(verificationView(first, true));
      continue;
    }
    const outcome = denial ?? cardOutcome(item, await ledger.cards.find(item.cardRef), txTime);
    const facts = { txId, txTime, index, unitId, purpose, channel: 'CARD' as const, cardRef: item.cardRef };
    const record = newVerification({ ...facts, requestId: item.requestId }, outcome);
    fresh.push(record);
    answers.push(verificationView(record, false));
  }
  return { fresh, answers };
}

/** Writes the new records. */
export async function writeVerifications(
  ledger: Ledger,
  fresh: readonly StoredVerification[],
): Promise<void> {
  for (const record of fresh) await ledger.verifications.add(record);
}
