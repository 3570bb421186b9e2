/**
 * The card life cycle (DESIGN §4) as a table: which stored states each
 * action may start from, where it leads, and which reasons it accepts.
 * REPLACED and REVOKED are terminal: every action on them is refused.
 */
import { REASONS_BY_ACTION, type CardAction, type CardState, type ReasonCode } from '@idcard/common';
import { IllegalTransitionError, ValidationError } from '../errors';

/** Actions on an existing card (ISSUE creates one). */
export type TransitionAction = Exclude<CardAction, 'ISSUE'>;

interface Transition {
  readonly from: readonly CardState[];
  readonly to: CardState;
}

const NON_TERMINAL: readonly CardState[] = ['VALID', 'LOST', 'STOLEN'];

/** The legal transitions, by action. */
export const TRANSITIONS: Readonly<Record<TransitionAction, Transition>> = {
  REPORT_LOST: { from: ['VALID'], to: 'LOST' },
  REPORT_STOLEN: { from: ['VALID'], to: 'STOLEN' },
  WITHDRAW_LOSS: { from: ['LOST'], to: 'VALID' },
  REVOKE: { from: NON_TERMINAL, to: 'REVOKED' },
  REPLACE: { from: NON_TERMINAL, to: 'REPLACED' },
};

/** True for VALID, LOST and STOLEN: the states a new card replaces. */
export function isNonTerminal(state: CardState): boolean {
  return NON_TERMINAL.includes(state);
}

/**
 * The state an action leads to from a state.
 * @throws IllegalTransitionError naming the action and state when refused.
 */
export function nextState(action: TransitionAction, from: CardState): CardState {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(from)) throw new IllegalTransitionError(action, from);
  return transition.to;
}

/**
 * The reason code, when the action accepts it.
 * @throws ValidationError listing the accepted reasons otherwise.
 */
export function requireReason(action: CardAction, reasonCode: string): ReasonCode {
  const allowed = REASONS_BY_ACTION[action];
  const found = allowed.find((reason) => reason === reasonCode);
  if (found === undefined) {
    throw new ValidationError(`reasonCode for ${action} must be one of ${allowed.join(', ')}`);
  }
  return found;
}

/** The single reason of an action that takes none from the caller (lost, stolen, found, replaced). */
export function defaultReason(action: TransitionAction): ReasonCode {
  const [reason] = REASONS_BY_ACTION[action];
  if (reason === undefined) throw new Error(`no reason configured for ${action}`);
  return reason;
}
