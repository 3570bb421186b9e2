/**
 * Onboarding a relying unit against a real fabric-ca-server: the Fabric CA
 * adapter of the IdentityRegistrar port, alone and behind the gateway's
 * POST /v1/units (over a fake ledger, since no peer runs here), reached as
 * the unit registrar the gateway holds (clients with role and unit only).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCaIdentityRegistrar, type CaEndpoint, type CaIdentityRegistrar } from '@idcard/ca-client';
import {
  caProcessSpec,
  enrollRegistrar,
  enrollUnitRegistrar,
  ensurePrograms,
  networkDown,
  startProcess,
  waitForCa,
  unitRegistrarEndpoint,
  type ResolvedConfig,
} from '@idcard/network';
import {
  buildApp,
  createCallerRegistry,
  createPseudonymizer,
  parseConfig,
  registrarFromConfig,
  type App,
  type CallerRegistry,
} from '@idcard/gateway';
import { FakeLedger, MINIMAL_CONFIG } from '@idcard/gateway/testing';
import { certAttributes } from '../support/cert-attributes';
import { testNetworkConfig } from '../support/test-network';

const ORG = 'relyingparty';
const MSP = 'RelyingPartyMSP';

function certificate(path: string): X509Certificate {
  return new X509Certificate(readFileSync(path));
}

describe('the Fabric CA registrar (real fabric-ca-server)', () => {
  let cfg: ResolvedConfig;
  let ca: CaEndpoint;
  let registrar: CaIdentityRegistrar;
  let identitiesDir: string;

  beforeAll(async () => {
    cfg = await testNetworkConfig('onboarding');
    const programs = await ensurePrograms(cfg, () => undefined, ['fabric-ca']);
    startProcess(caProcessSpec(cfg, programs, ORG));
    await waitForCa(cfg, ORG);
    await enrollRegistrar(cfg, programs, ORG);
    await enrollUnitRegistrar(cfg, programs, { name: ORG, mspId: MSP });
    ca = unitRegistrarEndpoint(cfg, programs, ORG);
    identitiesDir = join(cfg.dataDir, 'gateway', 'identities');
    registrar = createCaIdentityRegistrar({ ca, mspId: MSP, identitiesDir });
  }, 180_000);

  afterAll(async () => {
    await networkDown(cfg);
  });

  const request = {
    name: 'unit-bank-0042',
    type: 'client',
    attributes: { role: 'verifier', unit: 'BANK-0042' },
  } as const;

  it('issues a certificate with role=verifier and the unit, its private key readable by the owner only', async () => {
    const id = await registrar.registerAndEnroll(request);
    expect(id.mspId).toBe(MSP);
    expect(id.certPath).toBe(join(identitiesDir, 'unit-bank-0042', 'msp', 'signcerts', 'cert.pem'));
    expect(certAttributes(id.certPath)).toMatchObject({ role: 'verifier', unit: 'BANK-0042' });
    const cert = certificate(id.certPath);
    expect(cert.subject).toContain('CN=unit-bank-0042');
    expect(cert.subject).toContain('OU=client');
    expect(cert.verify(certificate(join(dirname(ca.tlsCertPath), 'ca-cert.pem')).publicKey)).toBe(true);
    expect(statSync(id.keyPath).mode & 0o777).toBe(0o600);
  });

  it('re-enrols a name the CA already knows: a fresh certificate for the same subject replaces the old', async () => {
    const first = certificate(join(identitiesDir, 'unit-bank-0042', 'msp', 'signcerts', 'cert.pem'));
    const again = await registrar.registerAndEnroll(request);
    const second = certificate(again.certPath);
    expect(second.subject).toBe(first.subject);
    expect(second.serialNumber).not.toBe(first.serialNumber);
    expect(certAttributes(again.certPath)).toMatchObject({ role: 'verifier', unit: 'BANK-0042' });
    expect(readdirSync(dirname(again.keyPath))).toEqual([again.keyPath.split('/').at(-1)]);
    expect(readdirSync(identitiesDir)).toEqual(['unit-bank-0042']);
  });

  it('leaves no enrolment secret in the identity folder', () => {
    const dir = join(identitiesDir, 'unit-bank-0042');
    const config = join(dir, 'fabric-ca-client-config.yaml');
    if (existsSync(config)) expect(readFileSync(config, 'utf8')).not.toMatch(/unit-bank-0042:[^@\s]+@/);
  });

  it('answers CA_UNREACHABLE when the CA cannot be reached, keeping the enrolled identity', async () => {
    const url = new URL(ca.url);
    const down = createCaIdentityRegistrar({
      ca: { ...ca, url: `https://${url.hostname}:1`, timeoutMs: 20_000 },
      mspId: MSP,
      identitiesDir,
    });
    const failure = down.registerAndEnroll(request);
    await expect(failure).rejects.toMatchObject({ name: 'NetworkError', code: 'CA_UNREACHABLE' });
    await expect(failure).rejects.toThrow(/cannot be reached/);
    expect(readdirSync(identitiesDir)).toEqual(['unit-bank-0042']);
  });

  describe('behind POST /v1/units of the gateway', () => {
    let app: App;
    let callers: CallerRegistry;
    let operatorKey: string;

    beforeAll(async () => {
      const gatewayDir = join(cfg.dataDir, 'gateway');
      const config = parseConfig(
        {
          ...MINIMAL_CONFIG,
          identitiesDir: 'units',
          certificateAuthority: { ...ca, mspId: MSP },
        },
        gatewayDir,
      );
      callers = createCallerRegistry({ callers: [] });
      await callers.addCaller({
        id: 'operator-1',
        role: 'operator',
        identity: { mspId: 'BigDataBureauMSP', certPath: '/ids/op/cert.pem', keyPath: '/ids/op/key.pem' },
      });
      operatorKey = (await callers.issueKey('operator-1', new Date())).apiKey;
      app = await buildApp({
        ledger: new FakeLedger(),
        callers,
        registrar: registrarFromConfig(config)!,
        pseudonyms: createPseudonymizer('k1', Buffer.alloc(32, 7)),
      });
    });

    afterAll(async () => {
      await app.close();
    });

    it('onboards a unit: its key is returned once and its certificate says verifier of that unit', async () => {
      const unit = {
        unitId: 'LIB-0777',
        category: 'LIBRARY',
        displayName: 'City Library',
        allowedPurposes: ['LIBRARY_MEMBERSHIP'],
      };
      const onboard = () =>
        app.inject({
          method: 'POST',
          url: '/v1/units',
          headers: { authorization: `Bearer ${operatorKey}` },
          payload: unit,
        });
      const res = await onboard();
      expect(res.statusCode).toBe(201);
      const body = res.json<{ callerId: string; apiKey: string }>();
      expect(body.callerId).toBe('unit-lib-0777');
      const caller = callers.findUnitCaller('LIB-0777')!;
      expect(caller.identity.certPath).toBe(
        join(cfg.dataDir, 'gateway', 'units', 'unit-lib-0777', 'msp', 'signcerts', 'cert.pem'),
      );
      expect(certAttributes(caller.identity.certPath)).toMatchObject({ role: 'verifier', unit: 'LIB-0777' });
      expect(existsSync(caller.identity.keyPath)).toBe(true);

      const own = await app.inject({
        method: 'GET',
        url: '/v1/units/LIB-0777',
        headers: { authorization: `Bearer ${body.apiKey}` },
      });
      expect(own.statusCode).toBe(200);
      const again = await onboard();
      expect(again.statusCode).toBe(409);
      expect(again.body).not.toContain(body.apiKey);
    });
  });
});
