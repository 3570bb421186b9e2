/** Contract metadata of CardHistoryEntry and its page. */
import type { CardAction, CardHistoryEntry as CardHistoryEntryShape, CardState } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** One transition of a card. */
@DataType()
export class CardHistoryEntry implements CardHistoryEntryShape {
  @Property('txId', 'string') txId!: string;
  @Property('txTime', 'string') txTime!: string;
  @Property('action', 'string') action!: CardAction;
  @Property('fromState', 'string') fromState!: CardState | null;
  @Property('toState', 'string') toState!: CardState;
  @Property('reasonCode', 'string') reasonCode!: string | null;
  @Property('occurredAt', 'string') occurredAt!: string;
  @Property('officerUnit', 'string') officerUnit!: string;
}

/** A page of card history entries. */
@DataType()
export class CardHistoryPage {
  @Property('items', 'CardHistoryEntry[]') items!: CardHistoryEntry[];
  @Property('bookmark', 'string') bookmark!: string;
  @Property('pageSize', 'number') pageSize!: number;
}
