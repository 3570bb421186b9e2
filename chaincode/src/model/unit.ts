/** Contract metadata of Unit and its page. */
import type { Purpose, Unit as UnitShape, UnitCategory, UnitState } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** A relying unit in the registry. */
@DataType()
export class Unit implements UnitShape {
  @Property('unitId', 'string') unitId!: string;
  @Property('category', 'string') category!: UnitCategory;
  @Property('displayName', 'string') displayName!: string;
  @Property('allowedPurposes', 'string[]') allowedPurposes!: Purpose[];
  @Property('state', 'string') state!: UnitState;
  @Property('suspensionReason', 'string') suspensionReason!: string | null;
  @Property('registeredAt', 'string') registeredAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
}

/** A page of units. */
@DataType()
export class UnitPage {
  @Property('items', 'Unit[]') items!: Unit[];
  @Property('bookmark', 'string') bookmark!: string;
  @Property('pageSize', 'number') pageSize!: number;
}
