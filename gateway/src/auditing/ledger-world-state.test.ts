import { ChaincodeError } from '../ledger/ledger-errors';
import type { QueryName, TxArgs, TxResult } from '../ledger/transactions';
import { ledgerWorldState, type AuditQuery } from './ledger-world-state';

const card = {
  cardRef: 'k1.aa',
  personRef: 'k1.bb',
  kind: 'RESIDENT_CARD',
  state: 'LOST',
  effectiveState: 'LOST',
  validFrom: '2016-01-01',
  validUntil: '2036-01-01',
  issuedAt: '2026-03-01T08:02:00.000Z',
  updatedAt: '2026-03-01T08:04:00.000Z',
  lastAction: 'REPORT_LOST',
  lastReason: 'LOST',
  occurredAt: '2026-03-01T08:04:00.000Z',
  officerUnit: 'PSB-110101',
  replacedBy: null,
};

/** A fake query port answering from a table of (name, bookmark) → result, recording every call. */
function fakeQuery(answers: Record<string, unknown>) {
  const calls: { name: QueryName; args: unknown }[] = [];
  const query = (<N extends QueryName>(name: N, args: TxArgs<N>): Promise<TxResult<N>> => {
    calls.push({ name, args });
    const bookmark = (args as { bookmark?: string }).bookmark ?? '';
    const answer = answers[`${name}:${bookmark}`];
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(answer as TxResult<N>);
  }) as AuditQuery;
  return { query, calls };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('ledgerWorldState', () => {
  it('returns only the compared card fields from GetCard', async () => {
    const { query } = fakeQuery({ 'GetCard:': card });

    await expect(ledgerWorldState(query).getCard('k1.aa')).resolves.toEqual({
      cardRef: 'k1.aa',
      state: 'LOST',
      personRef: 'k1.bb',
      lastAction: 'REPORT_LOST',
      updatedAt: '2026-03-01T08:04:00.000Z',
      validUntil: '2036-01-01',
    });
  });

  it('answers undefined for a NOT_FOUND card and rethrows any other refusal', async () => {
    const missing = fakeQuery({ 'GetCard:': new ChaincodeError('NOT_FOUND', 'no card') });
    const forbidden = fakeQuery({ 'GetCard:': new ChaincodeError('FORBIDDEN', 'not an auditor') });

    await expect(ledgerWorldState(missing.query).getCard('k1.aa')).resolves.toBeUndefined();
    await expect(ledgerWorldState(forbidden.query).getCard('k1.aa')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('follows bookmarks through every page of a unit over all time', async () => {
    const record = (recordId: string) => ({ recordId, unitId: 'BANK-001', result: 'VALID' });
    const { query, calls } = fakeQuery({
      'ListVerificationsByUnit:': { items: [record('a.0'), record('b.0')], bookmark: 'p2', pageSize: 200 },
      'ListVerificationsByUnit:p2': { items: [record('c.0')], bookmark: '', pageSize: 200 },
    });

    const items = await collect(ledgerWorldState(query).listVerificationsByUnit('BANK-001'));

    expect(items.map((v) => v.recordId)).toEqual(['a.0', 'b.0', 'c.0']);
    expect(calls.map((c) => c.args)).toEqual([
      {
        unitId: 'BANK-001',
        from: '1970-01-01T00:00:00.000Z',
        to: '9999-12-31T23:59:59.999Z',
        pageSize: 200,
        bookmark: '',
      },
      expect.objectContaining({ bookmark: 'p2' }),
    ]);
  });

  it('stops at an empty page even when the bookmark is not empty', async () => {
    const { query, calls } = fakeQuery({
      'ListUnits:': { items: [{ unitId: 'BANK-001', state: 'ACTIVE' }], bookmark: 'x', pageSize: 200 },
      'ListUnits:x': { items: [], bookmark: 'x', pageSize: 200 },
    });

    const units = await collect(ledgerWorldState(query).listUnits());

    expect(units).toEqual([{ unitId: 'BANK-001', state: 'ACTIVE' }]);
    expect(calls).toHaveLength(2);
  });
});
