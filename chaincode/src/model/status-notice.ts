/** Contract metadata of StatusNotice and its page. */
import type { CardState, StatusNotice as StatusNoticeShape } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** A card a unit checked changed state afterwards. */
@DataType()
export class StatusNotice implements StatusNoticeShape {
  @Property('noticeId', 'string') noticeId!: string;
  @Property('unitId', 'string') unitId!: string;
  @Property('cardRef', 'string') cardRef!: string;
  @Property('state', 'string') state!: CardState;
  @Property('changedAt', 'string') changedAt!: string;
  @Property('checkedAt', 'string') checkedAt!: string;
  @Property('txId', 'string') txId!: string;
}

/** A page of status notices. */
@DataType()
export class StatusNoticePage {
  @Property('items', 'StatusNotice[]') items!: StatusNotice[];
  @Property('bookmark', 'string') bookmark!: string;
  @Property('pageSize', 'number') pageSize!: number;
}

/** The notices one announcement recorded. */
@DataType()
export class NoticeBatch {
  @Property('notices', 'StatusNotice[]') notices!: StatusNotice[];
}
