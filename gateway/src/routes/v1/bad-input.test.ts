/**
 * Bad input never reaches the ledger: each case asserts the status, the
 * problem type, and that the fake ledger committed nothing (and, for
 * everything the gateway itself can refuse, was not called at all).
 */
import { LIMITS } from '@idcard/common';
import { mapLedgerError } from '../../fabric/error-mapping';
import { LedgerUnavailableError } from '../../ledger/ledger-errors';
import { PROBLEM_BASE } from '../../problems';
import { idNumberFor, withWrongCheck } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const ID = idNumberFor('110101', '19900307', '123'); // 35 on 2026-03-01
const CHILD = idNumberFor('320102', '20150612', '045'); // 10 on 2026-03-01
const REF = `k1.${'c'.repeat(64)}`;
const verifyBody = {
  idNumber: ID,
  name: '王五',
  validFrom: '2020-05-01',
  validUntil: '2040-05-01',
  purpose: 'ACCOUNT_OPENING',
};
const issueBody = {
  idNumber: ID,
  name: '王五',
  kind: 'RESIDENT_CARD',
  validFrom: '2020-05-01',
  validUntil: '2040-05-01',
  reasonCode: 'FIRST_ISSUE',
  occurredAt: '2020-05-01T02:00:00Z',
};
const batchItem = { idNumber: ID, name: '王五', validFrom: '2020-05-01', validUntil: '2040-05-01' };

type Who = 'officer' | 'operator' | 'verifier' | 'auditor' | 'revoked' | 'none' | 'unknown' | 'basic';
interface Case {
  readonly name: string;
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly who: Who;
  readonly payload?: unknown;
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly type: string;
  /** The chaincode refuses: the ledger is asked, nothing is written. */
  readonly ledgerFails?: () => Error;
}

const post = (url: string, who: Who, payload: unknown, status: number, type: string, name: string): Case => ({
  name,
  method: 'POST',
  url,
  who,
  payload,
  status,
  type,
});

