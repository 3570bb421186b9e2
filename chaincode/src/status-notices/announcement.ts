/**
 * Announcing card changes (issue 14): for a changed card, or for the cards
 * a newly issued card replaced, one notice per unit that was told VALID
 * before the change. Each card version is announced once (`announced
 * [cardRef, version]`); announcing again records nothing new. Reading the
 * watchers is a range read, so a VALID check committed meanwhile makes the
 * announcement retry; the change itself never waits for it.
 */
import { GUARD_KEYS, type NoticeBatch, type StatusNotice } from '@idcard/common';
import type { StoredCard } from '../domain/card-record';
import { noticePayload, noticesOf } from './status-notice';
import type { Ledger } from '../ledger/ledger';

/** The cards whose latest change a card's announcement covers. */
async function changedCards(ledger: Ledger, card: StoredCard): Promise<StoredCard[]> {
  return card.lastAction === 'ISSUE' ? ledger.cards.replacedBy(card.cardRef) : [card];
}

/** The notices of the cards' latest changes not yet announced, and those cards (reads only). */
async function decideNotices(
  ledger: Ledger,
  cards: readonly StoredCard[],
): Promise<{ notices: StatusNotice[]; announced: StoredCard[] }> {
  const txId = ledger.state.txId;
  const notices: StatusNotice[] = [];
  const announced: StoredCard[] = [];
  for (const card of cards) {
    if (await ledger.notices.wasAnnounced(card.cardRef, card.version)) continue;
    const watchers = await ledger.watches.ofCard(card.cardRef);
    const change = { cardRef: card.cardRef, state: card.state, changedAt: card.updatedAt, txId };
    notices.push(...noticesOf(watchers, change, notices.length));
    announced.push(card);
  }
  return { notices, announced };
}

/**
 * Writes the notices and marks the cards' versions announced; blind-writes
 * guard/cards, so no notice can be made without a PublicSecurityMSP endorsement.
 */
async function writeNotices(
  ledger: Ledger,
  decided: { notices: readonly StatusNotice[]; announced: readonly StoredCard[] },
): Promise<void> {
  if (decided.announced.length === 0) return;
  await ledger.notices.addAll(decided.notices);
  for (const card of decided.announced) await ledger.notices.markAnnounced(card.cardRef, card.version);
  await ledger.guards.touch(GUARD_KEYS.cards);
}

/**
 * Announces a card's latest change (for a newly issued card: the
 * replacement of the cards it replaced) to the units told VALID before it:
 * one notice each, and one CardStatusNotices event. A version already
 * announced records nothing again.
 * @throws NotFoundError when there is no such card.
 */
export async function announceCardChange(ledger: Ledger, cardRef: string): Promise<NoticeBatch> {
  const card = await ledger.cards.get(cardRef);
  const decided = await decideNotices(ledger, await changedCards(ledger, card));

  await writeNotices(ledger, decided);
  if (decided.notices.length > 0) {
    ledger.state.emit('CardStatusNotices', { notices: decided.notices.map(noticePayload) });
  }
  return { notices: decided.notices };
}
