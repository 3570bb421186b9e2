/**
 * Fabric CA for real: one CA per organisation started as native processes,
 * every node/admin/client identity issued from them, a relying-unit identity
 * registered while the CAs run, and everything stopped by pid.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  caNode,
  identityDir,
  issueIdentities,
  networkDown,
  networkStatus,
  peerNodes,
  registerAndEnroll,
  type FabricPrograms,
  type IssuedIdentities,
  type ResolvedConfig,
} from '@idcard/network';
import { certAttributes } from '../support/cert-attributes';
import { startCaNetwork } from '../support/test-network';

describe('Fabric CA identities (real fabric-ca-server processes)', () => {
  let cfg: ResolvedConfig;
  let programs: FabricPrograms;
  let ids: IssuedIdentities;

  beforeAll(async () => {
    ({ programs, ids } = await startCaNetwork('ca', (c) => (cfg = c)));
  }, 180_000);

  afterAll(async () => {
    await networkDown(cfg);
  });

  it('runs one healthy CA per organisation, each with a pid', async () => {
    const cas = (await networkStatus(cfg)).filter((n) => n.kind === 'ca');
    expect(cas).toHaveLength(cfg.organisations.length);
    for (const ca of cas) {
      expect(ca.healthy).toBe(true);
      expect(ca.pid).toEqual(expect.any(Number));
    }
  });

  it('issues client certificates carrying the role and unit attributes', () => {
    const officer = ids.clients.get('officer1')!;
    expect(officer.mspId).toBe('PublicSecurityMSP');
    expect(certAttributes(officer.certPath)).toMatchObject({ role: 'officer', unit: 'PSB-110105' });
    const verifier = ids.clients.get('unit-lib-0001')!;
    expect(certAttributes(verifier.certPath)).toMatchObject({ role: 'verifier', unit: 'LIB-0001' });
    expect(new X509Certificate(readFileSync(verifier.certPath)).subject).toContain('OU=client');
  });

  it('issues peer TLS certificates valid for the peer host, signed by the org CA', () => {
    const peer = peerNodes(cfg)[0]!;
    const tls = ids.nodes.get(peer.name)!;
    const cert = new X509Certificate(readFileSync(join(tls.tlsDir!, 'signcerts', 'cert.pem')));
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    const ca = new X509Certificate(readFileSync(join(caNode(cfg, peer.org).home, 'ca-cert.pem')));
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(new X509Certificate(readFileSync(tls.certPath)).subject).toContain('OU=peer');
  });

  it('keeps existing identities when issued again (up on an existing data dir)', async () => {
    const before = readFileSync(ids.clients.get('officer1')!.certPath, 'utf8');
    const again = await issueIdentities(cfg, programs);
    expect(readFileSync(again.clients.get('officer1')!.certPath, 'utf8')).toBe(before);
  });

  it('registers a new relying-unit identity while the CAs run', async () => {
    const dir = identityDir(cfg, 'relyingparty', 'unit-bank-0042');
    const id = await registerAndEnroll(cfg, programs, 'relyingparty', 'RelyingPartyMSP', dir, {
      name: 'unit-bank-0042',
      type: 'client',
      attributes: { role: 'verifier', unit: 'BANK-0042' },
    });
    expect(certAttributes(id.certPath)).toMatchObject({ role: 'verifier', unit: 'BANK-0042' });
  });

  it('stops every CA by pid on down', async () => {
    const res = await networkDown(cfg);
    expect(res.stopped.sort()).toEqual(cfg.organisations.map((o) => `ca.${o.name}`).sort());
    const after = await networkStatus(cfg);
    expect(after.filter((n) => n.kind === 'ca').every((n) => n.pid === null && !n.healthy)).toBe(true);
  });
});
