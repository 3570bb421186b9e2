/**
 * Request bodies are never coerced (issue 18). For every operation of the
 * served OpenAPI document that takes a body, every field of a valid body
 * (nested ones and the body itself included) is sent with every JSON type it
 * does not have: array (the valid value wrapped), object, number, boolean,
 * null, and string where a number or list is due. Each must be a 400
 * validation problem naming exactly that field, with no ledger call. Query
 * strings keep the scalar coercion their text needs.
 */
import { LIMITS } from '@idcard/common';
import { PROBLEM_BASE } from '../../problems';
import { bodyOperations, type BodyOperation } from '../../test-support/body-operations';
import { idNumberFor } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';
import { JSON_TYPES, wrongTypedBodies } from '../../test-support/wrong-types';

/** Fixes the generated bodies. */
const SEED = 18;
const ID = idNumberFor('110101', '19900307', '123');
const REF = `k1.${'c'.repeat(64)}`;

interface Problem {
  readonly type: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

describe('request bodies are never coerced', () => {
  let gw: TestGateway;
  let operations: BodyOperation[];

  beforeAll(async () => {
    gw = await testGateway({ rateLimit: { perCaller: 1_000_000, perIpUnauthenticated: 1_000_000 } });
    operations = await bodyOperations(gw, SEED);
  });
  afterAll(async () => {
    await gw.app.close();
  });

  const send = (op: BodyOperation, payload: unknown) =>
    gw.app.inject({
      method: op.method,
      url: op.url,
      headers: { ...op.headers, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  const operation = (id: string): BodyOperation => {
    const found = operations.find((o) => o.id === id);
    if (!found) throw new Error(`no operation ${id}`);
    return found;
  };

  it('takes the operations from the served OpenAPI document: every one with a body', () => {
    expect(operations.map((o) => o.id)).toEqual(
      expect.arrayContaining([
        'POST /v1/cards',
        'POST /v1/verifications',
        'POST /v1/verifications/batch',
        'POST /v1/citizen/cards',
        'POST /v1/citizen/verifications',
        'POST /v1/eid-tokens',
        'PUT /v1/units/{unitId}/purposes',
      ]),
    );
    expect(operations.length).toBeGreaterThanOrEqual(16);
  });

  it('accepts each valid body as generated (the control: the refusals below are for the type alone)', async () => {
    const refused: string[] = [];
    for (const op of operations) {
      const res = await send(op, op.body);
      if (res.statusCode >= 300) refused.push(`${op.id}: ${String(res.statusCode)} ${res.body}`);
    }
    expect(refused).toEqual([]);
  });

  it('refuses each field with each wrong JSON type: 400 naming the field, no ledger call', async () => {
    const wrong: string[] = [];
    let cases = 0;
    const typesSent = new Set<string>();
    for (const op of operations) {
      for (const c of wrongTypedBodies(op.body, op.schema)) {
        cases += 1;
        typesSent.add(c.type);
        const calls = gw.ledger.calls.length;
        const enrolments = gw.registrar.requests.length;
        const res = await send(op, c.value);
        const problem = res.json<Problem>();
        const paths = [...new Set(problem.errors?.map((e) => e.path))];
        const ok =
          res.statusCode === 400 &&
          String(res.headers['content-type']).startsWith('application/problem+json') &&
          problem.type === `${PROBLEM_BASE}validation` &&
          paths.length === 1 &&
          paths[0] === `body${c.pointer}` &&
          gw.ledger.calls.length === calls &&
          gw.registrar.requests.length === enrolments;
        if (!ok) wrong.push(`${op.id} ${c.pointer || '(body)'} as ${c.type}: ${res.statusCode} ${res.body}`);
      }
    }
    expect(wrong).toEqual([]);
    expect([...typesSent].sort()).toEqual([...JSON_TYPES].sort());
    expect(cases).toBeGreaterThan(250);
  });

  it.each([
    ['POST /v1/verifications', 'idNumber'],
    ['POST /v1/cards', 'idNumber'],
    ['POST /v1/citizen/cards', 'idNumber'],
  ])('refuses %s with an array holding a valid ID number (the reported case)', async (id, field) => {
    const op = operation(id);
    const res = await send(op, { ...(op.body as object), [field]: [ID] });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([{ path: `body/${field}`, message: 'must be string' }]);
    expect(res.body).not.toContain(ID.slice(0, 17));
  });

  it('refuses a string holding a number in a body: "50" is not the integer pageSize', async () => {
    const op = operation('POST /v1/citizen/verifications');
    const res = await send(op, { ...(op.body as object), pageSize: '50' });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([{ path: 'body/pageSize', message: 'must be integer' }]);
  });

  it('still converts a query parameter to the integer its schema names', async () => {
    gw.ledger.calls.length = 0;
    const res = await gw.app.inject({
      method: 'GET',
      url: `/v1/cards/${REF}/history?pageSize=50`,
      headers: gw.auth('auditor'),
    });
    expect(res.statusCode).toBe(200);
    expect(gw.ledger.calls[0]?.args).toEqual({ cardRef: REF, pageSize: 50, bookmark: '' });
  });

  it.each([
    ['a repeated query parameter', `pageSize=10&pageSize=20`],
    ['a non-integer page size', 'pageSize=1.5'],
    ['a page size that is not a number', 'pageSize=ten'],
    ['a page size over the maximum', `pageSize=${String(LIMITS.maxPageSize + 1)}`],
  ])('refuses %s in a query string, before the ledger', async (_label, query) => {
    gw.ledger.calls.length = 0;
    const res = await gw.app.inject({
      method: 'GET',
      url: `/v1/cards/${REF}/history?${query}`,
      headers: gw.auth('auditor'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]?.path).toBe('querystring/pageSize');
    expect(gw.ledger.calls).toHaveLength(0);
  });
});
