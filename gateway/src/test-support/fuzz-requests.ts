/**
 * Generated HTTP requests for documented operations. A third are clean (the
 * documented method, valid path and query, a role's key, a body built from
 * the schema with coherent card data); the rest mix in wrong methods,
 * malformed path parameters, junk query strings, unknown, revoked and
 * malformed keys, odd headers and Idempotency-Key variants, wrong content
 * types, and bodies that are broken in one spot, random, malformed or over
 * the size limit. Some are clean but for one body field of a wrong JSON
 * type, and say so. Each request lists the personal data it carries so a
 * test can check none of it comes back or is logged.
 */
import fc from 'fast-check';
import { printedCard, withCards } from './card-arbitraries';
import { bodyFor, personalDataOf, wrongTypedBodyFor, type GeneratedBody } from './fuzz-bodies';
import type { Operation, OperationParameter } from './openapi-operations';
import { validValue } from './schema-arbitraries';

/** One generated request. */
export interface FuzzRequest {
  /** The documented operation it was made for (`METHOD /path/{param}`). */
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  /** Header values; an array is sent as the header repeated. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: string | undefined;
  /** First 17 digits of every ID number and every name in the body: must never come back or be logged. */
  readonly personalData: readonly string[];
  /** Set when the request is clean but for one body node of a wrong JSON type (as the problem names it): a 400. */
  readonly wrongTypedAt?: string;
}

/** What the generator is told about the gateway under test. */
export interface FuzzContext {
  /** One API key per role. */
  readonly roleKeys: readonly string[];
  /** The keys of `roleKeys` each operation admits, by operation id (default: all). */
  readonly admittedKeys: Readonly<Record<string, readonly string[]>>;
  /** Well-formed keys that must be refused (revoked, unknown). */
  readonly refusedKeys: readonly string[];
  /** Path values that exist, by parameter name (the callers' units, a revoked key id). */
  readonly knownPathValues: Readonly<Record<string, readonly string[]>>;
  readonly bodyLimitBytes: number;
}

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${String(max)}}$`));

const ODD_PATH_VALUES = [
  '',
  '%',
  '%zz',
  '..',
  '%2F',
  'a%2Fb',
  '%00',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '%20',
  '__proto__',
  'constructor',
  'x'.repeat(300),
];

function pathValue(param: OperationParameter, ctx: FuzzContext, clean: boolean): fc.Arbitrary<string> {
  const valid = validValue(param.schema, withCards).map(String);
  const known = ctx.knownPathValues[param.name] ?? [];
  const good = known.length > 0 ? fc.oneof(valid, fc.constantFrom(...known)) : valid;
  if (clean) return good.map(encodeURIComponent);
  return fc.oneof(
    { weight: 4, arbitrary: good.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_PATH_VALUES) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent) },
  );
}

const JUNK_QUERY_KEYS = [
  '__proto__',
  'constructor',
  'pageSize',
  'bookmark',
  'unitId',
  'at',
  'from',
  'a[b]',
  '',
];
const JUNK_QUERY_VALUES = ['%', '%zz', '%E0%A4%A', '&', '=', '%00', '..', '1e3', '-1', 'x'.repeat(3000)];
const JUNK_QUERY_TAILS = ['', '?', '?&', '?=', '?&&&', '#fragment', '?%', '??a=1'];

/** A query string, and the personal data put in it by mistake (a client must not; the gateway must not echo it). */
interface GeneratedQuery {
  readonly text: string;
  readonly personalData: readonly string[];
}

const misplacedCard = fc.option(
  printedCard.map((c) => ({
    pair: `idNumber=${c.idNumber}&name=${encodeURIComponent(c.name)}`,
    personalData: [c.idNumber.slice(0, 17), c.name, encodeURIComponent(c.name)],
  })),
  { freq: 8 },
);

function queryString(op: Operation, clean: boolean): fc.Arbitrary<GeneratedQuery> {
  const documented = op.queryParams.map((param) => {
    const valid = validValue(param.schema, withCards).map(String);
    const value = clean
      ? valid
      : fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
    const pair = value.map((v) => `${param.name}=${encodeURIComponent(v)}`);
    return param.required && clean ? pair : fc.option(pair, { freq: 2 });
  });
  const junkPair = fc
    .tuple(
      fc.oneof(fc.constantFrom(...JUNK_QUERY_KEYS), fc.string({ maxLength: 8 }).map(encodeURIComponent)),
      fc.oneof(fc.constantFrom(...JUNK_QUERY_VALUES), fc.string({ maxLength: 12 }).map(encodeURIComponent)),
    )
    .map(([k, v]) => `${k}=${v}`);
  const junk = clean ? fc.constant([]) : fc.array(junkPair, { maxLength: 3 });
  const tail = clean ? fc.constant('') : fc.constantFrom(...JUNK_QUERY_TAILS);
  const card = clean ? fc.constant(null) : misplacedCard;
  return fc.tuple(fc.tuple(...documented), junk, card, tail).map(([pairs, extra, mistake, end]) => {
    const all = [
      ...pairs.filter((p): p is string => p !== null),
      ...extra,
      ...(mistake ? [mistake.pair] : []),
    ];
    return {
      text: (all.length > 0 ? `?${all.join('&')}` : '') + end,
      personalData: mistake?.personalData ?? [],
    };
  });
}

function authorization(op: Operation, ctx: FuzzContext, clean: boolean): fc.Arbitrary<string | undefined> {
  const role = fc.constantFrom(...ctx.roleKeys);
  const admittedKeys = ctx.admittedKeys[op.id] ?? [];
  const admitted = admittedKeys.length > 0 ? fc.constantFrom(...admittedKeys) : role;
  if (clean) return admitted.map((key) => `Bearer ${key}`);
  const malformed = role.chain((key) =>
    fc.constantFrom(
      `bearer ${key}`,
      `Bearer ${key.slice(0, -1)}`,
      `Bearer ${key}x`,
      `Bearer  ${key}`,
      `Basic ${key}`,
      `Bearer ${key.toUpperCase()}`,
      key,
      `Bearer ${key} ${key}`,
      `Bearer ${key.replace('idk_', 'idk-')}`,
      `Bearer ${'A'.repeat(300)}`,
      'Bearer ',
      '',
    ),
  );
  return fc.oneof(
    { weight: 6, arbitrary: admitted.map((key) => `Bearer ${key}`) },
    { weight: 2, arbitrary: role.map((key) => `Bearer ${key}`) },
    { weight: 1, arbitrary: fc.constantFrom(...ctx.refusedKeys).map((key) => `Bearer ${key}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: malformed },
    { weight: 1, arbitrary: printable(60) },
  );
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
const ODD_TYPES = [
  'APPLICATION/JSON',
  'Application/Json; Charset=UTF-8',
  'application/json; charset=latin1',
  'application/json;',
  'application/json ; charset=utf-8',
  'text/plain',
  'text/plain; charset=utf-8',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/problem+json',
  'application/octet-stream',
  'application/jsonp',
  'application/*',
  '*/*',
  'json',
  '',
];

