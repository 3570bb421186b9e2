/**
 * Every /v1 endpoint admits exactly its roles: the right role gets through,
 * every other role gets 403 without any ledger call, and no key gets 401.
 * The table is checked against the OpenAPI document so no route is missed.
 * An endpoint that calls one transaction admits that transaction's roles,
 * read from the wire table (@idcard/common TRANSACTIONS).
 */
import { ROLES, TRANSACTIONS } from '@idcard/common';
import { CALLER_ROLES, SERVICE_ROLES, type CallerRole } from '../../callers/caller-registry';
import { wellFormedReceipt } from '../../test-support/fake-audit';
import { idNumberFor } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const ID = idNumberFor('110101', '19900307', '123');
const REF = `k1.${'d'.repeat(64)}`;
const card = { idNumber: ID, name: '赵六', validFrom: '2020-05-01', validUntil: '2040-05-01' };
const at = { occurredAt: '2026-02-01T00:00:00Z' };

interface Endpoint {
  readonly route: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string | (() => string);
  readonly roles: readonly CallerRole[];
  readonly payload?: object | (() => object);
}

let unitSeq = 0;
let revocableKeyId = '';

const endpoints: Endpoint[] = [
  {
    route: '/v1/admin/bootstrap',
    method: 'POST',
    url: '/v1/admin/bootstrap',
    roles: TRANSACTIONS.Bootstrap.roles,
  },
  {
    route: '/v1/admin/units',
    method: 'POST',
    url: '/v1/admin/units',
    roles: TRANSACTIONS.RegisterUnit.roles,
    payload: () => ({
      unitId: `HALL-${(unitSeq += 1)}`,
      category: 'SERVICE_HALL',
      displayName: 'District service hall',
      allowedPurposes: ['GOVERNMENT_SERVICE'],
    }),
  },
  {
    route: '/v1/verifications',
    method: 'POST',
    url: '/v1/verifications',
    roles: TRANSACTIONS.VerifyCardAcrossKeys.roles,
    payload: { ...card, purpose: 'ACCOUNT_OPENING' },
  },
  {
    route: '/v1/verifications/batch',
    method: 'POST',
    url: '/v1/verifications/batch',
    roles: TRANSACTIONS.VerifyCards.roles,
    payload: { purpose: 'ACCOUNT_OPENING', items: [card] },
  },
  {
    route: '/v1/verifications/eid-token',
    method: 'POST',
    url: '/v1/verifications/eid-token',
    roles: TRANSACTIONS.VerifyEidToken.roles,
    payload: { token: 'A'.repeat(43), purpose: 'HOTEL_CHECKIN' },
  },
  {
    route: '/v1/verifications',
    method: 'GET',
    url: '/v1/verifications?unitId=BANK-001',
    roles: TRANSACTIONS.ListVerificationsByUnit.roles,
  },
  {
    route: '/v1/units/{unitId}/accountability',
    method: 'GET',
    url: '/v1/units/BANK-001/accountability',
    roles: TRANSACTIONS.ListVerificationsByUnit.roles,
  },
  {
    route: '/v1/verifications/{recordId}',
    method: 'GET',
    url: '/v1/verifications/rec-1',
    roles: TRANSACTIONS.GetVerification.roles,
  },
  {
    route: '/v1/cards',
    method: 'POST',
    url: '/v1/cards',
    roles: TRANSACTIONS.IssueCardAcrossKeys.roles,
    payload: {
      ...card,
      kind: 'RESIDENT_CARD',
      reasonCode: 'FIRST_ISSUE',
      occurredAt: '2020-05-01T00:00:00Z',
    },
  },
  {
    route: '/v1/cards/{cardRef}/report-lost',
    method: 'POST',
    url: `/v1/cards/${REF}/report-lost`,
    roles: TRANSACTIONS.ReportLost.roles,
    payload: at,
  },
  {
    route: '/v1/cards/{cardRef}/report-stolen',
    method: 'POST',
    url: `/v1/cards/${REF}/report-stolen`,
    roles: TRANSACTIONS.ReportStolen.roles,
    payload: at,
  },
  {
    route: '/v1/cards/{cardRef}/withdraw-loss',
    method: 'POST',
    url: `/v1/cards/${REF}/withdraw-loss`,
    roles: TRANSACTIONS.WithdrawLossReport.roles,
    payload: at,
  },
  {
    route: '/v1/cards/{cardRef}/revoke',
    method: 'POST',
    url: `/v1/cards/${REF}/revoke`,
    roles: TRANSACTIONS.RevokeCard.roles,
    payload: { ...at, reasonCode: 'DEATH' },
  },
  { route: '/v1/cards/{cardRef}', method: 'GET', url: `/v1/cards/${REF}`, roles: TRANSACTIONS.GetCard.roles },
  {
    route: '/v1/cards/{cardRef}/history',
    method: 'GET',
    url: `/v1/cards/${REF}/history`,
    roles: TRANSACTIONS.GetCardHistory.roles,
  },
  {
    route: '/v1/cards/{cardRef}/status',
    method: 'GET',
    url: `/v1/cards/${REF}/status?at=2025-01-01T00:00:00Z`,
    roles: TRANSACTIONS.GetCardStatusAt.roles,
  },
  {
    route: '/v1/cards/{cardRef}/announce',
    method: 'POST',
    url: `/v1/cards/${REF}/announce`,
    roles: TRANSACTIONS.AnnounceCardChange.roles,
  },
  {
    route: '/v1/cards/{cardRef}/trail-reads',
    method: 'GET',
    url: `/v1/cards/${REF}/trail-reads`,
    roles: TRANSACTIONS.ListTrailReads.roles,
  },
  {
    route: '/v1/citizen/who-looked',
    method: 'POST',
    url: '/v1/citizen/who-looked',
    roles: ['officer'],
    payload: { idNumber: ID, validFrom: '2020-05-01' },
  },
  {
    route: '/v1/status-notices',
    method: 'GET',
    url: '/v1/status-notices?unitId=BANK-001',
    roles: TRANSACTIONS.ListStatusNotices.roles,
  },
  {
    route: '/v1/citizen/cards',
    method: 'POST',
    url: '/v1/citizen/cards',
    roles: ['officer'],
    payload: { idNumber: ID },
  },
  {
    route: '/v1/citizen/verifications',
    method: 'POST',
    url: '/v1/citizen/verifications',
    roles: TRANSACTIONS.ReadCardTrail.roles,
    payload: { idNumber: ID, validFrom: '2020-05-01' },
  },
  {
    route: '/v1/eid-tokens',
    method: 'POST',
    url: '/v1/eid-tokens',
    roles: TRANSACTIONS.IssueEidToken.roles,
    payload: { cardRef: REF },
  },
  {
    route: '/v1/fraud-reports',
    method: 'POST',
    url: '/v1/fraud-reports',
    roles: TRANSACTIONS.ReportFraud.roles,
    payload: { cardRef: REF, category: 'FORGED_CARD' },
  },
  {
    route: '/v1/fraud-reports',
    method: 'GET',
    url: '/v1/fraud-reports',
    roles: TRANSACTIONS.ListFraudReports.roles,
  },
  {
    route: '/v1/units',
    method: 'POST',
    url: '/v1/units',
    roles: TRANSACTIONS.RegisterUnit.roles,
    payload: () => ({
      unitId: `LIB-${(unitSeq += 1)}`,
      category: 'LIBRARY',
      displayName: 'City library',
      allowedPurposes: ['LIBRARY_MEMBERSHIP'],
    }),
  },
  {
    route: '/v1/units/{unitId}/api-keys',
    method: 'POST',
    url: '/v1/units/BANK-001/api-keys',
    roles: ['operator', 'unit-admin'],
  },
  {
    route: '/v1/api-keys/{keyId}',
    method: 'DELETE',
    url: () => `/v1/api-keys/${revocableKeyId}`,
    roles: ['operator', 'unit-admin'],
  },
  {
    route: '/v1/units/{unitId}/suspend',
    method: 'POST',
    url: '/v1/units/HOTEL-002/suspend',
    roles: TRANSACTIONS.SuspendUnit.roles,
    payload: { reason: 'AUDIT_PENDING' },
  },
  {
    route: '/v1/units/{unitId}/reinstate',
    method: 'POST',
    url: '/v1/units/HOTEL-002/reinstate',
    roles: TRANSACTIONS.ReinstateUnit.roles,
  },
  {
    route: '/v1/units/{unitId}/purposes',
    method: 'PUT',
    url: '/v1/units/HOTEL-002/purposes',
    roles: TRANSACTIONS.SetUnitPurposes.roles,
    payload: { allowedPurposes: ['HOTEL_CHECKIN'] },
  },
  { route: '/v1/units', method: 'GET', url: '/v1/units', roles: TRANSACTIONS.ListUnits.roles },
  { route: '/v1/me', method: 'GET', url: '/v1/me', roles: CALLER_ROLES },
  {
    route: '/v1/audit/receipt-checks',
    method: 'POST',
    url: '/v1/audit/receipt-checks',
    roles: ['auditor'],
    payload: () => ({ receipt: wellFormedReceipt() }),
  },
  { route: '/v1/audit/replays', method: 'POST', url: '/v1/audit/replays', roles: ['auditor'] },
  {
    route: '/v1/pseudonyms/cards',
    method: 'POST',
    url: '/v1/pseudonyms/cards',
    roles: ['pseudonym-client'],
    payload: { items: [{ idNumber: ID, name: '赵六', validFrom: '2020-05-01' }] },
  },
  {
    route: '/v1/units/{unitId}',
    method: 'GET',
    url: '/v1/units/BANK-001',
    roles: TRANSACTIONS.GetUnit.roles,
  },
];

