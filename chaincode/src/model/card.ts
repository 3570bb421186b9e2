/** Contract metadata of the Card result (docs/transactions.md, contract `cards`). */
import type { CardAction, CardKind, CardState, Card as CardShape, EffectiveCardState } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** A card; effectiveState is EXPIRED for a VALID card past its validity. */
@DataType()
export class Card implements CardShape {
  @Property('cardRef', 'string') cardRef!: string;
  @Property('personRef', 'string') personRef!: string;
  @Property('kind', 'string') kind!: CardKind;
  @Property('state', 'string') state!: CardState;
  @Property('effectiveState', 'string') effectiveState!: EffectiveCardState;
  @Property('validFrom', 'string') validFrom!: string;
  @Property('validUntil', 'string') validUntil!: string;
  @Property('issuedAt', 'string') issuedAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Property('lastAction', 'string') lastAction!: CardAction;
  @Property('lastReason', 'string') lastReason!: string | null;
  @Property('occurredAt', 'string') occurredAt!: string;
  @Property('officerUnit', 'string') officerUnit!: string;
  @Property('replacedBy', 'string') replacedBy!: string | null;
}
