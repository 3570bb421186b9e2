import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parseConfig } from '../config';
import { localReferencer, PSEUDONYMS_PATH, remoteReferencer } from '../privacy/card-references';
import { createPseudonymizer } from '../privacy/pseudonyms';
import { MINIMAL_CONFIG } from '../test-support/config-fixtures';
import { idNumberFor } from '../test-support/id-numbers';
import { testGateway, type TestGateway } from '../test-support/test-gateway';
import { throwawayPki, type CertificateFiles, type ThrowawayCa } from '../test-support/throwaway-pki';
import { isLoopbackHost } from './loopback-host';
import { serverTlsOptions } from './server-tls';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** One HTTPS request trusting `ca`, with an optional client certificate; rejects when TLS refuses. */
function call(
  url: string,
  options: { ca: string; client?: CertificateFiles; key?: string; method?: string; body?: unknown },
): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: readFileSync(options.ca),
        agent: false,
        ...(options.client
          ? { cert: readFileSync(options.client.certPath), key: readFileSync(options.client.keyPath) }
          : {}),
        headers: {
          ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          resolveAnswer({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const pki = throwawayPki();
let ours: ThrowawayCa;
let theirs: ThrowawayCa;
let server: CertificateFiles;
let client: CertificateFiles;
let strangerClient: CertificateFiles;

beforeAll(() => {
  ours = pki.ca('relyingparty-tls-ca');
  theirs = pki.ca('another-tls-ca');
  server = pki.ca('bigdata-tls-ca').issue('gateway.bigdata', ['127.0.0.1', 'localhost']);
  client = ours.issue('gateway.relyingparty');
  strangerClient = theirs.issue('gateway.relyingparty');
});
afterAll(() => {
  pki.remove();
});

const serverCa = () => `${pki.dir}/bigdata-tls-ca.pem`;

async function listening(gw: TestGateway): Promise<string> {
  return gw.app.listen({ host: '127.0.0.1', port: 0 });
}

/** A test gateway over HTTPS accepting client certificates of our CA (required at the handshake or not). */
function mutualTlsGateway(required: boolean, boundCallers: readonly string[]): Promise<TestGateway> {
  return testGateway({
    tls: {
      https: serverTlsOptions({ ...server, clientCertificates: { caPaths: [ours.certPath], required } }),
      clientCertificates: { callers: boundCallers },
    },
  });
}

describe('which listen hosts may serve plain HTTP', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'counts %s as loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );
  it.each(['0.0.0.0', '::', '10.0.0.5', 'gw.example', '128.0.0.1', '127.0.0.1.example'])(
    'does not count %s as loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it('refuses a configuration with plain HTTP on a non-loopback host, naming http.tls', () => {
    expect(() => parseConfig({ ...MINIMAL_CONFIG, http: { host: '0.0.0.0', port: 8080 } }, '/cfg')).toThrow(
      /^configuration http\.tls: plain HTTP may listen only on a loopback address .* not http\.host 0\.0\.0\.0/,
    );
  });

  it('accepts HTTPS on any host, with its files resolved against the config folder', () => {
    const config = parseConfig(
      {
        ...MINIMAL_CONFIG,
        http: {
          host: '0.0.0.0',
          port: 8443,
          tls: {
            certPath: 'tls/cert.pem',
            keyPath: 'tls/key.pem',
            clientCertificates: { caPaths: ['tls/rp-ca.pem'] },
          },
        },
      },
      '/cfg',
    );
    expect(config.http.tls).toEqual({
      certPath: '/cfg/tls/cert.pem',
      keyPath: '/cfg/tls/key.pem',
      clientCertificates: { caPaths: ['/cfg/tls/rp-ca.pem'], required: true, callers: [] },
    });
    expect(Object.isFrozen(config.http.tls)).toBe(true);
  });

  it('refuses a client certificate without its key towards the agency gateway, naming the key', () => {
    const { privacy, ...keyless } = MINIMAL_CONFIG;
    void privacy;
    expect(() =>
      parseConfig(
        {
          ...keyless,
          pseudonymService: {
            url: 'https://gw.example:17901',
            apiKeyFile: 'k',
            tls: { caPaths: ['ca.pem'], certPath: 'c.pem' },
          },
        },
        '/',
      ),
    ).toThrow(/^configuration pseudonymService\.tls\.keyPath: /);
    expect(() =>
      parseConfig(
        {
          ...keyless,
          pseudonymService: { url: 'http://127.0.0.1:17901', apiKeyFile: 'k', tls: { caPaths: ['ca.pem'] } },
        },
        '/',
      ),
    ).toThrow(/^configuration pseudonymService\.tls: TLS settings need an https:\/\/ url/);
  });

  it('names a TLS file that cannot be read when the gateway starts', () => {
    expect(() => serverTlsOptions({ certPath: '/nonexistent/cert.pem', keyPath: server.keyPath })).toThrow(
      /TLS certificate \/nonexistent\/cert\.pem cannot be read/,
    );
  });
});

describe('a gateway serving HTTPS without client certificates', () => {
  let gw: TestGateway;
  let url: string;
  beforeAll(async () => {
    gw = await testGateway({ tls: { https: serverTlsOptions(server) } });
    url = await listening(gw);
  });
  afterAll(() => gw.app.close());

  it('answers over HTTPS with its TLS certificate, and API keys as ever', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect(call(`${url}/healthz`, { ca: serverCa() })).resolves.toMatchObject({ status: 200 });
    await expect(call(`${url}/v1/me`, { ca: serverCa(), key: gw.keys.verifier })).resolves.toMatchObject({
      status: 200,
      body: { callerId: 'unit-bank-001' },
    });
    await expect(call(`${url}/v1/me`, { ca: serverCa(), key: 'idk_unknown' })).resolves.toMatchObject({
      status: 401,
    });
  });

  it('is not reached by a client that trusts another CA', async () => {
    await expect(call(`${url}/healthz`, { ca: ours.certPath })).rejects.toThrow(/certificate/i);
  });
});

