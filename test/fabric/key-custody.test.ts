/**
 * Keys stay with their organisation (issue 13), on the real network as `up`
 * starts it: one gateway per peer organisation. After a relying unit is
 * onboarded (its identity enrolled by the relying parties' own gateway) and
 * a card is issued and verified, every private key and secret under the
 * data dir is listed and attributed to an organisation by what it is (the
 * certificate carrying its public key, the CA using it, the gateway
 * configured with it), and each is found only in its own organisation's
 * folder; the pseudonym key only in the agencies'. The relying parties'
 * gateway verifies without a pseudonym key: its configuration names none,
 * and the card's references come from the bureau's gateway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerificationRecord } from '@idcard/common';
import { loadConfig, type GatewayConfig } from '@idcard/gateway';
import { dataPaths, networkDown, orgHome, peerOrgs, type ResolvedConfig } from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import { gatewayFiles } from '@idcard/system';
import { scanForPersonalData } from '../support/privacy-scan';
import { expectStatus, type CommittedAnswer } from '../support/api-client';
import { onboardUnit, startFullNetwork, UNIT_ADMIN, type FullNetwork } from '../support/full-network';
import { caSecretsIn, commandLines, linesHolding } from '../support/command-lines';
import { secretsIn, type SecretFile } from '../support/key-custody';

const HOLDER = { idNumber: idNumberFor('440304', '19850615', '274'), name: '王小明' };
const CARD = { validFrom: '2021-05-10', validUntil: '2041-05-10' };
const BANK = 'BANK-0077';

describe('keys stay with their organisation (real network, one gateway per organisation)', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  const configs: Record<string, GatewayConfig> = {};
  let secrets: SecretFile[] = [];
  let unitKey = '';

  const config = (): ResolvedConfig => {
    if (cfg === undefined) throw new Error('the network did not start');
    return cfg;
  };
  const orgFolder = (org: string): string => `${orgHome(config(), org)}/`;

  beforeAll(async () => {
    net = await startFullNetwork('key-custody', (c) => {
      cfg = c;
    });
    for (const org of peerOrgs(config()))
      configs[org.name] = loadConfig(gatewayFiles(config(), org.name).configFile);
    const { apiKey } = await onboardUnit(
      net.api,
      { operator: net.keys.operator1 ?? '', unitAdmin: net.keys[UNIT_ADMIN] ?? '' },
      {
        unitId: BANK,
        category: 'BANK',
        displayName: 'Key custody test bank',
        allowedPurposes: ['ACCOUNT_OPENING'],
      },
    );
    unitKey = apiKey;
    expectStatus(
      await net.api.post('/v1/cards', net.keys.officer1 ?? '', {
        ...HOLDER,
        ...CARD,
        kind: 'RESIDENT_CARD',
        reasonCode: 'FIRST_ISSUE',
        occurredAt: '2021-05-10T02:00:00Z',
      }),
      201,
    );
    const verified = expectStatus(
      await net.api.post<CommittedAnswer<VerificationRecord>>('/v1/verifications', apiKey, {
        ...HOLDER,
        ...CARD,
        purpose: 'ACCOUNT_OPENING',
      }),
      200,
    );
    expect(verified.result).toMatchObject({ result: 'VALID', unitId: BANK });
    const pseudonymKeys = new Map<string, string>();
    const credentials = new Map<string, string>();
    for (const [org, c] of Object.entries(configs)) {
      for (const k of [c.privacy, ...(c.privacy?.earlierKeys ?? [])])
        if (k) pseudonymKeys.set(k.keyFile, org);
      if (c.pseudonymService) credentials.set(c.pseudonymService.apiKeyFile, org);
    }
    secrets = secretsIn(config().dataDir, { pseudonymKeys, credentials });
  }, 900_000);

  afterAll(async () => {
    if (cfg !== undefined) await networkDown(cfg);
  }, 120_000);

  it('verifies a card at the relying parties’ gateway, which names no pseudonym key: the bureau’s derives it', () => {
    const rp = configs.relyingparty;
    expect(rp?.privacy).toBeUndefined();
    expect(rp?.pseudonymService?.url).toBe(net.gatewayOf('operator1').url);
    expect(net.gatewayOf('unit-lib-0001').org).toBe('relyingparty');
    const bureauLog = readFileSync(join(dataPaths(config()).logs, 'gateway.bigdata.log'), 'utf8');
    expect(bureauLog).toContain('card references derived');
    expect(scanForPersonalData(dataPaths(config()).logs, [HOLDER.idNumber, HOLDER.name])).toEqual([]);
  });

  it('finds the pseudonym key in the agencies’ folders only, and its bytes nowhere else', () => {
    const keys = secrets.filter((s) => s.kind === 'pseudonym-key');
    expect(keys.map((s) => s.owner).sort()).toEqual(['bigdata', 'publicsecurity']);
    const key = readFileSync(gatewayFiles(config(), 'bigdata').keyFile, 'utf8').trim();
    const holders = scanForPersonalData(config().dataDir, [key]).map((h) => h.file);
    expect(holders.sort()).toEqual(
      [gatewayFiles(config(), 'bigdata').keyFile, gatewayFiles(config(), 'publicsecurity').keyFile].sort(),
    );
  });

  it('lists every private key and secret under the data dir, each only in its own organisation’s folder', () => {
    const count = (kind: SecretFile['kind']) => secrets.filter((s) => s.kind === kind).length;
    process.stdout.write(
      `secrets by organisation: ${JSON.stringify(
        Object.fromEntries(
          peerOrgs(config()).map((o) => [o.name, secrets.filter((s) => s.owner === o.name).length]),
        ),
      )}, orderer: ${String(secrets.filter((s) => s.owner === 'orderer').length)}\n`,
    );
    expect(count('private-key')).toBeGreaterThan(30);
    expect(count('ca-secret')).toBeGreaterThanOrEqual(4);
    expect(count('gateway-credential')).toBe(1);
    expect(secrets.filter((s) => s.owner === undefined)).toEqual([]);
    expect(secrets.filter((s) => !s.file.startsWith(`organisations/${String(s.owner)}/`))).toEqual([]);
    const onboarded = secrets.filter((s) => s.file.includes(`unit-${BANK.toLowerCase()}`));
    expect(onboarded.map((s) => [s.owner, s.file.startsWith('organisations/relyingparty/gateway/')])).toEqual(
      [['relyingparty', true]],
    );
  });

  it('lets each gateway name only its own organisation’s identities, keys and CA registrar', () => {
    for (const [org, c] of Object.entries(configs)) {
      const registry = JSON.parse(readFileSync(c.callerRegistryFile, 'utf8')) as {
        callers: { identity?: { mspId: string; keyPath: string } }[];
      };
      const identities = [c.fabric.probeIdentity, ...registry.callers.flatMap((x) => x.identity ?? [])];
      expect(new Set(identities.map((i) => i.mspId)).size).toBe(1);
      const paths = [
        ...identities.map((i) => i.keyPath),
        c.callerRegistryFile,
        c.identitiesDir,
        ...(c.privacy ? [c.privacy.keyFile] : []),
        ...(c.pseudonymService ? [c.pseudonymService.apiKeyFile] : []),
        ...(c.certificateAuthority ? [c.certificateAuthority.registrarHome] : []),
      ];
      expect(paths.filter((p) => !p.startsWith(orgFolder(org)))).toEqual([]);
    }
    expect(
      Object.entries(configs)
        .filter(([, c]) => c.certificateAuthority)
        .map(([org]) => org),
    ).toEqual(['relyingparty']);
  });

  it('shows no secret of the data dir, nor any API key, on any running process’s command line (issue 24)', () => {
    const files = secrets.filter((s) => s.kind !== 'private-key').map((s) => join(config().dataDir, s.file));
    const apiKeys = peerOrgs(config()).flatMap((o) => {
      const file = gatewayFiles(config(), o.name).apiKeysFile;
      return Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
    });
    const all = [
      ...files.map((f) => readFileSync(f, 'utf8').trim()),
      ...caSecretsIn(config().dataDir),
      ...apiKeys,
      unitKey,
    ].filter((s) => s.length >= 16);
    expect(all.length).toBeGreaterThan(10);
    expect(linesHolding(commandLines(), all)).toEqual([]);
  });

  it('runs each organisation’s gateway from its own folder’s configuration', () => {
    for (const gw of net.gateways) {
      const cmdline = readFileSync(`/proc/${String(gw.pid)}/cmdline`, 'utf8').split('\0');
      expect(cmdline).toContain(gatewayFiles(config(), gw.org).configFile);
    }
  });
});
