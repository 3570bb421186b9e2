import { testGateway, type TestGateway } from './test-support/test-gateway';

describe('service endpoints', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.app.close();
  });

  it('is live without a key, and ready only when the ledger port says so', async () => {
    gw = await testGateway();
    expect((await gw.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await gw.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    gw.ledger.ready = false;
    const notReady = await gw.app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ ready: false, chaincode: false });
  });

  it('shares one readiness probe between concurrent and quickly repeated /readyz calls', async () => {
    gw = await testGateway({ readinessCacheMs: 60_000 });
    const answers = await Promise.all([1, 2, 3].map(() => gw.app.inject({ method: 'GET', url: '/readyz' })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    await gw.app.inject({ method: 'GET', url: '/readyz' });
    expect(gw.ledger.readinessCalls).toBe(1);
  });

  it('serves the OpenAPI document and the docs page', async () => {
    gw = await testGateway();
    const doc = await gw.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/verifications', '/v1/cards', '/v1/events', '/v1/units']),
    );
    const docs = await gw.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('counts requests and ledger transactions in /metrics', async () => {
    gw = await testGateway();
    await gw.app.inject({ method: 'GET', url: '/v1/units', headers: gw.auth('auditor') });
    const metrics = await gw.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      /idcard_http_requests_total\{method="GET",route="\/v1\/units",status="200"\} 1/,
    );
    expect(metrics.body).toMatch(
      /idcard_ledger_transactions_total\{name="ListUnits",kind="evaluate",outcome="ok"\} 1/,
    );
    expect(metrics.body).toContain('idcard_ledger_transaction_duration_seconds_bucket');
  });

  it('limits a caller per key, and requests without a valid key per IP', async () => {
    gw = await testGateway({ rateLimit: { perCaller: 3, perIpUnauthenticated: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        (await gw.app.inject({ method: 'GET', url: '/v1/units', headers: gw.auth('auditor') })).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another caller is not affected.
    expect(
      (await gw.app.inject({ method: 'GET', url: '/v1/units', headers: gw.auth('operator') })).statusCode,
    ).toBe(200);
    const guesses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await gw.app.inject({
        method: 'GET',
        url: '/v1/units',
        headers: { authorization: `Bearer idk_${'0'.repeat(16)}_${String(i).repeat(43)}` },
      });
      guesses.push(res.statusCode);
    }
    expect(guesses).toEqual([401, 401, 429]);
    const limited = await gw.app.inject({
      method: 'GET',
      url: '/v1/units',
      headers: { authorization: 'Bearer nope' },
    });
    expect(limited.json()).toMatchObject({ type: 'urn:idcard:problem:rate-limited', status: 429 });
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
