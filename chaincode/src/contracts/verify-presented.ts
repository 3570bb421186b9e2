/**
 * Deciding and recording verifications of presented cards, shared by the
 * single and the bulk transactions: every item is decided (and its replay
 * found and checked to be the same request) before anything is written.
 * A card is looked up under each pseudonym key the gateway sent, and a unit
 * told VALID is noted as watching the card (a blind write: no conflicts).
 */
import type { Purpose, Unit, VerificationRecord } from '@idcard/common';
import { candidatesOf, type BulkItem, type PresentedCard } from '../domain/presented-card';
import { cardRequestFingerprint, requireSameRequest } from '../domain/request-fingerprint';
import { watchesCard } from '../status-notices/status-notice';
import { cardOutcome, denialFor } from '../domain/verification-outcome';
import { newVerification, verificationView, type StoredVerification } from '../domain/verification-record';
import type { StoredCard } from '../domain/card-record';
import type { Ledger } from '../ledger/ledger';

/** A new record and the fingerprint of the request it answers. */
export interface FreshVerification {
  readonly record: StoredVerification;
  readonly fingerprint: string;
  /** True when the unit was told VALID (it will be told of later changes). */
  readonly watches: boolean;
}

/** The decided answers of a request: new records to write, and every answer in item order. */
export interface DecidedVerifications {
  readonly fresh: FreshVerification[];
  readonly answers: VerificationRecord[];
}

/** What the items are checked by and for. */
export interface VerificationRequest {
  readonly ledger: Ledger;
  readonly unitId: string;
  readonly purpose: Purpose;
  readonly items: readonly BulkItem[];
}

/** The first candidate whose card is on the ledger, with the card; else the card as sent and none. */
async function findPresented(
  ledger: Ledger,
  candidates: readonly PresentedCard[],
): Promise<{ presented: PresentedCard; card: StoredCard | undefined }> {
  for (const candidate of candidates) {
    const card = await ledger.cards.find(candidate.cardRef);
    if (card !== undefined) return { presented: candidate, card };
  }
  const [sent] = candidates;
  if (sent === undefined) throw new Error('an item has at least its own references');
  return { presented: sent, card: undefined };
}

/**
 * Decides every item: a request id already recorded for the unit answers
 * with its first record (replayed) when it repeats the same request;
 * otherwise the unit's standing, then the card, decide a new record. Reads only.
 * @throws IdempotencyMismatchError when a recorded request id is reused for another request.
 */
export async function decideVerifications(request: VerificationRequest): Promise<DecidedVerifications> {
  const { ledger, unitId, purpose } = request;
  const { txId, txTime } = ledger.state;
  const unit: Unit | undefined = await ledger.units.find(unitId);
  const denial = denialFor(unit, purpose);
  const fresh: FreshVerification[] = [];
  const answers: VerificationRecord[] = [];
  for (const [index, item] of request.items.entries()) {
    const candidates = candidatesOf(item);
    const first = await ledger.verifications.findRequest(unitId, item.requestId);
    if (first !== undefined) {
      requireSameRequest(first, {
        requestId: item.requestId,
        purpose,
        channel: 'CARD',
        fingerprints: candidates.map((candidate) => cardRequestFingerprint(purpose, candidate)),
        cardRefs: candidates.map((candidate) => candidate.cardRef),
      });
      answers.push(verificationView(first.record, true));
      continue;
    }
    // A denied unit learns nothing, so the card is not even read.
    const found =
      denial === null ? await findPresented(ledger, candidates) : { presented: item, card: undefined };
    const outcome = denial ?? cardOutcome(found.presented, found.card, txTime);
    const facts = { txId, txTime, index, unitId, purpose, channel: 'CARD' as const };
    const record = newVerification(
      { ...facts, cardRef: found.presented.cardRef, requestId: item.requestId },
      outcome,
    );
    fresh.push({
      record,
      fingerprint: cardRequestFingerprint(purpose, item),
      watches: watchesCard(outcome),
    });
    answers.push(verificationView(record, false));
  }
  return { fresh, answers };
}

/** Writes the new records, and notes the units told VALID as the card's watchers. */
export async function writeVerifications(ledger: Ledger, fresh: readonly FreshVerification[]): Promise<void> {
  for (const { record, fingerprint } of fresh) await ledger.verifications.add(record, fingerprint);
  const watched = new Set<string>();
  for (const { record, watches } of fresh) {
    if (!watches || record.cardRef === null || watched.has(record.cardRef)) continue;
    watched.add(record.cardRef);
    await ledger.watches.note(record.cardRef, record.unitId, record.txTime);
  }
}
