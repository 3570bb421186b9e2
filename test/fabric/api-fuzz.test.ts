/**
 * The API fuzz against a real gateway on the real network (issue 16): the
 * generator of the unit suite (gateway/src/test-support/fuzz-requests.ts,
 * every documented operation, the public and unknown routes, broken and
 * wrong-typed bodies, refused keys) sends 2,000 requests with a fixed seed
 * over HTTP to gateway processes (one per organisation, each request to its
 * key's) whose per-caller limits are lifted (so
 * requests reach the ledger instead of stopping at 429, and a request whose
 * body falls short of its Content-Length is answered 408 after 2 s). On every answer:
 *  1. the status is 2xx or 4xx, never 5xx;
 *  2. a 4xx is a documented problem of its kind's status, and no peer's
 *     block height moved while it was handled (every write the gateway makes
 *     for a request, announcements included, has committed before it
 *     answers, so any movement would be this request's);
 *  3. a request clean but for one wrong-typed body field is a 400 naming it;
 *  4. neither the answer's body nor its headers carry a name or an ID
 *     number prefix the request sent; at the end no log of the system
 *     (gateways, peers, orderers, chaincode servers, CAs) carries one.
 * Failures are reported with the seed and the request, without shrinking
 * (every run is real ledger work).
 */
import { request as httpRequest } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dataPaths, networkDown, peerNodes, type ResolvedConfig } from '@idcard/network';
import {
  idNumberFor,
  keysAdmitted,
  leakableData,
  operationsOf,
  problemKind,
  PUBLIC_ROUTES,
  requestsFor,
  UNKNOWN_ROUTES,
  type FuzzAnswer,
  type FuzzRequest,
  type Operation,
  type SendFuzzRequest,
} from '@idcard/gateway/testing';
import { expectStatus, type CommittedAnswer } from '../support/api-client';
import { gatewayFiles, pseudonymAgency } from '@idcard/system';
import { startFullNetwork, UNIT_ADMIN, type FullNetwork } from '../support/full-network';
import { startVariantGateways } from '../support/privacy-gateway';

const FUZZ_SEED = 20_261_201;
const RUNS = 2_000;
const BODY_LIMIT_BYTES = 1_048_576;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Sends a request over HTTP as generated (repeated headers, any method) to
 * the gateway of its key's organisation (an unknown or malformed key: the
 * fallback gateway); an event stream is hung up on.
 */
