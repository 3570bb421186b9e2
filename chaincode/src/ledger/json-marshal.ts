/**
 * The one deterministic JSON marshal of the chaincode: keys sorted at every
 * level, so every endorser writes byte-identical values.
 */
import { ValidationError } from '../errors';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      const field = source[key];
      if (field !== undefined) sorted[key] = sortKeys(field);
    }
    return sorted;
  }
  return value;
}

/** JSON text of a value with sorted keys (undefined fields dropped). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** The UTF-8 bytes of canonicalJson(value). */
export function marshal(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/**
 * Parses bytes written by marshal; the caller knows the type it wrote.
 * @throws ValidationError when the bytes are not JSON (a corrupted or foreign value).
 */
export function unmarshal(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch (cause) {
    throw new ValidationError('stored value is not JSON', { cause });
  }
}
