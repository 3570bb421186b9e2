/** Contract metadata of the Bootstrap result. */
import type { BootstrapResult as BootstrapResultShape } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** The guard keys and whether this call created any. */
@DataType()
export class BootstrapResult implements BootstrapResultShape {
  @Property('guards', 'string[]') guards!: string[];
  @Property('created', 'boolean') created!: boolean;
}
