/**
 * Authorisation (docs/transactions.md, "Callers"): a role counts only from
 * its own MSP (auditors from either agency, never from the relying units'
 * consortium, whose CA registrar could otherwise mint one), and officers and verifiers
 * must carry a well-formed `unit` attribute.
 */
import { MSP_IDS, UNIT_ID_PATTERN, type Role } from '@idcard/common';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Caller } from './caller';

/** The MSPs each role may come from. */
export const ROLE_MSPS: Readonly<Record<Role, readonly string[]>> = {
  officer: [MSP_IDS.publicSecurity],
  operator: [MSP_IDS.bigDataBureau],
  verifier: [MSP_IDS.relyingParty],
  auditor: [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau],
};

const UNIT_ROLES: readonly Role[] = ['officer', 'verifier'];

/** An authorised caller; `unit` is set for officers and verifiers. */
export interface AuthorisedCaller {
  readonly mspId: string;
  readonly role: Role;
  readonly unit: string;
}

/**
 * The caller, when its role is one of `allowed` and matches its MSP.
 * @throws ForbiddenError otherwise.
 */
export function requireRole(caller: Caller, allowed: readonly Role[]): AuthorisedCaller {
  const { role, mspId, unit } = caller;
  if (role === undefined || !allowed.includes(role)) {
    throw new ForbiddenError(`this transaction is for ${allowed.join(', ')}`);
  }
  if (!ROLE_MSPS[role].includes(mspId)) throw new ForbiddenError(`role ${role} is not valid for ${mspId}`);
  if (!UNIT_ROLES.includes(role)) return { mspId, role, unit: '' };
  if (unit === undefined || !UNIT_ID_PATTERN.test(unit)) {
    throw new ForbiddenError(`role ${role} needs a well-formed unit certificate attribute`);
  }
  return { mspId, role, unit };
}

/**
 * Allows a verifier only for its own unit; other allowed roles pass.
 * @throws ForbiddenError when a verifier asks about another unit.
 */
export function requireOwnUnit(caller: AuthorisedCaller, unitId: string): void {
  if (caller.role === 'verifier' && caller.unit !== unitId) {
    throw new ForbiddenError('a verifier reads only its own unit');
  }
}

/**
 * A unit-owned record the caller may see: auditors any, a verifier its own.
 * Another unit's record is refused exactly like a missing one, so record
 * ids cannot be probed for existence.
 * @throws NotFoundError when the record is missing or another unit's.
 */
export function requireVisibleRecord<T extends { readonly unitId: string }>(
  caller: AuthorisedCaller,
  record: T | undefined,
  recordId: string,
): T {
  if (record === undefined || (caller.role === 'verifier' && caller.unit !== record.unitId)) {
    throw new NotFoundError(`no verification record ${recordId}`);
  }
  return record;
}
