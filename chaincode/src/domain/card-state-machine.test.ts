import { CARD_STATES, type CardState } from '@idcard/common';
import { IllegalTransitionError } from '../errors';
import {
  defaultReason,
  isNonTerminal,
  nextState,
  requireReason,
  TRANSITIONS,
  type TransitionAction,
} from './card-state-machine';

const LEGAL: Record<TransitionAction, Partial<Record<CardState, CardState>>> = {
  REPORT_LOST: { VALID: 'LOST' },
  REPORT_STOLEN: { VALID: 'STOLEN' },
  WITHDRAW_LOSS: { LOST: 'VALID' },
  REVOKE: { VALID: 'REVOKED', LOST: 'REVOKED', STOLEN: 'REVOKED' },
  REPLACE: { VALID: 'REPLACED', LOST: 'REPLACED', STOLEN: 'REPLACED' },
};

const pairs = (Object.keys(TRANSITIONS) as TransitionAction[]).flatMap((action) =>
  CARD_STATES.map((state) => [action, state, LEGAL[action][state] ?? null] as const),
);

describe('card state machine', () => {
  it.each(pairs)('%s from %s leads to %p', (action, from, to) => {
    if (to === null) {
      expect(() => nextState(action, from)).toThrow(IllegalTransitionError);
      expect(() => nextState(action, from)).toThrow(
        `ILLEGAL_TRANSITION: cannot ${action} a card in state ${from}`,
      );
    } else {
      expect(nextState(action, from)).toBe(to);
    }
  });

  it('treats REPLACED and REVOKED as terminal', () => {
    expect(CARD_STATES.filter((state) => !isNonTerminal(state))).toEqual(['REPLACED', 'REVOKED']);
  });

  it('accepts only the reasons of the action', () => {
    expect(requireReason('REVOKE', 'DEATH')).toBe('DEATH');
    expect(() => requireReason('REVOKE', 'LOST')).toThrow(/^VALIDATION: reasonCode for REVOKE/);
    expect(requireReason('ISSUE', 'RENEWAL')).toBe('RENEWAL');
    expect(() => requireReason('ISSUE', 'FOUND')).toThrow(/VALIDATION/);
  });

  it('gives the single reason of actions without a caller reason', () => {
    expect(defaultReason('REPORT_LOST')).toBe('LOST');
    expect(defaultReason('REPORT_STOLEN')).toBe('STOLEN');
    expect(defaultReason('WITHDRAW_LOSS')).toBe('FOUND');
    expect(defaultReason('REPLACE')).toBe('REPLACED');
  });
});
