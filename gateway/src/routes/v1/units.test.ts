import { TRANSACTIONS, encodeArguments } from '../../ledger/transactions';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const newUnit = {
  unitId: 'BANK-777',
  category: 'BANK',
  displayName: 'Harbour Bank',
  allowedPurposes: ['ACCOUNT_OPENING', 'LOAN_APPLICATION'],
};

describe('unit onboarding and API keys', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await testGateway();
  });
  afterEach(async () => {
    await gw.app.close();
  });

  it('registers the unit on the ledger, enrols a verifier identity for it and returns a working key once', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: gw.auth('operator'),
      payload: newUnit,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{
      result: { unitId: string };
      txId: string;
      blockNumber: number;
      apiKey: string;
      keyId: string;
      callerId: string;
    }>();
    expect(body.result.unitId).toBe('BANK-777');
    expect(body.txId).toBeTruthy();
    expect(gw.ledger.submits[0]).toMatchObject({ name: 'RegisterUnit', args: newUnit });
    expect(gw.registrar.requests).toEqual([
      { name: 'unit-bank-777', type: 'client', attributes: { role: 'verifier', unit: 'BANK-777' } },
    ]);
    const verify = await gw.app.inject({
      method: 'GET',
      url: '/v1/units/BANK-777',
      headers: { authorization: `Bearer ${body.apiKey}` },
    });
    expect(verify.statusCode).toBe(200);
    expect(gw.ledger.calls.at(-1)?.identity).toMatchObject({
      id: 'unit-bank-777',
      mspId: 'RelyingPartyMSP',
      certPath: '/ids/unit-bank-777/cert.pem',
    });
  });

  it('refuses to onboard the same unit twice without touching the ledger', async () => {
    await gw.app.inject({ method: 'POST', url: '/v1/units', headers: gw.auth('operator'), payload: newUnit });
    const calls = gw.ledger.calls.length;
    const again = await gw.app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: gw.auth('operator'),
      payload: newUnit,
    });
    expect(again.statusCode).toBe(409);
    expect(gw.ledger.calls).toHaveLength(calls);
  });

  it('revokes a key so it no longer authenticates', async () => {
    const issued = await gw.app.inject({
      method: 'POST',
      url: '/v1/units/BANK-001/api-keys',
      headers: gw.auth('operator'),
    });
    const { apiKey, keyId } = issued.json<{ apiKey: string; keyId: string }>();
    const asUnit = { authorization: `Bearer ${apiKey}` };
    expect(
      (await gw.app.inject({ method: 'GET', url: '/v1/units/BANK-001', headers: asUnit })).statusCode,
    ).toBe(200);
    const revoke = await gw.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${keyId}`,
      headers: gw.auth('operator'),
    });
    expect(revoke.statusCode).toBe(204);
    expect(
      (await gw.app.inject({ method: 'GET', url: '/v1/units/BANK-001', headers: asUnit })).statusCode,
    ).toBe(401);
    const twice = await gw.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${keyId}`,
      headers: gw.auth('operator'),
    });
    expect(twice.statusCode).toBe(404);
  });

  it('enrols an identity for a unit registered on the ledger but never given one', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/units/LIB-5/api-keys',
      headers: gw.auth('operator'),
    });
    expect(res.statusCode).toBe(201);
    expect(gw.ledger.calls[0]).toMatchObject({
      kind: 'evaluate',
      name: 'GetUnit',
      args: { unitId: 'LIB-5' },
    });
    expect(gw.registrar.requests[0]?.attributes).toEqual({ role: 'verifier', unit: 'LIB-5' });
  });

  it('refuses onboarding with 403 before touching the ledger at a gateway without a CA adapter', async () => {
    const bare = await testGateway({ withoutRegistrar: true });
    try {
      for (const [url, payload] of [
        ['/v1/units', newUnit],
        ['/v1/units/LIB-5/api-keys', undefined],
      ] as const) {
        const res = await bare.app.inject({ method: 'POST', url, headers: bare.auth('operator'), payload });
        expect(res.statusCode).toBe(403);
        expect(res.json<{ type: string }>().type).toBe('urn:idcard:problem:forbidden');
      }
      expect(bare.ledger.calls).toHaveLength(0);
    } finally {
      await bare.app.close();
    }
  });

  it('says how to finish onboarding when the CA fails after the ledger registration', async () => {
    gw.registrar.failWith = new Error('CA refused the connection');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: gw.auth('operator'),
      payload: newUnit,
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json<{ detail: string }>().detail).toContain('POST /v1/units/BANK-777/api-keys');
    expect(gw.callers.findUnitCaller('BANK-777')).toBeUndefined();

    gw.registrar.failWith = undefined;
    const finish = await gw.app.inject({
      method: 'POST',
      url: '/v1/units/BANK-777/api-keys',
      headers: gw.auth('operator'),
    });
    expect(finish.statusCode).toBe(201);
    expect(gw.callers.findUnitCaller('BANK-777')?.role).toBe('verifier');
    expect(gw.ledger.submits.map((c) => c.name)).toEqual(['RegisterUnit']);
  });

  it('bootstraps the guard keys as the operator, endorsed by the agencies, and is safe to repeat', async () => {
    const first = await gw.app.inject({
      method: 'POST',
      url: '/v1/admin/bootstrap',
      headers: gw.auth('operator'),
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ result: { created: true }, txId: expect.any(String) as string });
    const again = await gw.app.inject({
      method: 'POST',
      url: '/v1/admin/bootstrap',
      headers: gw.auth('operator'),
    });
    expect(again.json()).toMatchObject({ result: { created: false } });
    expect(gw.ledger.submits.map((c) => [c.name, c.identity.id])).toEqual([
      ['Bootstrap', 'operator-1'],
      ['Bootstrap', 'operator-1'],
    ]);
    expect(TRANSACTIONS.Bootstrap).toMatchObject({ contract: 'admin', endorsement: 'agencies' });
    expect(encodeArguments('Bootstrap', {})).toEqual([]);
  });

  it('registers a unit on the ledger only (no identity, no key) for units issued at deployment', async () => {
    const before = gw.callers.findUnitCaller('BANK-777');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/admin/units',
      headers: gw.auth('operator'),
      payload: newUnit,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ result: { unitId: 'BANK-777' }, txId: expect.any(String) as string });
    expect(res.json()).not.toHaveProperty('apiKey');
    expect(gw.ledger.submits.map((c) => [c.name, c.identity.id])).toEqual([['RegisterUnit', 'operator-1']]);
    expect(gw.callers.findUnitCaller('BANK-777')).toBe(before);
  });

  it('refuses a ledger-only registration from a unit, writing nothing', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/admin/units',
      headers: gw.auth('verifier'),
      payload: newUnit,
    });
    expect(res.statusCode).toBe(403);
    expect(gw.ledger.submits).toEqual([]);
  });

  it('suspends and reinstates with txId and block number', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/units/HOTEL-002/suspend',
      headers: gw.auth('operator'),
      payload: { reason: 'AUDIT_PENDING' },
    });
    const body = res.json<{ txId: unknown; blockNumber: unknown }>();
    expect(body).toMatchObject({ result: { state: 'SUSPENDED', suspensionReason: 'AUDIT_PENDING' } });
    expect(typeof body.txId).toBe('string');
    expect(typeof body.blockNumber).toBe('number');
  });
});
