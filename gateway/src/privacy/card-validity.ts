/**
 * Printed validity windows of cards, checked against the holder's age
 * (DESIGN §4): 5 years under 16, 10 years 16-25, 20 years 26-45, long-term
 * from 46; temporary certificates at most LIMITS.maxTemporaryCertificateDays.
 */
import { LIMITS, LONG_TERM, type CardKind } from '@idcard/common';
import { isCalendarDate } from './id-number';

/** Full years between a birth date and a later date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The same calendar day `years` later; 29 February falls back to 28 February. */
export function addYears(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return isCalendarDate(candidate) ? candidate : `${year}-02-28`;
}

/** The validUntil a resident card issued on validFrom must carry, by age. */
export function residentValidUntil(birthDate: string, validFrom: string): string {
  const age = ageOn(birthDate, validFrom);
  if (age >= 46) return LONG_TERM;
  if (age >= 26) return addYears(validFrom, 20);
  if (age >= 16) return addYears(validFrom, 10);
  return addYears(validFrom, 5);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * Problems with a printed window, as a list of messages (empty when sound).
 * `strict` (issuance) also requires the legal validity length.
 */
export function checkValidityWindow(input: {
  readonly kind: CardKind | undefined;
  readonly birthDate: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly today: string;
  readonly strict: boolean;
}): string[] {
  const { kind, birthDate, validFrom, validUntil, today, strict } = input;
  if (!isCalendarDate(validFrom)) return ['validFrom is not a calendar date'];
  if (validUntil !== LONG_TERM && !isCalendarDate(validUntil)) {
    return ['validUntil is not a calendar date or LONG_TERM'];
  }
  const problems: string[] = [];
  if (validFrom < birthDate) problems.push('validFrom is before the birth date in the ID number');
  if (validFrom > today) problems.push('validFrom is in the future');
  if (validUntil !== LONG_TERM && validUntil <= validFrom) problems.push('validUntil is not after validFrom');
  if (problems.length > 0 || !strict) return problems;
  if (kind === 'TEMPORARY_CERTIFICATE') {
    if (validUntil === LONG_TERM || daysBetween(validFrom, validUntil) > LIMITS.maxTemporaryCertificateDays) {
      problems.push(`a temporary certificate is valid at most ${LIMITS.maxTemporaryCertificateDays} days`);
    }
  } else {
    const expected = residentValidUntil(birthDate, validFrom);
    if (validUntil !== expected) {
      problems.push(`a resident card issued at this age is valid until ${expected}`);
    }
  }
  return problems;
}
