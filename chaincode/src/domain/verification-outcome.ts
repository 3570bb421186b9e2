/**
 * The answer to a verification (docs/transactions.md, contract
 * `verification`), decided in a fixed order: the unit first (DENIED), then
 * whether the presented card is the one on the ledger (NOT_FOUND,
 * NAME_MISMATCH), then its state, then its validity.
 */
import type { DenialReason, InvalidReason, Purpose, Unit, VerificationResult } from '@idcard/common';
import type { StoredCard } from './card-record';
import { isExpiredAt } from './card-validity';
import type { PresentedCard } from './presented-card';

/** A verification result and its reason (null for VALID). */
export interface Outcome {
  readonly result: VerificationResult;
  readonly reason: InvalidReason | DenialReason | null;
}

const VALID: Outcome = { result: 'VALID', reason: null };

function invalid(reason: InvalidReason): Outcome {
  return { result: 'INVALID', reason };
}

/** Why the unit may not verify for the purpose, or null when it may. */
export function denialFor(unit: Unit | undefined, purpose: Purpose): Outcome | null {
  if (unit === undefined) return { result: 'DENIED', reason: 'UNIT_UNKNOWN' };
  if (unit.state !== 'ACTIVE') return { result: 'DENIED', reason: 'UNIT_SUSPENDED' };
  if (!unit.allowedPurposes.includes(purpose)) return { result: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' };
  return null;
}

/** The outcome for a card known to be the one presented: its state, then its validity at `at`. */
export function stateOutcome(card: StoredCard, at: string): Outcome {
  if (card.state !== 'VALID') return invalid(card.state);
  if (isExpiredAt(card.validUntil, at)) return invalid('EXPIRED');
  return VALID;
}

/** The outcome for a presented card against the card on the ledger (undefined when none). */
export function cardOutcome(presented: PresentedCard, card: StoredCard | undefined, at: string): Outcome {
  if (
    card === undefined ||
    card.personRef !== presented.personRef ||
    card.validFrom !== presented.validFrom ||
    card.validUntil !== presented.validUntil
  ) {
    return invalid('NOT_FOUND');
  }
  if (card.nameCheck !== presented.nameCheck) return invalid('NAME_MISMATCH');
  return stateOutcome(card, at);
}
