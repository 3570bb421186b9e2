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
import { Context, Contract, Info } from 'fabric-contract-api';
import { pageOfArray } from '../domain/array-page';
import { cardSummary, cardView, historyEntry, transitioned } from '../domain/card-record';
import { defaultReason, requireReason, type TransitionAction } from '../domain/card-state-machine';
import { effectiveStateAt } from '../domain/card-validity';
import { parseEarlierPersonRefs } from '../domain/earlier-refs';
import { requireInstant, requireOccurredAt, requirePaging, requireReference } from '../domain/input-checks';
import { NotFoundError, ValidationError } from '../errors';
import '../model';
import { issueCard } from './issue-card';
import { WireTransaction } from './wire-transaction';
import { begin } from './transaction-scope';

/** Issues cards and records their transitions; answers card queries. */
@Info({ title: 'cards', description: 'Card life cycle and card queries' })
export class CardsContract extends Contract {
  constructor() {
    super('cards');
  }

  /** Issues a VALID card, replacing the person's earlier non-terminal card in the same transaction. */
  @WireTransaction()
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
    const scope = begin(ctx, 'IssueCard');
    const args = { cardRef, personRef, nameCheck, kind, validFrom, validUntil, reasonCode, occurredAt };
    return issueCard(scope, args, []);
  }

  /** IssueCard, also replacing the person's earlier cards made under earlier pseudonym keys. */
  @WireTransaction()
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
    const scope = begin(ctx, 'IssueCardAcrossKeys');
    const args = { cardRef, personRef, nameCheck, kind, validFrom, validUntil, reasonCode, occurredAt };
    const earlier = parseEarlierPersonRefs(earlierPersonRefs, requireReference('personRef', personRef));
    return issueCard(scope, args, earlier);
  }

  /** VALID → LOST. */
  @WireTransaction()
  async ReportLost(ctx: Context, cardRef: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, 'ReportLost', cardRef, 'REPORT_LOST', undefined, occurredAt);
  }

  /** VALID → STOLEN. */
  @WireTransaction()
  async ReportStolen(ctx: Context, cardRef: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, 'ReportStolen', cardRef, 'REPORT_STOLEN', undefined, occurredAt);
  }

  /** LOST → VALID (the card was found). */
  @WireTransaction()
  async WithdrawLossReport(ctx: Context, cardRef: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, 'WithdrawLossReport', cardRef, 'WITHDRAW_LOSS', undefined, occurredAt);
  }

  /** VALID, LOST or STOLEN → REVOKED, with a reason. */
  @WireTransaction()
  async RevokeCard(ctx: Context, cardRef: string, reasonCode: string, occurredAt: string): Promise<Card> {
    return this.#transition(ctx, 'RevokeCard', cardRef, 'REVOKE', reasonCode, occurredAt);
  }

  /** The card, its effective state judged at the transaction time. */
  @WireTransaction()
  async GetCard(ctx: Context, cardRef: string): Promise<Card> {
    const { ledger, txTime } = begin(ctx, 'GetCard');
    const card = await ledger.cards.get(requireReference('cardRef', cardRef));
    return cardView(card, txTime);
  }

  /** The status the card had at an instant, from its history. */
  @WireTransaction()
  async GetCardStatusAt(ctx: Context, cardRef: string, at: string): Promise<CardStatusAt> {
    const { ledger, txTime } = begin(ctx, 'GetCardStatusAt');
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
  @WireTransaction()
  async GetCardHistory(
    ctx: Context,
    cardRef: string,
    pageSize: string,
    bookmark: string,
  ): Promise<Page<CardHistoryEntry>> {
    const { ledger } = begin(ctx, 'GetCardHistory');
    const ref = requireReference('cardRef', cardRef);
    const { pageSize: size, bookmark: mark } = requirePaging(pageSize, bookmark);
    const entries = (await ledger.cards.history(ref)).map((entry) => historyEntry(entry.value, entry.txId));
    if (entries.length === 0) throw new NotFoundError(`no card ${ref}`);
    return pageOfArray(entries, size, mark);
  }

  /** Every card of a person. */
  @WireTransaction()
  async GetPersonCards(ctx: Context, personRef: string): Promise<PersonCards> {
    const { ledger, txTime } = begin(ctx, 'GetPersonCards');
    const ref = requireReference('personRef', personRef);
    const cards = await ledger.cards.ofPerson(ref);
    return { personRef: ref, cards: cards.map((card) => cardSummary(card, txTime)) };
  }

  async #transition(
    ctx: Context,
    transaction: 'ReportLost' | 'ReportStolen' | 'WithdrawLossReport' | 'RevokeCard',
    cardRef: string,
    action: TransitionAction,
    reasonCode: string | undefined,
    occurredAt: string,
  ): Promise<Card> {
    const { caller, ledger, txTime } = begin(ctx, transaction);
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