const cases: Case[] = [
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, idNumber: withWrongCheck(ID) },
    400,
    'validation',
    'wrong check character',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, idNumber: ID.slice(0, 6) + ID.slice(8, 17) },
    400,
    'validation',
    '15-digit first-generation number',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, idNumber: `${ID.slice(0, 17)}Y` },
    400,
    'validation',
    'check character not a digit or X',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, idNumber: idNumberFor('110101', '19901332', '123') },
    400,
    'validation',
    'impossible birth date',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, idNumber: idNumberFor('110101', '20300101', '123') },
    400,
    'validation',
    'birth date in the future',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, validFrom: '1989-01-01' },
    400,
    'validation',
    'validFrom before birth',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, validUntil: '2019-01-01' },
    400,
    'validation',
    'validUntil before validFrom',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, validFrom: '2021-02-30' },
    400,
    'validation',
    'non-calendar date',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, validFrom: '2021/01/01' },
    400,
    'validation',
    'date in the wrong format',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, validFrom: '2027-01-01', validUntil: '2047-01-01' },
    400,
    'validation',
    'validFrom in the future',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, purpose: 'CURIOSITY' },
    400,
    'validation',
    'unknown purpose',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { idNumber: ID, validFrom: '2020-05-01', validUntil: '2040-05-01', purpose: 'ACCOUNT_OPENING' },
    400,
    'validation',
    'missing name',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, photo: 'base64...' },
    400,
    'validation',
    'extra field',
  ),
  post(
    '/v1/verifications',
    'verifier',
    { ...verifyBody, requestId: 'has spaces' },
    400,
    'validation',
    'malformed requestId',
  ),
  {
    ...post(
      '/v1/verifications',
      'verifier',
      verifyBody,
      400,
      'validation',
      'Idempotency-Key and requestId differ',
    ),
    payload: { ...verifyBody, requestId: 'a-1' },
    headers: { 'idempotency-key': 'b-2' },
  },
  {
    ...post('/v1/verifications', 'verifier', verifyBody, 400, 'validation', 'malformed Idempotency-Key'),
    headers: { 'idempotency-key': 'x'.repeat(65) },
  },
  {
    name: 'oversized body',
    method: 'POST',
    url: '/v1/verifications',
    who: 'verifier',
    payload: { ...verifyBody, name: 'x'.repeat(1_100_000) },
    status: 413,
    type: 'payload-too-large',
  },
  {
    name: 'wrong content type',
    method: 'POST',
    url: '/v1/verifications',
    who: 'verifier',
    rawBody: 'idNumber=1',
    contentType: 'text/plain',
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'invalid JSON',
    method: 'POST',
    url: '/v1/verifications',
    who: 'verifier',
    rawBody: '{"idNumber":',
    contentType: 'application/json',
    status: 400,
    type: 'validation',
  },
  {
    name: 'empty body',
    method: 'POST',
    url: '/v1/verifications',
    who: 'verifier',
    status: 400,
    type: 'validation',
  },
  post('/v1/verifications', 'unknown', verifyBody, 401, 'unauthorised', 'unknown API key'),
  post('/v1/verifications', 'revoked', verifyBody, 401, 'unauthorised', 'revoked API key'),
  post('/v1/verifications', 'none', verifyBody, 401, 'unauthorised', 'no Authorization header'),
  post('/v1/verifications', 'basic', verifyBody, 401, 'unauthorised', 'Basic instead of Bearer'),
  post('/v1/verifications', 'officer', verifyBody, 403, 'forbidden', 'officer may not verify'),
  post(
    '/v1/verifications/eid-token',
    'verifier',
    { token: 'not a token', purpose: 'HOTEL_CHECKIN' },
    400,
    'validation',
    'malformed eID token',
  ),
  post(
    '/v1/verifications/batch',
    'verifier',
    { purpose: 'PERIODIC_REVIEW', items: Array.from({ length: LIMITS.maxBulkItems + 1 }, () => batchItem) },
    400,
    'validation',
    'batch over the limit',
  ),
  post(
    '/v1/verifications/batch',
    'verifier',
    { purpose: 'PERIODIC_REVIEW', items: [] },
    400,
    'validation',
    'empty batch',
  ),
  post(
    '/v1/cards',
    'officer',
    { ...issueBody, validUntil: '2030-05-01' },
    400,
    'validation',
    'resident validity wrong for the age (26-45: 20 years)',
  ),
  post(
    '/v1/cards',
    'officer',
    { ...issueBody, idNumber: CHILD, validFrom: '2025-01-01', validUntil: '2035-01-01' },
    400,
    'validation',
    'child card for 10 years instead of 5',
  ),
  post(
    '/v1/cards',
    'officer',
    { ...issueBody, validUntil: 'LONG_TERM' },
    400,
    'validation',
    'long-term card under 46',
  ),
  post(
    '/v1/cards',
    'officer',
    { ...issueBody, kind: 'TEMPORARY_CERTIFICATE', validFrom: '2026-01-01', validUntil: '2026-06-01' },
    400,
    'validation',
    'temporary certificate over 92 days',
  ),
  post(
    '/v1/cards',
    'officer',
    { ...issueBody, reasonCode: 'DEATH' },
    400,
    'validation',
    'reason not allowed for issue',
  ),
  post('/v1/cards', 'officer', { ...issueBody, kind: 'PASSPORT' }, 400, 'validation', 'unknown card kind'),
  post(
    `/v1/cards/${REF}/revoke`,
    'officer',
    { reasonCode: 'LOST', occurredAt: '2026-02-01T00:00:00Z' },
    400,
    'validation',
    'revoke with a non-revocation reason',
  ),
  post(
    '/v1/cards/not-a-ref/report-lost',
    'officer',
    { occurredAt: '2026-02-01T00:00:00Z' },
    400,
    'validation',
    'malformed cardRef',
  ),
  post(
    `/v1/cards/${REF}/report-lost`,
    'officer',
    { occurredAt: '2026-02-01 00:00' },
    400,
    'validation',
    'occurredAt not an instant',
  ),
  {
    ...post(
      `/v1/cards/${REF}/report-lost`,
      'officer',
      { occurredAt: '2026-02-01T00:00:00Z' },
      409,
      'illegal-transition',
      'illegal transition from chaincode',
    ),
    ledgerFails: () =>
      mapLedgerError({
        name: 'EndorseError',
        code: 10,
        message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
        transactionId: 'tx-refused',
        details: [
          {
            address: 'peer0:7051',
            mspId: 'PublicSecurityMSP',
            message: 'chaincode response 500, ILLEGAL_TRANSITION: cannot REPORT_LOST a card in state REVOKED',
          },
        ],
      }),
  },
  {
    ...post('/v1/cards', 'officer', issueBody, 409, 'conflict', 'card already exists'),
    ledgerFails: () =>
      mapLedgerError({
        name: 'EndorseError',
        code: 10,
        details: [{ message: 'chaincode response 500, ALREADY_EXISTS: card exists' }],
      }),
  },
  {
    ...post('/v1/verifications', 'verifier', verifyBody, 503, 'ledger-unavailable', 'ledger unavailable'),
    ledgerFails: () => new LedgerUnavailableError('no peer'),
  },
  {
    name: 'status at without instant',
    method: 'GET',
    url: `/v1/cards/${REF}/status`,
    who: 'auditor',
    status: 400,
    type: 'validation',
  },
  {
    name: 'page size over the maximum',
    method: 'GET',
    url: `/v1/cards/${REF}/history?pageSize=${LIMITS.maxPageSize + 1}`,
    who: 'auditor',
    status: 400,
    type: 'validation',
  },
  post(
    '/v1/units',
    'operator',
    { unitId: 'bank-1', category: 'BANK', displayName: 'B', allowedPurposes: ['ACCOUNT_OPENING'] },
    400,
    'validation',
    'lower-case unit id',
  ),
  post(
    '/v1/units',
    'operator',
    { unitId: 'BANK-9', category: 'BANK', displayName: 'B', allowedPurposes: [] },
    400,
    'validation',
    'no purposes',
  ),
  post(
    '/v1/units/BANK-001/suspend',
    'operator',
    { reason: 'because I said so' },
    400,
    'validation',
    'free-text suspension reason',
  ),
  post(
    '/v1/eid-tokens',
    'officer',
    { cardRef: REF, lifetimeSeconds: LIMITS.maxEidTokenLifetimeSeconds + 1 },
    400,
    'validation',
    'token lifetime over the limit',
  ),
  post(
    '/v1/fraud-reports',
    'verifier',
    { cardRef: REF, category: 'OTHER', comment: 'free text' },
    400,
    'validation',
    'fraud report with free text',
  ),
  {
    name: 'malformed Last-Event-ID',
    method: 'GET',
    url: '/v1/events',
    who: 'verifier',
    headers: { 'last-event-id': 'yesterday' },
    status: 400,
    type: 'validation',
  },
  {
    name: 'unknown route',
    method: 'GET',
    url: '/v1/nothing-here',
    who: 'verifier',
    status: 404,
    type: 'not-found',
  },
];

