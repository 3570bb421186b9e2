/**
 * The checks the API fuzz makes on every answer, whichever way requests
 * reach the gateway (inject() in the unit suite, HTTP against a gateway on
 * the real network): which keys an operation admits, and that a problem
 * answer is one of the documented kinds with that kind's status. Call from
 * jest tests only (uses `expect`).
 */
import { PROBLEM_BASE, PROBLEM_KINDS, type ProblemKind } from '../problems';
import type { FuzzRequest } from './fuzz-requests';
import type { Operation } from './openapi-operations';

/** One answer as the fuzz sees it. */
export interface FuzzAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: string;
}

/** Sends one generated request to the gateway under test. */
export type SendFuzzRequest = (request: FuzzRequest) => Promise<FuzzAnswer>;

/** A route the OpenAPI document does not list: public, or unknown. */
export const plainOperation = (method: string, path: string): Operation => ({
  id: `${method} ${path}`,
  method,
  path,
  pathParams: [],
  queryParams: [],
  headerParams: [],
  body: undefined,
});

/** The public routes every gateway serves outside the OpenAPI document. */
export const PUBLIC_ROUTES = ['/healthz', '/readyz', '/metrics', '/openapi.json'].map((p) =>
  plainOperation('GET', p),
);

/** Routes no gateway serves. */
export const UNKNOWN_ROUTES = [
  plainOperation('GET', '/v1/nothing-here'),
  plainOperation('POST', `/v1/cards/k1.${'c'.repeat(64)}/explode`),
  plainOperation('DELETE', '/v1/units'),
  plainOperation('GET', '/v2/cards'),
];

/**
 * The keys an operation admits: those its authorisation does not refuse with
 * 403 (before the body is read), so most generated requests get past it.
 */
export async function keysAdmitted(
  send: SendFuzzRequest,
  op: Operation,
  keys: readonly string[],
  known: Readonly<Record<string, readonly string[]>>,
): Promise<string[]> {
  const url = op.pathParams.reduce(
    (path, p) => path.replace(`{${p.name}}`, known[p.name]?.[0] ?? 'x'),
    op.path,
  );
  const admitted: string[] = [];
  for (const key of keys) {
    const headers = { authorization: `Bearer ${key}` };
    const probe = { operation: op.id, method: op.method, url, headers, body: undefined, personalData: [] };
    if ((await send(probe)).status !== 403) admitted.push(key);
  }
  return admitted;
}

/**
 * The problem kind of a 4xx/5xx answer, checked against PROBLEM_KINDS;
 * undefined for HEAD, whose answer has headers only (its status is still
 * checked to be one of a kind).
 */
export function problemKind(request: FuzzRequest, answer: FuzzAnswer): ProblemKind | undefined {
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  const kinds = Object.keys(PROBLEM_KINDS) as ProblemKind[];
  if (request.method === 'HEAD') {
    expect(kinds.map((k) => PROBLEM_KINDS[k].status)).toContain(answer.status);
    return undefined;
  }
  const problem = JSON.parse(answer.body) as { type?: unknown; status?: unknown };
  const kind = String(problem.type).replace(PROBLEM_BASE, '') as ProblemKind;
  expect(`${PROBLEM_BASE}${kind}`).toBe(problem.type);
  expect(kinds).toContain(kind);
  expect(PROBLEM_KINDS[kind].status).toBe(answer.status);
  expect(problem.status).toBe(answer.status);
  return kind;
}

/** The personal data of a request an answer or a log line must not carry (whole names, ID number prefixes). */
export function leakableData(request: FuzzRequest): string[] {
  return request.personalData.filter((p) => p.length >= 2);
}
