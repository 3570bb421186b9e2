/**
 * Limits that count work (issue 14): a batch costs its item count, an
 * accountability report a unit per extra page; a refused charge never
 * reaches the ledger. And the two record-read answers: a replayed request
 * id with another request is 409 idempotency-mismatch, another unit's
 * record is 404 like a missing one.
 */
import type { VerificationRecord } from '@idcard/common';
import { ChaincodeError } from '../../ledger/ledger-errors';
import { idNumberFor } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const card = (seq: number) => ({
  idNumber: idNumberFor('110101', '19900307', String(100 + seq)),
  name: '测试',
  validFrom: '2020-05-01',
  validUntil: '2040-05-01',
});
const batch = (size: number) => ({
  purpose: 'ACCOUNT_OPENING',
  items: Array.from({ length: size }, (_, i) => card(i)),
});

describe('work limits and record answers', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.app.close();
  });

  it('counts a batch as its item count, refusing an overrun before the ledger', async () => {
    gw = await testGateway({ rateLimit: { perCaller: 12 } });
    const post = (size: number) =>
      gw.app.inject({
        method: 'POST',
        url: '/v1/verifications/batch',
        headers: gw.auth('verifier'),
        payload: batch(size),
      });
    expect((await post(8)).statusCode).toBe(200);
    const refused = await post(5);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ type: 'urn:idcard:problem:rate-limited' });
    expect(refused.headers['retry-after']).toBeDefined();
    expect(gw.ledger.calls).toHaveLength(1);
    // 8, then 1 for the refused request itself, then 2 and 1: the budget of 12 is spent.
    expect((await post(2)).statusCode).toBe(200);
    expect((await post(1)).statusCode).toBe(200);
    expect((await post(1)).statusCode).toBe(429);
    // Another caller has its own budget.
    const other = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications/batch',
      headers: gw.auth('verifier2'),
      payload: batch(12),
    });
    expect(other.statusCode).toBe(200);
  });

  it('charges an accountability report one unit per page after the first', async () => {
    gw = await testGateway({ rateLimit: { perCaller: 3 } });
    const record = (i: number): VerificationRecord => ({
      recordId: `r${String(i)}`,
      requestId: `q${String(i)}`,
      unitId: 'BANK-001',
      purpose: 'ACCOUNT_OPENING',
      channel: 'CARD',
      cardRef: null,
      result: 'VALID',
      reason: null,
      txId: 't',
      txTime: '2026-02-01T00:00:00.000Z',
      replayed: false,
    });
    gw.ledger.unitRecords = Array.from({ length: 450 }, (_, i) => record(i));
    const report = () =>
      gw.app.inject({
        method: 'GET',
        url: '/v1/units/BANK-001/accountability',
        headers: gw.auth('verifier'),
      });
    const first = await report();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ totals: { verifications: 450 } });
    expect((await report()).statusCode).toBe(429);
  });

  it('answers a request id reused for another request 409 idempotency-mismatch', async () => {
    gw = await testGateway();
    gw.ledger.failWith = new ChaincodeError(
      'IDEMPOTENCY_MISMATCH',
      'request id r-1 was first used for another request',
    );
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: { ...gw.auth('verifier'), 'idempotency-key': 'r-1' },
      payload: { ...card(1), purpose: 'ACCOUNT_OPENING' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      type: 'urn:idcard:problem:idempotency-mismatch',
      title: 'The Idempotency-Key was first used for another request',
    });
  });

  it("answers another unit's record 404 exactly like a missing one", async () => {
    gw = await testGateway();
    gw.ledger.failWith = new ChaincodeError('NOT_FOUND', 'no verification record x');
    const missing = await gw.app.inject({
      method: 'GET',
      url: '/v1/verifications/x',
      headers: gw.auth('verifier2'),
    });
    gw.ledger.failWith = undefined;
    // The fake answers every record as BANK-001's: the gateway hides it from HOTEL-002 too.
    const foreign = await gw.app.inject({
      method: 'GET',
      url: '/v1/verifications/x',
      headers: gw.auth('verifier2'),
    });
    expect([missing.statusCode, foreign.statusCode]).toEqual([404, 404]);
    expect(foreign.json<{ type: string }>().type).toBe(missing.json<{ type: string }>().type);
  });
});
