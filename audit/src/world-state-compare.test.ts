import { ReplayState } from './replay-state';
import { recordKey } from './record-keys';
import {
  compareWithWorldState,
  type LiveCard,
  type LiveVerification,
  type WorldStateReader,
} from './world-state-compare';

const tx = { blockNumber: 1, txIndex: 0, txId: 'tx1', txTime: '2026-03-01T08:00:00.000Z' };
const value = (v: unknown) => Buffer.from(JSON.stringify(v));

function replayed(): ReplayState {
  const state = new ReplayState();
  state.applyWrites(tx, [
    {
      key: recordKey('card', 'k1.c1'),
      isDelete: false,
      value: value({ cardRef: 'k1.c1', state: 'LOST', lastAction: 'REPORT_LOST', personRef: 'k1.p1' }),
    },
    {
      key: recordKey('unit', 'BANK-1'),
      isDelete: false,
      value: value({ unitId: 'BANK-1', state: 'ACTIVE' }),
    },
    {
      key: recordKey('verification', 'tx1.0'),
      isDelete: false,
      value: value({
        recordId: 'tx1.0',
        unitId: 'BANK-1',
        purpose: 'ACCOUNT_OPENING',
        result: 'INVALID',
        reason: 'LOST',
        cardRef: 'k1.c1',
      }),
    },
  ]);
  return state;
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

function reader(
  cards: LiveCard[],
  verifications: LiveVerification[],
  units = [{ unitId: 'BANK-1', state: 'ACTIVE' }],
): WorldStateReader {
  return {
    getCard: (cardRef) => Promise.resolve(cards.find((c) => c.cardRef === cardRef)),
    listUnits: () => each(units),
    listVerificationsByUnit: (unitId) => each(verifications.filter((v) => v.unitId === unitId)),
    listFraudReports: () => each([]),
  };
}

const liveVerification: LiveVerification = {
  recordId: 'tx1.0',
  unitId: 'BANK-1',
  purpose: 'ACCOUNT_OPENING',
  result: 'INVALID',
  reason: 'LOST',
  cardRef: 'k1.c1',
};

describe('compareWithWorldState', () => {
  it('finds no difference when the world state matches the replay', async () => {
    const live = reader(
      [{ cardRef: 'k1.c1', state: 'LOST', lastAction: 'REPORT_LOST', personRef: 'k1.p1' }],
      [liveVerification],
    );

    await expect(compareWithWorldState(replayed(), live)).resolves.toEqual([]);
  });

  it('names a card whose live state differs from the replay', async () => {
    const live = reader(
      [{ cardRef: 'k1.c1', state: 'VALID', lastAction: 'REPORT_LOST' }],
      [liveVerification],
    );

    await expect(compareWithWorldState(replayed(), live)).resolves.toEqual([
      { kind: 'card-differs', id: 'k1.c1', field: 'state', replayed: 'LOST', live: 'VALID' },
    ]);
  });

  it('names records present on one side only', async () => {
    const extra = { ...liveVerification, recordId: 'tx9.0' };
    const live = reader([], [extra], []);

    await expect(compareWithWorldState(replayed(), live)).resolves.toEqual(
      expect.arrayContaining([
        { kind: 'card-missing-live', id: 'k1.c1' },
        { kind: 'unit-missing-live', id: 'BANK-1' },
        { kind: 'verification-missing-replay', id: 'tx9.0' },
        { kind: 'verification-missing-live', id: 'tx1.0' },
      ]),
    );
  });
});
