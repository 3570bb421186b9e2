/**
 * Checks of transaction arguments. The chaincode never trusts the gateway:
 * every string is checked against the shared patterns and vocabularies, and
 * every failure is a ValidationError naming the argument.
 */
import {
  DATE_PATTERN,
  INSTANT_PATTERN,
  LIMITS,
  LONG_TERM,
  REFERENCE_PATTERN,
  REQUEST_ID_PATTERN,
  UNIT_ID_PATTERN,
} from '@idcard/common';
import { ValidationError } from '../errors';

/**
 * The value, when it matches the pattern.
 * @throws ValidationError otherwise.
 */
export function requirePattern(name: string, value: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ValidationError(`${name} does not match ${pattern.source}`);
  }
  return value;
}

/** A keyed pseudonymous reference. @throws ValidationError */
export function requireReference(name: string, value: string): string {
  return requirePattern(name, value, REFERENCE_PATTERN);
}

/** A unit id. @throws ValidationError */
export function requireUnitId(name: string, value: string): string {
  return requirePattern(name, value, UNIT_ID_PATTERN);
}

/** A client request id. @throws ValidationError */
export function requireRequestId(name: string, value: string): string {
  return requirePattern(name, value, REQUEST_ID_PATTERN);
}

/**
 * The value as a member of a vocabulary list.
 * @throws ValidationError when it is not one.
 */
export function requireOneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((member) => member === value);
  if (found === undefined) throw new ValidationError(`${name} must be one of ${allowed.join(', ')}`);
  return found;
}

/** True for a real calendar date `YYYY-MM-DD` (no 30 February). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A calendar date. @throws ValidationError */
export function requireDate(name: string, value: string): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new ValidationError(`${name} is not a calendar date YYYY-MM-DD`);
  }
  return value;
}

/** A printed validUntil: a calendar date or LONG_TERM. @throws ValidationError */
export function requireValidUntil(name: string, value: string): string {
  return value === LONG_TERM ? value : requireDate(name, value);
}

/**
 * An instant, normalised to the fixed-width form `YYYY-MM-DDTHH:MM:SS.mmmZ`
 * so that instants compare correctly as text.
 * @throws ValidationError for a malformed or impossible instant.
 */
export function requireInstant(name: string, value: string): string {
  if (typeof value !== 'string' || !INSTANT_PATTERN.test(value)) {
    throw new ValidationError(`${name} is not a UTC ISO 8601 instant`);
  }
  const time = Date.parse(value);
  const normalised = Number.isNaN(time) ? '' : new Date(time).toISOString();
  if (normalised.slice(0, 19) !== value.slice(0, 19)) {
    throw new ValidationError(`${name} is not a real instant`);
  }
  return normalised;
}

/** A reported event time: an instant not after the transaction time. @throws ValidationError */
export function requireOccurredAt(value: string, txTime: string): string {
  const occurredAt = requireInstant('occurredAt', value);
  if (occurredAt > txTime) throw new ValidationError('occurredAt is after the transaction time');
  return occurredAt;
}

/**
 * A page size: empty or `0` means the default, otherwise 1..LIMITS.maxPageSize.
 * @throws ValidationError for anything else.
 */
export function requirePageSize(value: string): number {
  if (value === '' || value === '0') return LIMITS.defaultPageSize;
  if (!/^[1-9]\d{0,5}$/.test(value) || Number(value) > LIMITS.maxPageSize) {
    throw new ValidationError(`pageSize must be 1..${LIMITS.maxPageSize}`);
  }
  return Number(value);
}

/** A bookmark as received: any string up to 4096 characters (decoded by the ledger layer). */
export function requireBookmarkText(value: string): string {
  if (typeof value !== 'string' || value.length > 4096) throw new ValidationError('bookmark is too long');
  return value;
}

/**
 * A list request's page size and bookmark, checked in that order.
 * @throws ValidationError for either malformed.
 */
export function requirePaging(pageSize: string, bookmark: string): { pageSize: number; bookmark: string } {
  return { pageSize: requirePageSize(pageSize), bookmark: requireBookmarkText(bookmark) };
}

/**
 * Parsed JSON text.
 * @throws ValidationError when the text is not JSON.
 */
export function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ValidationError(`${name} is not JSON`, { cause });
  }
}

/**
 * An object with exactly the given string fields.
 * @throws ValidationError naming the first missing, extra or non-string field.
 */
export function requireStringFields<K extends string>(
  name: string,
  value: unknown,
  fields: readonly K[],
): Record<K, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`${name} must be an object`);
  }
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).find((key) => !fields.some((field) => field === key));
  if (extra !== undefined) throw new ValidationError(`${name} has an unknown field ${extra}`);
  for (const field of fields) {
    if (typeof record[field] !== 'string') throw new ValidationError(`${name}.${field} must be a string`);
  }
  return record as Record<K, string>;
}
