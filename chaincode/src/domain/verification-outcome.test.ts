import type { Unit } from '@idcard/common';
import type { StoredCard } from './card-record';
import { tokenOutcome } from './eid-token';
import { cardOutcome, denialFor } from './verification-outcome';

const unit: Unit = {
  unitId: 'BANK-001',
  category: 'BANK',
  displayName: 'Bank',
  allowedPurposes: ['ACCOUNT_OPENING'],
  state: 'ACTIVE',
  suspensionReason: null,
  registeredAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const card: StoredCard = {
  cardRef: 'c',
  personRef: 'p',
  nameCheck: 'n',
  kind: 'RESIDENT_CARD',
  state: 'VALID',
  previousState: null,
  validFrom: '2020-01-15',
  validUntil: '2030-01-15',
  issuedAt: '2020-01-15T00:00:00.000Z',
  updatedAt: '2020-01-15T00:00:00.000Z',
  lastAction: 'ISSUE',
  lastReason: 'FIRST_ISSUE',
  occurredAt: '2020-01-15T00:00:00.000Z',
  officerUnit: 'PSB-1',
  replacedBy: null,
  version: 1,
};
const shown = {
  cardRef: 'c',
  personRef: 'p',
  nameCheck: 'n',
  validFrom: '2020-01-15',
  validUntil: '2030-01-15',
};
const at = '2026-03-01T00:00:00.000Z';

describe('verification outcome', () => {
  it('denies in the order unit unknown, suspended, purpose not allowed', () => {
    expect(denialFor(undefined, 'ACCOUNT_OPENING')).toEqual({ result: 'DENIED', reason: 'UNIT_UNKNOWN' });
    expect(denialFor({ ...unit, state: 'SUSPENDED' }, 'HOTEL_CHECKIN')).toEqual({
      result: 'DENIED',
      reason: 'UNIT_SUSPENDED',
    });
    expect(denialFor(unit, 'HOTEL_CHECKIN')).toEqual({ result: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' });
    expect(denialFor(unit, 'ACCOUNT_OPENING')).toBeNull();
  });

  it('checks identity, then name, then state, then validity', () => {
    expect(cardOutcome(shown, undefined, at)).toEqual({ result: 'INVALID', reason: 'NOT_FOUND' });
    expect(cardOutcome({ ...shown, personRef: 'x', nameCheck: 'x' }, card, at).reason).toBe('NOT_FOUND');
    expect(cardOutcome({ ...shown, nameCheck: 'x' }, { ...card, state: 'LOST' }, at).reason).toBe(
      'NAME_MISMATCH',
    );
    expect(cardOutcome(shown, { ...card, state: 'REVOKED' }, '2031-01-01T00:00:00.000Z').reason).toBe(
      'REVOKED',
    );
    expect(cardOutcome(shown, card, '2031-01-01T00:00:00.000Z').reason).toBe('EXPIRED');
    expect(cardOutcome(shown, card, at)).toEqual({ result: 'VALID', reason: null });
  });

  it('checks a token: unknown, used, expired, then its card', () => {
    const token = {
      tokenHash: 'h',
      cardRef: 'c',
      expiresAt: '2026-03-01T00:05:00.000Z',
      issuedAt: at,
      usedAt: null,
      usedBy: null,
    };
    expect(tokenOutcome(undefined, card, at).reason).toBe('NOT_FOUND');
    expect(tokenOutcome({ ...token, usedAt: at, expiresAt: at }, card, at).reason).toBe('TOKEN_USED');
    expect(tokenOutcome(token, card, '2026-03-01T00:05:00.000Z').reason).toBe('TOKEN_EXPIRED');
    expect(tokenOutcome(token, undefined, at).reason).toBe('NOT_FOUND');
    expect(tokenOutcome(token, { ...card, state: 'STOLEN' }, at).reason).toBe('STOLEN');
    expect(tokenOutcome(token, card, at)).toEqual({ result: 'VALID', reason: null });
  });
});