const resolve = <T>(v: T | (() => T)): T => (typeof v === 'function' ? (v as () => T)() : v);

describe('role checks on every endpoint', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await testGateway({ rateLimit: { perCaller: 10_000, perIpUnauthenticated: 10_000 } });
  });
  afterAll(async () => {
    await gw.app.close();
  });
  beforeEach(async () => {
    gw.ledger.calls.length = 0;
    revocableKeyId = (await gw.callers.issueKey('unit-hotel-002', new Date())).keyId;
  });

  it('covers every /v1 route of the OpenAPI document (events are covered by the SSE tests)', async () => {
    const doc = (await gw.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, object>;
    }>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const tabled = endpoints.map((e) => `${e.method} ${e.route}`);
    expect(documented.filter((d) => d.includes('/v1/') && d !== 'GET /v1/events').sort()).toEqual(
      [...tabled].sort(),
    );
  });

  const matrix = endpoints.flatMap((e) =>
    [...ROLES, ...SERVICE_ROLES].map((role) => [`${e.method} ${e.route}`, role, e] as const),
  );
  it.each(matrix)('%s as %s', async (_label, role, e) => {
    const payload = e.payload === undefined ? undefined : resolve(e.payload);
    const res = await gw.app.inject({
      method: e.method,
      url: resolve(e.url),
      headers: gw.auth(role),
      ...(payload ? { payload } : {}),
    });
    if (e.roles.includes(role)) {
      expect(res.statusCode).toBeGreaterThanOrEqual(200);
      expect(res.statusCode).toBeLessThan(300);
    } else {
      expect(res.statusCode).toBe(403);
      expect(res.json<{ type: string }>().type).toBe('urn:idcard:problem:forbidden');
      expect(gw.ledger.calls).toHaveLength(0);
    }
  });

  it.each(endpoints.map((e) => [`${e.method} ${e.route}`, e] as const))(
    '%s without a key is 401',
    async (_l, e) => {
      const res = await gw.app.inject({ method: e.method, url: resolve(e.url) });
      expect(res.statusCode).toBe(401);
      expect(gw.ledger.calls).toHaveLength(0);
    },
  );

  it('lets a verifier read only its own unit', async () => {
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/units/HOTEL-002',
      headers: gw.auth('verifier'),
    });
    expect(res.statusCode).toBe(403);
    expect(gw.ledger.calls).toHaveLength(0);
  });
});
