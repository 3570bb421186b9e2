import { checkPersonName, normaliseName } from './person-name';

const INVISIBLE = 'must not contain control, invisible formatting or unpaired surrogate characters';
const OUTER = 'must not begin or end with whitespace (nothing is trimmed)';
const INNER = 'may separate its parts only by single ordinary spaces (U+0020)';

describe('names as printed (the one normalisation policy)', () => {
  it.each([
    ['a Chinese name', '王五'],
    ['a minority name with a middle dot', '阿依古丽·买买提'],
    ['a Latin name with single spaces', 'Anna Maria Li'],
    ['a rare character outside the BMP', '𠮷田'],
  ])('accepts %s as written', (_label, name) => {
    expect(checkPersonName(name)).toEqual({ ok: true, name });
  });

  it('answers the NFC form: a decomposed name is the same name as the precomposed one', () => {
    expect(checkPersonName('Zoe\u0308 Li')).toEqual({ ok: true, name: 'Zo\u00eb Li' });
    expect(normaliseName('Zoe\u0308 Li')).toBe(normaliseName('Zo\u00eb Li'));
  });

  it('does not fold compatibility forms: a full-width letter stays what was sent', () => {
    expect(checkPersonName('\uff21nna')).toEqual({ ok: true, name: '\uff21nna' });
  });

  it.each([
    ['a leading space', ' 王五', OUTER],
    ['a trailing space', '王五 ', OUTER],
    ['a trailing ideographic space', '王五\u3000', OUTER],
    ['two inner spaces', 'Anna  Li', INNER],
    ['an inner ideographic space', '王\u3000五', INNER],
    ['an inner no-break space', 'Anna\u00a0Li', INNER],
    ['an inner tab', 'Anna\tLi', INVISIBLE],
    ['a line break', 'Anna\nLi', INVISIBLE],
    ['a NUL character', '王\u0000五', INVISIBLE],
    ['a right-to-left override', '王\u202e五', INVISIBLE],
    ['a zero-width space', '王\u200b五', INVISIBLE],
    ['a byte-order mark', '\ufeff王五', INVISIBLE],
    ['an unpaired surrogate', '王\ud800', INVISIBLE],
  ])('refuses %s with a fixed message (never the value)', (_label, name, reason) => {
    expect(checkPersonName(name)).toEqual({ ok: false, reason });
  });
});
