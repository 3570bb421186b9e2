/**
 * Contract `cards` (docs/transactions.md): the card life cycle (DESIGN §4)
 * and its queries. Each transaction authorises, checks its arguments, loads,
 * decides, and only then writes and emits its one event. A change never
 * reads which units checked the card (verifications write that), so no
 * verification can delay an invalidation; notices follow in
 * privacy:AnnounceCardChange.
 */
import {
  type Card,
  type CardHistoryEntry,
  type CardStatusAt,
  type Page,
  type PersonCards,
  type ReasonCode,
} from '@idcard/common';
import { Context, Contract, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { pageOfArray } from '../domain/array-page';
import { cardSummary, cardView, historyEntry, transitioned } from '../domain/card-record';
import { defaultReason, requireReason, type TransitionAction } from '../domain/card-state-machine';
import { effectiveStateAt } from '../domain/card-validity';
import { parseEarlierPersonRefs } from '../domain/earlier-refs';
import {
  requireBookmarkText,
  requireInstant,
  requireOccurredAt,
  requirePageSize,
  requireReference,
} from '../domain/input-checks';
import { NotFoundError, ValidationError } from '../errors';
import '../model';
import { issueCard } from './issue-card';
import { BOOKMARK_DOC, EARLIER_PERSON_REFS_DOC, PAGE_SIZE_DOC } from './param-docs';
import { begin } from './transaction-scope';

const READERS = ['officer', 'auditor'] as const;

/** Issues cards and records their transitions; answers card queries. */
@Info({ title: 'cards', description: 'Card life cycle and card queries' })
export class CardsContract extends Contract {
  constructor() {
    super('cards');
  }

  /** Issues a VALID card, replacing the person's earlier non-terminal card in the same transaction. */
  @Transaction()
  @Param('cardRef', 'string', 'keyed reference of the new card')
  @Param('personRef', 'string', 'keyed reference of the holder')
  @Param('nameCheck', 'string', 'keyed name check value')
  @Param('kind', 'string', 'RESIDENT_CARD or TEMPORARY_CERTIFICATE')
  @Param('validFrom', 'string', 'printed first day, YYYY-MM-DD')
  @Param('validUntil', 'string', 'printed last day, YYYY-MM-DD or LONG_TERM')
  @Param('reasonCode', 'string', 'FIRST_ISSUE, RENEWAL, LOST or STOLEN')
  @Param('occurredAt', 'string', 'when the card was issued, UTC instant')
  @Returns('Card')
  async IssueCard(
    ctx: Context,
    cardRef: string,
    personRef: string,
    nameCheck: string,
    kind: string,
    validFrom: string,
    validUntil: string,
    reasonCode: string,
    occurredAt: string,
  ): Promise<Card> {
    const scope = begin(ctx, ['officer']);
    const args = { cardRef, personRef, nameCheck, kind, validFrom, validUntil, reasonCode, occurredAt };
    return issueCard(scope, args, []);
  }

  /** IssueCard, also replacing the person's earlier cards made under earlier pseudonym keys. */
  @Transaction()
  @Param('cardRef', 'string', 'keyed reference of the new card')
  @Param('personRef', 'string', 'keyed reference of the holder')
  @Param('nameCheck', 'string', 'keyed name check value')
  @Param('kind', 'string', 'RESIDENT_CARD or TEMPORARY_CERTIFICATE')
  @Param('validFrom', 'string', 'printed first day, YYYY-MM-DD')
  @Param('validUntil', 'string', 'printed last day, YYYY-MM-DD or LONG_TERM')
  @Param('reasonCode', 'string', 'FIRST_ISSUE, RENEWAL, LOST or STOLEN')
  @Param('occurredAt', 'string', 'when the card was issued, UTC instant')
  @Param('earlierPersonRefs', 'string', EARLIER_PERSON_REFS_DOC)
  @Returns('Card')
  async IssueCardAcrossKeys(
    ctx: Context,
    cardRef: string,
    personRef: string,
    nameCheck: string,
    kind: string,
    validFrom: string,
    validUntil: string,
    reasonCode: string,
    occurredAt: string,
    earlierPersonRefs: string,
  ): Promise<Card> {
    const scope = begin(ctx, ['officer']);
    const args = { cardRef, personRef, nameCheck, kind, validFrom, validUntil, reasonCode, occurredAt };
    const earlier = parseEarlierPersonRefs(earlierPersonRefs, requireReference('personRef', personRef));
    return issueCard(scope, args, earlier);
  }

  /** VALID → LOST. */
  @Transaction()
  @Param('cardRef', 'string', 'keyed card reference')
  @Param('occurredAt', 'string', 'when the card was lost, UTC instant')
  @Returns('Card')
  async ReportLost(ctx: Context, cardRef: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, cardRef, 'REPORT_LOST', undefined, occurredAt);
  }

  /** VALID → STOLEN. */
  @Transaction()
  @Param('cardRef', 'string', 'keyed card reference')
  @Param('occurredAt', 'string', 'when the card was stolen, UTC instant')
  @Returns('Card')
  async ReportStolen(ctx: Context, cardRef: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, cardRef, 'REPORT_STOLEN', undefined, occurredAt);
  }

  /** LOST → VALID (the card was found). */
  @Transaction()
  @Param('cardRef', 'string', 'keyed card reference')
  @Param('occurredAt', 'string', 'when the card was found, UTC instant')
  @Returns('Card')
  async WithdrawLossReport(ctx: Context, cardRef: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, cardRef, 'WITHDRAW_LOSS', undefined, occurredAt);
  }

  /** VALID, LOST or STOLEN → REVOKED, with a reason. */
  @Transaction()
  @Param('cardRef', 'string', 'keyed card reference')
  @Param('reasonCode', 'string', 'DEATH, HOUSEHOLD_DEREGISTRATION, FRAUD or ISSUED_IN_ERROR')
  @Param('occurredAt', 'string', 'when the cause happened, UTC instant')
  @Returns('Card')
  async RevokeCard(ctx: Context, cardRef: string, reasonCode: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, cardRef, 'REVOKE', reasonCode, occurredAt);
  }

  /** The card, its effective state judged at the transaction time. */
  @Transaction(false)
  @Param('cardRef', 'string', 'keyed card reference')
  @Returns('Card')
  async GetCard(ctx: Context, cardRef: string): Promise<Card> {
    const { ledger, txTime } = begin(ctx, READERS);
    const card = await ledger.cards.get(requireReference('cardRef', cardRef));
    return cardView(card, txTime);
  }

  /** The status the card had at an instant, from its history. */
  @Transaction(false)
  @Param('cardRef', 'string', 'keyed card reference')
  @Param('at', 'string', 'UTC instant, not after the transaction time')
  @Returns('CardStatusAt')
  async GetCardStatusAt(ctx: Context, cardRef: string, at: string): Promise<CardStatusAt> {
    const { ledger, txTime } = begin(ctx, READERS);
    const ref = requireReference('cardRef', cardRef);
    const instant = requireInstant('at', at);
    if (instant > txTime) throw new ValidationError('at is after the transaction time');
    const then = (await ledger.cards.history(ref)).filter((entry) => entry.value.updatedAt <= instant).pop();
    if (then === undefined) throw new NotFoundError(`card ${ref} did not exist at ${instant}`);
    const { state, validUntil } = then.value;
    return {
      cardRef: ref,
      at: instant,
      state,
      effectiveState: effectiveStateAt(state, validUntil, instant),
      txId: then.txId,
    };
  }

  /** The card's transitions, oldest first. */
  @Transaction(false)
  @Param('cardRef', 'string', 'keyed card reference')
  @Param('pageSize', 'string', PAGE_SIZE_DOC)
  @Param('bookmark', 'string', BOOKMARK_DOC)
  @Returns('CardHistoryPage')
  async GetCardHistory(
    ctx: Context,
    cardRef: string,
    pageSize: string,
    bookmark: string,
  ): Promise<Page<CardHistoryEntry>> {
    const { ledger } = begin(ctx, READERS);
    const ref = requireReference('cardRef', cardRef);
    const size = requirePageSize(pageSize);
    const mark = requireBookmarkText(bookmark);
    const entries = (await ledger.cards.history(ref)).map((entry) => historyEntry(entry.value, entry.txId));
    if (entries.length === 0) throw new NotFoundError(`no card ${ref}`);
    return pageOfArray(entries, size, mark);
  }

  /** Every card of a person. */
  @Transaction(false)
  @Param('personRef', 'string', 'keyed reference of the holder')
  @Returns('PersonCards')
  async GetPersonCards(ctx: Context, personRef: string): Promise<PersonCards> {
    const { ledger, txTime } = begin(ctx, READERS);
    const ref = requireReference('personRef', personRef);
    const cards = await ledger.cards.ofPerson(ref);
    return { personRef: ref, cards: cards.map((card) => cardSummary(card, txTime)) };
  }

  async #transition(
    ctx: Context,
    cardRef: string,
    action: TransitionAction,
    reasonCode: string | undefined,
    occurredAt: string,
  ): Promise<Card> {
    const { caller, ledger, txTime } = begin(ctx, ['officer']);
    const ref = requireReference('cardRef', cardRef);
    const reason: ReasonCode =
      reasonCode === undefined ? defaultReason(action) : requireReason(action, reasonCode);
    const facts = {
      reason,
      occurredAt: requireOccurredAt(occurredAt, txTime),
      officerUnit: caller.unit,
      txTime,
    };
    const card = await ledger.cards.get(ref);
    const next = transitioned(card, action, facts);

    await ledger.cards.update(next);
    ledger.state.emit('CardStatusChanged', {
      cardRef: ref,
      action,
      fromState: card.state,
      toState: next.state,
      reasonCode: reason,
    });
    return cardView(next, txTime);
  }
}