function contentType(clean: boolean): fc.Arbitrary<string | undefined> {
  if (clean) return fc.constantFrom(...JSON_TYPES);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...JSON_TYPES) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const SAME_AS_BODY = Symbol('same as the body requestId');
const ODD_IDEMPOTENCY_KEYS = ['', ' ', 'x'.repeat(65), 'has spaces', 'é', 'a,b', '../..', '%00'];

function idempotencyKey(clean: boolean): fc.Arbitrary<string | typeof SAME_AS_BODY | undefined> {
  const valid = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);
  const good = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(SAME_AS_BODY) },
    { weight: 1, arbitrary: valid },
  );
  if (clean) return good;
  return fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_IDEMPOTENCY_KEYS) },
    { weight: 1, arbitrary: printable(80) },
  );
}

const ODD_HEADERS: readonly (readonly [string, string | string[]])[] = [
  ['accept', 'application/xml'],
  ['accept', 'text/event-stream'],
  ['accept-encoding', 'gzip, br'],
  ['content-encoding', 'gzip'],
  ['x-forwarded-for', '203.0.113.9, junk'],
  ['last-event-id', '99:0'],
  ['last-event-id', 'yesterday'],
  ['cookie', 'session=abc'],
  ['x-http-method-override', 'DELETE'],
  ['origin', 'https://evil.example'],
  ['if-none-match', '*'],
  ['range', 'bytes=0-1'],
  ['content-length', '3'],
  ['content-length', '99999999'],
  ['content-length', 'abc'],
  ['transfer-encoding', 'chunked'],
  ['idempotency-key', ['a-1', 'b-2']],
  ['idempotency-key', ['a-1']],
  ['content-type', ['application/json', 'text/plain']],
];

