/**
 * Validity windows of cards (DESIGN §4, docs/transactions.md "Formats"):
 * resident cards run 5, 10 or 20 years to the day or are LONG_TERM;
 * temporary certificates run at most LIMITS.maxTemporaryCertificateDays.
 * A card is EXPIRED from 00:00 China Standard Time of the day after
 * validUntil.
 */
import {
  CARD_TIME_ZONE_OFFSET_MINUTES,
  LIMITS,
  LONG_TERM,
  type CardKind,
  type CardState,
  type EffectiveCardState,
} from '@idcard/common';
import { ValidationError } from '../errors';
import { isCalendarDate } from './input-checks';

const DAY_MS = 86_400_000;
/** Legal lengths of a resident card, in years (under 16, 16-25, 26-45). */
export const RESIDENT_CARD_YEARS = [5, 10, 20] as const;

/** The same calendar day `years` later; 29 February falls back to 28 February. */
export function addYears(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return isCalendarDate(candidate) ? candidate : `${year}-02-28`;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
}

/** The instant a card stops being valid, or null for LONG_TERM. */
export function expiryInstant(validUntil: string): string | null {
  if (validUntil === LONG_TERM) return null;
  const nextDayUtc = (dayNumber(validUntil) + 1) * DAY_MS;
  return new Date(nextDayUtc - CARD_TIME_ZONE_OFFSET_MINUTES * 60_000).toISOString();
}

/** True when a card with this validUntil is past its validity at the instant. */
export function isExpiredAt(validUntil: string, at: string): boolean {
  const expiry = expiryInstant(validUntil);
  return expiry !== null && at >= expiry;
}

/** The state a reader sees: EXPIRED for a VALID card past its validity, else the stored state. */
export function effectiveStateAt(state: CardState, validUntil: string, at: string): EffectiveCardState {
  return state === 'VALID' && isExpiredAt(validUntil, at) ? 'EXPIRED' : state;
}

/**
 * Checks the printed window of a card to be issued at txTime.
 * @throws ValidationError when the window breaks the rules of its kind or is already over.
 */
export function checkIssueWindow(
  kind: CardKind,
  validFrom: string,
  validUntil: string,
  txTime: string,
): void {
  if (kind === 'TEMPORARY_CERTIFICATE') {
    if (validUntil === LONG_TERM) throw new ValidationError('a temporary certificate cannot be LONG_TERM');
    const days = dayNumber(validUntil) - dayNumber(validFrom);
    if (days < 1 || days > LIMITS.maxTemporaryCertificateDays) {
      throw new ValidationError(
        `a temporary certificate is valid 1..${LIMITS.maxTemporaryCertificateDays} days after validFrom`,
      );
    }
  } else if (validUntil !== LONG_TERM) {
    const legal = RESIDENT_CARD_YEARS.map((years) => addYears(validFrom, years));
    if (!legal.includes(validUntil)) {
      throw new ValidationError(`a resident card is valid until one of ${legal.join(', ')} or ${LONG_TERM}`);
    }
  }
  if (isExpiredAt(validUntil, txTime)) throw new ValidationError('the card would be expired already');
}
