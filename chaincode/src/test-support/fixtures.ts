/** Deterministic pseudonymous test values (no real personal data anywhere). */
import { createHash } from 'node:crypto';

/** SHA-256 hex of a label. */
export function sha256(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

/** A keyed reference `k1.<64 hex>` derived from a label. */
export function ref(label: string): string {
  return `k1.${sha256(label)}`;
}

/** A printed card: what IssueCard takes besides reason and time. */
export interface CardSpec {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
  readonly kind: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** A resident card of a person, valid 2020-01-15 to 2030-01-15 unless overridden. */
export function cardSpec(label: string, overrides: Partial<CardSpec> = {}): CardSpec {
  return {
    cardRef: ref(`card:${label}`),
    personRef: ref(`person:${label}`),
    nameCheck: ref(`name:${label}`),
    kind: 'RESIDENT_CARD',
    validFrom: '2020-01-15',
    validUntil: '2030-01-15',
    ...overrides,
  };
}

/** The presented form of a card (as VerifyCard and bulk items take it). */
export function presented(spec: CardSpec, requestId: string) {
  const { cardRef, personRef, nameCheck, validFrom, validUntil } = spec;
  return { requestId, cardRef, personRef, nameCheck, validFrom, validUntil };
}
