/**
 * fast-check arbitraries from the JSON Schema subset of the gateway's OpenAPI
 * document (object, array, string with a pattern or a length, integer,
 * boolean, enum, anyOf): values that match a schema, and the same values
 * with one spot broken (a field removed, an unknown one added, or a value
 * replaced by one of the wrong type, just out of range or plain junk; a
 * wrong JSON type is also made from the valid value, see wrong-types.ts).
 */
import fc from 'fast-check';
import { changedAt, spots } from './json-spots';
import { wrongTypedValues } from './wrong-types';

/** The JSON Schema subset the OpenAPI document uses. */
export interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
}

/** A whole value for a schema the generic rules would get wrong (e.g. a coherent card), or undefined. */
export type Refinement = (schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

/** Most items or characters generated where the schema allows more (its limits are hit by mutations). */
const MAX_GENERATED_ITEMS = 4;
const MAX_GENERATED_LENGTH = 40;

/** Values that match `schema`; `refine` is asked first at every level. */
export function validValue(schema: JsonSchema, refine: Refinement): fc.Arbitrary<unknown> {
  const refined = refine(schema);
  if (refined) return refined;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, refine)));
  switch (schema.type) {
    case 'object':
      return validObject(schema, refine, {});
    case 'array':
      return validArray(schema, refine);
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue();
  }
}

function validArray(schema: JsonSchema, refine: Refinement): fc.Arbitrary<unknown[]> {
  const item = validValue(schema.items ?? {}, refine);
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.max(
    minLength,
    Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS),
  );
  return schema.uniqueItems
    ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(item, { minLength, maxLength });
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern));
  return fc.string({
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? MAX_GENERATED_LENGTH, MAX_GENERATED_LENGTH),
  });
}

/** Objects that match `schema`, with some properties given by `fixed` instead of generated. */
export function validObject(
  schema: JsonSchema,
  refine: Refinement,
  fixed: Readonly<Record<string, unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const model: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(
    properties.map(([key, s]) => [key, key in fixed ? fc.constant(fixed[key]) : validValue(s, refine)]),
  );
  const required = new Set([...(schema.required ?? []), ...Object.keys(fixed)]);
  return fc.record(model, { requiredKeys: [...required] });
}

/**
 * The same schema with every declared property required and arrays of one
 * item (where allowed): values of it carry every field once, for tests that
 * visit each field.
 */
export function withEveryField(schema: JsonSchema): JsonSchema {
  const properties = schema.properties;
  return {
    ...schema,
    ...(properties
      ? {
          properties: Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, withEveryField(s)])),
          required: Object.keys(properties),
        }
      : {}),
    ...(schema.items
      ? { items: withEveryField(schema.items), maxItems: Math.max(1, schema.minItems ?? 0) }
      : {}),
    ...(schema.anyOf ? { anyOf: schema.anyOf.map(withEveryField) } : {}),
  };
}

const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  '0',
  'null',
  '\u0000',
  '\u202e',
  '𝕏𝕏',
  '<script>',
  'x'.repeat(5000),
  [],
  {},
  [null],
  { $ref: '#' },
];

/** A value just outside what `schema` allows, when one can be made. */
function nearMiss(schema: JsonSchema, value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === 'string') {
    const otherLast = value.endsWith('1') ? '2' : '1';
    return fc.constantFrom(
      `${value} `,
      ` ${value}`,
      value.slice(1),
      `${value.slice(0, -1)}${otherLast}`,
      `${value}${value}`,
      value.toLowerCase(),
    );
  }
  if (typeof value === 'number') {
    return fc.constantFrom(
      (schema.minimum ?? 0) - 1,
      (schema.maximum ?? 0) + 1,
      value + 0.5,
      String(value),
      Number.MAX_SAFE_INTEGER + 2,
    );
  }
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    const over = (schema.maxItems ?? 10) + 1;
    return fc.constantFrom(
      [],
      Array.from({ length: over }, () => items[0] ?? null),
      [...items, ...items],
    );
  }
  return fc.constantFrom(...ODD_VALUES);
}

// Built once: string arbitraries are costly to build, and the ones below are built per generated value.
const anyJson = fc.jsonValue({ maxDepth: 2 });
const oddValue = fc.constantFrom(...ODD_VALUES);
const anyString = fc.string({ unit: 'binary', maxLength: 20 });

/** Something else in place of a value: the wrong type, just out of range, or junk. */
export function wrongValue(schema: JsonSchema, value: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(anyJson, oddValue, anyString, nearMiss(schema, value));
}

/** A field no schema of the API declares. */
const unknownField = fc.tuple(
  fc.oneof(
    fc.constantFrom('photo', 'comment', '__proto__', 'constructor', 'prototype', 'ID_NUMBER', ''),
    fc.string({ minLength: 1, maxLength: 12 }),
  ),
  fc.jsonValue({ maxDepth: 1 }),
);

/** One spot of `value` broken: removed, replaced, or (in an object) given an unknown field. */
export function brokenValue(value: unknown, schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.constantFrom(...spots(value, schema)).chain((spot) => {
    const isObject = typeof spot.value === 'object' && spot.value !== null && !Array.isArray(spot.value);
    const wrongTyped = wrongTypedValues(spot.schema, spot.value).map((w) => w.value);
    const options: fc.Arbitrary<unknown>[] = [
      wrongValue(spot.schema, spot.value).map((wrong) => changedAt(value, spot.path, () => wrong)),
    ];
    if (wrongTyped.length > 0) {
      options.push(fc.constantFrom(...wrongTyped).map((wrong) => changedAt(value, spot.path, () => wrong)));
    }
    if (spot.path.length > 0) options.push(fc.constant(changedAt(value, spot.path, () => undefined)));
    if (isObject) {
      options.push(
        unknownField.map(([key, extra]) =>
          changedAt(value, spot.path, (old) => ({ ...(old as object), [key]: extra })),
        ),
      );
    }
    return fc.oneof(...options);
  });
}