function documentedHeaders(op: Operation, clean: boolean): fc.Arbitrary<Record<string, string>> {
  const others = op.headerParams.filter((p) => p.name !== 'idempotency-key');
  return fc
    .tuple(
      ...others.map((param) =>
        fc.option(
          clean
            ? validValue(param.schema, withCards).map(String)
            : fc.oneof(validValue(param.schema, withCards).map(String), printable(30)),
          { freq: 2 },
        ),
      ),
    )
    .map((values) =>
      Object.fromEntries(
        others.flatMap((param, i) => {
          const value = values[i];
          return value === null || value === undefined ? [] : [[param.name, value]];
        }),
      ),
    );
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/**
 * Requests for one operation: clean ones, or (twice as often) mixed ones;
 * for an operation with a body, also clean ones but for one body node of a wrong JSON type.
 */
export function requestFor(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const wrongTyped = wrongTypedBodyFor(op);
  return fc.oneof(
    { weight: 1, arbitrary: requestsOfKind(op, ctx, true) },
    { weight: 2, arbitrary: requestsOfKind(op, ctx, false) },
    ...(wrongTyped ? [{ weight: 1, arbitrary: requestsOfKind(op, ctx, true, wrongTyped) }] : []),
  );
}

function requestsOfKind(
  op: Operation,
  ctx: FuzzContext,
  clean: boolean,
  body: fc.Arbitrary<GeneratedBody> = bodyFor(op, ctx.bodyLimitBytes, clean),
): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: clean
        ? fc.constant(op.method)
        : fc.oneof(
            { weight: 8, arbitrary: fc.constant(op.method) },
            { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
          ),
      path: fc.tuple(...op.pathParams.map((p) => pathValue(p, ctx, clean))),
      query: queryString(op, clean),
      authorization: authorization(op, ctx, clean),
      contentType: contentType(clean),
      idempotencyKey: idempotencyKey(clean),
      headers: documentedHeaders(op, clean),
      odd: clean ? fc.constant(null) : fc.option(fc.constantFrom(...ODD_HEADERS), { freq: 3 }),
      body,
    })
    .map((r) => {
      const url =
        op.pathParams.reduce((path, param, i) => path.replace(`{${param.name}}`, r.path[i] ?? ''), op.path) +
        r.query.text;
      const bodyRequestId = (r.body.value as { requestId?: unknown } | undefined)?.requestId;
      const sameKey = typeof bodyRequestId === 'string' ? bodyRequestId : undefined;
      const key = r.idempotencyKey === SAME_AS_BODY ? sameKey : r.idempotencyKey;
      const sendType = r.contentType !== undefined && !(clean && r.body.text === undefined);
      const headers: Record<string, string | string[]> = {
        ...r.headers,
        ...(r.authorization === undefined ? {} : { authorization: r.authorization }),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
        ...(sendType ? { 'content-type': r.contentType } : {}),
        ...(r.odd ? { [r.odd[0]]: r.odd[1] } : {}),
      };
      return readable({
        operation: op.id,
        method: r.method,
        url,
        headers,
        body: r.body.text,
        personalData: [...personalDataOf(r.body.value), ...r.query.personalData],
        ...(r.body.wrongTypedAt === undefined ? {} : { wrongTypedAt: r.body.wrongTypedAt }),
      });
    });
}

const shortened = (text: string) =>
  text.length <= 160 ? text : `${text.slice(0, 160)}…(${String(text.length)} chars)`;

/** The request, printed with long strings cut short when fast-check reports it as a counterexample. */
function readable(request: FuzzRequest): FuzzRequest {
  const printed = {
    ...request,
    url: shortened(request.url),
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v : shortened(v)]),
    ),
    body: request.body === undefined ? undefined : shortened(request.body),
  };
  return Object.assign(request, { [fc.toStringMethod]: () => JSON.stringify(printed) });
}

/** Requests spread over all the given operations. */
export function requestsFor(operations: readonly Operation[], ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operations.map((op) => requestFor(op, ctx)));
}
