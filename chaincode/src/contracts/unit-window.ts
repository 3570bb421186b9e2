/**
 * The arguments of a unit's time-window listing (verifications, status
 * notices), checked once: auditors any unit, a verifier only its own;
 * instants well-formed and in order; page size and bookmark valid.
 */
import { requireOwnUnit, type AuthorisedCaller } from '../access/require-role';
import { requireInstant, requirePaging, requireUnitId } from '../domain/input-checks';
import { ValidationError } from '../errors';

/** A checked window request, as the stores' pageByUnit takes it. */
export interface UnitWindowRequest {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly pageSize: number;
  readonly bookmark: string;
}

/**
 * Checks a unit window listing's arguments for the caller.
 * @throws ForbiddenError for a verifier asking about another unit; ValidationError for bad arguments
 */
export function requireUnitWindow(
  caller: AuthorisedCaller,
  args: { unitId: string; from: string; to: string; pageSize: string; bookmark: string },
): UnitWindowRequest {
  const unitId = requireUnitId('unitId', args.unitId);
  requireOwnUnit(caller, unitId);
  const from = requireInstant('from', args.from);
  const to = requireInstant('to', args.to);
  if (from > to) throw new ValidationError('from is after to');
  return { unitId, from, to, ...requirePaging(args.pageSize, args.bookmark) };
}
