/**
 * Property-based fuzzing of the whole HTTP API through inject(). Requests
 * are generated for every operation of the served OpenAPI document, the
 * public routes and a few unknown ones (test-support/fuzz-requests.ts says
 * what they mix). On every answer:
 *  1. with a healthy ledger, the status is 2xx or 4xx; with a failing ledger
 *     or CA, a request that reached it gets exactly the documented problem
 *     of that failure, and one that did not is never 5xx;
 *  2. every 4xx is application/problem+json whose `type` is one of
 *     PROBLEM_KINDS with that kind's status;
 *  3. a 4xx committed nothing; with a healthy ledger it made no ledger call
 *     at all, except a 404 for another unit's verification record (which
 *     can only be known after reading it);
 *  4. neither the answer (body, headers) nor any log line carries an ID
 *     number (its first 17 digits) or a name the request sent;
 *  5. a request that is clean but for one body field of a wrong JSON type
 *     (an array-wrapped ID number, a number for a string, a string for a
 *     number, null...) is a 400 validation problem naming exactly that
 *     field, and made no ledger call: bodies are never coerced.
 *
 * Reproducible: fast-check runs with the fixed seed FUZZ_SEED and prints,
 * on failure, the shrunk counterexample with its seed and path. Other seeds
 * can be explored with IDCARD_FUZZ_SEED=<integer> (IDCARD_FUZZ_RUNS scales
 * the number of runs).
 */
import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { ERROR_CODES, type ErrorCode } from '@idcard/common';
import type { App } from '../../app';
import {
  ChaincodeError,
  LedgerCommitError,
  LedgerConflictError,
  LedgerOutcomeUnknownError,
  LedgerProtocolError,
  LedgerUnavailableError,
} from '../../ledger/ledger-errors';
import { PROBLEM_KINDS, type ProblemKind } from '../../problems';
import {
  PUBLIC_ROUTES,
  UNKNOWN_ROUTES,
  keysAdmitted,
  problemKind,
  type FuzzAnswer,
} from '../../test-support/fuzz-checks';
import { requestsFor, type FuzzRequest } from '../../test-support/fuzz-requests';
import { operationsOf, type Operation } from '../../test-support/openapi-operations';
import { NOW, testGateway, type TestGateway } from '../../test-support/test-gateway';

/** The seed of every run of this file; change it (or set IDCARD_FUZZ_SEED) to explore. */
const FUZZ_SEED = 20_260_301;
/** Requests with a healthy ledger, and with a failing ledger or CA: 4,000 in all. */
const HEALTHY_RUNS = 3_000;
const FAILING_RUNS = 1_000;
const BODY_LIMIT_BYTES = 1_048_576;
/** Each property takes about 10 s on two cores; this bounds a slow machine. */
const PROPERTY_TIMEOUT_MS = 60_000;

/**
 * fast-check options: the fixed seed (or IDCARD_FUZZ_SEED) plus `offset`, so
 * the properties sharing one gateway do not replay the same requests (the
 * same new units would already be onboarded); IDCARD_FUZZ_RUNS multiplies the runs.
 */
function runOptions(runs: number, offset: number): { seed: number; numRuns: number } {
  const seed = Number(process.env.IDCARD_FUZZ_SEED ?? FUZZ_SEED) + offset;
  return { seed, numRuns: runs * Number(process.env.IDCARD_FUZZ_RUNS ?? 1) };
}

