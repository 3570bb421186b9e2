/**
 * GET /v1/status-notices: a unit lists the changes of the cards it checked,
 * within the retention window; another unit's list is refused; auditors
 * read any unit's notices as recorded.
 */
import type { StatusNotice } from '../../ledger/records';
import { testGateway, NOW, type TestGateway } from '../../test-support/test-gateway';

const DAY = 86_400_000;
const at = (daysBeforeNow: number) => new Date(NOW.getTime() - daysBeforeNow * DAY).toISOString();

function notice(n: number, changedDaysAgo: number, checkedDaysAgo: number): StatusNotice {
  return {
    noticeId: `t${String(n)}.0`,
    unitId: 'BANK-001',
    cardRef: `k1.${String(n).repeat(64).slice(0, 64)}`,
    state: 'LOST',
    changedAt: at(changedDaysAgo),
    checkedAt: at(checkedDaysAgo),
    txId: `t${String(n)}`,
  };
}

describe('GET /v1/status-notices', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await testGateway({ statusNotices: { retentionDays: 30 } });
  });
  afterEach(async () => {
    await gw.app.close();
  });
  const list = (who: 'verifier' | 'verifier2' | 'auditor', query = '') =>
    gw.app.inject({ method: 'GET', url: `/v1/status-notices${query}`, headers: gw.auth(who) });

  it('lists a unit the changes made within the window after its check, from the window back', async () => {
    gw.ledger.statusNotices = [notice(1, 2, 10), notice(2, 5, 40), notice(3, 20, 25)];
    const res = await list('verifier');
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: StatusNotice[] }>().items.map((n) => n.noticeId)).toEqual(['t1.0', 't3.0']);
    const [call] = gw.ledger.calls;
    expect(call).toMatchObject({
      name: 'ListStatusNotices',
      args: { unitId: 'BANK-001', from: at(30), to: NOW.toISOString() },
    });
    await list('verifier', `?from=${at(400)}`);
    expect(gw.ledger.calls[1]?.args.from).toBe(at(30));
    await list('verifier', `?from=${at(3)}`);
    expect(gw.ledger.calls[2]?.args.from).toBe(at(3));
  });

  it("refuses a unit another unit's notices; auditors name the unit and see every notice recorded", async () => {
    expect((await list('verifier2', '?unitId=BANK-001')).statusCode).toBe(403);
    expect((await list('auditor')).statusCode).toBe(400);
    gw.ledger.statusNotices = [notice(1, 2, 10), notice(2, 5, 40)];
    const res = await list('auditor', '?unitId=BANK-001');
    expect(res.json<{ items: StatusNotice[] }>().items).toHaveLength(2);
    expect(gw.ledger.calls.at(-1)?.args.from).toBe('1970-01-01T00:00:00Z');
  });
});
