import { buildAccountabilityReport, renderAccountabilityReport } from './accountability-report';
import { recordKey } from './record-keys';
import { ReplayState } from './replay-state';

function stateWith(
  records: {
    id: string;
    unit: string;
    time: string;
    result: string;
    reason: string | null;
    purpose: string;
  }[],
) {
  const state = new ReplayState();
  for (const r of records)
    state.applyWrites({ blockNumber: 1, txIndex: 0, txId: r.id, txTime: r.time }, [
      {
        key: recordKey('verification', r.id),
        isDelete: false,
        value: Buffer.from(
          JSON.stringify({
            recordId: r.id,
            unitId: r.unit,
            purpose: r.purpose,
            result: r.result,
            reason: r.reason,
            txTime: r.time,
          }),
        ),
      },
    ]);
  return state;
}

const state = stateWith([
  {
    id: 'a',
    unit: 'BANK-1',
    time: '2026-03-01T00:00:00.000Z',
    result: 'VALID',
    reason: null,
    purpose: 'ACCOUNT_OPENING',
  },
  {
    id: 'b',
    unit: 'BANK-1',
    time: '2026-03-02T00:00:00.000Z',
    result: 'DENIED',
    reason: 'PURPOSE_NOT_ALLOWED',
    purpose: 'HOTEL_CHECKIN',
  },
  {
    id: 'c',
    unit: 'HOTEL-2',
    time: '2026-03-02T12:00:00.000Z',
    result: 'INVALID',
    reason: 'LOST',
    purpose: 'HOTEL_CHECKIN',
  },
  {
    id: 'd',
    unit: 'BANK-1',
    time: '2026-04-01T00:00:00.000Z',
    result: 'VALID',
    reason: null,
    purpose: 'ACCOUNT_OPENING',
  },
]);

describe('accountability report', () => {
  it("counts each unit's volumes, results, purposes and denials inside [from, to)", () => {
    const report = buildAccountabilityReport(state, {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });

    expect(report.totals).toEqual({ verifications: 3, denied: 1 });
    expect(report.units.map((u) => [u.unitId, u.total, u.byResult, u.byPurpose, u.denials])).toEqual([
      [
        'BANK-1',
        2,
        { VALID: 1, DENIED: 1 },
        { ACCOUNT_OPENING: 1, HOTEL_CHECKIN: 1 },
        { PURPOSE_NOT_ALLOWED: 1 },
      ],
      ['HOTEL-2', 1, { INVALID: 1 }, { HOTEL_CHECKIN: 1 }, {}],
    ]);
  });

  it('can be limited to some units and rendered as text', () => {
    const report = buildAccountabilityReport(state, {}, ['HOTEL-2']);

    expect(report.units.map((u) => u.unitId)).toEqual(['HOTEL-2']);
    expect(renderAccountabilityReport(report)).toContain('invalid: LOST 1');
  });
});
