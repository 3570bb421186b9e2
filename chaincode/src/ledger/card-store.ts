/**
 * Cards and the person index on the ledger. Creating a card sets the
 * key-level policy (PublicSecurityMSP AND BigDataBureauMSP) on the card key
 * and its person index key, and blind-writes guard/cards.
 */
import { GUARD_KEYS } from '@idcard/common';
import type { StoredCard } from '../domain/card-record';
import { KEY_POLICIES } from './endorsement-policies';
import type { GuardStore } from './guard-store';
import type { HistoryEntry } from './history';
import { KeyedStore } from './keyed-store';
import { KEY_TYPES } from './keys';
import type { StateStore } from './state-store';

/** A person index or replacement index entry. */
interface PersonCardEntry {
  readonly cardRef: string;
}

/** Reads and writes cards. */
export class CardStore extends KeyedStore<StoredCard> {
  constructor(state: StateStore, guards: GuardStore) {
    super(state, guards, {
      keyType: KEY_TYPES.card,
      idField: 'cardRef',
      policy: KEY_POLICIES.card,
      guard: GUARD_KEYS.cards,
    });
  }

  /** Every card of a person, in cardRef order. */
  async ofPerson(personRef: string): Promise<StoredCard[]> {
    const index = await this.state.readAll<PersonCardEntry>(KEY_TYPES.personCard, [personRef]);
    const cards: StoredCard[] = [];
    for (const entry of index.values) {
      const card = await this.find(entry.cardRef);
      if (card !== undefined) cards.push(card);
    }
    return cards;
  }

  /** Writes a new card, its person index entry, their policies, and the guard. */
  override async create(card: StoredCard): Promise<void> {
    await this.state.writeWithPolicy(this.keyOf(card.cardRef), card, KEY_POLICIES.card);
    const indexKey = this.state.key(KEY_TYPES.personCard, [card.personRef, card.cardRef]);
    const entry: PersonCardEntry = { cardRef: card.cardRef };
    await this.state.writeWithPolicy(indexKey, entry, KEY_POLICIES.card);
    await this.touchGuard();
  }

  /** Indexes the cards a new card replaced (`replaced~by [newCardRef, oldCardRef]`, card policy). */
  async noteReplaced(cardRef: string, replaced: readonly string[]): Promise<void> {
    for (const old of replaced) {
      const key = this.state.key(KEY_TYPES.replacedBy, [cardRef, old]);
      const entry: PersonCardEntry = { cardRef: old };
      await this.state.writeWithPolicy(key, entry, KEY_POLICIES.card);
    }
  }

  /** The cards a card replaced when it was issued, in cardRef order. */
  async replacedBy(cardRef: string): Promise<StoredCard[]> {
    const index = await this.state.readAll<PersonCardEntry>(KEY_TYPES.replacedBy, [cardRef]);
    const cards: StoredCard[] = [];
    for (const entry of index.values) cards.push(await this.get(entry.cardRef));
    return cards;
  }

  /** The committed values of a card, oldest first (ordered by the card's version). */
  async history(cardRef: string): Promise<HistoryEntry<StoredCard>[]> {
    const entries = await this.state.history<StoredCard>(this.keyOf(cardRef));
    return entries.sort((a, b) => a.value.version - b.value.version);
  }
}
