/**
 * The service entry wired end to end from a configuration file, with the
 * real Fabric adapter pointed at a loopback port where no peer listens: it
 * starts, is live, is not ready, answers a ledger call 503 ledger-unavailable
 * (a real gRPC failure through the error mapping), as it answers an audit
 * replay through the real audit adapter, and shuts down cleanly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from './callers/api-keys';
import { startGateway, type RunningGateway } from './main';

function selfSignedIdentity(dir: string): { certPath: string; keyPath: string } {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyPath]);
  execFileSync('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    keyPath,
    '-out',
    certPath,
    '-days',
    '1',
    '-subj',
    '/CN=test-client',
  ]);
  return { certPath, keyPath };
}

describe('startGateway', () => {
  let gateway: RunningGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
  });

  it('starts from a config file, is live but not ready without a peer, and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-gw-main-'));
    const identity = selfSignedIdentity(dir);
    const key = createApiKey();
    writeFileSync(join(dir, 'pseudonym.key'), 'ab'.repeat(32));
    writeFileSync(
      join(dir, 'callers.json'),
      JSON.stringify({
        callers: [
          {
            id: 'auditor-1',
            role: 'auditor',
            identity: { mspId: 'BigDataBureauMSP', certPath: 'cert.pem', keyPath: 'key.pem' },
            keys: [
              { keyId: key.keyId, sha256: key.sha256, createdAt: '2026-01-01T00:00:00Z', revokedAt: null },
            ],
          },
        ],
      }),
    );
    const configFile = join(dir, 'gateway.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        http: { host: '127.0.0.1', port: 0 },
        fabric: {
          peers: [{ name: 'peer0', endpoint: '127.0.0.1:1', tlsCaPath: identity.certPath }],
          probeIdentity: { mspId: 'BigDataBureauMSP', certPath: 'cert.pem', keyPath: 'key.pem' },
          retry: { maxAttempts: 1, maxResubmits: 0 },
        },
        privacy: { keyId: 'k1', keyFile: 'pseudonym.key' },
        callerRegistryFile: 'callers.json',
        identitiesDir: 'identities',
        audit: { organisations: [{ mspId: 'BigDataBureauMSP', rootCertPaths: ['cert.pem'] }] },
        logLevel: 'silent',
      }),
    );

    gateway = await startGateway(configFile, { handleSignals: false });
    const { address } = gateway;
    expect((await fetch(`${address}/healthz`)).status).toBe(200);

    const ready = await fetch(`${address}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, peers: [{ name: 'peer0', reachable: false }] });

    const units = await fetch(`${address}/v1/units`, { headers: { authorization: `Bearer ${key.apiKey}` } });
    expect(units.status).toBe(503);
    expect(units.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await units.json()).toMatchObject({ type: 'urn:idcard:problem:ledger-unavailable' });
    const replay = await fetch(`${address}/v1/audit/replays`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.apiKey}` },
    });
    expect([replay.status, ((await replay.json()) as { type: string }).type]).toEqual([
      503,
      'urn:idcard:problem:ledger-unavailable',
    ]);

    await gateway.close();
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
    gateway = undefined;
  });
});
