/**
 * Builds the app over fakes of the ports (LedgerClient, IdentityRegistrar, AuditPort)
 * with one caller per role, each with a fresh API key.
 */
import { Writable } from 'node:stream';
import { buildApp, type App, type AppDependencies, type EventLimits } from '../app';
import { createCallerRegistry, type CallerRegistry, type ServiceRole } from '../callers/caller-registry';
import type { IdentityRegistrar, IdentityRequest } from '../callers/identity-registrar';
import { createLogger } from '../logging';
import { createPseudonymizer, type Pseudonymizer } from '../privacy/pseudonyms';
import { FakeAudit } from './fake-audit';
import { FakeLedger } from './fake-ledger';

/** Fixed clock of the tests: 2026-03-01 12:00 China Standard Time. */
export const NOW = new Date('2026-03-01T04:00:00.000Z');

/** A fake registrar recording its requests. */
export class FakeRegistrar implements IdentityRegistrar {
  readonly requests: IdentityRequest[] = [];
  /** When set, enrolment fails with this error (the CA is down). */
  failWith: Error | undefined;
  registerAndEnroll(request: IdentityRequest) {
    this.requests.push(request);
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve({
      mspId: 'RelyingPartyMSP',
      certPath: `/ids/${request.name}/cert.pem`,
      keyPath: `/ids/${request.name}/key.pem`,
    });
  }
}

/** Everything a route test needs. */
export interface TestGateway {
  readonly app: App;
  readonly ledger: FakeLedger;
  readonly registrar: FakeRegistrar;
  readonly audit: FakeAudit;
  readonly callers: CallerRegistry;
  /** The current pseudonym key (`k1`, or `k2` when built `rotated`). */
  readonly pseudonyms: Pseudonymizer;
  /** Earlier keys (`[k1]` when built `rotated`, else none). */
  readonly earlierPseudonyms: readonly Pseudonymizer[];
  /**
   * API keys by caller: officer, operator, verifier (BANK-001), verifier2 (HOTEL-002), auditor, revoked,
   * and the service roles' callers (no Fabric identity): unit-admin, pseudonym-client.
   */
  readonly keys: Readonly<
    Record<
      | 'officer'
      | 'operator'
      | 'verifier'
      | 'verifier2'
      | 'auditor'
      | 'revoked'
      | 'unit-admin'
      | 'pseudonym-client',
      string
    >
  >;
  /** Log lines written, when logs were captured. */
  readonly logs: string[];
  auth(who: keyof TestGateway['keys']): { authorization: string };
}

const identity = (name: string, mspId: string) => ({
  mspId,
  certPath: `/ids/${name}/cert.pem`,
  keyPath: `/ids/${name}/key.pem`,
});

/** Builds a test gateway. */
export async function testGateway(
  options: {
    captureLogs?: boolean;
    rateLimit?: { perCaller?: number; perIpUnauthenticated?: number };
    bodyLimitBytes?: number;
    requestTimeoutMs?: number;
    /** How long /readyz answers are reused (default 0: never). */
    readinessCacheMs?: number;
    /** Build without an IdentityRegistrar (no CA adapter configured). */
    withoutRegistrar?: boolean;
    /** Build without an AuditPort (no organisation CA certificates configured). */
    withoutAudit?: boolean;
    /** After a key rotation: current key `k2`, earlier key `k1` (the default key of the other tests). */
    rotated?: boolean;
    events?: Partial<EventLimits>;
    statusNotices?: { retentionDays: number };
    /** A built console to serve at /console/. */
    consoleDir?: string;
    /** Serve HTTPS with these options and client-certificate rules (listen to use them). */
    tls?: Pick<AppDependencies, 'https' | 'clientCertificates'>;
  } = {},
): Promise<TestGateway> {
  const callers = createCallerRegistry({ callers: [] });
  const add = async (
    id: string,
    role: 'officer' | 'operator' | 'verifier' | 'auditor',
    mspId: string,
    unit?: string,
  ) => {
    await callers.addCaller({ id, role, ...(unit ? { unit } : {}), identity: identity(id, mspId) });
    return (await callers.issueKey(id, NOW)).apiKey;
  };
  const service = async (id: string, role: ServiceRole) => {
    await callers.addCaller({ id, role });
    return (await callers.issueKey(id, NOW)).apiKey;
  };
  const revokedCaller = await add('unit-revoked-003', 'verifier', 'RelyingPartyMSP', 'REVOKED-003');
  const revokedKey = await callers.issueKey('unit-revoked-003', NOW);
  await callers.revokeKey(revokedKey.keyId, NOW);
  void revokedCaller;
  const keys = {
    officer: await add('officer-1', 'officer', 'PublicSecurityMSP', 'PSB-110000'),
    operator: await add('operator-1', 'operator', 'BigDataBureauMSP'),
    verifier: await add('unit-bank-001', 'verifier', 'RelyingPartyMSP', 'BANK-001'),
    verifier2: await add('unit-hotel-002', 'verifier', 'RelyingPartyMSP', 'HOTEL-002'),
    auditor: await add('auditor-1', 'auditor', 'BigDataBureauMSP'),
    revoked: revokedKey.apiKey,
    'unit-admin': await service('unit-admin-1', 'unit-admin'),
    'pseudonym-client': await service('gateway-relyingparty', 'pseudonym-client'),
  };
  const ledger = new FakeLedger();
  const registrar = new FakeRegistrar();
  const audit = new FakeAudit();
  const k1 = createPseudonymizer('k1', Buffer.alloc(32, 7));
  const pseudonyms = options.rotated ? createPseudonymizer('k2', Buffer.alloc(32, 9)) : k1;
  const earlierPseudonyms = options.rotated ? [k1] : [];
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({
    ledger,
    callers,
    ...(options.withoutRegistrar ? {} : { registrar }),
    ...(options.withoutAudit ? {} : { audit }),
    pseudonyms,
    earlierPseudonyms,
    clock: () => NOW,
    readinessCacheMs: options.readinessCacheMs ?? 0,
    ...(options.captureLogs ? { logger: createLogger('trace', sink) } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.events ? { events: options.events } : {}),
    ...(options.statusNotices ? { statusNotices: options.statusNotices } : {}),
    ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    ...options.tls,
  });
  return {
    app,
    ledger,
    registrar,
    audit,
    callers,
    pseudonyms,
    earlierPseudonyms,
    keys,
    logs,
    auth: (who) => ({ authorization: `Bearer ${keys[who]}` }),
  };
}
