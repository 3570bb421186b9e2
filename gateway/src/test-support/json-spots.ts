/**
 * The nodes of a JSON value with the schema that describes each, and copies
 * of a value changed at one node: what the generators break requests with.
 */
import type { JsonSchema } from './schema-arbitraries';

/** Where a node is: object keys and array indexes from the root. */
export type Path = readonly (string | number)[];

/** One node of a value. */
export interface Spot {
  readonly path: Path;
  readonly schema: JsonSchema;
  readonly value: unknown;
}

/** Every node of a value (the root first) with the schema that describes it. */
export function spots(value: unknown, schema: JsonSchema, path: Path = []): Spot[] {
  const here: Spot = { path, schema, value };
  if (Array.isArray(value)) {
    return [here, ...value.flatMap((v, i) => spots(v, schema.items ?? {}, [...path, i]))];
  }
  if (typeof value === 'object' && value !== null) {
    return [
      here,
      ...Object.entries(value).flatMap(([k, v]) => spots(v, schema.properties?.[k] ?? {}, [...path, k])),
    ];
  }
  return [here];
}

/** The JSON Pointer of a path (`/items/0/idNumber`; the root is the empty string), as Ajv reports it. */
export function pointerOf(path: Path): string {
  return path.map((p) => `/${String(p)}`).join('');
}

/** A copy of `root` where the node at `path` is replaced by `replace(old)`, or deleted when it answers `undefined`. */
export function changedAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replace(root);
  const copy: unknown = structuredClone(root);
  const container = copy as Record<string | number, unknown>;
  const next = rest.length === 0 ? replace(container[head]) : changedAt(container[head], rest, replace);
  if (next !== undefined) container[head] = next;
  else if (Array.isArray(container) && typeof head === 'number') container.splice(head, 1);
  else Reflect.deleteProperty(container, head);
  return copy;
}
