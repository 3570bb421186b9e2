/**
 * Records shaped like the chaincode's, for the fake ledger: a card, a unit,
 * a page, and the fixed transaction time they carry.
 */
import type { Card, Page, Unit } from '../ledger/records';

/** Transaction time of every fake record. */
export const TX_TIME = '2026-03-01T04:00:00.000Z';

/** A one-page answer. */
export function page<T>(items: T[]): Page<T> {
  return { items, bookmark: '', pageSize: 50 };
}

/** Pages through `items` with the next index as bookmark, as a chaincode list would. */
export function pageOf<T>(items: readonly T[], args: Readonly<Record<string, unknown>>): Page<T> {
  const start = Number(args.bookmark === '' ? 0 : args.bookmark);
  const size = Number(args.pageSize) > 0 ? Number(args.pageSize) : 50;
  const end = start + size;
  return { items: items.slice(start, end), bookmark: end < items.length ? String(end) : '', pageSize: size };
}

/** A VALID resident card. */
export function fakeCard(cardRef: string, extra: Partial<Card> = {}): Card {
  return {
    cardRef,
    personRef: 'k1.' + 'a'.repeat(64),
    kind: 'RESIDENT_CARD',
    state: 'VALID',
    effectiveState: 'VALID',
    validFrom: '2020-01-01',
    validUntil: '2040-01-01',
    issuedAt: TX_TIME,
    updatedAt: TX_TIME,
    lastAction: 'ISSUE',
    lastReason: 'FIRST_ISSUE',
    occurredAt: TX_TIME,
    officerUnit: 'PSB-110000',
    ...extra,
  };
}

/** An ACTIVE bank. */
export function fakeUnit(unitId: string, extra: Partial<Unit> = {}): Unit {
  return {
    unitId,
    category: 'BANK',
    displayName: 'Unit',
    allowedPurposes: ['ACCOUNT_OPENING'],
    state: 'ACTIVE',
    suspensionReason: null,
    registeredAt: TX_TIME,
    updatedAt: TX_TIME,
    ...extra,
  };
}
