/** Contract metadata of EidToken. */
import type { EidToken as EidTokenShape } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/** An electronic-ID token (its SHA-256 only). */
@DataType()
export class EidToken implements EidTokenShape {
  @Property('tokenHash', 'string') tokenHash!: string;
  @Property('cardRef', 'string') cardRef!: string;
  @Property('expiresAt', 'string') expiresAt!: string;
  @Property('issuedAt', 'string') issuedAt!: string;
  @Property('usedAt', 'string') usedAt!: string | null;
  @Property('usedBy', 'string') usedBy!: string | null;
}
