import { residentValidUntil } from '../../privacy/card-validity';
import { LedgerUnavailableError } from '../../ledger/ledger-errors';
import { idNumberFor } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const ID = idNumberFor('110101', '19900307', '123');

describe('card routes', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await testGateway();
  });
  afterEach(async () => {
    await gw.app.close();
  });

  it('issues a card endorsed as the officer, with pseudonyms only, and returns 201 with txId and block', async () => {
    const validFrom = '2020-05-01';
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/cards',
      headers: gw.auth('officer'),
      payload: {
        idNumber: ID,
        name: '孙七',
        kind: 'RESIDENT_CARD',
        validFrom,
        validUntil: residentValidUntil('1990-03-07', validFrom),
        reasonCode: 'FIRST_ISSUE',
        occurredAt: '2020-05-01T01:00:00Z',
      },
    });
    expect(res.statusCode).toBe(201);
    const call = gw.ledger.submits[0];
    expect(call).toMatchObject({ name: 'IssueCardAcrossKeys', identity: { id: 'officer-1' } });
    expect(call?.args).toEqual({
      earlierPersonRefs: [],
      cardRef: gw.pseudonyms.cardRef(ID, validFrom),
      personRef: gw.pseudonyms.personRef(ID),
      nameCheck: gw.pseudonyms.nameCheck(ID, '孙七'),
      validFrom,
      validUntil: '2040-05-01',
      kind: 'RESIDENT_CARD',
      reasonCode: 'FIRST_ISSUE',
      occurredAt: '2020-05-01T01:00:00Z',
    });
    const body = res.json<{ txId: unknown; blockNumber: unknown }>();
    expect(typeof body.txId).toBe('string');
    expect(typeof body.blockNumber).toBe('number');
  });

  it.each([
    ['report-lost', 'ReportLost', {}],
    ['report-stolen', 'ReportStolen', {}],
    ['withdraw-loss', 'WithdrawLossReport', {}],
    ['revoke', 'RevokeCard', { reasonCode: 'DEATH' }],
  ] as const)('%s submits %s for the cardRef', async (path, transaction, extra) => {
    const cardRef = gw.pseudonyms.cardRef(ID, '2020-05-01');
    const res = await gw.app.inject({
      method: 'POST',
      url: `/v1/cards/${cardRef}/${path}`,
      headers: gw.auth('officer'),
      payload: { occurredAt: '2026-02-27T09:00:00Z', ...extra },
    });
    expect(res.statusCode).toBe(200);
    expect(gw.ledger.submits[0]).toMatchObject({
      name: transaction,
      args: { cardRef, occurredAt: '2026-02-27T09:00:00Z', ...extra },
    });
    // Then announced to the units told VALID before the change, as the same officer.
    expect(gw.ledger.submits[1]).toMatchObject({
      name: 'AnnounceCardChange',
      identity: { id: 'officer-1' },
      args: { cardRef },
    });
  });

  it('answers a committed change 200 even when its announcement fails, and announces again on request', async () => {
    const cardRef = gw.pseudonyms.cardRef(ID, '2020-05-01');
    gw.ledger.failOn.set('AnnounceCardChange', new LedgerUnavailableError('no peer'));
    const res = await gw.app.inject({
      method: 'POST',
      url: `/v1/cards/${cardRef}/report-stolen`,
      headers: gw.auth('officer'),
      payload: { occurredAt: '2026-02-27T09:00:00Z' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ result: { state: 'STOLEN' } });
    expect(gw.ledger.calls.map((c) => [c.name, c.succeeded])).toEqual([
      ['ReportStolen', true],
      ['AnnounceCardChange', false],
    ]);
    gw.ledger.failOn.clear();
    const again = await gw.app.inject({
      method: 'POST',
      url: `/v1/cards/${cardRef}/announce`,
      headers: gw.auth('officer'),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ result: { notices: [] } });
  });

  it('answers status at a time and history for an auditor', async () => {
    const cardRef = gw.pseudonyms.cardRef(ID, '2020-05-01');
    const status = await gw.app.inject({
      method: 'GET',
      url: `/v1/cards/${cardRef}/status?at=2025-06-01T00:00:00Z`,
      headers: gw.auth('auditor'),
    });
    expect(status.json()).toMatchObject({ cardRef, at: '2025-06-01T00:00:00Z', state: 'VALID' });
    const history = await gw.app.inject({
      method: 'GET',
      url: `/v1/cards/${cardRef}/history?pageSize=5&bookmark=abc`,
      headers: gw.auth('auditor'),
    });
    expect(history.statusCode).toBe(200);
    expect(gw.ledger.calls[1]?.args).toEqual({ cardRef, pageSize: 5, bookmark: 'abc' });
  });

  it('gives the citizen view through the officer: own cards and who checked a card (a recorded read)', async () => {
    const cards = await gw.app.inject({
      method: 'POST',
      url: '/v1/citizen/cards',
      headers: gw.auth('officer'),
      payload: { idNumber: ID },
    });
    expect(cards.json()).toMatchObject({ personRef: gw.pseudonyms.personRef(ID) });
    const checks = await gw.app.inject({
      method: 'POST',
      url: '/v1/citizen/verifications',
      headers: gw.auth('officer'),
      payload: { idNumber: ID, validFrom: '2020-05-01' },
    });
    expect(checks.statusCode).toBe(200);
    expect(gw.ledger.calls[1]).toMatchObject({
      kind: 'submit',
      name: 'ReadCardTrail',
      args: { cardRef: gw.pseudonyms.cardRef(ID, '2020-05-01'), purpose: 'CITIZEN_REQUEST' },
    });
    expect(checks.json()).toMatchObject({ items: [{ requestId: 'r1' }], bookmark: '' });
  });

  it('issues an eID token once and sends only its hash', async () => {
    const cardRef = gw.pseudonyms.cardRef(ID, '2020-05-01');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/eid-tokens',
      headers: gw.auth('officer'),
      payload: { cardRef, lifetimeSeconds: 120 },
    });
    expect(res.statusCode).toBe(201);
    const { token } = res.json<{ token: string }>();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const args = gw.ledger.submits[0]?.args;
    expect(args).toMatchObject({ cardRef, expiresAt: '2026-03-01T04:02:00.000Z' });
    expect(JSON.stringify(args)).not.toContain(token);
  });

  it('files a fraud report with the idempotency key as requestId', async () => {
    const cardRef = gw.pseudonyms.cardRef(ID, '2020-05-01');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/fraud-reports',
      headers: { ...gw.auth('verifier'), 'idempotency-key': 'fraud-1' },
      payload: { cardRef, category: 'IMPERSONATION', recordId: 'rec-9' },
    });
    expect(res.statusCode).toBe(201);
    expect(gw.ledger.submits[0]?.args).toEqual({
      requestId: 'fraud-1',
      cardRef,
      category: 'IMPERSONATION',
      recordId: 'rec-9',
    });
  });
});
