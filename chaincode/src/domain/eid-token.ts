/**
 * Electronic-ID tokens: short-lived, single use, bound to a card. Only the
 * token's SHA-256 is on the ledger.
 */
import { LIMITS, type EidToken } from '@idcard/common';
import { ValidationError } from '../errors';
import type { StoredCard } from './card-record';
import { requireInstant } from './input-checks';
import { stateOutcome, type Outcome } from './verification-outcome';

/**
 * The token's expiry: after txTime and at most LIMITS.maxEidTokenLifetimeSeconds later.
 * @throws ValidationError otherwise.
 */
export function requireTokenExpiry(value: string, txTime: string): string {
  const expiresAt = requireInstant('expiresAt', value);
  const lifetimeMs = Date.parse(expiresAt) - Date.parse(txTime);
  if (lifetimeMs <= 0 || lifetimeMs > LIMITS.maxEidTokenLifetimeSeconds * 1000) {
    throw new ValidationError(
      `expiresAt must be after the transaction time and at most ${LIMITS.maxEidTokenLifetimeSeconds}s later`,
    );
  }
  return expiresAt;
}

/** A new, unused token. */
export function issuedToken(tokenHash: string, cardRef: string, expiresAt: string, txTime: string): EidToken {
  return { tokenHash, cardRef, expiresAt, issuedAt: txTime, usedAt: null, usedBy: null };
}

/** The token after a VALID verification by a unit. */
export function usedToken(token: EidToken, unitId: string, txTime: string): EidToken {
  return { ...token, usedAt: txTime, usedBy: unitId };
}

/**
 * The outcome of scanning a token: unknown, used, expired, then the card's
 * own outcome (its state and validity).
 */
export function tokenOutcome(token: EidToken | undefined, card: StoredCard | undefined, at: string): Outcome {
  if (token === undefined) return { result: 'INVALID', reason: 'NOT_FOUND' };
  if (token.usedAt !== null) return { result: 'INVALID', reason: 'TOKEN_USED' };
  if (at >= token.expiresAt) return { result: 'INVALID', reason: 'TOKEN_EXPIRED' };
  if (card === undefined) return { result: 'INVALID', reason: 'NOT_FOUND' };
  return stateOutcome(card, at);
}
