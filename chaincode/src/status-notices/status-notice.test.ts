import { noticePayload, noticesOf, watchesCard } from './status-notice';

describe('status notices', () => {
  it.each([
    [{ result: 'VALID', reason: null }, true],
    [{ result: 'INVALID', reason: 'LOST' }, false],
    [{ result: 'INVALID', reason: 'EXPIRED' }, false],
    [{ result: 'INVALID', reason: 'NOT_FOUND' }, false],
    [{ result: 'INVALID', reason: 'NAME_MISMATCH' }, false],
    [{ result: 'INVALID', reason: 'TOKEN_USED' }, false],
    [{ result: 'DENIED', reason: 'UNIT_SUSPENDED' }, false],
  ] as const)('makes a unit a watcher of the card after %p: %p', (outcome, watches) => {
    expect(watchesCard(outcome)).toBe(watches);
  });

  it('makes one notice per unit that checked the card before the change, numbered from the given index', () => {
    const change = {
      cardRef: 'k1.c',
      state: 'LOST' as const,
      changedAt: '2026-03-02T00:00:00.000Z',
      txId: 'abc',
    };
    const notices = noticesOf(
      [
        { unitId: 'BANK-1', checkedAt: '2026-03-01T00:00:00.000Z' },
        { unitId: 'HOTEL-2', checkedAt: '2026-03-03T00:00:00.000Z' },
        { unitId: 'LIB-3', checkedAt: '2026-03-01T12:00:00.000Z' },
      ],
      change,
      2,
    );
    expect(notices).toEqual([
      {
        noticeId: 'abc.2',
        unitId: 'BANK-1',
        cardRef: 'k1.c',
        state: 'LOST',
        changedAt: change.changedAt,
        checkedAt: '2026-03-01T00:00:00.000Z',
        txId: 'abc',
      },
      expect.objectContaining({ noticeId: 'abc.3', unitId: 'LIB-3' }),
    ]);
    expect(noticePayload(notices[0]!)).not.toHaveProperty('txId');
  });
});
