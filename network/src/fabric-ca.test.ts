import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordingCaClient } from '@idcard/ca-client/testing';
import { bootstrapSecret, caServerConfigPath } from './ca-server-home';
import { caProcessSpec, enrollRegistrar } from './fabric-ca';
import { fakeNetwork } from './test-support/fake-network';
import { caNode, orgHome } from './topology';
import { enrollUnitRegistrar, unitRegistrarHome, UNIT_REGISTRAR } from './unit-registrar';

const ORG = 'relyingparty';
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('an organisation’s CA without a secret on a command line', () => {
  it('starts fabric-ca-server with its bootstrap identity in its own configuration file (mode 600), never as -b', () => {
    const { cfg, programs } = fakeNetwork();
    const spec = caProcessSpec(cfg, programs, ORG);
    const secret = bootstrapSecret(cfg, ORG);
    expect(spec.args.filter((a) => a.includes(secret) || a === '-b' || a === '--boot')).toEqual([]);
    expect(Object.values(spec.env).filter((v) => v?.includes(secret))).toEqual([]);
    const config = caServerConfigPath(cfg, ORG);
    expect(readFileSync(config, 'utf8')).toContain(`pass: "${secret}"`);
    expect(mode(config)).toBe(0o600);
    expect(mode(join(caNode(cfg, ORG).home, 'registrar.secret'))).toBe(0o600);
    expect(mode(caNode(cfg, ORG).home)).toBe(0o700);
  });

  it('keeps the configuration file an earlier version let fabric-ca-server write, readable by its owner only', () => {
    const { cfg, programs } = fakeNetwork();
    const config = caServerConfigPath(cfg, ORG);
    caProcessSpec(cfg, programs, ORG);
    writeFileSync(config, 'registry: {}\n', { mode: 0o644 });
    caProcessSpec(cfg, programs, ORG);
    expect(readFileSync(config, 'utf8')).toBe('registry: {}\n');
    expect(mode(config)).toBe(0o600);
  });

  it('enrols the bootstrap admin with its secret in fabric-ca-client’s environment only', async () => {
    const { cfg, programs } = fakeNetwork();
    const ca = recordingCaClient();
    await enrollRegistrar(cfg, programs, ORG, ca.run);
    expect(ca.secrets()).toEqual([bootstrapSecret(cfg, ORG)]);
    expect(ca.runs.flatMap((r) => r.args).filter((a) => a.includes(bootstrapSecret(cfg, ORG)))).toEqual([]);
  });

  it('registers the unit registrar through the bootstrap admin, as a registrar of clients with role and unit only, enrolled into the gateway’s folder', async () => {
    const { cfg, programs } = fakeNetwork();
    const ca = recordingCaClient();
    await enrollUnitRegistrar(cfg, programs, { name: ORG, mspId: 'RelyingPartyMSP' }, ca.run);
    const register = ca.runs.find((r) => r.args[0] === 'register');
    expect(register?.args).toEqual([
      'register',
      '--id.name',
      UNIT_REGISTRAR,
      '--id.type',
      'client',
      '--id.attrs',
      '"hf.Registrar.Roles=client","hf.Registrar.Attributes=role,unit"',
      '-H',
      join(orgHome(cfg, ORG), 'registrar'),
      '--caname',
      `ca-${ORG}`,
      '--tls.certfiles',
      join(caNode(cfg, ORG).home, 'tls-cert.pem'),
    ]);
    const enrol = ca.runs.find((r) => r.args[0] === 'enroll');
    expect(enrol?.args).toEqual(expect.arrayContaining(['-H', unitRegistrarHome(cfg, ORG)]));
    expect(unitRegistrarHome(cfg, ORG).startsWith(join(orgHome(cfg, ORG), 'gateway'))).toBe(true);
    const secrets = ca.secrets();
    expect(secrets).toHaveLength(2);
    expect(ca.runs.flatMap((r) => r.args).filter((a) => secrets.some((s) => a.includes(s)))).toEqual([]);

    const again = recordingCaClient();
    await enrollUnitRegistrar(cfg, programs, { name: ORG, mspId: 'RelyingPartyMSP' }, again.run);
    expect(again.runs).toEqual([]);
  });
});
