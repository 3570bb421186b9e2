/**
 * The caller of a transaction, from its client certificate: MSP id, and the
 * `role` and `unit` attributes issued by the organisation's CA.
 */
import { CERT_ATTRIBUTES, ROLES, type Role } from '@idcard/common';

/** The part of fabric-contract-api's ClientIdentity the chaincode reads. */
export interface CallerIdentity {
  getMSPID(): string;
  getAttributeValue(attrName: string): string | null;
}

/** Who is calling, as claimed by the certificate (not yet authorised). */
export interface Caller {
  readonly mspId: string;
  readonly role: Role | undefined;
  readonly unit: string | undefined;
}

/** The caller described by a client identity. */
export function callerOf(identity: CallerIdentity): Caller {
  const role = identity.getAttributeValue(CERT_ATTRIBUTES.role);
  const unit = identity.getAttributeValue(CERT_ATTRIBUTES.unit);
  return {
    mspId: identity.getMSPID(),
    role: ROLES.find((known) => known === role),
    unit: unit === null || unit === '' ? undefined : unit,
  };
}
