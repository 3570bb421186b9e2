/**
 * No CA secret on a command line, and a registrar for relying units that can
 * register relying units and nothing else, against real fabric-ca-server
 * processes (issue 24). While every organisation's CA starts and issues the
 * network's identities and a unit is onboarded, every process's command line
 * is sampled (what any local user reads in /proc/PID/cmdline); none may hold
 * a secret kept in the data dir or handed to fabric-ca-client. Then the
 * relying parties' registrar plays the attacker: it asks for a peer, an
 * admin or an orderer, for powers and attributes it may not give, and to
 * remove a peer, and the CA refuses each.
 */
import { join } from 'node:path';
import {
  caClient,
  createCaIdentityRegistrar,
  enrollAt,
  isNetworkError,
  runCommand,
  type CaEndpoint,
  type CommandRunner,
  type IdentityRequest,
} from '@idcard/ca-client';
import {
  caEndpoint,
  ensurePrograms,
  issueIdentities,
  networkDown,
  peerNodes,
  startCas,
  unitRegistrarEndpoint,
  type ResolvedConfig,
} from '@idcard/network';
import { certAttributes } from '../support/cert-attributes';
import {
  caSecretsIn,
  commandLines,
  linesHolding,
  linesOf,
  watchCommandLines,
  type CommandLine,
} from '../support/command-lines';
import { testNetworkConfig } from '../support/test-network';

const ORG = 'relyingparty';
const MSP = 'RelyingPartyMSP';

