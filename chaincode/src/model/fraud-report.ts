/** Contract metadata of FraudReport and its page. */
import type { FraudCategory, FraudReport as FraudReportShape } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** A fraud report filed by a relying unit. */
@DataType()
export class FraudReport implements FraudReportShape {
  @Property('reportId', 'string') reportId!: string;
  @Property('requestId', 'string') requestId!: string;
  @Property('unitId', 'string') unitId!: string;
  @Property('cardRef', 'string') cardRef!: string;
  @Property('category', 'string') category!: FraudCategory;
  @Property('recordId', 'string') recordId!: string | null;
  @Property('txId', 'string') txId!: string;
  @Property('txTime', 'string') txTime!: string;
  @Property('replayed', 'boolean') replayed!: boolean;
}

/** A page of fraud reports. */
@DataType()
export class FraudReportPage {
  @Property('items', 'FraudReport[]') items!: FraudReport[];
  @Property('bookmark', 'string') bookmark!: string;
  @Property('pageSize', 'number') pageSize!: number;
}
