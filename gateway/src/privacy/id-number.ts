/**
 * Resident ID numbers (GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
 * Checked here so a malformed number never reaches the ledger.
 *
 * The one normalisation (docs/api.md, ID numbers and names): a lower-case
 * `x` check character is the same number as `X`. Nothing else is repaired:
 * whitespace anywhere (nothing is trimmed), full-width or other non-ASCII
 * digits and letters other than the check character `X` are refused, with
 * messages that never repeat the value.
 */

/** Weights 2^(17-i) mod 11 of the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The outcome of checking an ID number. */
export type IdNumberCheck =
  | { readonly ok: true; readonly idNumber: string; readonly birthDate: string }
  | { readonly ok: false; readonly reason: string };

/**
 * The ISO 7064 MOD 11-2 check character of 17 digits.
 * @throws Error when the input is not 17 digits
 */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('check character needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/** True when `text` is a real calendar date `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The written form: 17 ASCII digits and a check character, an ASCII digit or X (x accepted as X). */
const WRITTEN_FORM = /^\d{17}[\dXx]$/;
/** Any whitespace: ASCII, no-break, ideographic (full-width) space, line breaks. */
const WHITESPACE = /\s/u;
/** A full-width form (U+FF01-U+FF5E: digits, letters) or a decimal digit of another script. */
const NOT_ASCII_DIGIT = /[\uFF01-\uFF5E]|(?![0-9])\p{Nd}/u;

/** Why `text` is not in the written form, or undefined when it is. */
function formProblem(text: string): string | undefined {
  if (WRITTEN_FORM.test(text)) return undefined;
  if (WHITESPACE.test(text)) return 'must not contain spaces or other whitespace (nothing is trimmed)';
  if (NOT_ASCII_DIGIT.test(text)) {
    return 'must be written with ASCII digits 0-9 and X (full-width and other digits are refused)';
  }
  if (/^\d{15}$/.test(text)) {
    return 'is a 15-digit first-generation number, which is no longer accepted: give the 18-character second-generation number';
  }
  return 'must be 17 digits followed by a check character (0-9 or X)';
}

/**
 * Checks an ID number as written and extracts the birth date. `today`
 * (YYYY-MM-DD, China Standard Time) bounds the birth date. The number
 * answered is the canonical form: a lower-case x check character becomes X.
 */
export function checkIdNumber(text: string, today: string): IdNumberCheck {
  const problem = formProblem(text);
  if (problem !== undefined) return { ok: false, reason: problem };
  const idNumber = text.toUpperCase();
  if (idNumber.startsWith('0')) return { ok: false, reason: 'has an invalid address code' };
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < '1880-01-01') {
    return { ok: false, reason: 'has an invalid birth date' };
  }
  if (birthDate > today) return { ok: false, reason: 'has a birth date in the future' };
  if (checkCharacter(idNumber.slice(0, 17)) !== idNumber.charAt(17)) {
    return { ok: false, reason: 'has a wrong check character' };
  }
  return { ok: true, idNumber, birthDate };
}

/** Today's calendar date in China Standard Time (card dates are CST dates). */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
