/**
 * The gateway stage of `idcard up` against real Fabric CAs: its files are
 * derived from the network, the service runs as a supervised process from
 * them, answers health and OpenAPI, authenticates with the keys it issued,
 * keeps personal data out of its log, and a second `up` changes nothing.
 * (No peer can run here, so every ledger call answers ledger-unavailable.)
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@idcard/gateway';
import {
  caNode,
  dataPaths,
  networkDown,
  networkStatus,
  type FabricPrograms,
  type IssuedIdentities,
  type ResolvedConfig,
} from '@idcard/network';
import { idNumberFor } from '../../gateway/src/test-support/id-numbers';
import { gatewayFiles } from '../../scripts/src/gateway-files';
import { startGatewayStage, type GatewayStage } from '../../scripts/src/gateway-stage';
import { startCaNetwork } from '../support/test-network';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('gateway stage of idcard up (real CAs, real gateway process)', () => {
  let cfg: ResolvedConfig;
  let programs: FabricPrograms;
  let ids: IssuedIdentities;
  let stage: GatewayStage;
  let keys: Record<string, string>;

  const call = (path: string, key: string | undefined, init: RequestInit = {}) =>
    fetch(`${stage.url}${path}`, {
      ...init,
      headers: {
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      signal: AbortSignal.timeout(60_000),
    });

  beforeAll(async () => {
    ({ programs, ids } = await startCaNetwork('gateway-stage', (c) => (cfg = c)));
    stage = await startGatewayStage(cfg, programs, ids, () => undefined);
    keys = JSON.parse(readFileSync(stage.apiKeysFile, 'utf8')) as Record<string, string>;
  }, 240_000);

  afterAll(async () => {
    await networkDown(cfg);
  });

  it('writes a configuration the gateway accepts: every peer, its own organisation first, and the relying parties’ CA', () => {
    const config = loadConfig(gatewayFiles(cfg).configFile);
    expect(config.fabric.peers.map((p) => p.name)).toEqual([
      'peer0.bigdata',
      'peer0.publicsecurity',
      'peer0.relyingparty',
    ]);
    expect(config.fabric.probeIdentity.mspId).toBe('BigDataBureauMSP');
    const ca = caNode(cfg, 'relyingparty');
    expect(config.certificateAuthority).toMatchObject({
      mspId: 'RelyingPartyMSP',
      url: `https://${ca.host}:${String(ca.port)}`,
    });
    expect(stage.url).toBe(`http://${config.http.host}:${String(config.http.port)}`);
  });

  it('issues one API key per configured client and keeps key, registry and keys private (mode 600)', () => {
    expect(Object.keys(keys).sort()).toEqual(['auditor1', 'officer1', 'operator1', 'unit-lib-0001']);
    const files = gatewayFiles(cfg);
    for (const f of [files.keyFile, files.callersFile, files.apiKeysFile, files.configFile]) {
      expect(mode(f)).toBe(0o600);
    }
    const registry = readFileSync(files.callersFile, 'utf8');
    for (const key of Object.values(keys)) expect(registry).not.toContain(key);
  });

  it('serves /healthz and the OpenAPI document; /readyz reports the ledger not ready', async () => {
    expect((await call('/healthz', undefined)).status).toBe(200);
    const ready = await call('/readyz', undefined);
    expect(ready.status).toBe(503);
    const openapi = (await (await call('/openapi.json', undefined)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/v1/verifications', '/v1/units/{unitId}/accountability']),
    );
  });

  it('refuses an unknown key, forbids another unit’s report, and takes a known key to the ledger', async () => {
    expect((await call('/v1/units/LIB-0001/accountability', 'idk_not-a-key')).status).toBe(401);
    const other = await call('/v1/units/BANK-0042/accountability', keys['unit-lib-0001']);
    expect(other.status).toBe(403);
    const own = await call('/v1/units/LIB-0001/accountability', keys['unit-lib-0001']);
    expect(own.status).toBe(503);
    expect(((await own.json()) as { type: string }).type).toBe('urn:idcard:problem:ledger-unavailable');
  }, 90_000);

  it('keeps the ID number and name of a verification out of its log', async () => {
    const idNumber = idNumberFor('110101', '19850612', '731');
    const name = '测试人甲乙';
    const res = await call('/v1/verifications', keys['unit-lib-0001'], {
      method: 'POST',
      body: JSON.stringify({
        idNumber,
        name,
        validFrom: '2020-01-01',
        validUntil: '2040-01-01',
        purpose: 'LIBRARY_MEMBERSHIP',
      }),
    });
    expect(res.status).toBe(503);
    const log = readFileSync(join(dataPaths(cfg).logs, 'gateway.log'), 'utf8');
    expect(log).toContain('/v1/verifications');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(idNumber.slice(0, 17));
    expect(log).not.toContain(name);
  }, 90_000);

  it('is listed healthy by status, and a second run keeps the process, key and registry', async () => {
    const files = gatewayFiles(cfg);
    const before = [files.keyFile, files.callersFile, files.apiKeysFile].map((f) => readFileSync(f, 'utf8'));
    const again = await startGatewayStage(cfg, programs, ids, () => undefined);
    expect(again.pid).toBe(stage.pid);
    expect([files.keyFile, files.callersFile, files.apiKeysFile].map((f) => readFileSync(f, 'utf8'))).toEqual(
      before,
    );
    const row = (await networkStatus(cfg)).find((n) => n.kind === 'gateway');
    expect(row).toMatchObject({ healthy: true, pid: stage.pid });
  });
});