/** Sends a request; an event stream that opened is hung up on, as a client would. */
async function send(app: App, request: FuzzRequest): Promise<FuzzAnswer> {
  const client = new AbortController();
  const res = await app.inject({
    method: request.method as InjectOptions['method'],
    url: request.url,
    headers: request.headers,
    ...(request.body === undefined ? {} : { payload: request.body }),
    payloadAsStream: true,
    signal: client.signal,
  });
  if (String(res.headers['content-type']).startsWith('text/event-stream')) {
    client.abort();
    return { status: res.statusCode, headers: res.headers, body: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of res.stream()) chunks.push(chunk as Buffer);
  return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
}

/** What the fakes had recorded before a request. */
interface Before {
  readonly calls: number;
  readonly submits: number;
  readonly logs: number;
  readonly enrolments: number;
}

const before = (gw: TestGateway): Before => ({
  calls: gw.ledger.calls.length,
  submits: gw.ledger.submits.length,
  logs: gw.logs.length,
  enrolments: gw.registrar.requests.length,
});

/** Properties 2 to 4, which hold whatever the ports do. */
function checkCommon(gw: TestGateway, request: FuzzRequest, answer: FuzzAnswer, was: Before): void {
  const seen = [answer.body, JSON.stringify(answer.headers), ...gw.logs.slice(was.logs)].join('\n');
  for (const personal of request.personalData) expect(seen).not.toContain(personal);
  if (answer.status >= 400) problemKind(request, answer);
  if (answer.status >= 400 && answer.status < 500) expect(gw.ledger.submits.length).toBe(was.submits);
}

/** Property 5: the request's wrong-typed field is refused by name, before the ledger. */
function checkWrongTyped(gw: TestGateway, request: FuzzRequest, answer: FuzzAnswer, was: Before): void {
  expect(answer.status).toBe(400);
  expect(problemKind(request, answer)).toBe('validation');
  const problem = JSON.parse(answer.body) as { errors?: { path: string }[] };
  expect(problem.errors?.length).toBeGreaterThan(0);
  expect(new Set(problem.errors?.map((e) => e.path))).toEqual(new Set([request.wrongTypedAt]));
  expect(gw.ledger.calls.length).toBe(was.calls);
  expect(gw.registrar.requests.length).toBe(was.enrolments);
}

/** Ledger and CA failures, and the problem each must become once the call reached the failing port. */
interface Failure {
  readonly name: string;
  readonly ledger?: () => Error;
  readonly registrar?: () => Error;
  readonly kind: ProblemKind;
}
const refused = (code: ErrorCode, kind: ProblemKind): Failure => ({
  name: code,
  ledger: () => new ChaincodeError(code, 'refused by the chaincode'),
  kind,
});
const FAILURES: readonly Failure[] = [
  { name: 'no peer', ledger: () => new LedgerUnavailableError('no peer'), kind: 'ledger-unavailable' },
  {
    name: 'invalid',
    ledger: () => new LedgerCommitError('ENDORSEMENT_POLICY_FAILURE'),
    kind: 'ledger-rejected',
  },
  {
    name: 'unknown outcome',
    ledger: () => new LedgerOutcomeUnknownError('no status'),
    kind: 'ledger-timeout',
  },
  { name: 'MVCC', ledger: () => new LedgerConflictError('kept conflicting'), kind: 'conflict' },
  { name: 'protocol', ledger: () => new LedgerProtocolError('not JSON'), kind: 'ledger-rejected' },
  // docs/api.md, Problems: the kind each chaincode error code becomes.
  refused('VALIDATION', 'validation'),
  refused('FORBIDDEN', 'forbidden'),
  refused('NOT_FOUND', 'not-found'),
  refused('ILLEGAL_TRANSITION', 'illegal-transition'),
  refused('ALREADY_EXISTS', 'conflict'),
  refused('LIMIT_EXCEEDED', 'limit-exceeded'),
  refused('IDEMPOTENCY_MISMATCH', 'idempotency-mismatch'),
  { name: 'CA down', registrar: () => new Error('CA unreachable'), kind: 'registrar-unavailable' },
];

/** Half ledger failures, half CA failures: only onboarding reaches the CA, so it needs the extra weight. */
const failures = fc.oneof(
  fc.constantFrom(...FAILURES.filter((f) => f.ledger)),
  fc.constantFrom(...FAILURES.filter((f) => f.registrar)),
);

describe('the API under fuzzing', () => {
  let gw: TestGateway;
  let operations: Operation[];
  let requests: fc.Arbitrary<FuzzRequest>;

  beforeAll(async () => {
    gw = await testGateway({
      captureLogs: true,
      rateLimit: { perCaller: 1_000_000, perIpUnauthenticated: 1_000_000 },
      bodyLimitBytes: BODY_LIMIT_BYTES,
    });
    const doc = await gw.app.inject({ method: 'GET', url: '/openapi.json' });
    operations = operationsOf(doc.json());
    const { officer, operator, verifier, verifier2, auditor, revoked } = gw.keys;
    const { 'unit-admin': unitAdmin, 'pseudonym-client': pseudonymClient } = gw.keys;
    // Keys nobody uses, so DELETE /v1/api-keys/{keyId} can succeed without locking a role out.
    const spareKeyIds = await Promise.all(
      Array.from({ length: 10 }, async () => (await gw.callers.issueKey('auditor-1', NOW)).keyId),
    );
    const roleKeys = [officer, operator, verifier, verifier2, auditor, unitAdmin, pseudonymClient];
    const knownPathValues = {
      unitId: ['BANK-001', 'HOTEL-002', 'REVOKED-003', 'PSB-110000'],
      keyId: [revoked.slice(4, 20), ...spareKeyIds],
      recordId: ['rec-1'],
      cardRef: [`k1.${'c'.repeat(64)}`],
    };
    const admittedKeys: Record<string, string[]> = {};
    for (const op of operations)
      admittedKeys[op.id] = await keysAdmitted((r) => send(gw.app, r), op, roleKeys, knownPathValues);
    requests = requestsFor([...operations, ...PUBLIC_ROUTES, ...UNKNOWN_ROUTES], {
      roleKeys,
      admittedKeys,
      refusedKeys: [revoked, `idk_0123456789abcdef_${'A'.repeat(43)}`],
      knownPathValues,
      bodyLimitBytes: BODY_LIMIT_BYTES,
    });
  });
  afterAll(async () => {
    await gw.app.close();
  });

  it('reads every documented operation from the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(27);
    expect(operations.map((o) => o.id)).toEqual(
      expect.arrayContaining(['POST /v1/verifications', 'GET /v1/events', 'DELETE /v1/api-keys/{keyId}']),
    );
  });

  it('fails the ledger with every chaincode error code', () => {
    expect(FAILURES.map((f) => f.name)).toEqual(expect.arrayContaining([...ERROR_CODES]));
  });

  it(
    'answers 2xx or a documented 4xx that wrote nothing and leaked nothing (healthy ledger)',
    async () => {
      const seenClasses = new Map<string, Set<number>>();
      const wrongTypedSeen = new Set<string>();
      let personalDataAccepted = 0;
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const was = before(gw);
          const answer = await send(gw.app, request);
          checkCommon(gw, request, answer, was);
          if (request.wrongTypedAt !== undefined) {
            checkWrongTyped(gw, request, answer, was);
            wrongTypedSeen.add(request.operation);
          }
          expect([2, 4]).toContain(Math.floor(answer.status / 100));
          if (answer.status >= 400) {
            const calls = gw.ledger.calls.slice(was.calls);
            if (answer.status === 404) expect(calls.filter((c) => c.name !== 'GetVerification')).toEqual([]);
            else expect(calls).toEqual([]);
          }
          const classes = seenClasses.get(request.operation) ?? new Set<number>();
          seenClasses.set(request.operation, classes.add(Math.floor(answer.status / 100)));
          if (answer.status < 300 && request.personalData.length > 0) personalDataAccepted += 1;
        }),
        runOptions(HEALTHY_RUNS, 0),
      );
      // Not vacuous: the requests reach both the handlers and the refusals of every documented
      // operation, and many carrying personal data get all the way through.
      const missed = operations
        .filter((o) => !(seenClasses.get(o.id)?.has(2) === true && seenClasses.get(o.id)?.has(4) === true))
        .map((o) => o.id);
      expect(missed).toEqual([]);
      expect(personalDataAccepted).toBeGreaterThan(HEALTHY_RUNS / 20);
      // Every operation with a body got requests with a wrong-typed field.
      expect(operations.filter((o) => o.body && !wrongTypedSeen.has(o.id)).map((o) => o.id)).toEqual([]);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'answers a failing ledger or CA with its documented problem, and nothing else with a 5xx',
    async () => {
      const reachedFailures = new Set<string>();
      await fc.assert(
        fc.asyncProperty(requests, failures, async (request, failure) => {
          gw.ledger.failWith = failure.ledger?.();
          gw.registrar.failWith = failure.registrar?.();
          try {
            const was = before(gw);
            const answer = await send(gw.app, request);
            checkCommon(gw, request, answer, was);
            const reached = failure.ledger
              ? gw.ledger.calls.length > was.calls
              : gw.registrar.requests.length > was.enrolments;
            if (reached) {
              reachedFailures.add(failure.name);
              expect(answer.status).toBe(PROBLEM_KINDS[failure.kind].status);
              expect(problemKind(request, answer) ?? failure.kind).toBe(failure.kind);
            } else {
              expect(answer.status).toBeLessThan(500);
            }
          } finally {
            gw.ledger.failWith = undefined;
            gw.registrar.failWith = undefined;
          }
        }),
        runOptions(FAILING_RUNS, 1),
      );
      expect([...reachedFailures].sort()).toEqual(FAILURES.map((f) => f.name).sort());
    },
    PROPERTY_TIMEOUT_MS,
  );
});
