/**
 * The gateways over HTTPS (issue 24, item 5) on a real network: `gateway.https`
 * in the network config enrols each gateway's TLS certificate at its own
 * organisation's CA; a relying unit verifies a card over HTTPS at the relying
 * parties' gateway, which asks the bureau's pseudonym endpoint over mutual
 * TLS. The attacker holds the relying parties' pseudonym-client key but not
 * their gateway's TLS key: over plain HTTP, without a client certificate, or
 * with a certificate of another organisation's CA, the bureau refuses.
 */
import { readFileSync } from 'node:fs';
import { networkDown, gatewayNode, nodeTlsFiles, orgTlsCaFile, type ResolvedConfig } from '@idcard/network';
import { httpsFetch } from '@idcard/gateway';
import { gatewayFiles, QUICKSTART_HOLDER, QUICKSTART_PRINTED } from '@idcard/system';
import { startFullNetwork, type FullNetwork } from '../support/full-network';

let cfg: ResolvedConfig | undefined;
let net: FullNetwork;

beforeAll(async () => {
  net = await startFullNetwork(
    'https-gateways',
    (c) => {
      cfg = c;
    },
    'raft',
    (raw) => {
      raw.gateway = { ...(raw.gateway as object), https: true };
    },
  );
}, 900_000);

afterAll(async () => {
  if (cfg !== undefined) await networkDown(cfg);
}, 120_000);

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs JSON with a key over HTTPS, trusting `org`'s TLS CA, with an optional client certificate. */
async function post(
  org: string,
  path: string,
  key: string,
  body: unknown,
  client?: { certPath: string; keyPath: string },
): Promise<Answer> {
  const c = net.cfg;
  const send = httpsFetch({ caPaths: [orgTlsCaFile(c, org)], ...client });
  const url = `https://${gatewayNode(c, org).host}:${String(gatewayNode(c, org).port)}${path}`;
  const res = await send(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const card = { ...QUICKSTART_HOLDER, ...QUICKSTART_PRINTED };
const pseudonymClientKey = () =>
  readFileSync(gatewayFiles(net.cfg, 'relyingparty').pseudonymClientKeyFile, 'utf8').trim();

it('prints https URLs for every gateway', () => {
  expect(net.gateways.map((g) => g.url)).toEqual(
    ['publicsecurity', 'bigdata', 'relyingparty'].map(
      (o) => `https://127.0.0.1:${String(gatewayNode(net.cfg, o).port)}`,
    ),
  );
});

it('issues a card and verifies it VALID over HTTPS, the relying parties asking the bureau over mutual TLS', async () => {
  const issued = await post('publicsecurity', '/v1/cards', net.keys.officer1 ?? '', {
    ...card,
    kind: 'RESIDENT_CARD',
    reasonCode: 'FIRST_ISSUE',
    occurredAt: `${QUICKSTART_PRINTED.validFrom}T02:00:00Z`,
  });
  expect(issued.status).toBe(201);
  const verified = await post('relyingparty', '/v1/verifications', net.keys['unit-lib-0001'] ?? '', {
    ...card,
    purpose: 'LIBRARY_MEMBERSHIP',
  });
  expect(verified.status).toBe(200);
  expect(verified.body.result).toMatchObject({ result: 'VALID' });
}, 300_000);

describe("the bureau's pseudonym endpoint refuses the relying parties' key without their gateway's certificate", () => {
  const items = { items: [{ idNumber: card.idNumber, name: card.name, validFrom: card.validFrom }] };

  it('over HTTPS without a client certificate: 401', async () => {
    const answer = await post('bigdata', '/v1/pseudonyms/cards', pseudonymClientKey(), items);
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toMatch(/must present its client certificate/);
  });

  it("with another organisation's TLS certificate (the public-security gateway's): 401", async () => {
    const other = nodeTlsFiles(gatewayNode(net.cfg, 'publicsecurity'));
    const answer = await post('bigdata', '/v1/pseudonyms/cards', pseudonymClientKey(), items, {
      certPath: other.cert,
      keyPath: other.key,
    });
    expect(answer.status).toBe(401);
  });

  it('over plain HTTP: no answer of the endpoint', async () => {
    const node = gatewayNode(net.cfg, 'bigdata');
    const status = await fetch(`http://${node.host}:${String(node.port)}/v1/pseudonyms/cards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pseudonymClientKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify(items),
    }).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(['refused', 400]).toContain(status);
  });

  it("with the relying parties' gateway certificate and key: the references (200)", async () => {
    const own = nodeTlsFiles(gatewayNode(net.cfg, 'relyingparty'));
    const answer = await post('bigdata', '/v1/pseudonyms/cards', pseudonymClientKey(), items, {
      certPath: own.cert,
      keyPath: own.key,
    });
    expect(answer.status).toBe(200);
  });
});
