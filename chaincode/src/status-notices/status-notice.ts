/**
 * Status notices (issue 14): a unit that was told a card was VALID (it
 * accepted the card) is told of the card's later changes; no other unit is.
 * Only VALID answers make a unit a watcher: a unit that was refused the
 * card has nothing to act on, and a card already invalid keeps being
 * checked by whoever holds it without adding watchers (so announcing its
 * change is not raced by those checks).
 */
import type { CardState, StatusNotice, StatusNoticePayload } from '@idcard/common';
import type { Outcome } from '../domain/verification-outcome';

/** A unit watching a card since its latest VALID check. */
export interface CardWatcher {
  readonly unitId: string;
  readonly checkedAt: string;
}

/** One change of one card, and the transaction that announces it. */
export interface CardChange {
  readonly cardRef: string;
  readonly state: CardState;
  /** When the change committed (the card's updatedAt). */
  readonly changedAt: string;
  /** The announcing transaction. */
  readonly txId: string;
}

/** True when the answer makes the unit a watcher of the card (it was told VALID). */
export function watchesCard(outcome: Outcome): boolean {
  return outcome.result === 'VALID';
}

/**
 * One notice per watcher that checked the card before the change, ids
 * `<txId>.<n>` numbered from `firstIndex` within the announcing transaction.
 */
export function noticesOf(
  watchers: readonly CardWatcher[],
  change: CardChange,
  firstIndex: number,
): StatusNotice[] {
  return watchers
    .filter((watcher) => watcher.checkedAt < change.changedAt)
    .map((watcher, offset) => ({
      noticeId: `${change.txId}.${String(firstIndex + offset)}`,
      unitId: watcher.unitId,
      cardRef: change.cardRef,
      state: change.state,
      changedAt: change.changedAt,
      checkedAt: watcher.checkedAt,
      txId: change.txId,
    }));
}

/** A notice as an event carries it (the event names the transaction). */
export function noticePayload(notice: StatusNotice): StatusNoticePayload {
  const { noticeId, unitId, cardRef, state, changedAt, checkedAt } = notice;
  return { noticeId, unitId, cardRef, state, changedAt, checkedAt };
}