describe('CA secrets and the relying parties’ registrar (real fabric-ca-server processes)', () => {
  let cfg: ResolvedConfig | undefined;
  let bootstrap: CaEndpoint;
  let units: CaEndpoint;
  let sampled: CommandLine[] = [];
  /** Secrets handed to fabric-ca-client while a unit was onboarded (registration and enrolment). */
  const handed: string[] = [];
  const config = (): ResolvedConfig => {
    if (cfg === undefined) throw new Error('the CAs did not start');
    return cfg;
  };

  /** runCommand, noting the secrets each run gets in its environment. */
  const noting: CommandRunner = (program, args, opts) => {
    const env = opts?.env ?? {};
    if (env.FABRIC_CA_CLIENT_ID_SECRET) handed.push(env.FABRIC_CA_CLIENT_ID_SECRET);
    const password = env.FABRIC_CA_CLIENT_URL ? new URL(env.FABRIC_CA_CLIENT_URL).password : '';
    if (password) handed.push(decodeURIComponent(password));
    return runCommand(program, args, opts);
  };

  beforeAll(async () => {
    cfg = await testNetworkConfig('ca-secrets');
    const programs = await ensurePrograms(cfg, () => undefined, ['fabric-ca']);
    const watch = watchCommandLines();
    try {
      await startCas(cfg, programs, () => undefined);
      await issueIdentities(cfg, programs);
      bootstrap = caEndpoint(cfg, programs, ORG);
      units = unitRegistrarEndpoint(cfg, programs, ORG);
      const registrar = createCaIdentityRegistrar({
        ca: units,
        mspId: MSP,
        identitiesDir: join(cfg.dataDir, 'onboarded'),
        run: noting,
      });
      const request = {
        name: 'unit-bank-0900',
        type: 'client',
        attributes: { role: 'verifier', unit: 'BANK-0900' },
      } as const;
      await registrar.registerAndEnroll(request);
      await registrar.registerAndEnroll(request); // a retried onboarding: the name is removed and registered afresh
    } finally {
      sampled = watch.stop();
    }
  }, 300_000);

  afterAll(async () => {
    if (cfg !== undefined) await networkDown(cfg);
  });

  /** True when the CA knows the name (asked as its bootstrap admin). */
  async function known(name: string): Promise<boolean> {
    try {
      await caClient(bootstrap, { args: ['identity', 'list', '--id', name, '-H', bootstrap.registrarHome] });
      return true;
    } catch (err) {
      if (isNetworkError(err, 'CA_COMMAND_FAILED')) return false;
      throw err;
    }
  }

  /** Asks the CA, as the unit registrar, to register and enrol `request`. */
  const asUnitRegistrar = (request: IdentityRequest) =>
    enrollAt(units, MSP, join(config().dataDir, 'attempts', request.name), request);

  it('saw the CAs and every short-lived fabric-ca-client run of the data dir while sampling', () => {
    expect(linesOf(sampled, 'fabric-ca-server', config().dataDir)).toHaveLength(
      cfg?.organisations.length ?? 0,
    );
    expect(linesOf(sampled, 'fabric-ca-client', config().dataDir).length).toBeGreaterThan(20);
  });

  it('finds no secret kept in the data dir or handed to fabric-ca-client on any process’s command line', () => {
    const kept = caSecretsIn(config().dataDir);
    expect(kept.length).toBeGreaterThanOrEqual(cfg?.organisations.length ?? 1);
    expect(handed.length).toBeGreaterThanOrEqual(4);
    const secrets = [...kept, ...handed];
    expect(linesHolding(sampled, secrets)).toEqual([]);
    expect(linesHolding(commandLines(), secrets)).toEqual([]);
  });

  it('finds no credentials of any kind on the fabric-ca command lines: no user:secret URL, no secret flag', () => {
    const argv = [
      ...linesOf(sampled, 'fabric-ca-client', config().dataDir),
      ...linesOf(sampled, 'fabric-ca-server', config().dataDir),
    ].flatMap((l) => l.argv);
    expect(argv.filter((a) => /\/\/[^/\s]*@/.test(a))).toEqual([]);
    expect(
      argv.filter((a) => ['-b', '--boot', '-u', '--url', '--secret', '--id.secret'].includes(a)),
    ).toEqual([]);
  });

  it('lets the unit registrar register and enrol a client carrying role and unit', async () => {
    const id = await asUnitRegistrar({
      name: 'unit-hotel-0901',
      type: 'client',
      attributes: { role: 'verifier', unit: 'HOTEL-0901' },
    });
    expect(certAttributes(id.certPath)).toMatchObject({ role: 'verifier', unit: 'HOTEL-0901' });
    expect(
      certAttributes(join(config().dataDir, 'onboarded', 'unit-bank-0900', 'msp', 'signcerts', 'cert.pem')),
    ).toMatchObject({
      role: 'verifier',
      unit: 'BANK-0900',
    });
  });

  it.each(['peer', 'admin', 'orderer'] as const)(
    'refuses the unit registrar an identity of type %s, and the CA registers nothing',
    async (type) => {
      const name = `mint-${type}`;
      await expect(asUnitRegistrar({ name, type })).rejects.toMatchObject({
        name: 'NetworkError',
        code: 'CA_COMMAND_FAILED',
      });
      expect(await known(name)).toBe(false);
    },
  );

  it.each<[string, string, Partial<IdentityRequest>]>([
    ['an attribute no unit carries', 'mint-admin-attr', { attributes: { admin: 'true' } }],
    [
      'the power to register others',
      'mint-registrar-attr',
      { attributes: { 'hf.Registrar.Roles': 'client' } },
    ],
    ['the power to revoke', 'mint-revoker', { attributes: { 'hf.Revoker': 'true' } }],
    ['a registrar of its own', 'mint-registrar', { registrar: { roles: ['client'], attributes: ['role'] } }],
  ])(
    'refuses the unit registrar a client with %s, and the CA registers nothing',
    async (_what, name, extra) => {
      await expect(asUnitRegistrar({ ...extra, name, type: 'client' })).rejects.toMatchObject({
        code: 'CA_COMMAND_FAILED',
      });
      expect(await known(name)).toBe(false);
    },
  );

  it('refuses the unit registrar the removal (and so the re-registration) of a peer', async () => {
    const peer = peerNodes(config()).find((p) => p.org === ORG);
    if (peer === undefined) throw new Error(`no peer of ${ORG}`);
    await expect(
      caClient(units, { args: ['identity', 'remove', peer.name, '-H', units.registrarHome] }),
    ).rejects.toMatchObject({ code: 'CA_COMMAND_FAILED' });
    await expect(asUnitRegistrar({ name: peer.name, type: 'peer' })).rejects.toMatchObject({
      code: 'CA_COMMAND_FAILED',
    });
    expect(await known(peer.name)).toBe(true);
  });
});
