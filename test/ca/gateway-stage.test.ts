/**
 * The gateway stage of `idcard up` against real Fabric CAs: one gateway per
 * peer organisation, its files derived from the network in its
 * organisation's folder, each running as a supervised process, answering
 * health and OpenAPI, authenticating with the keys it issued, keeping
 * personal data out of its log (also the agency's, which derives the
 * relying parties' references), and a second `up` changes nothing. (No peer
 * can run here, so every ledger call answers ledger-unavailable.)
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@idcard/gateway';
import {
  caNode,
  dataPaths,
  gatewayNode,
  networkDown,
  networkStatus,
  type FabricPrograms,
  type IssuedIdentities,
  type ResolvedConfig,
} from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import { gatewayFiles, gatewayUrl, startGatewayStage, type GatewayStage } from '@idcard/system';
import { startCaNetwork } from '../support/test-network';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('gateway stage of idcard up (real CAs, real gateway process)', () => {
  let cfg: ResolvedConfig;
  let programs: FabricPrograms;
  let ids: IssuedIdentities;
  let stages: GatewayStage[];
  /** The relying parties' gateway (the units'). */
  let stage: GatewayStage;
  /** Its initial keys. */
  let keys: Record<string, string>;
  const keysOf = (org: string): Record<string, string> =>
    JSON.parse(readFileSync(gatewayFiles(cfg, org).apiKeysFile, 'utf8')) as Record<string, string>;

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
    stages = await startGatewayStage(cfg, programs, ids, () => undefined);
    const units = stages.find((g) => g.org === 'relyingparty');
    if (units === undefined) throw new Error('no relying parties gateway');
    stage = units;
    keys = keysOf('relyingparty');
  }, 240_000);

  afterAll(async () => {
    await networkDown(cfg);
  });

  it('writes each organisation a configuration of its own: its peer first, its own probe identity', () => {
    expect(stages.map((g) => g.org)).toEqual(['publicsecurity', 'bigdata', 'relyingparty']);
    for (const [org, mspId] of [
      ['publicsecurity', 'PublicSecurityMSP'],
      ['bigdata', 'BigDataBureauMSP'],
      ['relyingparty', 'RelyingPartyMSP'],
    ] as const) {
      const config = loadConfig(gatewayFiles(cfg, org).configFile);
      expect(config.fabric.peers.map((p) => p.name)[0]).toBe(`peer0.${org}`);
      expect(config.fabric.peers).toHaveLength(3);
      expect(config.fabric.probeIdentity.mspId).toBe(mspId);
      expect(config.fabric.probeIdentity.keyPath.startsWith(join(dataPaths(cfg).orgs, org))).toBe(true);
      expect(stages.find((g) => g.org === org)?.url).toBe(
        `http://${config.http.host}:${String(config.http.port)}`,
      );
    }
  });

  it('gives the pseudonym key to the agencies only, the same key; the relying parties ask the bureau’s gateway', () => {
    const ps = loadConfig(gatewayFiles(cfg, 'publicsecurity').configFile);
    const bdb = loadConfig(gatewayFiles(cfg, 'bigdata').configFile);
    const rp = loadConfig(gatewayFiles(cfg, 'relyingparty').configFile);
    expect(ps.privacy?.keyFile).toBe(gatewayFiles(cfg, 'publicsecurity').keyFile);
    expect(bdb.privacy?.keyFile).toBe(gatewayFiles(cfg, 'bigdata').keyFile);
    expect(readFileSync(gatewayFiles(cfg, 'publicsecurity').keyFile, 'utf8')).toBe(
      readFileSync(gatewayFiles(cfg, 'bigdata').keyFile, 'utf8'),
    );
    expect(rp.privacy).toBeUndefined();
    expect(rp.pseudonymService).toMatchObject({
      url: stages.find((g) => g.org === 'bigdata')?.url,
      apiKeyFile: gatewayFiles(cfg, 'relyingparty').pseudonymClientKeyFile,
    });
  });

  it('names a CA registrar only where units are onboarded: the relying parties’ own CA, as its unit registrar', () => {
    const ca = caNode(cfg, 'relyingparty');
    expect(loadConfig(gatewayFiles(cfg, 'relyingparty').configFile).certificateAuthority).toMatchObject({
      mspId: 'RelyingPartyMSP',
      url: `https://${ca.host}:${String(ca.port)}`,
      registrarHome: join(dataPaths(cfg).orgs, 'relyingparty', 'gateway', 'ca-registrar'),
    });
    expect(loadConfig(gatewayFiles(cfg, 'publicsecurity').configFile).certificateAuthority).toBeUndefined();
    expect(loadConfig(gatewayFiles(cfg, 'bigdata').configFile).certificateAuthority).toBeUndefined();
  });

  it('issues each gateway keys for its own organisation’s callers only and keeps its files private (mode 600)', () => {
    expect(Object.keys(keysOf('publicsecurity')).sort()).toEqual(['auditor1', 'officer1']);
    expect(Object.keys(keysOf('bigdata')).sort()).toEqual(['operator1']);
    expect(Object.keys(keys).sort()).toEqual(['unit-admin', 'unit-lib-0001']);
    for (const org of ['publicsecurity', 'bigdata', 'relyingparty']) {
      const files = gatewayFiles(cfg, org);
      const own = [files.callersFile, files.apiKeysFile, files.configFile];
      const secret = org === 'relyingparty' ? files.pseudonymClientKeyFile : files.keyFile;
      for (const f of [...own, secret]) expect(mode(f)).toBe(0o600);
      const registry = readFileSync(files.callersFile, 'utf8');
      for (const key of Object.values(keysOf(org))) expect(registry).not.toContain(key);
    }
    const clientKey = readFileSync(gatewayFiles(cfg, 'relyingparty').pseudonymClientKeyFile, 'utf8').trim();
    const bureau = readFileSync(gatewayFiles(cfg, 'bigdata').callersFile, 'utf8');
    expect(bureau).toContain('"gateway-relyingparty"');
    expect(bureau).not.toContain(clientKey);
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
    expect(((await res.json()) as { type: string }).type).toBe('urn:idcard:problem:ledger-unavailable');
    const log = readFileSync(join(dataPaths(cfg).logs, 'gateway.relyingparty.log'), 'utf8');
    expect(log).toContain('/v1/verifications');
    const bureau = readFileSync(join(dataPaths(cfg).logs, 'gateway.bigdata.log'), 'utf8');
    expect(bureau).toContain('card references derived');
    for (const text of [log, bureau]) {
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(idNumber.slice(0, 17));
      expect(text).not.toContain(name);
    }
  }, 90_000);

  it('is listed healthy by status, and a second run keeps the processes, keys and registries', async () => {
    const kept = (org: string) => {
      const files = gatewayFiles(cfg, org);
      const secret = org === 'relyingparty' ? files.pseudonymClientKeyFile : files.keyFile;
      return [secret, files.callersFile, files.apiKeysFile].map((f) => readFileSync(f, 'utf8'));
    };
    const orgs = stages.map((g) => g.org);
    const before = orgs.map(kept);
    const again = await startGatewayStage(cfg, programs, ids, () => undefined);
    expect(again.map((g) => g.pid)).toEqual(stages.map((g) => g.pid));
    expect(orgs.map(kept)).toEqual(before);
    const rows = (await networkStatus(cfg)).filter((n) => n.kind === 'gateway');
    expect(rows.map((r) => [r.name, r.healthy, r.pid])).toEqual(
      stages.map((g) => [`gateway.${g.org}`, true, g.pid]),
    );
    expect(stages.map((g) => g.url)).toEqual(
      ['publicsecurity', 'bigdata', 'relyingparty'].map((o) => gatewayUrl(gatewayNode(cfg, o))),
    );
  });
});
