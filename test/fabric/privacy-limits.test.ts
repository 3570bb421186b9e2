/**
 * Issue 14 (privacy and abuse limits) through the gateway's HTTP API on the
 * real network, one point after another on one ledger:
 *
 * 1. a unit that checked a card (told VALID) receives its REPORT_LOST change,
 *    announced by the officer's gateway after the change committed (stream
 *    and list); a unit that did not check it receives nothing;
 * 2. a replayed request id with another card answers 409 and no peer's
 *    height moves;
 * 3. after a pseudonym key rotation (a second gateway: current key k2, the
 *    network's k1 kept as earlier key) a card made under k1 verifies VALID,
 *    reporting it lost works, and issuing a replacement marks it REPLACED;
 * 4. a batch of 500 is limited as 500 (a third gateway with a budget of 600
 *    work units), a revoked key's open stream ends, a suspended unit's
 *    stream ends, and a replay from block 0 is paged;
 * 5. another unit's record answers 404 like a missing one, and an officer's
 *    trail read appears in the citizen's view of who looked;
 * 6. no ID number or name used is anywhere on disk.
 *
 * Configured callers: officer1, operator1, auditor1 and unit-lib-0001 (unit
 * LIB-0001, registered by `up` for LIBRARY_MEMBERSHIP), each at its
 * organisation's gateway; the suite onboards a bank and a hotel (ledger
 * entry by the operator, identity and key by the relying parties' unit admin).
 */
import type { Card, Page, StatusNotice, TrailRead, VerificationRecord } from '@idcard/common';
import { networkDown, type ResolvedConfig } from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import { scanForPersonalData } from '../support/privacy-scan';
import {
  expectStatus,
  type ApiClient,
  type KeyRoutes,
  type CommittedAnswer,
  type ProblemAnswer,
} from '../support/api-client';
import { heightReader, settlePeers } from '../support/fabric-heights';
import { startFullNetwork, UNIT_ADMIN } from '../support/full-network';
import { privacyCallers, type Person, type PrivacyCallers, type Printed } from '../support/privacy-callers';
import { rotateToNewKey, startVariantGateways, type VariantGateway } from '../support/privacy-gateway';

/** Aged 30-35 at issue: 20-year cards. */
const HOLDER: Person = { idNumber: idNumberFor('110105', '19880512', '214'), name: '测试隐一' };
const OTHER: Person = { idNumber: idNumberFor('310104', '19870203', '315'), name: '测试隐二' };
const ROTATED: Person = { idNumber: idNumberFor('440103', '19890921', '416'), name: '测试隐三' };
const CARD: Printed = { validFrom: '2019-06-01', validUntil: '2039-06-01' };
const NEXT_CARD: Printed = { validFrom: '2025-04-01', validUntil: '2045-04-01' };
/** The batch: 500 well-formed numbers nobody was issued a card for, one test name. */
const BATCH_NAME = '测试批量';
const BATCH_IDS = Array.from({ length: 500 }, (_, i) =>
  idNumberFor('110106', '19900101', String(i).padStart(3, '0')),
);

const LIBRARY = 'LIB-0001';
const LIBRARY_KEY = 'unit-lib-0001';
const BANK = 'BANK-P014';
const HOTEL = 'HOTEL-P014';
const LATER = '999999999';
const SSE_WAIT_MS = 120_000;
const AT_LIBRARY = { purpose: 'LIBRARY_MEMBERSHIP' } as const;
const AT_BANK = { purpose: 'ACCOUNT_OPENING' } as const;

const anHourAgo = (): string => new Date(Date.now() - 3_600_000).toISOString();

