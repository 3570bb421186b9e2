import { createHash } from 'node:crypto';
import { checkReceipt, parseReceipt, type VerificationReceipt } from '@idcard/audit';
import { REFERENCE_PATTERN } from '@idcard/common';
import { createTestOrg, endorserTransaction } from '@idcard/audit/testing';
import { idNumberFor } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const ID = idNumberFor('110101', '19900307', '123');
const card = { idNumber: ID, name: '张三', validFrom: '2020-05-01', validUntil: '2040-05-01' };

describe('verification routes', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await testGateway();
  });
  afterEach(async () => {
    await gw.app.close();
  });

  /** The bank's verifier verifies `card` for `purpose`. */
  const verifyCard = (purpose: string) =>
    gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
      payload: { ...card, purpose },
    });

  it('verifies a card as the unit, sending only pseudonyms to the ledger and returning txId and block', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: { ...gw.auth('verifier'), 'idempotency-key': 'req-42' },
      payload: { ...card, purpose: 'ACCOUNT_OPENING' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      result: { result: string; requestId: string };
      txId: string;
      blockNumber: number;
    }>();
    expect(body.result.result).toBe('VALID');
    expect(body.txId).toMatch(/^tx\d+$/);
    expect(body.blockNumber).toBeGreaterThan(0);
    const [call] = gw.ledger.submits;
    expect(call?.name).toBe('VerifyCardAcrossKeys');
    expect(call?.args.earlierRefs).toEqual([]);
    expect(call?.identity.id).toBe('unit-bank-001');
    expect(call?.args.requestId).toBe('req-42');
    expect(call?.args.cardRef).toBe(gw.pseudonyms.cardRef(ID, card.validFrom));
    expect(call?.args.personRef).toBe(gw.pseudonyms.personRef(ID));
    expect(call?.args.nameCheck).toBe(gw.pseudonyms.nameCheck(ID, card.name));
    const sent = JSON.stringify(call?.args);
    expect(sent).not.toContain(ID);
    expect(sent).not.toContain(card.name);
  });

  it.each([
    ['INVALID', 'LOST'],
    ['INVALID', 'NAME_MISMATCH'],
    ['DENIED', 'PURPOSE_NOT_ALLOWED'],
  ] as const)('answers a %s/%s verification with 200, not an error', async (result, reason) => {
    gw.ledger.verdict = { result, reason };
    const res = await verifyCard('HOTEL_CHECKIN');
    expect(res.statusCode).toBe(200);
    expect(res.json<{ result: { result: string; reason: string } }>().result).toMatchObject({
      result,
      reason,
    });
  });

  it('answers with a receipt of the committed transaction that checks out against the CA roots', async () => {
    const orgs = ['PublicSecurityMSP', 'BigDataBureauMSP', 'RelyingPartyMSP'].map((m) => createTestOrg(m));
    const [publicSecurity, bigData, relyingParty] = orgs;
    const verifier = relyingParty!.member('unit-bank-001');
    const endorsers = [publicSecurity!.member('peer0'), bigData!.member('peer0')];
    gw.ledger.transactionFor = (result) =>
      endorserTransaction('idcards', 'idcard', verifier, '2026-03-01T08:00:00.000Z', [], {
        endorsers,
        response: JSON.stringify(result),
      });

    const res = await verifyCard('ACCOUNT_OPENING');

    expect(res.statusCode).toBe(200);
    const body = res.json<{
      result: unknown;
      txId: string;
      blockNumber: number;
      receipt: VerificationReceipt;
    }>();
    const receipt = parseReceipt(JSON.stringify(body.receipt));
    expect(receipt).toMatchObject({ txId: body.txId, blockNumber: body.blockNumber, record: body.result });
    const trust = orgs.map((o) => ({ mspId: o.mspId, rootCerts: [o.caCertificate] }));
    expect(checkReceipt(receipt, trust)).toMatchObject({ ok: true, problems: [] });
    expect(res.body).not.toContain(ID);
    expect(res.body).not.toContain(card.name);
  });

  it('uses the body requestId as the idempotency key, and refuses a differing header', async () => {
    const ok = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
      payload: { ...card, purpose: 'ACCOUNT_OPENING', requestId: 'body-1' },
    });
    expect(ok.statusCode).toBe(200);
    expect(gw.ledger.submits[0]?.args.requestId).toBe('body-1');
    const clash = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: { ...gw.auth('verifier'), 'idempotency-key': 'other' },
      payload: { ...card, purpose: 'ACCOUNT_OPENING', requestId: 'body-1' },
    });
    expect(clash.statusCode).toBe(400);
    expect(gw.ledger.submits).toHaveLength(1);
  });

  it('sends the same requestId on a retry with the same Idempotency-Key', async () => {
    for (let i = 0; i < 2; i += 1) {
      await gw.app.inject({
        method: 'POST',
        url: '/v1/verifications',
        headers: { ...gw.auth('verifier'), 'idempotency-key': 'same-key' },
        payload: { ...card, purpose: 'ACCOUNT_OPENING' },
      });
    }
    expect(gw.ledger.submits.map((c) => c.args.requestId)).toEqual(['same-key', 'same-key']);
  });

  it('verifies a batch with one record per item and stable per-item request ids', async () => {
    const other = idNumberFor('440305', '20000229', '456');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications/batch',
      headers: { ...gw.auth('verifier'), 'idempotency-key': 'batch-7' },
      payload: {
        purpose: 'PERIODIC_REVIEW',
        items: [card, { idNumber: other, name: '李四', validFrom: '2021-01-01', validUntil: '2031-01-01' }],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ result: { records: unknown[] } }>().result.records).toHaveLength(2);
    const items = gw.ledger.submits[0]?.args.items as { requestId: string; cardRef: string }[];
    expect(items.map((i) => i.requestId)).toEqual(['batch-7.0', 'batch-7.1']);
    expect(items[1]?.cardRef).toMatch(REFERENCE_PATTERN);
  });

  it('names every bad item of a batch and calls nothing', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications/batch',
      headers: gw.auth('verifier'),
      payload: { purpose: 'PERIODIC_REVIEW', items: [card, { ...card, idNumber: ID.slice(0, 15) }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body/items/1/idNumber');
    expect(gw.ledger.calls).toHaveLength(0);
  });

  it('verifies an eID token by its SHA-256 only', async () => {
    const token = Buffer.alloc(32, 9).toString('base64url');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications/eid-token',
      headers: gw.auth('verifier'),
      payload: { token, purpose: 'HOTEL_CHECKIN' },
    });
    expect(res.statusCode).toBe(200);
    const args = gw.ledger.submits[0]?.args;
    expect(args?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(args)).not.toContain(token);
  });

  it('lists a unit its own verifications and refuses another unit', async () => {
    const own = await gw.app.inject({
      method: 'GET',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
    });
    expect(own.statusCode).toBe(200);
    expect(gw.ledger.calls[0]?.args.unitId).toBe('BANK-001');
    const other = await gw.app.inject({
      method: 'GET',
      url: '/v1/verifications?unitId=HOTEL-002',
      headers: gw.auth('verifier'),
    });
    expect(other.statusCode).toBe(403);
    expect(gw.ledger.calls).toHaveLength(1);
  });

  it('lets an auditor list any unit in a time range', async () => {
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/verifications?unitId=HOTEL-002&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&pageSize=10',
      headers: gw.auth('auditor'),
    });
    expect(res.statusCode).toBe(200);
    expect(gw.ledger.calls[0]?.args).toEqual({
      unitId: 'HOTEL-002',
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      pageSize: 10,
      bookmark: '',
    });
  });

  it("shows a unit its own record and hides another unit's", async () => {
    const own = await gw.app.inject({
      method: 'GET',
      url: '/v1/verifications/rec-1',
      headers: gw.auth('verifier'),
    });
    expect(own.statusCode).toBe(200);
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/verifications/rec-1',
      headers: gw.auth('verifier2'),
    });
    expect(res.statusCode).toBe(404);
  });
});
