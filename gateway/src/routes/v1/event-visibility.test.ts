import type { LedgerEvent } from '../../ledger/ledger-client';
import { suspendsViewer, viewOf } from './event-visibility';

const DAY = 86_400_000;
const REF = `k1.${'c'.repeat(64)}`;
const NEXT = `k1.${'d'.repeat(64)}`;

function event(name: string, payload: Record<string, unknown>): LedgerEvent {
  return { id: '7:0', position: { blockNumber: 7, txIndex: 0 }, txId: 'tx7', name, payload };
}

const notice = (unitId: string, checkedAt: string) => ({
  noticeId: `tx7.${unitId}`,
  unitId,
  cardRef: REF,
  state: 'REVOKED',
  changedAt: '2026-03-01T00:00:00.000Z',
  checkedAt,
});
const revoked = event('CardStatusNotices', {
  notices: [notice('BANK-1', '2026-02-20T00:00:00.000Z'), notice('HOTEL-2', '2025-01-01T00:00:00.000Z')],
});
const change = event('CardStatusChanged', {
  cardRef: REF,
  action: 'REVOKE',
  fromState: 'VALID',
  toState: 'REVOKED',
  reasonCode: 'DEATH',
});
const issued = event('CardIssued', { cardRef: NEXT, replacedCardRef: REF });
const bank = { role: 'verifier', unit: 'BANK-1' } as const;
const hotel = { role: 'verifier', unit: 'HOTEL-2' } as const;
const library = { role: 'verifier', unit: 'LIB-3' } as const;

describe('what each caller sees of a card change', () => {
  it('gives a unit told VALID before the change its own CardStatusNotice, and never the change itself', () => {
    expect(viewOf(bank, revoked, 90 * DAY)).toEqual({
      name: 'CardStatusNotice',
      data: { txId: 'tx7', notices: [notice('BANK-1', '2026-02-20T00:00:00.000Z')] },
    });
    expect(JSON.stringify(viewOf(bank, revoked, 90 * DAY))).not.toContain('HOTEL-2');
    for (const raw of [change, issued]) expect(viewOf(bank, raw, 90 * DAY)).toBeUndefined();
  });

  it('tells a unit nothing of a card it did not check, or checked longer ago than the retention window', () => {
    expect(viewOf(library, revoked, 90 * DAY)).toBeUndefined();
    expect(viewOf(hotel, revoked, 90 * DAY)).toBeUndefined();
    expect(viewOf(hotel, revoked, 500 * DAY)?.name).toBe('CardStatusNotice');
    expect(viewOf(library, event('CardStatusNotices', { notices: 'x' }), 90 * DAY)).toBeUndefined();
  });

  it('shows officers the change but not which units checked the card; auditors everything', () => {
    const officer = { role: 'officer', unit: 'PSB-1' } as const;
    expect(viewOf(officer, change, DAY)).toEqual({
      name: 'CardStatusChanged',
      data: { txId: 'tx7', ...change.payload },
    });
    expect(viewOf(officer, issued, DAY)?.name).toBe('CardIssued');
    expect(viewOf(officer, revoked, DAY)).toBeUndefined();
    expect(viewOf({ role: 'auditor', unit: undefined }, revoked, DAY)?.data).toHaveProperty('notices');
    expect(viewOf({ role: 'operator', unit: undefined }, change, DAY)).toBeUndefined();
  });

  it('shows trail reads to officers and auditors only, and own-unit records to a unit', () => {
    const read = event('TrailRead', {
      readId: 'r',
      cardRef: REF,
      officerUnit: 'PSB-1',
      purpose: 'COURT_ORDER',
    });
    expect(viewOf({ role: 'officer', unit: 'PSB-1' }, read, DAY)?.name).toBe('TrailRead');
    expect(viewOf(bank, read, DAY)).toBeUndefined();
    const verified = event('CardVerified', { unitId: 'BANK-1', recordId: 'x' });
    expect(viewOf(bank, verified, DAY)?.name).toBe('CardVerified');
    expect(viewOf(hotel, verified, DAY)).toBeUndefined();
    expect(viewOf({ role: 'officer', unit: 'PSB-1' }, verified, DAY)).toBeUndefined();
  });

  it('recognises the suspension of the viewer’s own unit', () => {
    const suspended = event('UnitChanged', { unitId: 'BANK-1', state: 'SUSPENDED', action: 'SUSPEND' });
    expect(suspendsViewer(bank, suspended)).toBe(true);
    expect(suspendsViewer(hotel, suspended)).toBe(false);
    expect(suspendsViewer({ role: 'auditor', unit: undefined }, suspended)).toBe(false);
    expect(suspendsViewer(bank, event('UnitChanged', { unitId: 'BANK-1', state: 'ACTIVE' }))).toBe(false);
  });
});
