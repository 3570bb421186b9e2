/**
 * After a pseudonym key rotation (current key k2, earlier key k1): new
 * references are made with k2 only, and every lookup also carries the k1
 * references, so cards and persons made with k1 stay found.
 */
import { idNumberFor } from '../../test-support/id-numbers';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const ID = idNumberFor('110101', '19900307', '123');
const NAME = '测试丁';
const card = { idNumber: ID, name: NAME, validFrom: '2020-05-01', validUntil: '2040-05-01' };

describe('routes after a key rotation', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await testGateway({ rotated: true });
  });
  afterEach(async () => {
    await gw.app.close();
  });
  const k1 = () => {
    const [earlier] = gw.earlierPseudonyms;
    if (earlier === undefined) throw new Error('no earlier key');
    return earlier;
  };

  it('verifies with the new key first and the references under the earlier key beside them', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
      payload: { ...card, purpose: 'ACCOUNT_OPENING' },
    });
    expect(res.statusCode).toBe(200);
    const [call] = gw.ledger.submits;
    expect(call?.name).toBe('VerifyCardAcrossKeys');
    expect(call?.args).toMatchObject({
      cardRef: gw.pseudonyms.cardRef(ID, card.validFrom),
      earlierRefs: [
        {
          cardRef: k1().cardRef(ID, card.validFrom),
          personRef: k1().personRef(ID),
          nameCheck: k1().nameCheck(ID, NAME),
        },
      ],
    });
    expect(String(call?.args.cardRef)).toMatch(/^k2\./);
  });

  it('sends each batch item with its earlier references', async () => {
    await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications/batch',
      headers: gw.auth('verifier'),
      payload: { purpose: 'ACCOUNT_OPENING', items: [card] },
    });
    const items = gw.ledger.submits[0]?.args.items as Record<string, unknown>[];
    expect(items[0]?.earlierRefs).toEqual([
      {
        cardRef: k1().cardRef(ID, card.validFrom),
        personRef: k1().personRef(ID),
        nameCheck: k1().nameCheck(ID, NAME),
      },
    ]);
  });

  it('issues under the new key, naming the holder under the earlier key so the old card is replaced', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/cards',
      headers: gw.auth('officer'),
      payload: { ...card, kind: 'RESIDENT_CARD', reasonCode: 'RENEWAL', occurredAt: '2020-05-01T01:00:00Z' },
    });
    expect(res.statusCode).toBe(201);
    expect(gw.ledger.submits[0]?.args).toMatchObject({
      personRef: gw.pseudonyms.personRef(ID),
      earlierPersonRefs: [k1().personRef(ID)],
    });
  });

  it("lists the person's cards under every key", async () => {
    const summary = (cardRef: string) => ({
      cardRef,
      state: 'VALID' as const,
      effectiveState: 'VALID' as const,
      validFrom: '2020-05-01',
      validUntil: '2040-05-01',
    });
    gw.ledger.personCards.set(k1().personRef(ID), [summary('k1.old')]);
    gw.ledger.personCards.set(gw.pseudonyms.personRef(ID), [summary('k2.new')]);
    const res = await gw.app.inject({
      method: 'POST',
      url: '/v1/citizen/cards',
      headers: gw.auth('officer'),
      payload: { idNumber: ID },
    });
    expect(res.json()).toEqual({
      personRef: gw.pseudonyms.personRef(ID),
      cards: [summary('k2.new'), summary('k1.old')],
    });
  });

  it('reads the trail, and who looked, of a card under the key it was made with', async () => {
    gw.ledger.missingCards.add(gw.pseudonyms.cardRef(ID, card.validFrom));
    const body = { idNumber: ID, validFrom: card.validFrom };
    const trail = await gw.app.inject({
      method: 'POST',
      url: '/v1/citizen/verifications',
      headers: gw.auth('officer'),
      payload: { ...body, purpose: 'COMPLAINT_HANDLING' },
    });
    expect(trail.statusCode).toBe(200);
    const looked = await gw.app.inject({
      method: 'POST',
      url: '/v1/citizen/who-looked',
      headers: gw.auth('officer'),
      payload: body,
    });
    expect(looked.statusCode).toBe(200);
    const old = k1().cardRef(ID, card.validFrom);
    expect(gw.ledger.calls.filter((c) => c.name !== 'GetCard').map((c) => [c.name, c.args.cardRef])).toEqual([
      ['ReadCardTrail', old],
      ['ListTrailReads', old],
    ]);
    expect(gw.ledger.submits[0]?.args.purpose).toBe('COMPLAINT_HANDLING');
  });
});
