/** Contract metadata of the CardStatusAt result. */
import type { CardState, CardStatusAt as CardStatusAtShape, EffectiveCardState } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** The status a card had at an instant, with the transaction that set it. */
@DataType()
export class CardStatusAt implements CardStatusAtShape {
  @Property('cardRef', 'string') cardRef!: string;
  @Property('at', 'string') at!: string;
  @Property('state', 'string') state!: CardState;
  @Property('effectiveState', 'string') effectiveState!: EffectiveCardState;
  @Property('txId', 'string') txId!: string;
}
