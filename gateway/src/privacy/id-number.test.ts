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
