/**
 * Values of the wrong JSON type for a schema, made from a valid value the
 * way a confused or hostile client sends them: wrapped in an array or an
 * object, as a number or a boolean where the text reads as one, a string
 * where a number or a list was due, null. A coercing validator turns many of
 * them back into valid values; the gateway must refuse every one.
 */
import fc from 'fast-check';
import { changedAt, pointerOf, spots } from './json-spots';
import type { JsonSchema } from './schema-arbitraries';

/** The JSON types, as a value of the wrong type is chosen among them (integer counts as number). */
export const JSON_TYPES = ['array', 'object', 'number', 'boolean', 'null', 'string'] as const;
/** A JSON type. */
export type JsonType = (typeof JSON_TYPES)[number];

/** The JSON types a schema accepts; a schema without a type accepts all. */
export function acceptedTypes(schema: JsonSchema): ReadonlySet<JsonType> {
  if (schema.anyOf) return new Set(schema.anyOf.flatMap((s) => [...acceptedTypes(s)]));
  if (schema.type === undefined) return new Set(JSON_TYPES);
  return new Set([schema.type === 'integer' ? 'number' : (schema.type as JsonType)]);
}

/** `valid` written as a value of `type`. */
function asType(type: JsonType, valid: unknown): unknown {
  switch (type) {
    case 'array':
      return [valid];
    case 'object':
      return { value: valid };
    case 'number': {
      const n = typeof valid === 'string' && valid.trim() !== '' ? Number(valid) : NaN;
      return Number.isFinite(n) ? n : valid === true ? 1 : 0;
    }
    case 'boolean':
      return valid !== 'false';
    case 'null':
      return null;
    case 'string': {
      // An empty list has no first item: its text ('[]') then, never undefined (which JSON drops).
      const scalar: unknown = Array.isArray(valid) && valid.length > 0 ? valid[0] : valid;
      return typeof scalar === 'string' ? scalar : JSON.stringify(scalar);
    }
  }
}

/** One value of each JSON type `schema` does not accept, made from `valid`. */
export function wrongTypedValues(
  schema: JsonSchema,
  valid: unknown,
): { readonly type: JsonType; readonly value: unknown }[] {
  const accepted = acceptedTypes(schema);
  return JSON_TYPES.filter((t) => !accepted.has(t)).map((type) => ({ type, value: asType(type, valid) }));
}

/** One request body with one node of the wrong type. */
export interface WrongTypedBody {
  /** The JSON Pointer of the node (`''`: the whole body). */
  readonly pointer: string;
  readonly type: JsonType;
  readonly value: unknown;
}

/** Every way of giving one node of `valid` (the whole body included) a wrong type. */
export function wrongTypedBodies(valid: unknown, schema: JsonSchema): WrongTypedBody[] {
  return spots(valid, schema).flatMap((spot) =>
    wrongTypedValues(spot.schema, spot.value).map((wrong) => ({
      pointer: pointerOf(spot.path),
      type: wrong.type,
      value: changedAt(valid, spot.path, () => wrong.value),
    })),
  );
}

/**
 * `valid` with one node (chosen at random) of a wrong type.
 * @throws Error when the schema accepts every type everywhere (no body schema does)
 */
export function wrongTypedBody(valid: unknown, schema: JsonSchema): fc.Arbitrary<WrongTypedBody> {
  const all = wrongTypedBodies(valid, schema);
  if (all.length === 0) throw new Error('the schema accepts every JSON type: nothing can be of a wrong type');
  return fc.constantFrom(...all);
}
