/**
 * Issuing a card (IssueCard and IssueCardAcrossKeys): the new card is VALID,
 * and every earlier non-terminal card of the person, found under the
 * current pseudonym key or any earlier one the gateway sent, becomes
 * REPLACED in the same transaction (and is indexed under the new card, so
 * the replacement can be announced to the units that checked it).
 */
import { CARD_KINDS, type Card } from '@idcard/common';
import type { AuthorisedCaller } from '../access/require-role';
import { cardView, issuedCard, transitioned, type StoredCard } from '../domain/card-record';
import { defaultReason, isNonTerminal, requireReason } from '../domain/card-state-machine';
import { checkIssueWindow } from '../domain/card-validity';
import {
  requireDate,
  requireOccurredAt,
  requireOneOf,
  requireReference,
  requireValidUntil,
} from '../domain/input-checks';
import { AlreadyExistsError } from '../errors';
import type { Ledger } from '../ledger/ledger';

/** IssueCard's arguments, as received. */
export interface IssueArguments {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
  readonly kind: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly reasonCode: string;
  readonly occurredAt: string;
}

/** The person's cards under every key, each once. */
async function cardsOfPerson(ledger: Ledger, personRefs: readonly string[]): Promise<StoredCard[]> {
  const found = new Map<string, StoredCard>();
  for (const personRef of personRefs) {
    for (const card of await ledger.cards.ofPerson(personRef)) found.set(card.cardRef, card);
  }
  return [...found.values()];
}

/**
 * Issues the card as `caller`.
 * @throws ValidationError, AlreadyExistsError (the cardRef exists, or the
 * person has a card with the same validFrom under an earlier key: the same
 * physical card), IllegalTransitionError.
 */
export async function issueCard(
  scope: { caller: AuthorisedCaller; ledger: Ledger; txTime: string },
  args: IssueArguments,
  earlierPersonRefs: readonly string[],
): Promise<Card> {
  const { caller, ledger, txTime } = scope;
  const printed = {
    cardRef: requireReference('cardRef', args.cardRef),
    personRef: requireReference('personRef', args.personRef),
    nameCheck: requireReference('nameCheck', args.nameCheck),
    kind: requireOneOf('kind', args.kind, CARD_KINDS),
    validFrom: requireDate('validFrom', args.validFrom),
    validUntil: requireValidUntil('validUntil', args.validUntil),
  };
  const facts = {
    reason: requireReason('ISSUE', args.reasonCode),
    occurredAt: requireOccurredAt(args.occurredAt, txTime),
    officerUnit: caller.unit,
    txTime,
  };
  checkIssueWindow(printed.kind, printed.validFrom, printed.validUntil, txTime);
  const { cardRef } = printed;
  if ((await ledger.cards.find(cardRef)) !== undefined) throw new AlreadyExistsError(`card ${cardRef}`);
  const persons = await cardsOfPerson(ledger, [printed.personRef, ...earlierPersonRefs]);
  // Under an earlier key, the same holder and first day is the same physical card.
  const same = persons.find(
    (card) => card.personRef !== printed.personRef && card.validFrom === printed.validFrom,
  );
  if (same !== undefined)
    throw new AlreadyExistsError(`card ${same.cardRef} (the same card under another key)`);
  const replaceFacts = { ...facts, reason: defaultReason('REPLACE') };
  const replaced = persons
    .filter((card) => isNonTerminal(card.state))
    .map((card) => transitioned(card, 'REPLACE', replaceFacts, cardRef));
  const card = issuedCard(printed, facts);

  await ledger.cards.create(card);
  for (const old of replaced) await ledger.cards.update(old);
  await ledger.cards.noteReplaced(
    cardRef,
    replaced.map((old) => old.cardRef),
  );
  ledger.state.emit('CardIssued', { cardRef, replacedCardRef: replaced[0]?.cardRef ?? null });
  return cardView(card, txTime);
}
