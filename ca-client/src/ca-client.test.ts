import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingCaClient, type RecordedRun, type RecordingCaClient } from './test-support';
import { enrollAt, type CaEndpoint } from './ca-client';

function endpoint(dir: string): CaEndpoint {
  return {
    clientProgram: '/opt/fabric-ca/bin/fabric-ca-client',
    url: 'https://127.0.0.1:7054',
    caName: 'ca-relyingparty',
    tlsCertPath: join(dir, 'tls-cert.pem'),
    registrarHome: join(dir, 'registrar'),
  };
}

/** Arguments a local user reading /proc/PID/cmdline would learn a secret from. */
function leakingArguments(ca: RecordingCaClient): string[] {
  const secrets = ca.secrets();
  return ca.runs
    .flatMap((r) => r.args)
    .filter(
      (a) =>
        secrets.some((s) => a.includes(s)) ||
        /\/\/[^/\s]*@/.test(a) ||
        ['-u', '--url', '--id.secret', '--secret', '-b', '--boot'].includes(a),
    );
}

const verbs = (runs: readonly RecordedRun[]): string[] => runs.map((r) => r.args.slice(0, 2).join(' '));

describe('fabric-ca-client command lines', () => {
  const peer = { name: 'peer0.relyingparty', type: 'peer', tlsHosts: ['127.0.0.1'] } as const;

  it('registers and enrols a new identity with its secret in the environment only, never in an argument', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-ca-client-'));
    const ca = recordingCaClient();
    await enrollAt(endpoint(dir), 'RelyingPartyMSP', join(dir, 'peer'), peer, ca.run);
    expect(verbs(ca.runs)).toEqual(['identity list', 'register --id.name', 'enroll -M', 'enroll -M']);
    const [secret] = ca.secrets();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [, register, enrol, tls] = ca.runs;
    expect(register?.env.FABRIC_CA_CLIENT_ID_SECRET).toBe(secret);
    expect(register?.env.FABRIC_CA_CLIENT_URL).toBe('https://127.0.0.1:7054');
    for (const run of [enrol, tls]) {
      expect(run?.env.FABRIC_CA_CLIENT_URL).toBe(`https://peer0.relyingparty:${secret ?? ''}@127.0.0.1:7054`);
    }
    expect(leakingArguments(ca)).toEqual([]);
  });

  it('registers a name the CA knows afresh (remove, then register) instead of resetting its secret on a command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-ca-client-'));
    const ca = recordingCaClient([peer.name]);
    await enrollAt(endpoint(dir), 'RelyingPartyMSP', join(dir, 'peer'), peer, ca.run);
    expect(verbs(ca.runs)).toEqual([
      'identity list',
      'identity remove',
      'register --id.name',
      'enroll -M',
      'enroll -M',
    ]);
    expect(ca.runs.some((r) => r.args.includes('modify'))).toBe(false);
    expect(leakingArguments(ca)).toEqual([]);
  });

  it('passes nothing of the calling process’s environment but PATH, and the registrar’s home', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-ca-client-'));
    const ca = recordingCaClient();
    await enrollAt(endpoint(dir), 'RelyingPartyMSP', join(dir, 'peer'), peer, ca.run);
    const allowed = ['PATH', 'HOME', 'FABRIC_CA_CLIENT_URL', 'FABRIC_CA_CLIENT_ID_SECRET'];
    for (const run of ca.runs) expect(Object.keys(run.env).filter((k) => !allowed.includes(k))).toEqual([]);
  });

  it('gives a registrar its powers as quoted attributes (kept at the CA), next to the certificate’s own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-ca-client-'));
    const ca = recordingCaClient();
    await enrollAt(
      endpoint(dir),
      'RelyingPartyMSP',
      join(dir, 'registrar-of-units'),
      {
        name: 'unit-registrar',
        type: 'client',
        attributes: { role: 'registrar' },
        registrar: { roles: ['client'], attributes: ['role', 'unit'] },
      },
      ca.run,
    );
    const register = ca.runs.find((r) => r.args[0] === 'register');
    const attrs = register?.args[register.args.indexOf('--id.attrs') + 1];
    expect(attrs).toBe(
      '"role=registrar:ecert","hf.Registrar.Roles=client","hf.Registrar.Attributes=role,unit"',
    );
    expect(register?.args).toEqual(expect.arrayContaining(['--id.type', 'client']));
  });
});
