import { MSP_IDS } from '@idcard/common';
import { callerOf } from './caller';
import { requireOwnUnit, requireRole } from './require-role';
import { callers, identity } from '../test-support/identities';

describe('callers and roles', () => {
  it('reads MSP, role and unit from the client identity', () => {
    expect(callerOf(callers.verifier('BANK-9'))).toEqual({
      mspId: MSP_IDS.relyingParty,
      role: 'verifier',
      unit: 'BANK-9',
    });
    expect(callerOf(identity(MSP_IDS.publicSecurity, { role: 'root', unit: '' }))).toEqual({
      mspId: MSP_IDS.publicSecurity,
      role: undefined,
      unit: undefined,
    });
  });

  it('authorises a role only from its MSP and with a unit where one is needed', () => {
    expect(requireRole(callerOf(callers.officer('PSB-1')), ['officer'])).toEqual({
      mspId: MSP_IDS.publicSecurity,
      role: 'officer',
      unit: 'PSB-1',
    });
    expect(requireRole(callerOf(callers.auditor(MSP_IDS.bigDataBureau)), ['auditor']).role).toBe('auditor');
    // The relying units' consortium cannot hold the auditor role, whatever its CA writes into a certificate.
    expect(() => requireRole(callerOf(callers.auditor(MSP_IDS.relyingParty)), ['auditor'])).toThrow(
      /^FORBIDDEN: role auditor is not valid for RelyingPartyMSP/,
    );
    expect(() => requireRole(callerOf(callers.operator()), ['officer'])).toThrow(
      /^FORBIDDEN: this transaction is for officer/,
    );
    expect(() =>
      requireRole(callerOf(identity(MSP_IDS.relyingParty, { role: 'operator' })), ['operator']),
    ).toThrow(/not valid for RelyingPartyMSP/);
    expect(() =>
      requireRole(callerOf(identity(MSP_IDS.relyingParty, { role: 'verifier' })), ['verifier']),
    ).toThrow(/unit certificate attribute/);
  });

  it('keeps verifiers to their own unit and lets other roles through', () => {
    const verifier = requireRole(callerOf(callers.verifier('BANK-1')), ['verifier']);
    expect(() => {
      requireOwnUnit(verifier, 'BANK-2');
    }).toThrow(/^FORBIDDEN/);
    expect(() => {
      requireOwnUnit(verifier, 'BANK-1');
    }).not.toThrow();
    const auditor = requireRole(callerOf(callers.auditor()), ['auditor']);
    expect(() => {
      requireOwnUnit(auditor, 'BANK-2');
    }).not.toThrow();
  });
});
