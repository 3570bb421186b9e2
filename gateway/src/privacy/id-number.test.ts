import { checkCharacter, checkIdNumber, isCalendarDate, todayInChina } from './id-number';
import { ageOn, checkValidityWindow, residentValidUntil } from './card-validity';
import { idNumberFor, independentCheckCharacter } from '../test-support/id-numbers';

const TODAY = '2026-03-01';

/** Deterministic pseudo-random 17-digit prefixes with real birth dates. */
function samples(count: number): string[] {
  const out: string[] = [];
  let seed = 12345;
  const next = (mod: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % mod;
  };
  while (out.length < count) {
    const area = String(110000 + next(700000)).padStart(6, '0');
    const birth = `${1930 + next(90)}${String(1 + next(12)).padStart(2, '0')}${String(1 + next(28)).padStart(2, '0')}`;
    out.push(`${area}${birth}${String(next(1000)).padStart(3, '0')}`);
  }
  return out;
}

describe('GB 11643-1999 ID numbers', () => {
  it.each(samples(40))(
    'accepts %s with its computed check character and rejects every other one',
    (first17) => {
      const valid = first17 + independentCheckCharacter(first17);
      expect(checkCharacter(first17)).toBe(independentCheckCharacter(first17));
      const result = checkIdNumber(valid, TODAY);
      expect(result).toEqual({
        ok: true,
        idNumber: valid,
        birthDate: `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
      });
      for (const wrong of '0123456789X'.split('').filter((c) => c !== valid.charAt(17))) {
        expect(checkIdNumber(first17 + wrong, TODAY)).toEqual({
          ok: false,
          reason: 'has a wrong check character',
        });
      }
    },
  );

  it('accepts a lower-case x check character and normalises it', () => {
    const first17 = samples(400).find((p) => independentCheckCharacter(p) === 'X');
    expect(first17).toBeDefined();
    expect(checkIdNumber(`${first17 ?? ''}x`, TODAY)).toMatchObject({
      ok: true,
      idNumber: `${first17 ?? ''}X`,
    });
  });

  it('rejects a 15-digit first-generation number with a clear message', () => {
    const result = checkIdNumber('110101900307123', TODAY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/15-digit first-generation number.*18-character/);
  });

  it.each([
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['17 digits', '11010119900307123'],
    ['19 characters', '1101011990030712345'],
    ['X in the middle', '1101011990X307123' + '4'],
  ])('rejects %s', (_label, text) => {
    expect(checkIdNumber(text, TODAY).ok).toBe(false);
  });

  it('rejects impossible and future birth dates even with a correct check character', () => {
    expect(checkIdNumber(idNumberFor('110101', '19900230', '123'), TODAY)).toMatchObject({
      reason: 'has an invalid birth date',
    });
    expect(checkIdNumber(idNumberFor('110101', '20260302', '123'), TODAY)).toMatchObject({
      reason: 'has a birth date in the future',
    });
    expect(checkIdNumber(idNumberFor('110101', '20260301', '123'), TODAY).ok).toBe(true);
  });

  it('knows calendar dates and the China date of an instant', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(todayInChina(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(todayInChina(new Date('2026-02-28T15:59:59Z'))).toBe('2026-02-28');
  });
});

/** A number whose check character is X, and its parts. */
const WITH_X =
  samples(400)
    .map((p) => p + independentCheckCharacter(p))
    .find((id) => id.endsWith('X')) ?? '';
const VALID = idNumberFor('110101', '19900307', '123');
const FULL_WIDTH = (text: string): string =>
  text.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('the written form of an ID number (the one normalisation policy)', () => {
  it('accepts ASCII digits with X or x as the check character, and answers X', () => {
    expect(checkIdNumber(VALID, TODAY)).toMatchObject({ ok: true, idNumber: VALID });
    expect(checkIdNumber(WITH_X, TODAY)).toMatchObject({ ok: true, idNumber: WITH_X });
    expect(checkIdNumber(WITH_X.toLowerCase(), TODAY)).toMatchObject({ ok: true, idNumber: WITH_X });
  });

  const WHITESPACE = 'must not contain spaces or other whitespace (nothing is trimmed)';
  const NOT_ASCII = 'must be written with ASCII digits 0-9 and X (full-width and other digits are refused)';
  const NOT_THE_FORM = 'must be 17 digits followed by a check character (0-9 or X)';

  it.each([
    ['a leading space', ` ${VALID}`, WHITESPACE],
    ['a trailing space', `${VALID} `, WHITESPACE],
    ['an inner space', `${VALID.slice(0, 6)} ${VALID.slice(6)}`, WHITESPACE],
    [
      'spaces between the groups',
      `${VALID.slice(0, 6)} ${VALID.slice(6, 14)} ${VALID.slice(14)}`,
      WHITESPACE,
    ],
    ['a tab', `${VALID}\t`, WHITESPACE],
    ['a line break', `${VALID}\n`, WHITESPACE],
    ['a no-break space', `\u00a0${VALID}`, WHITESPACE],
    ['an ideographic (full-width) space', `${VALID}\u3000`, WHITESPACE],
    ['a byte-order mark', `\ufeff${VALID}`, WHITESPACE],
    ['full-width digits', FULL_WIDTH(VALID), NOT_ASCII],
    ['one full-width digit', `${FULL_WIDTH(VALID.charAt(0))}${VALID.slice(1)}`, NOT_ASCII],
    ['a full-width X', `${WITH_X.slice(0, 17)}\uff38`, NOT_ASCII],
    ['Arabic-Indic digits', VALID.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))), NOT_ASCII],
    ['another letter as the check character', `${VALID.slice(0, 17)}Y`, NOT_THE_FORM],
    ['a lower-case x inside the number', `${VALID.slice(0, 5)}x${VALID.slice(6)}`, NOT_THE_FORM],
    ['hyphens between the groups', `${VALID.slice(0, 6)}-${VALID.slice(6)}`, NOT_THE_FORM],
    ['a sign', `+${VALID.slice(1)}`, NOT_THE_FORM],
    ['the empty string', '', NOT_THE_FORM],
  ])('refuses %s with a fixed message (never the value)', (_label, text, reason) => {
    expect(checkIdNumber(text, TODAY)).toEqual({ ok: false, reason });
  });
});

describe('card validity by age', () => {
  it.each([
    ['2010-06-01', '2025-05-31', 14, '2030-05-31'],
    ['2010-06-01', '2026-06-01', 16, '2036-06-01'],
    ['2000-01-01', '2025-12-31', 25, '2035-12-31'],
    ['2000-01-01', '2026-01-01', 26, '2046-01-01'],
    ['1980-01-01', '2025-12-31', 45, '2045-12-31'],
    ['1980-01-01', '2026-01-01', 46, 'LONG_TERM'],
    ['2008-02-29', '2012-02-29', 4, '2017-02-28'],
  ])('born %s, issued %s (age %i): valid until %s', (birth, from, age, until) => {
    expect(ageOn(birth, from)).toBe(age);
    expect(residentValidUntil(birth, from)).toBe(until);
  });

  it('checks temporary certificates against the day limit', () => {
    const base = {
      kind: 'TEMPORARY_CERTIFICATE' as const,
      birthDate: '1990-01-01',
      validFrom: '2026-01-01',
      today: TODAY,
      strict: true,
    };
    expect(checkValidityWindow({ ...base, validUntil: '2026-04-03' })).toEqual([]);
    expect(checkValidityWindow({ ...base, validUntil: '2026-04-04' })).toHaveLength(1);
  });
});
