/** Contract metadata of VerificationRecord, the bulk result and the page. */
import type {
  Purpose,
  VerificationChannel,
  VerificationRecord as VerificationRecordShape,
  VerificationResult,
} from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** One verification as recorded; replayed when it answers a repeated request. */
@DataType()
export class VerificationRecord implements VerificationRecordShape {
  @Property('recordId', 'string') recordId!: string;
  @Property('requestId', 'string') requestId!: string;
  @Property('unitId', 'string') unitId!: string;
  @Property('purpose', 'string') purpose!: Purpose;
  @Property('channel', 'string') channel!: VerificationChannel;
  @Property('cardRef', 'string') cardRef!: string | null;
  @Property('result', 'string') result!: VerificationResult;
  @Property('reason', 'string') reason!: string | null;
  @Property('txId', 'string') txId!: string;
  @Property('txTime', 'string') txTime!: string;
  @Property('replayed', 'boolean') replayed!: boolean;
}

/** The records of a bulk verification, in item order. */
@DataType()
export class VerificationBatch {
  @Property('records', 'VerificationRecord[]') records!: VerificationRecord[];
}

/** A page of verification records. */
@DataType()
export class VerificationPage {
  @Property('items', 'VerificationRecord[]') items!: VerificationRecord[];
  @Property('bookmark', 'string') bookmark!: string;
  @Property('pageSize', 'number') pageSize!: number;
}
