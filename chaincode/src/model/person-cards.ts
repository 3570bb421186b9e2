/** Contract metadata of PersonCards. */
import type {
  CardState,
  EffectiveCardState,
  PersonCardSummary as PersonCardSummaryShape,
  PersonCards as PersonCardsShape,
} from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** One card in a person's list. */
@DataType()
export class PersonCardSummary implements PersonCardSummaryShape {
  @Property('cardRef', 'string') cardRef!: string;
  @Property('state', 'string') state!: CardState;
  @Property('effectiveState', 'string') effectiveState!: EffectiveCardState;
  @Property('validFrom', 'string') validFrom!: string;
  @Property('validUntil', 'string') validUntil!: string;
}

/** The cards of one person. */
@DataType()
export class PersonCards implements PersonCardsShape {
  @Property('personRef', 'string') personRef!: string;
  @Property('cards', 'PersonCardSummary[]') cards!: PersonCardSummary[];
}
