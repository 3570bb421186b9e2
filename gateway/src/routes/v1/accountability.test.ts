import type { VerificationRecord } from '@idcard/common';
import { LIMITS } from '@idcard/common';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';
import { MAX_ACCOUNTABILITY_RECORDS } from './accountability';

function rec(i: number, extra: Partial<VerificationRecord> = {}): VerificationRecord {
  return {
    recordId: `${'e'.repeat(64)}.${String(i % 1000)}`,
    requestId: `req-${String(i)}`,
    unitId: 'BANK-001',
    purpose: 'ACCOUNT_OPENING',
    channel: 'CARD',
    cardRef: `k1.${'b'.repeat(64)}`,
    result: 'VALID',
    reason: null,
    txId: 'f'.repeat(64),
    txTime: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00.000Z`,
    replayed: false,
    ...extra,
  };
}

describe('GET /v1/units/:unitId/accountability', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await testGateway();
  });
  afterEach(async () => {
    await gw.app.close();
  });

  it('sums every page of the unit’s records by result, purpose, denial and invalid reason', async () => {
    const records = [
      ...Array.from({ length: LIMITS.maxPageSize + 5 }, (_, i) => rec(i)),
      rec(300, { result: 'INVALID', reason: 'LOST', purpose: 'LOAN_APPLICATION' }),
      rec(301, { result: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED', cardRef: null }),
    ];
    gw.ledger.unitRecords = records;
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/units/BANK-001/accountability?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      headers: gw.auth('auditor'),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      range: { from: string; to: string };
      units: {
        unitId: string;
        total: number;
        byResult: Record<string, number>;
        byPurpose: Record<string, number>;
        denials: Record<string, number>;
        invalidByReason: Record<string, number>;
      }[];
      totals: { verifications: number; denied: number };
    }>();
    expect(body.range).toEqual({ from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    expect(body.totals).toEqual({ verifications: records.length, denied: 1 });
    expect(body.units).toHaveLength(1);
    const [unit] = body.units;
    expect(unit?.byResult).toEqual({ VALID: LIMITS.maxPageSize + 5, INVALID: 1, DENIED: 1 });
    expect(unit?.byPurpose).toEqual({ ACCOUNT_OPENING: LIMITS.maxPageSize + 6, LOAN_APPLICATION: 1 });
    expect(unit?.denials).toEqual({ PURPOSE_NOT_ALLOWED: 1 });
    expect(unit?.invalidByReason).toEqual({ LOST: 1 });
    const listCalls = gw.ledger.calls.filter((c) => c.name === 'ListVerificationsByUnit');
    expect(listCalls.map((c) => c.args.bookmark)).toEqual(['', String(LIMITS.maxPageSize)]);
    expect(listCalls.every((c) => c.args.unitId === 'BANK-001' && c.kind === 'evaluate')).toBe(true);
  });

  it('answers an empty report for a unit with no records in the range', async () => {
    gw.ledger.unitRecords = [];
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/units/BANK-001/accountability',
      headers: gw.auth('verifier'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ units: [], totals: { verifications: 0, denied: 0 } });
  });

  it('refuses a relying unit asking for another unit’s report, without reading the ledger', async () => {
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/units/HOTEL-002/accountability',
      headers: gw.auth('verifier'),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'urn:idcard:problem:forbidden' });
    expect(gw.ledger.calls).toHaveLength(0);
  });

  it('rejects from after to as a validation problem', async () => {
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/units/BANK-001/accountability?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z',
      headers: gw.auth('auditor'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'urn:idcard:problem:validation' });
    expect(gw.ledger.calls).toHaveLength(0);
  });

  it('answers limit-exceeded when the range holds more records than one report may sum', async () => {
    gw.ledger.unitRecords = Array.from({ length: MAX_ACCOUNTABILITY_RECORDS + 1 }, (_, i) => rec(i));
    const res = await gw.app.inject({
      method: 'GET',
      url: '/v1/units/BANK-001/accountability',
      headers: gw.auth('auditor'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ type: 'urn:idcard:problem:limit-exceeded' });
  });
});
