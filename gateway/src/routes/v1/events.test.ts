/**
 * The SSE stream over a real socket with the fake event chain: a unit sees
 * only its own verifications; a client killed mid-stream that reconnects
 * with Last-Event-ID gets exactly the events it missed, none twice.
 */
import type { AddressInfo } from 'node:net';
import { connectSse as connect, type SseClient } from '../../test-support/sse-client';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const verified = (unitId: string, n: number) => ({
  name: 'CardVerified',
  payload: {
    recordId: `r${n}`,
    unitId,
    cardRef: `k1.${'e'.repeat(64)}`,
    purpose: 'ACCOUNT_OPENING',
    result: 'VALID',
    reason: null,
  },
});
/** The announcement of a card change to the units named (they were told VALID before it). */
const changed = (n: number, checkedBy: readonly string[] = ['BANK-001']) => {
  const cardRef = `k1.${String(n).repeat(64).slice(0, 64)}`;
  return {
    name: 'CardStatusNotices',
    payload: {
      notices: checkedBy.map((unitId, i) => ({
        noticeId: `n${String(n)}.${String(i)}`,
        unitId,
        cardRef,
        state: 'LOST',
        changedAt: '2026-03-01T04:00:00.000Z',
        checkedAt: '2026-02-20T04:00:00.000Z',
      })),
    },
  };
};
const fraud = (unitId: string) => ({
  name: 'FraudReported',
  payload: { reportId: 'f1', unitId, cardRef: `k1.${'f'.repeat(64)}`, category: 'FORGED_CARD' },
});

describe('GET /v1/events', () => {
  let gw: TestGateway;
  let port: number;
  beforeEach(async () => {
    gw = await testGateway();
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    port = (gw.app.server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await gw.app.close();
  });

  it('resumes after a kill mid-stream with exactly the missed events', async () => {
    const chain = gw.ledger.chain;
    chain.appendBlock([verified('BANK-001', 0)]); // block 0: history before the first connection
    const first = await connect(port, gw.auth('verifier'));
    chain.appendBlock([verified('BANK-001', 1), verified('HOTEL-002', 2), changed(3)]); // block 1
    await first.waitFor(2);
    first.close(); // killed after seeing 1:0 and 1:2
    const seen = first.events.slice(0, 2);
    expect(seen.map((e) => e.id)).toEqual(['1:0', '1:2']);
    expect(seen[0]?.data).toMatchObject({ unitId: 'BANK-001', txId: 'tx-1-0' });

    chain.appendBlock([fraud('BANK-001'), fraud('HOTEL-002')]); // block 2, while disconnected
    chain.appendBlock([verified('HOTEL-002', 4), changed(5), verified('BANK-001', 6)]); // block 3

    const lastSeen = seen[1]?.id ?? '';
    const second = await connect(port, { ...gw.auth('verifier'), 'last-event-id': lastSeen });
    await second.waitFor(3);
    chain.appendBlock([verified('BANK-001', 7)]); // block 4, live again
    await second.waitFor(4);
    second.close();
    expect(second.events.map((e) => `${e.id} ${e.event}`)).toEqual([
      '2:0 FraudReported',
      '3:1 CardStatusNotice',
      '3:2 CardVerified',
      '4:0 CardVerified',
    ]);
    const all = [...seen, ...second.events].map((e) => e.id);
    expect(new Set(all).size).toBe(all.length);
    expect(
      [...seen, ...second.events].every((e) => e.data.unitId === undefined || e.data.unitId === 'BANK-001'),
    ).toBe(true);
  });

  it('resumes from ?after= too, and gives an auditor every unit', async () => {
    const chain = gw.ledger.chain;
    chain.appendBlock([verified('BANK-001', 1), verified('HOTEL-002', 2)]);
    chain.appendBlock([fraud('HOTEL-002')]);
    const auditor = await new Promise<SseClient>((resolve, reject) => {
      connect(port, gw.auth('auditor')).then(resolve, reject);
    });
    auditor.close();
    const resumed = await connect(port, { ...gw.auth('auditor'), 'last-event-id': '0:0' });
    await resumed.waitFor(2);
    resumed.close();
    expect(resumed.events.map((e) => e.id)).toEqual(['0:1', '1:0']);
  });

  it('ends open streams on shutdown so the server can close', async () => {
    const client = await connect(port, gw.auth('officer'));
    await gw.app.close();
    await client.ended;
    expect(client.events).toEqual([]);
  });
});
