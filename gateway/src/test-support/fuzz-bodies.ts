/**
 * Generated request bodies for one operation: built from its schema (with
 * coherent card data), broken in one spot, random JSON, malformed JSON, over
 * the size limit, or absent; each with the value it came from, so the
 * personal data it carries is known. And valid bodies with one node of a
 * wrong JSON type, which must be refused whatever else the request is.
 */
import fc from 'fast-check';
import { withCards } from './card-arbitraries';
import type { Operation } from './openapi-operations';
import { brokenValue, validValue } from './schema-arbitraries';
import { wrongTypedBody } from './wrong-types';

/** A body: the value it was built from (for its personal data) and the text sent, if any. */
export interface GeneratedBody {
  readonly value: unknown;
  readonly text: string | undefined;
  /** Set when the body is valid but for one node of a wrong JSON type: that node as the problem names it (`body/items/0/idNumber`). */
  readonly wrongTypedAt?: string;
}

/** The personal data in a value: ID numbers (first 17 digits) and names, at any depth. */
export function personalDataOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(personalDataOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (key === 'idNumber' && typeof v === 'string' && /^\d{17}/.test(v)) return [v.slice(0, 17)];
    if (key === 'name' && typeof v === 'string') return [v];
    return personalDataOf(v);
  });
}

const anyText = fc.string({ unit: 'binary', maxLength: 40 });

/** Text that is almost the JSON of `value`: cut short, doubled, single-quoted, poisoned, or junk. */
function malformedJson(value: unknown): fc.Arbitrary<string> {
  // JSON.stringify answers undefined for undefined, whatever its declared type says.
  const sent = JSON.stringify(value) as string | undefined;
  const text = sent ?? 'null';
  return fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut)),
    fc.constantFrom(
      `\ufeff${text}`,
      `${text},`,
      `${text}${text}`,
      text.replaceAll(':', '='),
      text.replaceAll('"', "'"),
      `[${text}`,
      'NaN',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      ' ',
    ),
    anyText,
  );
}

const sent = (value: unknown): GeneratedBody => ({ value, text: JSON.stringify(value) });
const none = fc.constant<GeneratedBody>({ value: undefined, text: undefined });

/** Bodies for `op`: clean ones are valid (or absent when it takes none); the others mix all kinds. */
export function bodyFor(op: Operation, bodyLimitBytes: number, clean: boolean): fc.Arbitrary<GeneratedBody> {
  const schema = op.body;
  if (clean) return schema ? validValue(schema, withCards).map(sent) : none;
  const valid = schema ? validValue(schema, withCards) : fc.jsonValue({ maxDepth: 2 });
  const kinds: fc.WeightedArbitrary<GeneratedBody>[] = [
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(sent) },
    { weight: 1, arbitrary: valid.chain((v) => malformedJson(v).map((text) => ({ value: v, text }))) },
    {
      weight: 1,
      arbitrary: valid.map((value) => ({
        value,
        text: JSON.stringify({ ...(value as object), pad: 'x'.repeat(bodyLimitBytes) }),
      })),
    },
    { weight: 1, arbitrary: none },
  ];
  if (!schema) return fc.oneof({ weight: 5, arbitrary: none }, ...kinds);
  return fc.oneof(
    { weight: 3, arbitrary: valid.map(sent) },
    {
      weight: 5,
      arbitrary: valid.chain((v) =>
        brokenValue(v, schema).map((b) => ({ value: v, text: JSON.stringify(b) })),
      ),
    },
    ...kinds,
  );
}

/** Valid bodies for `op` with one node of a wrong JSON type; undefined when it takes no body. */
export function wrongTypedBodyFor(op: Operation): fc.Arbitrary<GeneratedBody> | undefined {
  const schema = op.body;
  if (!schema) return undefined;
  return validValue(schema, withCards).chain((valid) =>
    wrongTypedBody(valid, schema).map((wrong) => ({
      value: valid,
      text: JSON.stringify(wrong.value),
      wrongTypedAt: `body${wrong.pointer}`,
    })),
  );
}
