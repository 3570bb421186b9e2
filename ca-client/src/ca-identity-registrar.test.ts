import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaIdentityRegistrar, type ClientIdentityRequest } from './ca-identity-registrar';
import { recordingCaClient } from './test-support';

function registrarIn(dir: string) {
  return createCaIdentityRegistrar({
    ca: {
      clientProgram: join(dir, 'no-such-fabric-ca-client'),
      url: 'https://127.0.0.1:1',
      caName: 'ca-relyingparty',
      tlsCertPath: join(dir, 'tls-cert.pem'),
      registrarHome: join(dir, 'registrar'),
    },
    mspId: 'RelyingPartyMSP',
    identitiesDir: join(dir, 'identities'),
  });
}

const verifier = (name: string, unit = 'BANK-001'): ClientIdentityRequest => ({
  name,
  type: 'client',
  attributes: { role: 'verifier', unit },
});

describe('the Fabric CA registrar', () => {
  it.each([
    ['a name leaving the identities folder', verifier('../outside')],
    ['an upper-case name', verifier('Unit-Bank')],
    ['an attribute value fabric-ca-client would split', verifier('unit-bank-001', 'BANK,role=auditor')],
  ])('refuses %s with CA_REQUEST_INVALID before contacting the CA', async (_what, request) => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-registrar-'));
    await expect(registrarIn(dir).registerAndEnroll(request)).rejects.toMatchObject({
      name: 'NetworkError',
      code: 'CA_REQUEST_INVALID',
    });
  });

  it('answers PROGRAM_MISSING without fabric-ca-client and leaves no half-made identity folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-registrar-'));
    await expect(registrarIn(dir).registerAndEnroll(verifier('unit-bank-001'))).rejects.toMatchObject({
      name: 'NetworkError',
      code: 'PROGRAM_MISSING',
    });
    expect(readdirSync(join(dir, 'identities'))).toEqual([]);
  });
});

describe('the Fabric CA registrar’s command lines', () => {
  it('enrols a unit with no secret on any fabric-ca-client command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-registrar-'));
    const ca = recordingCaClient(['unit-bank-001']);
    const registrar = createCaIdentityRegistrar({
      ca: {
        clientProgram: '/opt/fabric-ca/bin/fabric-ca-client',
        url: 'https://127.0.0.1:7054',
        caName: 'ca-relyingparty',
        tlsCertPath: join(dir, 'tls-cert.pem'),
        registrarHome: join(dir, 'registrar'),
      },
      mspId: 'RelyingPartyMSP',
      identitiesDir: join(dir, 'identities'),
      run: ca.run,
    });
    await registrar.registerAndEnroll(verifier('unit-bank-001'));
    const secrets = ca.secrets();
    expect(secrets.length).toBeGreaterThan(0);
    const argv = ca.runs.flatMap((r) => r.args);
    expect(argv.filter((a) => secrets.some((s) => a.includes(s)))).toEqual([]);
    expect(readdirSync(join(dir, 'identities'))).toEqual(['unit-bank-001']);
  });
});
