import { compositeKey, parseStateKey, recordKey } from './record-keys';

describe('state key layout', () => {
  it('reads a composite card key as a card record', () => {
    expect(parseStateKey(recordKey('card', 'k1.abc'))).toEqual({
      objectType: 'card',
      attributes: ['k1.abc'],
      kind: 'card',
      id: 'k1.abc',
    });
  });

  it('treats index keys with several attributes as other', () => {
    expect(parseStateKey(compositeKey('person~card', ['k1.p', 'k1.c'])).kind).toBe('other');
    expect(parseStateKey(compositeKey('verification~request', ['BANK-1', 'r-1'])).kind).toBe('other');
  });

  it('reads a fraud report key (txTime, reportId) with the report id as id', () => {
    const key = parseStateKey(recordKey('fraudReport', 'tx1.0', ['2026-03-01T08:00:00.000Z']));

    expect([key.kind, key.id]).toEqual(['fraudReport', 'tx1.0']);
  });

  it('treats simple keys (by-unit index, guards) as other', () => {
    expect(parseStateKey('verification-by-unit/BANK-1/2026-03-01T08:00:00.000Z/tx1.0').kind).toBe('other');
    expect(parseStateKey('guard/cards').kind).toBe('other');
  });
});
