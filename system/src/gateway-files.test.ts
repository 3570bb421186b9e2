import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openCallerRegistry, type CallerRegistryFile } from '@idcard/gateway';
import {
  checkNetworkConfig,
  defaultConfigPath,
  nodeTlsDir,
  orgHome,
  peerNodes,
  type IssuedIdentities,
  type ResolvedConfig,
} from '@idcard/network';
import {
  gatewayFiles,
  gatewayOfClient,
  pseudonymAgency,
  UNIT_ADMIN_CALLER,
  writeGatewayFiles,
} from './gateway-files';
import { configuredClients } from './network-clients';

const ORGS = ['publicsecurity', 'bigdata', 'relyingparty'] as const;
const NOW = new Date('2026-03-01T00:00:00Z');
const PROGRAMS = { caClient: '/opt/fabric/bin/fabric-ca-client' };

/**
 * A config over a temporary data dir with the TLS folders, organisation CA
 * certificates and client identities the derivation reads.
 */
function network(): { cfg: ResolvedConfig; ids: IssuedIdentities } {
  const raw = JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as Record<string, unknown>;
  const cfg = checkNetworkConfig(raw, { dataDir: mkdtempSync(join(tmpdir(), 'gw-files-')), basePort: 40000 });
  for (const org of ORGS) {
    mkdirSync(join(orgHome(cfg, org), 'msp', 'cacerts'), { recursive: true });
    writeFileSync(join(orgHome(cfg, org), 'msp', 'cacerts', 'ca-cert.pem'), 'x');
  }
  for (const peer of peerNodes(cfg)) {
    for (const dir of ['keystore', 'tlscacerts']) {
      mkdirSync(join(nodeTlsDir(peer), dir), { recursive: true });
      writeFileSync(join(nodeTlsDir(peer), dir, dir === 'keystore' ? 'k_sk' : 'ca.pem'), 'x');
    }
  }
  const clients = new Map(
    configuredClients(cfg).map(({ org, client }) => {
      const mspDir = join(orgHome(cfg, org.name), 'identities', client.name, 'msp');
      return [
        client.name,
        {
          name: client.name,
          mspId: org.mspId,
          mspDir,
          certPath: join(mspDir, 'signcerts', 'cert.pem'),
          keyPath: join(mspDir, 'keystore', 'key_sk'),
        },
      ];
    }),
  );
  return { cfg, ids: { nodes: new Map(), admins: new Map(), clients } };
}

const registryOf = (cfg: ResolvedConfig, org: string): CallerRegistryFile =>
  JSON.parse(readFileSync(gatewayFiles(cfg, org).callersFile, 'utf8')) as CallerRegistryFile;

