/**
 * The citizen's trail views: "who checked my card" is a recorded read with a
 * purpose (CITIZEN_REQUEST unless the officer names another), and "who
 * looked" lists those reads; auditors list them by card too.
 */
import { idNumberFor } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const ID = idNumberFor('110101', '19900307', '123');
const body = { idNumber: ID, validFrom: '2020-05-01' };

describe('citizen trail views', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await testGateway();
  });
  afterEach(async () => {
    await gw.app.close();
  });
  const post = (url: string, payload: object) =>
    gw.app.inject({ method: 'POST', url, headers: gw.auth('officer'), payload });

  it('records each trail read with its purpose, as the officer, with nothing but the card reference', async () => {
    expect((await post('/v1/citizen/verifications', body)).statusCode).toBe(200);
    expect(
      (await post('/v1/citizen/verifications', { ...body, purpose: 'COURT_ORDER', pageSize: 10 })).statusCode,
    ).toBe(200);
    expect(gw.ledger.submits.map((c) => [c.name, c.identity.id, c.args.purpose, c.args.pageSize])).toEqual([
      ['ReadCardTrail', 'officer-1', 'CITIZEN_REQUEST', 0],
      ['ReadCardTrail', 'officer-1', 'COURT_ORDER', 10],
    ]);
    expect(JSON.stringify(gw.ledger.calls)).not.toContain(ID);
    const refused = await post('/v1/citizen/verifications', { ...body, purpose: 'CURIOSITY' });
    expect(refused.statusCode).toBe(400);
    expect(gw.ledger.calls).toHaveLength(2);
  });

  it('shows who looked, to the officer by ID number and to an auditor by card', async () => {
    const read = {
      readId: 'r.0',
      cardRef: gw.pseudonyms.cardRef(ID, body.validFrom),
      officerUnit: 'PSB-110000',
      purpose: 'FRAUD_INVESTIGATION' as const,
      txId: 'r',
      txTime: '2026-02-01T00:00:00.000Z',
    };
    gw.ledger.trailReads = [read];
    const looked = await post('/v1/citizen/who-looked', body);
    expect(looked.json()).toEqual({ items: [read], bookmark: '', pageSize: 50 });
    expect(gw.ledger.calls[0]).toMatchObject({
      kind: 'evaluate',
      name: 'ListTrailReads',
      args: { cardRef: read.cardRef },
    });
    const audited = await gw.app.inject({
      method: 'GET',
      url: `/v1/cards/${read.cardRef}/trail-reads`,
      headers: gw.auth('auditor'),
    });
    expect(audited.json()).toMatchObject({ items: [read] });
  });
});
