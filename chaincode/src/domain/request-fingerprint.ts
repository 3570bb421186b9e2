/**
 * Idempotency (issue 14): a repeated `(unit, requestId)` answers with the
 * first record only when it repeats the same request. The request entry
 * keeps a fingerprint of what was asked (SHA-256 over pseudonymous
 * references, purpose and channel: no personal data); a repeat that
 * fingerprints differently is refused and writes nothing.
 */
import { createHash } from 'node:crypto';
import type { Purpose, VerificationChannel } from '@idcard/common';
import { IdempotencyMismatchError } from '../errors';
import type { PresentedCard } from './presented-card';
import type { StoredVerification } from './verification-record';

/** The first record of a request id and the fingerprint of its request (null when recorded before fingerprints). */
export interface FirstRequest {
  readonly record: StoredVerification;
  readonly fingerprint: string | null;
}

/** What a repeat must match: its fingerprints (one per pseudonym key) and the fields every record has. */
export interface RepeatedRequest {
  readonly requestId: string;
  readonly purpose: Purpose;
  readonly channel: VerificationChannel;
  readonly fingerprints: readonly string[];
  /** For card requests, the presented cardRef under each key (compared when there is no fingerprint). */
  readonly cardRefs?: readonly string[];
}

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

/** Fingerprint of a card verification request. */
export function cardRequestFingerprint(purpose: Purpose, card: PresentedCard): string {
  const { cardRef, personRef, nameCheck, validFrom, validUntil } = card;
  return digest(['CARD', purpose, cardRef, personRef, nameCheck, validFrom, validUntil]);
}

/** Fingerprint of an electronic-ID token verification request. */
export function tokenRequestFingerprint(purpose: Purpose, tokenHash: string): string {
  return digest(['EID_TOKEN', purpose, tokenHash]);
}

/**
 * Accepts a repeat of the first request; records from before fingerprints
 * are compared on purpose, channel and (for cards) cardRef.
 * @throws IdempotencyMismatchError when the repeat asks something else.
 */
export function requireSameRequest(first: FirstRequest, repeat: RepeatedRequest): void {
  const { record, fingerprint } = first;
  const same =
    fingerprint !== null
      ? repeat.fingerprints.includes(fingerprint)
      : record.purpose === repeat.purpose &&
        record.channel === repeat.channel &&
        (repeat.cardRefs === undefined || repeat.cardRefs.some((ref) => ref === record.cardRef));
  if (!same) throw new IdempotencyMismatchError(repeat.requestId);
}