describe('privacy and abuse limits on the real network (issue 14)', () => {
  let cfg: ResolvedConfig | undefined;
  let c: PrivacyCallers;
  let api: ApiClient;
  let routes: KeyRoutes;
  const cardRefs: Record<'holder' | 'old' | 'next', string> = { holder: '', old: '', next: '' };
  const libraryRecords: VerificationRecord[] = [];

  const config = (): ResolvedConfig => {
    if (cfg === undefined) throw new Error('the network did not start');
    return cfg;
  };

  beforeAll(async () => {
    const net = await startFullNetwork('privacy-limits', (started) => {
      cfg = started;
    });
    api = net.api;
    routes = net.routes;
    c = privacyCallers(api, net.keys);
    await c.onboard(BANK, 'BANK', ['ACCOUNT_OPENING', 'PERIODIC_REVIEW']);
    await c.onboard(HOTEL, 'HOTEL', ['HOTEL_CHECKIN']);
  }, 900_000);

  afterAll(async () => {
    c.closeAll();
    if (cfg !== undefined) await networkDown(cfg);
  }, 120_000);

  it('1. the unit that checked a card receives its REPORT_LOST change; a unit that did not, nothing', async () => {
    const issued = await c.issue(api, HOLDER, CARD, 'FIRST_ISSUE');
    cardRefs.holder = issued.result.cardRef;
    const from = `${String(issued.blockNumber)}:${LATER}`;
    const library = await c.listen(c.auth(LIBRARY_KEY), from);
    const bank = await c.listen(c.auth(BANK), from);

    const checked = expectStatus(
      await c.verify(api, LIBRARY_KEY, { ...HOLDER, ...CARD, ...AT_LIBRARY }),
      200,
    );
    expect(checked.result).toMatchObject({ result: 'VALID', unitId: LIBRARY, cardRef: cardRefs.holder });
    libraryRecords.push(checked.result);
    const lost = expectStatus(
      await api.post<CommittedAnswer<Card>>(`/v1/cards/${cardRefs.holder}/report-lost`, c.keyOf('officer1'), {
        occurredAt: anHourAgo(),
      }),
      200,
    );
    // The bank checks another card after the loss: its stream shows that, and nothing before it.
    expectStatus(await c.verify(api, BANK, { ...OTHER, ...CARD, ...AT_BANK }), 200);

    await library.waitFor(2, SSE_WAIT_MS);
    expect(library.events.map((e) => e.event)).toEqual(['CardVerified', 'CardStatusNotice']);
    const notice = library.events[1]?.data as { txId: string; notices: Record<string, unknown>[] };
    // Announced after the change committed, in a later transaction of the officer's gateway.
    expect(notice.txId).not.toBe(lost.txId);
    expect(Number(library.events[1]?.id?.split(':')[0])).toBeGreaterThan(lost.blockNumber);
    expect(notice.notices).toEqual([
      expect.objectContaining({ unitId: LIBRARY, cardRef: cardRefs.holder, state: 'LOST' }),
    ]);
    expect(JSON.stringify(notice)).not.toContain('reasonCode');
    await bank.waitFor(1, SSE_WAIT_MS);
    expect(bank.events.map((e) => e.event)).toEqual(['CardVerified']);

    const listed = expectStatus(
      await api.get<Page<StatusNotice>>('/v1/status-notices', c.keyOf(LIBRARY_KEY)),
      200,
    );
    expect(listed.items).toEqual([
      expect.objectContaining({ cardRef: cardRefs.holder, state: 'LOST', txId: notice.txId }),
    ]);
    const bankList = expectStatus(
      await api.get<Page<StatusNotice>>('/v1/status-notices', c.keyOf(BANK)),
      200,
    );
    expect(bankList.items).toEqual([]);
  }, 300_000);

  it('2. a replayed request id with another card answers 409 idempotency-mismatch; no height moves', async () => {
    await c.issue(api, OTHER, CARD, 'FIRST_ISSUE');
    const idempotency = { 'idempotency-key': 'privacy-14-replay' };
    const first = expectStatus(
      await c.verify(api, LIBRARY_KEY, { ...OTHER, ...CARD, ...AT_LIBRARY }, idempotency),
      200,
    );
    expect(first.result).toMatchObject({ result: 'VALID', replayed: false });
    libraryRecords.push(first.result);
    const read = heightReader(config());
    const before = await settlePeers(config(), read);

    const mismatch = await c.verify(api, LIBRARY_KEY, { ...HOLDER, ...CARD, ...AT_LIBRARY }, idempotency);
    expect(mismatch.status).toBe(409);
    expect((mismatch.body as unknown as ProblemAnswer).type).toBe('urn:idcard:problem:idempotency-mismatch');
    const after = await settlePeers(config(), read);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));

    const same = expectStatus(
      await c.verify(api, LIBRARY_KEY, { ...OTHER, ...CARD, ...AT_LIBRARY }, idempotency),
      200,
    );
    expect(same.result).toEqual({ ...first.result, replayed: true });
  }, 300_000);

  it('3. after a key rotation a k1 card verifies VALID, is reported lost, and is REPLACED on issuance', async () => {
    const old = await c.issue(api, ROTATED, CARD, 'FIRST_ISSUE');
    cardRefs.old = old.result.cardRef;
    expect(cardRefs.old).toMatch(/^k1\./);
    const rotated: VariantGateway = await startVariantGateways(config(), routes, 'rotated', rotateToNewKey());
    const k2 = rotated.api;

    const valid = expectStatus(await c.verify(k2, LIBRARY_KEY, { ...ROTATED, ...CARD, ...AT_LIBRARY }), 200);
    expect(valid.result).toMatchObject({ result: 'VALID', cardRef: cardRefs.old });
    const person = expectStatus(
      await k2.post<{ cards: { cardRef: string }[] }>('/v1/citizen/cards', c.keyOf('officer1'), {
        idNumber: ROTATED.idNumber,
      }),
      200,
    );
    expect(person.cards.map((card) => card.cardRef)).toEqual([cardRefs.old]);

    const lost = expectStatus(
      await k2.post<CommittedAnswer<Card>>(`/v1/cards/${cardRefs.old}/report-lost`, c.keyOf('officer1'), {
        occurredAt: anHourAgo(),
      }),
      200,
    );
    expect(lost.result.state).toBe('LOST');
    const next = await c.issue(k2, ROTATED, NEXT_CARD, 'LOST');
    cardRefs.next = next.result.cardRef;
    expect(cardRefs.next).toMatch(/^k2\./);
    const replaced = expectStatus(await k2.get<Card>(`/v1/cards/${cardRefs.old}`, c.keyOf('officer1')), 200);
    expect(replaced).toMatchObject({ state: 'REPLACED', replacedBy: cardRefs.next });

    const oldAnswer = expectStatus(
      await c.verify(k2, LIBRARY_KEY, { ...ROTATED, ...CARD, ...AT_LIBRARY }),
      200,
    );
    expect(oldAnswer.result).toMatchObject({ result: 'INVALID', reason: 'REPLACED', cardRef: cardRefs.old });
    const newAnswer = expectStatus(
      await c.verify(k2, LIBRARY_KEY, { ...ROTATED, ...NEXT_CARD, ...AT_LIBRARY }),
      200,
    );
    expect(newAnswer.result).toMatchObject({ result: 'VALID', cardRef: cardRefs.next });
    // A gateway holding only k1 cannot find the k2 card: new references are unlinkable without k2.
    const withK1Only = expectStatus(
      await c.verify(api, LIBRARY_KEY, { ...ROTATED, ...NEXT_CARD, ...AT_LIBRARY }),
      200,
    );
    expect(withK1Only.result).toMatchObject({ result: 'INVALID', reason: 'NOT_FOUND' });
  }, 420_000);

  describe('4. limits that count work', () => {
    let limited: VariantGateway;

    beforeAll(async () => {
      limited = await startVariantGateways(config(), routes, 'limited', (conf) => {
        conf.rateLimit = { ...conf.rateLimit, perCaller: 600, windowMs: 3_600_000 };
        conf.events = { ...conf.events, replayPageEvents: 5 };
      });
    }, 180_000);

    it('counts a batch of 500 as 500: the next batch is refused 429 and no height moves', async () => {
      const items = BATCH_IDS.map((idNumber) => ({ idNumber, name: BATCH_NAME, ...CARD }));
      const batch = () =>
        limited.api.post<CommittedAnswer<{ records: VerificationRecord[] }>>(
          '/v1/verifications/batch',
          c.keyOf(BANK),
          { purpose: 'PERIODIC_REVIEW', items },
        );
      const first = expectStatus(await batch(), 200);
      expect(first.result.records).toHaveLength(500);
      const read = heightReader(config());
      const before = await settlePeers(config(), read);
      const refused = await batch();
      expect(refused.status).toBe(429);
      expect((refused.body as unknown as ProblemAnswer).type).toBe('urn:idcard:problem:rate-limited');
      const after = await settlePeers(config(), read);
      expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
      // 502 of 600 spent: one more card still goes through.
      expectStatus(await c.verify(limited.api, BANK, { ...OTHER, ...CARD, ...AT_BANK }), 200);
    }, 420_000);

    it('pages a replay from block 0: a resumed stream ends with page-end after the configured events', async () => {
      const replay = await c.listen(c.auth('auditor1'), '0:0', limited.api);
      await replay.ended;
      const names = replay.events.map((e) => e.event);
      expect(names).toHaveLength(6);
      expect(names.at(-1)).toBe('page-end');
      expect(replay.events.at(-1)?.id).toBe(replay.events.at(-2)?.id);
    }, 180_000);

    it("ends a revoked key's open stream; the key then gets 401", async () => {
      const issued = expectStatus(
        await api.post<{ keyId: string; apiKey: string }>(
          `/v1/units/${LIBRARY}/api-keys`,
          c.keyOf(UNIT_ADMIN),
        ),
        201,
      );
      c.keys.revocable = issued.apiKey;
      const stream = await c.listen(c.auth('revocable'));
      const revoke = await fetch(`${api.urlFor(c.keyOf(UNIT_ADMIN))}/v1/api-keys/${issued.keyId}`, {
        method: 'DELETE',
        headers: c.auth(UNIT_ADMIN),
      });
      expect(revoke.status).toBe(204);
      await stream.ended;
      expect(stream.events.at(-1)).toMatchObject({
        event: 'end',
        data: { type: 'urn:idcard:problem:unauthorised' },
      });
      await expect(c.listen(c.auth('revocable'))).rejects.toThrow('status 401');
    }, 180_000);

    it("ends a suspended unit's open stream; the unit then gets 403", async () => {
      const stream = await c.listen(c.auth(HOTEL));
      expectStatus(
        await api.post(`/v1/units/${HOTEL}/suspend`, c.keyOf('operator1'), { reason: 'PRIVACY_TEST' }),
        200,
      );
      await stream.ended;
      expect(stream.events.at(-1)).toMatchObject({
        event: 'end',
        data: { type: 'urn:idcard:problem:forbidden' },
      });
      await expect(c.listen(c.auth(HOTEL))).rejects.toThrow('status 403');
    }, 180_000);
  });

  it("5. another unit's record answers 404 like a missing one; a trail read shows in who looked", async () => {
    const [record] = libraryRecords;
    if (record === undefined) throw new Error('scenario 1 recorded nothing');
    const foreign = await api.get<ProblemAnswer>(`/v1/verifications/${record.recordId}`, c.keyOf(BANK));
    const missingId = `${'0'.repeat(64)}.0`;
    const missing = await api.get<ProblemAnswer>(`/v1/verifications/${missingId}`, c.keyOf(BANK));
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(foreign.body.type).toBe(missing.body.type);
    expect(foreign.body.detail.replace(record.recordId, '<id>')).toBe(
      missing.body.detail.replace(missingId, '<id>'),
    );

    const body = { idNumber: HOLDER.idNumber, validFrom: CARD.validFrom };
    const trail = expectStatus(
      await api.post<Page<VerificationRecord>>('/v1/citizen/verifications', c.keyOf('officer1'), {
        ...body,
        purpose: 'FRAUD_INVESTIGATION',
      }),
      200,
    );
    expect(trail.items.map((r) => r.recordId)).toEqual([record.recordId]);
    const looked = expectStatus(
      await api.post<Page<TrailRead>>('/v1/citizen/who-looked', c.keyOf('officer1'), body),
      200,
    );
    expect(looked.items).toEqual([
      expect.objectContaining({ cardRef: cardRefs.holder, purpose: 'FRAUD_INVESTIGATION' }),
    ]);
    expect(looked.items[0]?.officerUnit).toMatch(/^[A-Z0-9][A-Z0-9-]+$/);
    const audited = expectStatus(
      await api.get<Page<TrailRead>>(`/v1/cards/${cardRefs.holder}/trail-reads`, c.keyOf('auditor1')),
      200,
    );
    expect(audited.items).toEqual(looked.items);
  }, 180_000);

  it('6. no ledger file, state database, node or gateway log holds an ID number or name used', () => {
    const people = [HOLDER, OTHER, ROTATED];
    const sampled = BATCH_IDS.filter((_, i) => i % 50 === 0);
    const needles = [
      ...people.flatMap((p) => [p.idNumber, p.idNumber.slice(0, 17), p.name]),
      ...sampled,
      BATCH_NAME,
    ];
    expect(scanForPersonalData(config().dataDir, needles)).toEqual([]);
  }, 300_000);
});
