/**
 * Abuse limits of the event stream over a real socket (issue 14): streams
 * capped per caller, ended when the key is revoked or the unit suspended
 * (through this gateway or seen on the ledger), refused to a suspended
 * unit, and replays paged and charged to the caller.
 */
import type { AddressInfo } from 'node:net';
import { connectSse } from '../../test-support/sse-client';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const verified = (unitId: string, n: number) => ({
  name: 'CardVerified',
  payload: { recordId: `r${String(n)}`, unitId, cardRef: null, purpose: 'ACCOUNT_OPENING', result: 'DENIED' },
});

describe('event stream limits', () => {
  let gw: TestGateway;
  let port: number;
  const start = async (options: Parameters<typeof testGateway>[0] = {}) => {
    gw = await testGateway(options);
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    port = (gw.app.server.address() as AddressInfo).port;
  };
  afterEach(async () => {
    await gw.app.close();
  });

  it('caps open streams per caller; closing one lets another open', async () => {
    await start({ events: { maxStreamsPerCaller: 2 } });
    const first = await connectSse(port, gw.auth('verifier'));
    const second = await connectSse(port, gw.auth('verifier'));
    await expect(connectSse(port, gw.auth('verifier'))).rejects.toThrow('status 429');
    const other = await connectSse(port, gw.auth('verifier2'));
    first.close();
    await first.ended;
    await new Promise((r) => setTimeout(r, 50));
    const third = await connectSse(port, gw.auth('verifier'));
    for (const client of [second, other, third]) client.close();
  });

  it('ends the open stream of a revoked key with an end message; the key then gets 401', async () => {
    await start();
    const issued = await gw.callers.issueKey('unit-bank-001', new Date());
    const key = { authorization: `Bearer ${issued.apiKey}` };
    const stream = await connectSse(port, key);
    const kept = await connectSse(port, gw.auth('verifier'));
    const revoke = await gw.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${issued.keyId}`,
      headers: gw.auth('operator'),
    });
    expect(revoke.statusCode).toBe(204);
    await stream.ended;
    expect(stream.events.at(-1)).toMatchObject({
      event: 'end',
      data: { type: 'urn:idcard:problem:unauthorised' },
    });
    await expect(connectSse(port, key)).rejects.toThrow('status 401');
    gw.ledger.chain.appendBlock([verified('BANK-001', 1)]);
    await kept.waitFor(1);
    kept.close();
  });

  it('ends a unit’s streams when the operator suspends it, and refuses the suspended unit a new one', async () => {
    await start();
    const stream = await connectSse(port, gw.auth('verifier'));
    const suspend = await gw.app.inject({
      method: 'POST',
      url: '/v1/units/BANK-001/suspend',
      headers: gw.auth('operator'),
      payload: { reason: 'LICENCE_REVIEW' },
    });
    expect(suspend.statusCode).toBe(200);
    await stream.ended;
    expect(stream.events.at(-1)).toMatchObject({
      event: 'end',
      data: { type: 'urn:idcard:problem:forbidden' },
    });
    gw.ledger.suspendedUnits.add('BANK-001');
    await expect(connectSse(port, gw.auth('verifier'))).rejects.toThrow('status 403');
  });

  it('ends a unit’s stream when its suspension by another gateway reaches the ledger', async () => {
    await start();
    const stream = await connectSse(port, gw.auth('verifier'));
    const hotel = await connectSse(port, gw.auth('verifier2'));
    gw.ledger.chain.appendBlock([
      { name: 'UnitChanged', payload: { unitId: 'BANK-001', state: 'SUSPENDED', action: 'SUSPEND' } },
    ]);
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toEqual(['end']);
    gw.ledger.chain.appendBlock([verified('HOTEL-002', 2)]);
    await hotel.waitFor(1);
    expect(hotel.events.map((e) => e.event)).toEqual(['CardVerified']);
    hotel.close();
  });

  it('pages a replay: a resumed stream reads at most replayPageEvents, then ends with page-end at the last id read', async () => {
    await start({ events: { replayPageEvents: 3 } });
    gw.ledger.chain.appendBlock([verified('BANK-001', 0), verified('HOTEL-002', 1)]);
    gw.ledger.chain.appendBlock([verified('HOTEL-002', 2), verified('BANK-001', 3), verified('BANK-001', 4)]);
    const page = await connectSse(port, { ...gw.auth('verifier'), 'last-event-id': '0:0' });
    await page.ended;
    expect(page.events.map((e) => `${String(e.id)} ${e.event}`)).toEqual([
      '1:1 CardVerified',
      '1:1 page-end',
    ]);
    const next = await connectSse(port, { ...gw.auth('verifier'), 'last-event-id': '1:1' });
    await next.waitFor(1);
    expect(next.events.map((e) => e.id)).toEqual(['1:2']);
    next.close();
  });

  it('charges each replay page to the caller’s work budget', async () => {
    await start({ rateLimit: { perCaller: 250 }, events: { replayPageCost: 100 } });
    const resume = { ...gw.auth('verifier'), 'last-event-id': '0:0' };
    gw.ledger.chain.appendBlock([verified('BANK-001', 0)]);
    const first = await connectSse(port, resume);
    const second = await connectSse(port, resume);
    await expect(connectSse(port, resume)).rejects.toThrow('status 429');
    const live = await connectSse(port, gw.auth('verifier2'));
    for (const client of [first, second, live]) client.close();
  });
});
