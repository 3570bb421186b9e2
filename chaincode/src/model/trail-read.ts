/** Contract metadata of TrailRead and its page. */
import type { TrailRead as TrailReadShape, TrailReadPurpose } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** An officer's recorded read of a card's verification trail. */
@DataType()
export class TrailRead implements TrailReadShape {
  @Property('readId', 'string') readId!: string;
  @Property('cardRef', 'string') cardRef!: string;
  @Property('officerUnit', 'string') officerUnit!: string;
  @Property('purpose', 'string') purpose!: TrailReadPurpose;
  @Property('txId', 'string') txId!: string;
  @Property('txTime', 'string') txTime!: string;
}

/** A page of trail reads. */
@DataType()
export class TrailReadPage {
  @Property('items', 'TrailRead[]') items!: TrailRead[];
  @Property('bookmark', 'string') bookmark!: string;
  @Property('pageSize', 'number') pageSize!: number;
}