describe('bad input is refused before anything is written', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await testGateway({ rateLimit: { perCaller: 10_000, perIpUnauthenticated: 10_000 } });
  });
  afterAll(async () => {
    await gw.app.close();
  });
  beforeEach(() => {
    gw.ledger.calls.length = 0;
    gw.ledger.failWith = undefined;
  });

  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const authorization: Record<Who, string | undefined> = {
      officer: `Bearer ${gw.keys.officer}`,
      operator: `Bearer ${gw.keys.operator}`,
      verifier: `Bearer ${gw.keys.verifier}`,
      auditor: `Bearer ${gw.keys.auditor}`,
      revoked: `Bearer ${gw.keys.revoked}`,
      unknown: `Bearer idk_0123456789abcdef_${'A'.repeat(43)}`,
      basic: 'Basic dXNlcjpwYXNz',
      none: undefined,
    };
    if (c.ledgerFails) gw.ledger.failWith = c.ledgerFails();
    const auth = authorization[c.who];
    const res = await gw.app.inject({
      method: c.method ?? 'GET',
      url: c.url,
      headers: {
        ...(auth ? { authorization: auth } : {}),
        ...(c.contentType ? { 'content-type': c.contentType } : {}),
        ...c.headers,
      },
      ...(c.rawBody !== undefined
        ? { body: c.rawBody }
        : c.payload !== undefined
          ? { payload: c.payload as object }
          : {}),
    });
    expect(res.statusCode).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<{ type: string; status: number; title: string }>();
    expect(problem.type).toBe(`${PROBLEM_BASE}${c.type}`);
    expect(problem.status).toBe(c.status);
    expect(gw.ledger.submits).toHaveLength(0);
    if (!c.ledgerFails) expect(gw.ledger.calls).toHaveLength(0);
  });

  it('explains a 15-digit number clearly', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
      payload: { ...verifyBody, idNumber: '110101900307123' },
    });
    expect(res.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(
      /15-digit first-generation/,
    );
  });
});
