/**
 * The card as stored on the ledger and the views built from it. The stored
 * record keeps what the views need to be rebuilt from any historic value:
 * the previous state, the transition's reason, reported time, transaction
 * time, officer unit, and a version that orders the history.
 */
import type {
  Card,
  CardAction,
  CardHistoryEntry,
  CardKind,
  CardState,
  PersonCardSummary,
  ReasonCode,
} from '@idcard/common';
import { effectiveStateAt } from './card-validity';
import { nextState, type TransitionAction } from './card-state-machine';

/** A card's ledger value (the name check value is stored, never returned). */
export interface StoredCard {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
  readonly kind: CardKind;
  readonly state: CardState;
  readonly previousState: CardState | null;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly issuedAt: string;
  readonly updatedAt: string;
  readonly lastAction: CardAction;
  readonly lastReason: ReasonCode;
  readonly occurredAt: string;
  readonly officerUnit: string;
  readonly replacedBy: string | null;
  readonly version: number;
}

/** What every transition records. */
export interface TransitionFacts {
  readonly reason: ReasonCode;
  readonly occurredAt: string;
  readonly officerUnit: string;
  readonly txTime: string;
}

/** The card as printed and presented. */
export interface PrintedCard {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
  readonly kind: CardKind;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** A newly issued card. */
export function issuedCard(printed: PrintedCard, facts: TransitionFacts): StoredCard {
  return {
    ...printed,
    state: 'VALID',
    previousState: null,
    issuedAt: facts.txTime,
    updatedAt: facts.txTime,
    lastAction: 'ISSUE',
    lastReason: facts.reason,
    occurredAt: facts.occurredAt,
    officerUnit: facts.officerUnit,
    replacedBy: null,
    version: 1,
  };
}

/**
 * The card after an action.
 * @throws IllegalTransitionError when the action is refused in the card's state.
 */
export function transitioned(
  card: StoredCard,
  action: TransitionAction,
  facts: TransitionFacts,
  replacedBy: string | null = null,
): StoredCard {
  return {
    ...card,
    state: nextState(action, card.state),
    previousState: card.state,
    updatedAt: facts.txTime,
    lastAction: action,
    lastReason: facts.reason,
    occurredAt: facts.occurredAt,
    officerUnit: facts.officerUnit,
    replacedBy: replacedBy ?? card.replacedBy,
    version: card.version + 1,
  };
}

/** The Card result, its effective state judged at `at`. */
export function cardView(card: StoredCard, at: string): Card {
  return {
    cardRef: card.cardRef,
    personRef: card.personRef,
    kind: card.kind,
    state: card.state,
    effectiveState: effectiveStateAt(card.state, card.validUntil, at),
    validFrom: card.validFrom,
    validUntil: card.validUntil,
    issuedAt: card.issuedAt,
    updatedAt: card.updatedAt,
    lastAction: card.lastAction,
    lastReason: card.lastReason,
    occurredAt: card.occurredAt,
    officerUnit: card.officerUnit,
    replacedBy: card.replacedBy,
  };
}

/** The history entry a stored value stands for. */
export function historyEntry(card: StoredCard, txId: string): CardHistoryEntry {
  return {
    txId,
    txTime: card.updatedAt,
    action: card.lastAction,
    fromState: card.previousState,
    toState: card.state,
    reasonCode: card.lastReason,
    occurredAt: card.occurredAt,
    officerUnit: card.officerUnit,
  };
}

/** The card in a person's list. */
export function cardSummary(card: StoredCard, at: string): PersonCardSummary {
  return {
    cardRef: card.cardRef,
    state: card.state,
    effectiveState: effectiveStateAt(card.state, card.validUntil, at),
    validFrom: card.validFrom,
    validUntil: card.validUntil,
  };
}
