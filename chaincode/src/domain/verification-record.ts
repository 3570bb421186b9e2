/**
 * Verification records: ids unique per transaction and item, the stored
 * value, and the result returned (first or replayed).
 */
import type { Purpose, VerificationChannel, VerificationRecord } from '@idcard/common';
import type { Outcome } from './verification-outcome';

/** A verification record as stored (replayed is a property of the answer, not the record). */
export type StoredVerification = Omit<VerificationRecord, 'replayed'>;

/** The id of item `index` of transaction `txId`: unique, so concurrent verifications never conflict. */
export function recordIdOf(txId: string, index: number): string {
  return `${txId}.${index}`;
}

/** What a new record is made of. */
export interface VerificationFacts {
  readonly txId: string;
  readonly txTime: string;
  readonly index: number;
  readonly requestId: string;
  readonly unitId: string;
  readonly purpose: Purpose;
  readonly channel: VerificationChannel;
  readonly cardRef: string | null;
}

/** A new record of an outcome. */
export function newVerification(facts: VerificationFacts, outcome: Outcome): StoredVerification {
  return {
    recordId: recordIdOf(facts.txId, facts.index),
    requestId: facts.requestId,
    unitId: facts.unitId,
    purpose: facts.purpose,
    channel: facts.channel,
    cardRef: facts.cardRef,
    result: outcome.result,
    reason: outcome.reason,
    txId: facts.txId,
    txTime: facts.txTime,
  };
}

/** The record as a result; `replayed` when it answers a repeated request. */
export function verificationView(record: StoredVerification, replayed: boolean): VerificationRecord {
  return {
    recordId: record.recordId,
    requestId: record.requestId,
    unitId: record.unitId,
    purpose: record.purpose,
    channel: record.channel,
    cardRef: record.cardRef,
    result: record.result,
    reason: record.reason,
    txId: record.txId,
    txTime: record.txTime,
    replayed,
  };
}

/** The view of a stored record read back (never a replay). */
export function storedView(record: StoredVerification): VerificationRecord {
  return verificationView(record, false);
}
