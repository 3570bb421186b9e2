import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrganisationRoots } from './organisation-roots';

describe('the organisations’ CA certificates', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'org-roots-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every root and intermediate certificate file of every organisation, in order', () => {
    const file = (name: string): string => {
      writeFileSync(join(dir, name), `PEM ${name}`);
      return join(dir, name);
    };
    const organisations = [
      { mspId: 'PublicSecurityMSP', rootCertPaths: [file('ps.pem')], intermediateCertPaths: [] },
      {
        mspId: 'RelyingPartyMSP',
        rootCertPaths: [file('rp-1.pem'), file('rp-2.pem')],
        intermediateCertPaths: [file('rp-int.pem')],
      },
    ];

    expect(loadOrganisationRoots(organisations)).toEqual([
      { mspId: 'PublicSecurityMSP', rootCerts: ['PEM ps.pem'], intermediateCerts: [] },
      {
        mspId: 'RelyingPartyMSP',
        rootCerts: ['PEM rp-1.pem', 'PEM rp-2.pem'],
        intermediateCerts: ['PEM rp-int.pem'],
      },
    ]);
  });

  it('names a certificate file it cannot read', () => {
    const missing = join(dir, 'missing.pem');

    expect(() =>
      loadOrganisationRoots([
        { mspId: 'BigDataBureauMSP', rootCertPaths: [missing], intermediateCertPaths: [] },
      ]),
    ).toThrow(`cannot read the CA certificate ${missing}`);
  });
});