describe('a gateway requiring client certificates (mutual TLS) as well as API keys', () => {
  let gw: TestGateway;
  let url: string;
  beforeAll(async () => {
    gw = await mutualTlsGateway(true, []);
    url = await listening(gw);
  });
  afterAll(() => gw.app.close());

  it('refuses at the TLS handshake a client without a certificate, even with a valid key', async () => {
    await expect(call(`${url}/v1/me`, { ca: serverCa(), key: gw.keys.verifier })).rejects.toThrow(
      /certificate|socket hang up|ECONNRESET/i,
    );
  });

  it('refuses at the TLS handshake a certificate from another CA, even with the same name and a valid key', async () => {
    await expect(
      call(`${url}/v1/me`, { ca: serverCa(), client: strangerClient, key: gw.keys.verifier }),
    ).rejects.toThrow(/certificate|unknown ca|socket hang up|ECONNRESET/i);
  });

  it('answers the trusted certificate with a valid key, and still refuses an unknown key with 401', async () => {
    await expect(
      call(`${url}/v1/me`, { ca: serverCa(), client, key: gw.keys.verifier }),
    ).resolves.toMatchObject({ status: 200, body: { callerId: 'unit-bank-001' } });
    await expect(call(`${url}/v1/me`, { ca: serverCa(), client, key: 'idk_unknown' })).resolves.toMatchObject(
      {
        status: 401,
        body: { type: expect.stringMatching(/unauthorised$/) as unknown },
      },
    );
    await expect(
      call(`${url}/v1/me`, { ca: serverCa(), client, key: gw.keys.revoked }),
    ).resolves.toMatchObject({
      status: 401,
    });
  });
});

describe('a gateway asking for client certificates and binding a caller to one', () => {
  let gw: TestGateway;
  let url: string;
  beforeAll(async () => {
    gw = await mutualTlsGateway(false, ['gateway-relyingparty']);
    url = await listening(gw);
  });
  afterAll(() => gw.app.close());

  const me = (key: string, cert?: CertificateFiles) =>
    call(`${url}/v1/me`, { ca: serverCa(), key, ...(cert ? { client: cert } : {}) });

  it('refuses the bound caller’s key without a certificate (401 naming why)', async () => {
    const answer = await me(gw.keys['pseudonym-client']);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      detail: expect.stringMatching(/must present its client certificate/) as unknown,
    });
  });

  it('refuses the bound caller’s key with a certificate from another CA (401)', async () => {
    const answer = await me(gw.keys['pseudonym-client'], strangerClient);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      detail: expect.stringMatching(/not issued by a CA this gateway trusts/) as unknown,
    });
  });

  it('accepts the bound caller with its certificate, and other callers with their key alone', async () => {
    await expect(me(gw.keys['pseudonym-client'], client)).resolves.toMatchObject({
      status: 200,
      body: { callerId: 'gateway-relyingparty', role: 'pseudonym-client' },
    });
    await expect(me(gw.keys.operator)).resolves.toMatchObject({ status: 200 });
  });

  it('refuses any caller’s key over a connection whose certificate is not trusted', async () => {
    await expect(me(gw.keys.operator, strangerClient)).resolves.toMatchObject({ status: 401 });
  });
});

describe('the relying parties’ references from an agency gateway over mutual TLS', () => {
  const holder = {
    idNumber: idNumberFor('110101', '19900307', '123'),
    name: '张三',
    validFrom: '2020-05-01',
  };
  let agency: TestGateway;
  let url: string;
  beforeAll(async () => {
    agency = await mutualTlsGateway(true, ['gateway-relyingparty']);
    url = await listening(agency);
  });
  afterAll(() => agency.app.close());

  it('gets the references with its client certificate and key', async () => {
    const remote = remoteReferencer({
      url,
      apiKey: agency.keys['pseudonym-client'],
      timeoutMs: 5000,
      tls: { caPaths: [serverCa()], ...client },
    });
    const expected = await localReferencer(createPseudonymizer('k1', Buffer.alloc(32, 7)), []).references([
      holder,
    ]);
    await expect(remote.references([holder])).resolves.toEqual(expected);
    // The keep-alive connection is used again.
    await expect(remote.references([holder])).resolves.toEqual(expected);
  });

  it('gets nothing without a client certificate, or with one from another CA (pseudonyms-unavailable)', async () => {
    for (const tls of [{ caPaths: [serverCa()] }, { caPaths: [serverCa()], ...strangerClient }]) {
      const remote = remoteReferencer({ url, apiKey: agency.keys['pseudonym-client'], timeoutMs: 5000, tls });
      await expect(remote.references([holder])).rejects.toMatchObject({ kind: 'pseudonyms-unavailable' });
    }
  });

  it('does not send to an agency whose certificate it cannot verify', async () => {
    const remote = remoteReferencer({
      url,
      apiKey: agency.keys['pseudonym-client'],
      timeoutMs: 5000,
      tls: { caPaths: [ours.certPath], ...client },
    });
    await expect(remote.references([holder])).rejects.toMatchObject({ kind: 'pseudonyms-unavailable' });
  });

  it('refuses the pseudonym endpoint over plain HTTP (the HTTPS port speaks no HTTP)', async () => {
    const plain = url.replace('https:', 'http:');
    const res = await fetch(`${plain}${PSEUDONYMS_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${agency.keys['pseudonym-client']}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ items: [holder] }),
    }).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(res === 'refused' || res === 400).toBe(true);
  });
});
