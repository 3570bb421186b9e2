/**
 * Test ID numbers built with the GB 11643-1999 / ISO 7064 MOD 11-2 algorithm
 * written out independently of the code under test.
 */

/** The check character of 17 digits: weights 2^(17-i) mod 11, value (12 - sum mod 11) mod 11, 10 → X. */
export function independentCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

/** A valid ID number for an area code, birth date (YYYYMMDD) and sequence. */
export function idNumberFor(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  return first17 + independentCheckCharacter(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheck(idNumber: string): string {
  const wrong = idNumber.endsWith('1') ? '2' : '1';
  return idNumber.slice(0, 17) + wrong;
}

/**
 * A valid number with the area code and birth date of `idNumber` whose check character is X.
 * @throws Error when no sequence number gives X (it always does)
 */
export function sameBirthWithX(idNumber: string): string {
  for (let sequence = 0; sequence < 1000; sequence += 1) {
    const candidate = idNumberFor(
      idNumber.slice(0, 6),
      idNumber.slice(6, 14),
      String(sequence).padStart(3, '0'),
    );
    if (candidate.endsWith('X')) return candidate;
  }
  throw new Error('no sequence number gives the check character X');
}