function httpSender(urlFor: (key: string) => string): SendFuzzRequest {
  const sendOnce = sendOnceOver(urlFor);
  // The gateway refuses an oversized body and closes the connection while the upload is still
  // going; when that close reaches the client before the answer (EPIPE, ECONNRESET), the server
  // read nothing of the body, so the same request is sent once more to read its answer.
  return async (req) => {
    try {
      return await sendOnce(req);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const oversized = req.body !== undefined && Buffer.byteLength(req.body) > BODY_LIMIT_BYTES;
      if (!oversized || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw err;
      return sendOnce(req);
    }
  };
}

/** One attempt of httpSender's request, on a connection of its own. */
function sendOnceOver(urlFor: (key: string) => string): SendFuzzRequest {
  return (req) =>
    new Promise<FuzzAnswer>((resolve, reject) => {
      let answered = false;
      const auth = req.headers.authorization;
      const key = typeof auth === 'string' ? auth.replace(/^Bearer\s+/i, '') : '';
      const out = httpRequest(`${urlFor(key)}${req.url}`, {
        method: req.method,
        // Node frames no body of a GET or DELETE by itself: say its length, as any HTTP client does.
        headers: {
          ...(req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) }),
          ...(req.headers as Record<string, string | string[]>),
        },
        timeout: REQUEST_TIMEOUT_MS,
        // A connection of its own: after a generated, wrong Content-Length the server may still
        // be reading the last request's body, so the connection cannot carry another request.
        agent: false,
      });
      out.on('response', (res) => {
        answered = true;
        const headers = res.headers as Record<string, unknown>;
        if (String(headers['content-type']).startsWith('text/event-stream')) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      out.on('timeout', () => out.destroy(new Error(`no answer in ${String(REQUEST_TIMEOUT_MS)} ms`)));
      // A refusal sent before an oversized body was read may close the connection under the upload.
      out.on('error', (err) => {
        if (!answered) reject(err);
      });
      out.end(req.body);
    });
}

/**
 * The highest channel height any peer reports on its operations endpoint (a
 * gateway waits for a write's commit at its own organisation's peer, so a
 * write has moved the highest before its answer).
 */
async function ledgerHeight(cfg: ResolvedConfig): Promise<number> {
  const heights = await Promise.all(
    peerNodes(cfg).map(async (peer) => {
      const res = await fetch(`http://${peer.host}:${String(peer.operationsPort)}/metrics`);
      const line = (await res.text())
        .split('\n')
        .find((l) => l.startsWith(`ledger_blockchain_height{channel="${cfg.channel}"}`));
      return Number(line?.split(' ').at(-1) ?? Number.NaN);
    }),
  );
  const height = Math.max(...heights);
  if (!Number.isFinite(height)) throw new Error(`no height from the peers: ${JSON.stringify(heights)}`);
  return height;
}

/** Every log file of the system. */
function allLogs(cfg: ResolvedConfig): string {
  const dir = dataPaths(cfg).logs;
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

describe('the API fuzz against a real gateway', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  let send: SendFuzzRequest;
  let operations: Operation[];
  let requests: fc.Arbitrary<FuzzRequest>;

  beforeAll(async () => {
    net = await startFullNetwork('api-fuzz', (c) => {
      cfg = c;
    });
    const { officer1: officer = '', operator1: operator = '', auditor1: auditor = '' } = net.keys;
    const verifier = net.keys['unit-lib-0001'] ?? '';
    const unitAdmin = net.keys[UNIT_ADMIN] ?? '';
    // The relying parties' gateway's own key for the bureau's pseudonym endpoint.
    const pseudonymClient = readFileSync(
      gatewayFiles(net.cfg, 'relyingparty').pseudonymClientKeyFile,
      'utf8',
    ).trim();
    net.routes.add(pseudonymClient, pseudonymAgency(net.cfg).name);
    // One variant gateway per organisation; each request goes to its key's organisation's.
    const fuzz = await startVariantGateways(net.cfg, net.routes, 'fuzz', (config) => {
      config.rateLimit = { perCaller: 1_000_000, perIpUnauthenticated: 1_000_000 };
      // A generated Content-Length longer than the body is answered 408 after this, not 30 s.
      config.http.requestTimeoutMs = 2_000;
    });
    send = httpSender((key) => fuzz.api.urlFor(key));
    // A card and a verification of it, so path values name things that exist.
    const holder = {
      idNumber: idNumberFor('110105', '19900401', '301'),
      name: '模糊测试',
      validFrom: '2021-05-10',
      validUntil: '2041-05-10',
    };
    const card = expectStatus(
      await fuzz.api.post<CommittedAnswer<{ cardRef: string }>>('/v1/cards', officer, {
        ...holder,
        kind: 'RESIDENT_CARD',
        reasonCode: 'FIRST_ISSUE',
        occurredAt: '2021-05-10T02:00:00Z',
      }),
      201,
    );
    const verification = expectStatus(
      await fuzz.api.post<CommittedAnswer<{ recordId: string }>>('/v1/verifications', verifier, {
        ...holder,
        purpose: 'LIBRARY_MEMBERSHIP',
      }),
      200,
    );
    // Spare keys of the unit, so DELETE /v1/api-keys/{keyId} can succeed without locking a caller
    // out; the first is revoked at once and stays a refused key.
    const spare = await Promise.all(
      Array.from({ length: 6 }, async () =>
        expectStatus(
          await fuzz.api.post<{ keyId: string; apiKey: string }>('/v1/units/LIB-0001/api-keys', unitAdmin),
          201,
        ),
      ),
    );
    const revoked = spare[0];
    if (revoked === undefined) throw new Error('no spare key');
    expect(
      (
        await send({
          operation: '',
          method: 'DELETE',
          url: `/v1/api-keys/${revoked.keyId}`,
          headers: { authorization: `Bearer ${unitAdmin}` },
          body: undefined,
          personalData: [],
        })
      ).status,
    ).toBe(204);

    const doc = await send({
      operation: '',
      method: 'GET',
      url: '/openapi.json',
      headers: {},
      body: undefined,
      personalData: [],
    });
    operations = operationsOf(JSON.parse(doc.body) as Parameters<typeof operationsOf>[0]);
    const roleKeys = [officer, operator, verifier, auditor, unitAdmin, pseudonymClient];
    const knownPathValues = {
      unitId: ['LIB-0001', 'PSB-110105'],
      keyId: spare.map((k) => k.keyId),
      recordId: [verification.result.recordId],
      cardRef: [card.result.cardRef],
    };
    const admittedKeys: Record<string, string[]> = {};
    for (const op of operations)
      admittedKeys[op.id] = await keysAdmitted(send, op, roleKeys, knownPathValues);
    requests = requestsFor([...operations, ...PUBLIC_ROUTES, ...UNKNOWN_ROUTES], {
      roleKeys,
      admittedKeys,
      refusedKeys: [revoked.apiKey, `idk_0123456789abcdef_${'A'.repeat(43)}`],
      knownPathValues,
      bodyLimitBytes: BODY_LIMIT_BYTES,
    });
  }, 900_000);

  afterAll(async () => {
    if (cfg !== undefined) await networkDown(cfg);
  }, 300_000);

  it(`answers ${String(RUNS)} generated requests 2xx or a documented 4xx; a 4xx moves no height; nothing personal comes back or is logged`, async () => {
    const config = net.cfg;
    const sent = new Set<string>();
    const statuses = new Map<number, number>();
    let heightMoves = 0;
    let wrongTyped = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        for (const p of leakableData(request)) sent.add(p);
        const before = await ledgerHeight(config);
        const answer = await send(request);
        const after = await ledgerHeight(config);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status < 200 || answer.status >= 500 || (answer.status >= 300 && answer.status < 400)) {
          throw new Error(
            `${request.method} ${request.operation} answered ${String(answer.status)}: ${answer.body.slice(0, 400)}`,
          );
        }
        const seen = `${answer.body}\n${JSON.stringify(answer.headers)}`;
        for (const p of leakableData(request)) expect(seen).not.toContain(p);
        if (answer.status >= 400) {
          problemKind(request, answer);
          expect({ operation: request.operation, moved: after - before }).toEqual({
            operation: request.operation,
            moved: 0,
          });
        } else if (after > before) {
          heightMoves += 1;
        }
        if (request.wrongTypedAt !== undefined) {
          wrongTyped += 1;
          expect(answer.status).toBe(400);
          expect(problemKind(request, answer)).toBe('validation');
        }
      }),
      { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
    );
    process.stdout.write(
      `api fuzz: ${String(RUNS)} requests in ${String(Math.round((Date.now() - started) / 1000))} s, ` +
        `${String(heightMoves)} moved the height; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    // Not vacuous: many requests got through to the ledger and wrote, many were refused.
    const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    expect(ok).toBeGreaterThan(RUNS / 10);
    expect(RUNS - ok).toBeGreaterThan(RUNS / 3);
    expect(heightMoves).toBeGreaterThan(20);
    expect(wrongTyped).toBeGreaterThan(20);
    // No log of any node or gateway carries what the requests sent.
    const logs = allLogs(config);
    const leaked = [...sent].filter((p) => logs.includes(p));
    expect(leaked).toEqual([]);
    expect(sent.size).toBeGreaterThan(100);
  }, 1_800_000);
});
