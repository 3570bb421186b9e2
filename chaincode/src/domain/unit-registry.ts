/**
 * Relying units: registration input, purposes, suspension and
 * reinstatement. Only ACTIVE units may verify.
 */
import {
  MAX_DISPLAY_NAME_LENGTH,
  PURPOSES,
  SUSPENSION_REASON_PATTERN,
  type Purpose,
  type Unit,
  type UnitCategory,
  type UnitState,
} from '@idcard/common';
import { IllegalTransitionError, ValidationError } from '../errors';
import { parseJson, requireOneOf, requirePattern } from './input-checks';

/**
 * Allowed purposes from JSON text: a non-empty array of distinct PURPOSES,
 * returned in vocabulary order so equal sets are stored identically.
 * @throws ValidationError otherwise.
 */
export function parsePurposes(text: string): Purpose[] {
  const parsed = parseJson('allowedPurposes', text);
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ValidationError('allowedPurposes must be a non-empty JSON array');
  }
  const given = parsed.map((value: unknown) =>
    requireOneOf('allowedPurposes[]', typeof value === 'string' ? value : '', PURPOSES),
  );
  if (new Set(given).size !== given.length) throw new ValidationError('allowedPurposes repeats a purpose');
  return PURPOSES.filter((purpose) => given.includes(purpose));
}

/**
 * A display name: 1..MAX_DISPLAY_NAME_LENGTH characters, no control characters, trimmed.
 * @throws ValidationError otherwise.
 */
export function requireDisplayName(value: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
  const sound = /^[^\u0000-\u001f\u007f]+$/.test(value) && value.trim() === value;
  if (!sound || value.length > MAX_DISPLAY_NAME_LENGTH) {
    throw new ValidationError(
      `displayName must be 1..${MAX_DISPLAY_NAME_LENGTH} printable characters, trimmed`,
    );
  }
  return value;
}

/** A suspension reason code. @throws ValidationError */
export function requireSuspensionReason(value: string): string {
  return requirePattern('reason', value, SUSPENSION_REASON_PATTERN);
}

/** A newly registered, ACTIVE unit. */
export function registeredUnit(
  unitId: string,
  category: UnitCategory,
  allowedPurposes: Purpose[],
  displayName: string,
  txTime: string,
): Unit {
  return {
    unitId,
    category,
    displayName,
    allowedPurposes,
    state: 'ACTIVE',
    suspensionReason: null,
    registeredAt: txTime,
    updatedAt: txTime,
  };
}

function requireState(unit: Unit, action: string, state: UnitState): void {
  if (unit.state !== state) throw new IllegalTransitionError(action, unit.state, 'a unit');
}

/** The unit suspended. @throws IllegalTransitionError unless ACTIVE. */
export function suspendedUnit(unit: Unit, reason: string, txTime: string): Unit {
  requireState(unit, 'SUSPEND', 'ACTIVE');
  return { ...unit, state: 'SUSPENDED', suspensionReason: reason, updatedAt: txTime };
}

/** The unit reinstated. @throws IllegalTransitionError unless SUSPENDED. */
export function reinstatedUnit(unit: Unit, txTime: string): Unit {
  requireState(unit, 'REINSTATE', 'SUSPENDED');
  return { ...unit, state: 'ACTIVE', suspensionReason: null, updatedAt: txTime };
}

/** The unit with new purposes. */
export function withPurposes(unit: Unit, allowedPurposes: Purpose[], txTime: string): Unit {
  return { ...unit, allowedPurposes, updatedAt: txTime };
}
