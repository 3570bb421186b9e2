import { compositeKey, parseStateKey, recordKey } from './record-keys';

describe('state key layout', () => {
  it('reads a composite card key as a card record', () => {
    expect(parseStateKey(recordKey('card', 'k1.abc'))).toEqual({
      objectType: 'card',
      attributes: ['k1.abc'],
      kind: 'card',
    });
  });

  it('treats index keys with several attributes as other', () => {
    expect(parseStateKey(compositeKey('person', ['k1.p', 'k1.c'])).kind).toBe('other');
  });

  it('reads plain type/id keys and guard keys', () => {
    expect(parseStateKey('unit/BANK-1').kind).toBe('unit');
    expect(parseStateKey('guard/cards').kind).toBe('other');
  });
});
