/** Fake client identities: an MSP id and certificate attributes. */
import { MSP_IDS } from '@idcard/common';
import type { CallerIdentity } from '../access/caller';

/** The part of ClientIdentity the chaincode and the shim's Context use. */
export interface FakeIdentity extends CallerIdentity {
  getID(): string;
  assertAttributeValue(attrName: string, attrValue: string): boolean;
}

/** An identity of an MSP with the given certificate attributes. */
export function identity(mspId: string, attributes: Readonly<Record<string, string>>): FakeIdentity {
  return {
    getMSPID: () => mspId,
    getAttributeValue: (name) => attributes[name] ?? null,
    getID: () => `x509::CN=${attributes.role ?? 'none'}::${mspId}`,
    assertAttributeValue: (name, value) => attributes[name] === value,
  };
}

/** Well-formed callers of each role. */
export const callers = {
  officer: (unit = 'PSB-0101'): FakeIdentity => identity(MSP_IDS.publicSecurity, { role: 'officer', unit }),
  operator: (): FakeIdentity => identity(MSP_IDS.bigDataBureau, { role: 'operator' }),
  verifier: (unit = 'BANK-001'): FakeIdentity => identity(MSP_IDS.relyingParty, { role: 'verifier', unit }),
  auditor: (mspId: string = MSP_IDS.bigDataBureau): FakeIdentity => identity(mspId, { role: 'auditor' }),
};
