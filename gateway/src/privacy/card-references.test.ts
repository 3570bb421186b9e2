import { Writable } from 'node:stream';
import { buildApp, type App } from '../app';
import { createCallerRegistry, type CallerRegistry } from '../callers/caller-registry';
import { createLogger } from '../logging';
import { FakeLedger } from '../test-support/fake-ledger';
import { idNumberFor } from '../test-support/id-numbers';
import { NOW } from '../test-support/test-gateway';
import { localReferencer, PSEUDONYMS_PATH, referencesUnder, remoteReferencer } from './card-references';
import { createPseudonymizer } from './pseudonyms';

const ID = idNumberFor('110101', '19900307', '123');
const HOLDER = { idNumber: ID, name: '张三', validFrom: '2020-05-01' };
const KEY = createPseudonymizer('k2', Buffer.alloc(32, 9));
const EARLIER = createPseudonymizer('k1', Buffer.alloc(32, 7));
const IDENTITY = { certPath: '/ids/cert.pem', keyPath: '/ids/key.pem' };

/** A fetch that records what it was asked and answers `answer`. */
function recordingFetch(answer: () => Response | Promise<Response>) {
  const asked: { url: string; init: RequestInit }[] = [];
  const call = (url: string, init?: RequestInit) => {
    asked.push({ url, init: init ?? {} });
    return Promise.resolve(answer());
  };
  return { asked, fetch: call as typeof fetch };
}

describe('the remote source of card references (a gateway without a pseudonym key)', () => {
  const local = localReferencer(KEY, [EARLIER]);

  it('POSTs the cards to the agency endpoint with its key and returns its answer in order', async () => {
    const expected = await local.references([HOLDER, { ...HOLDER, validFrom: '2021-01-01' }]);
    const f = recordingFetch(() => Response.json({ items: expected }));
    const remote = remoteReferencer({
      url: 'http://127.0.0.1:9/',
      apiKey: 'idk_x',
      timeoutMs: 1000,
      fetch: f.fetch,
    });
    await expect(remote.references([HOLDER, { ...HOLDER, validFrom: '2021-01-01' }])).resolves.toEqual(
      expected,
    );
    expect(f.asked).toHaveLength(1);
    const [{ url, init }] = f.asked as [{ url: string; init: RequestInit }];
    expect(url).toBe(`http://127.0.0.1:9${PSEUDONYMS_PATH}`);
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ authorization: 'Bearer idk_x' });
    expect(url).not.toContain(ID);
    expect(JSON.parse(init.body as string)).toEqual({
      items: [HOLDER, { ...HOLDER, validFrom: '2021-01-01' }],
    });
  });

  it('asks nothing for no cards', async () => {
    const f = recordingFetch(() => Response.json({ items: [] }));
    const remote = remoteReferencer({
      url: 'http://127.0.0.1:9',
      apiKey: 'k',
      timeoutMs: 1000,
      fetch: f.fetch,
    });
    await expect(remote.references([])).resolves.toEqual([]);
    expect(f.asked).toHaveLength(0);
  });

  it.each<[string, () => Response]>([
    ['a refusal', () => Response.json({ type: 'urn:idcard:problem:forbidden' }, { status: 403 })],
    ['a rate limit', () => Response.json({}, { status: 429, headers: { 'retry-after': '7' } })],
    ['an answer of the wrong shape', () => Response.json({ items: [{ current: { cardRef: 'x' } }] })],
    ['too few items', () => Response.json({ items: [] })],
    ['a body that is not JSON', () => new Response('<html>', { status: 502 })],
  ])('answers pseudonyms-unavailable (503) on %s', async (_what, answer) => {
    const f = recordingFetch(answer);
    const remote = remoteReferencer({
      url: 'http://127.0.0.1:9',
      apiKey: 'k',
      timeoutMs: 1000,
      fetch: f.fetch,
    });
    await expect(remote.references([HOLDER])).rejects.toMatchObject({
      name: 'ProblemError',
      kind: 'pseudonyms-unavailable',
      status: 503,
    });
  });

  it('asks once more when the connection failed (a stale keep-alive socket after the agency restarted), not after an answer', async () => {
    const expected = await local.references([HOLDER]);
    let calls = 0;
    const flaky = (() => {
      calls += 1;
      return calls === 1
        ? Promise.reject(new TypeError('fetch failed: other side closed'))
        : Promise.resolve(Response.json({ items: expected }));
    }) as typeof fetch;
    const remote = remoteReferencer({
      url: 'http://127.0.0.1:9',
      apiKey: 'k',
      timeoutMs: 1000,
      fetch: flaky,
    });
    await expect(remote.references([HOLDER])).resolves.toEqual(expected);
    expect(calls).toBe(2);

    const refused = recordingFetch(() => Response.json({}, { status: 503 }));
    const once = remoteReferencer({
      url: 'http://127.0.0.1:9',
      apiKey: 'k',
      timeoutMs: 1000,
      fetch: refused.fetch,
    });
    await expect(once.references([HOLDER])).rejects.toMatchObject({ kind: 'pseudonyms-unavailable' });
    expect(refused.asked).toHaveLength(1);
  });

  it('answers pseudonyms-unavailable when the agency gateway cannot be reached, naming no card', async () => {
    const remote = remoteReferencer({ url: 'http://127.0.0.1:1', apiKey: 'k', timeoutMs: 2000 });
    const failure = remote.references([HOLDER]);
    await expect(failure).rejects.toMatchObject({
      kind: 'pseudonyms-unavailable',
      extras: { retryAfterSeconds: 5 },
    });
    await expect(failure).rejects.not.toThrow(ID);
  });
});