describe('the gateways’ files: one gateway per organisation, in its own folder', () => {
  let cfg: ResolvedConfig;
  let ids: IssuedIdentities;
  let issued: Record<string, Record<string, string>>;

  beforeAll(async () => {
    ({ cfg, ids } = network());
    issued = await writeGatewayFiles(cfg, PROGRAMS, ids, NOW);
  });
  afterAll(() => {
    rmSync(cfg.dataDir, { recursive: true, force: true });
  });

  it('writes nothing outside the organisations’ folders, each gateway inside its organisation’s', () => {
    expect(readdirSync(cfg.dataDir)).toEqual(['organisations']);
    for (const org of ORGS) expect(gatewayFiles(cfg, org).dir).toBe(join(orgHome(cfg, org), 'gateway'));
  });

  it('issues keys to each organisation’s own callers only, at its own gateway', () => {
    expect(Object.fromEntries(ORGS.map((o) => [o, Object.keys(issued[o] ?? {}).sort()]))).toEqual({
      publicsecurity: ['auditor1', 'officer1'],
      bigdata: ['operator1'],
      relyingparty: [UNIT_ADMIN_CALLER, 'unit-lib-0001'],
    });
    expect(gatewayOfClient(cfg, 'officer1').name).toBe('gateway.publicsecurity');
    expect(gatewayOfClient(cfg, 'unit-lib-0001').name).toBe('gateway.relyingparty');
  });

  it('lets a registry name only its own organisation’s identities, under its own folder', () => {
    for (const org of ORGS) {
      const config = loadConfig(gatewayFiles(cfg, org).configFile);
      const msps = new Set([config.fabric.probeIdentity.mspId]);
      const paths = [config.fabric.probeIdentity.keyPath];
      for (const caller of registryOf(cfg, org).callers) {
        if (caller.identity === undefined) continue;
        msps.add(caller.identity.mspId);
        paths.push(caller.identity.keyPath);
      }
      expect(msps.size).toBe(1);
      for (const p of paths) expect(p.startsWith(`${orgHome(cfg, org)}/`)).toBe(true);
    }
  });

  it('gives the agencies one pseudonym key; the relying parties’ gateway none, only the bureau to ask', () => {
    const ps = loadConfig(gatewayFiles(cfg, 'publicsecurity').configFile);
    const bdb = loadConfig(gatewayFiles(cfg, 'bigdata').configFile);
    const rp = loadConfig(gatewayFiles(cfg, 'relyingparty').configFile);
    expect(ps.privacy?.keyFile.startsWith(orgHome(cfg, 'publicsecurity'))).toBe(true);
    expect(bdb.privacy?.keyFile.startsWith(orgHome(cfg, 'bigdata'))).toBe(true);
    const key = readFileSync(gatewayFiles(cfg, 'bigdata').keyFile, 'utf8');
    expect(key).toMatch(/^[0-9a-f]{64}\n$/);
    expect(readFileSync(gatewayFiles(cfg, 'publicsecurity').keyFile, 'utf8')).toBe(key);
    expect(rp.privacy).toBeUndefined();
    expect(readdirSync(gatewayFiles(cfg, 'relyingparty').dir)).not.toContain('pseudonym.key');
    expect(pseudonymAgency(cfg).name).toBe('bigdata');
    expect(rp.pseudonymService?.url).toBe('http://127.0.0.1:40901');
  });

  it('authenticates the relying parties’ gateway at the bureau’s with a key only it holds', () => {
    const rpKey = readFileSync(gatewayFiles(cfg, 'relyingparty').pseudonymClientKeyFile, 'utf8').trim();
    const bureau = openCallerRegistry(gatewayFiles(cfg, 'bigdata').callersFile);
    expect(bureau.authenticate(rpKey)).toMatchObject({
      id: 'gateway-relyingparty',
      role: 'pseudonym-client',
      identity: undefined,
    });
    expect(readFileSync(gatewayFiles(cfg, 'bigdata').callersFile, 'utf8')).not.toContain(rpKey);
    expect(
      openCallerRegistry(gatewayFiles(cfg, 'publicsecurity').callersFile).authenticate(rpKey),
    ).toBeUndefined();
  });

  it('names a CA registrar only at the gateway that onboards units: its own organisation’s unit registrar, in its own folder, never the CA’s bootstrap admin', () => {
    expect(loadConfig(gatewayFiles(cfg, 'relyingparty').configFile).certificateAuthority).toMatchObject({
      mspId: 'RelyingPartyMSP',
      caName: 'ca-relyingparty',
      registrarHome: join(gatewayFiles(cfg, 'relyingparty').dir, 'ca-registrar'),
    });
    expect(JSON.stringify(loadConfig(gatewayFiles(cfg, 'relyingparty').configFile))).not.toContain(
      join(orgHome(cfg, 'relyingparty'), 'registrar'),
    );
    for (const org of ['publicsecurity', 'bigdata']) {
      expect(loadConfig(gatewayFiles(cfg, org).configFile).certificateAuthority).toBeUndefined();
    }
    const admin = registryOf(cfg, 'relyingparty').callers.find((c) => c.id === UNIT_ADMIN_CALLER);
    expect(admin).toMatchObject({ role: 'unit-admin' });
    expect(admin?.identity).toBeUndefined();
  });

  it('gives the auditors’ gateway every organisation’s CA certificate, and no other gateway any', () => {
    const ps = loadConfig(gatewayFiles(cfg, 'publicsecurity').configFile);
    expect(ps.audit?.organisations).toEqual(
      ['PublicSecurityMSP', 'BigDataBureauMSP', 'RelyingPartyMSP'].map((mspId, i) => ({
        mspId,
        rootCertPaths: [join(orgHome(cfg, ORGS[i] ?? ''), 'msp', 'cacerts', 'ca-cert.pem')],
        intermediateCertPaths: [],
      })),
    );
    for (const org of ['bigdata', 'relyingparty']) {
      expect(loadConfig(gatewayFiles(cfg, org).configFile).audit).toBeUndefined();
    }
  });

  it('changes nothing on a second run, and restores a missing agency key copy from the other agency', async () => {
    const snapshot = () =>
      ORGS.flatMap((o) => {
        const f = gatewayFiles(cfg, o);
        return [f.callersFile, f.apiKeysFile].map((p) => readFileSync(p, 'utf8'));
      });
    const before = snapshot();
    const key = readFileSync(gatewayFiles(cfg, 'bigdata').keyFile, 'utf8');
    rmSync(gatewayFiles(cfg, 'publicsecurity').keyFile);
    expect(await writeGatewayFiles(cfg, PROGRAMS, ids, NOW)).toEqual({
      publicsecurity: {},
      bigdata: {},
      relyingparty: {},
    });
    expect(snapshot()).toEqual(before);
    expect(readFileSync(gatewayFiles(cfg, 'publicsecurity').keyFile, 'utf8')).toBe(key);
  });
});