describe('a relying parties’ gateway over an agency gateway’s pseudonym endpoint (real HTTP)', () => {
  let agency: App;
  let units: App;
  let unitLedger: FakeLedger;
  let agencyCallers: CallerRegistry;
  let unitKey: string;
  let otherKey: string;
  const agencyLogs: string[] = [];

  beforeAll(async () => {
    agencyCallers = createCallerRegistry({ callers: [] });
    await agencyCallers.addCaller({ id: 'gateway-relyingparty', role: 'pseudonym-client' });
    await agencyCallers.addCaller({
      id: 'operator-1',
      role: 'operator',
      identity: { mspId: 'BigDataBureauMSP', ...IDENTITY },
    });
    const clientKey = (await agencyCallers.issueKey('gateway-relyingparty', NOW)).apiKey;
    otherKey = (await agencyCallers.issueKey('operator-1', NOW)).apiKey;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        agencyLogs.push(chunk.toString('utf8'));
        done();
      },
    });
    agency = await buildApp({
      ledger: new FakeLedger(),
      callers: agencyCallers,
      pseudonyms: KEY,
      earlierPseudonyms: [EARLIER],
      clock: () => NOW,
      logger: createLogger('trace', sink),
      rateLimit: { perCaller: 600 },
    });
    const url = await agency.listen({ host: '127.0.0.1', port: 0 });

    const unitCallers = createCallerRegistry({ callers: [] });
    await unitCallers.addCaller({
      id: 'unit-bank-001',
      role: 'verifier',
      unit: 'BANK-001',
      identity: { mspId: 'RelyingPartyMSP', ...IDENTITY },
    });
    unitKey = (await unitCallers.issueKey('unit-bank-001', NOW)).apiKey;
    unitLedger = new FakeLedger();
    units = await buildApp({
      ledger: unitLedger,
      callers: unitCallers,
      references: remoteReferencer({ url, apiKey: clientKey, timeoutMs: 5000 }),
      clock: () => NOW,
    });
  });

  afterAll(async () => {
    await units.close();
    await agency.close();
  });

  /** POST /v1/pseudonyms/cards at `app` with `key` (none: no Authorization header). */
  const ask = (app: App, key: string | undefined, items: readonly object[]) =>
    app.inject({
      method: 'POST',
      url: PSEUDONYMS_PATH,
      ...(key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } }),
      payload: { items },
    });

  const verify = (payload: Record<string, unknown>, path = '/v1/verifications') =>
    units.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${unitKey}` }, payload });

  it('verifies with the references the agency key makes (current and earlier), holding no key itself', async () => {
    const res = await verify({ ...HOLDER, validUntil: '2040-05-01', purpose: 'ACCOUNT_OPENING' });
    expect(res.statusCode).toBe(200);
    const call = unitLedger.calls.find((c) => c.name === 'VerifyCardAcrossKeys');
    expect(call?.args).toMatchObject({
      ...referencesUnder(KEY, HOLDER),
      earlierRefs: [referencesUnder(EARLIER, HOLDER)],
    });
  });

  it('verifies a batch with one reference request; an invalid item is refused before anything is asked', async () => {
    const before = agencyLogs.length;
    const second = {
      idNumber: idNumberFor('110101', '19850615', '274'),
      name: '李四',
      validFrom: '2021-01-01',
    };
    const ok = await verify(
      {
        purpose: 'ACCOUNT_OPENING',
        items: [
          { ...HOLDER, validUntil: '2040-05-01' },
          { ...second, validUntil: '2031-01-01' },
        ],
      },
      '/v1/verifications/batch',
    );
    expect(ok.statusCode).toBe(200);
    const items = unitLedger.calls.find((c) => c.name === 'VerifyCards')?.args.items as { cardRef: string }[];
    expect(items.map((i) => i.cardRef)).toEqual([
      referencesUnder(KEY, HOLDER).cardRef,
      referencesUnder(KEY, second).cardRef,
    ]);
    const derived = agencyLogs.slice(before).filter((l) => l.includes('card references derived'));
    expect(derived).toHaveLength(1);

    const bad = await verify(
      {
        purpose: 'ACCOUNT_OPENING',
        items: [{ ...HOLDER, idNumber: ID.slice(0, 17) + '0', validUntil: '2040-05-01' }],
      },
      '/v1/verifications/batch',
    );
    expect(bad.statusCode).toBe(400);
    expect(agencyLogs.slice(before).filter((l) => l.includes('card references derived'))).toHaveLength(1);
  });

  it('logs at the agency neither the ID numbers nor the names it was sent', () => {
    const all = agencyLogs.join('');
    expect(all).toContain('card references derived');
    expect(all).not.toContain(ID);
    expect(all).not.toContain('张三');
  });

  it('does not serve the pseudonym endpoint to its own callers', async () => {
    const res = await ask(units, unitKey, [HOLDER]);
    expect(res.statusCode).toBe(403);
  });

  it('refuses a malformed ID number at the agency with field paths, never echoing it', async () => {
    const clientKey = (await agencyCallers.issueKey('gateway-relyingparty', NOW)).apiKey;
    const bad = ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0');
    const res = await ask(agency, clientKey, [{ ...HOLDER, idNumber: bad }]);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'body/items/0/idNumber' }),
    ]);
    expect(res.body).not.toContain(bad);
  });

  it('serves the endpoint to pseudonym clients only, and charges a request its item count', async () => {
    const asOperator = await ask(agency, otherKey, [HOLDER]);
    expect(asOperator.statusCode).toBe(403);
    const anonymous = await ask(agency, undefined, [HOLDER]);
    expect(anonymous.statusCode).toBe(401);
    const clientKey = (await agencyCallers.issueKey('gateway-relyingparty', NOW)).apiKey;
    const tooMuch = await ask(
      agency,
      clientKey,
      Array.from({ length: 500 }, () => HOLDER),
    );
    const again = await ask(
      agency,
      clientKey,
      Array.from({ length: 500 }, () => HOLDER),
    );
    expect([tooMuch.statusCode, again.statusCode]).toContain(429);
  });
});
