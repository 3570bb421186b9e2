import { ProblemError } from '../../problems';
import { createEventStreams } from './event-streams';

const bank = { callerId: 'unit-bank-001', keyId: 'k-bank', unit: 'BANK-001' };
const hotel = { callerId: 'unit-hotel-002', keyId: 'k-hotel', unit: 'HOTEL-002' };

describe('event stream registry', () => {
  it('caps open streams per caller (429) and in all (503)', () => {
    const streams = createEventStreams({ maxStreamsPerCaller: 2, maxStreams: 3 });
    const first = streams.open(bank);
    streams.open(bank);
    expect(() => streams.open(bank)).toThrow(
      expect.objectContaining({ kind: 'rate-limited' }) as ProblemError,
    );
    streams.open(hotel);
    expect(() => streams.open({ ...hotel, callerId: 'auditor-1' })).toThrow(
      expect.objectContaining({ kind: 'ledger-unavailable' }) as ProblemError,
    );
    first.done();
    expect(streams.size).toBe(2);
    expect(() => streams.open(bank)).not.toThrow();
  });

  it('ends the streams of a revoked key or a suspended unit, saying why, and all of them on shutdown', () => {
    const streams = createEventStreams();
    const bankStream = streams.open(bank);
    const otherKey = streams.open({ ...bank, keyId: 'k-bank-2' });
    const hotelStream = streams.open(hotel);
    expect(streams.endKey('k-bank')).toBe(1);
    expect(bankStream).toMatchObject({ endedBy: 'key-revoked' });
    expect(bankStream.signal.aborted).toBe(true);
    expect(otherKey.signal.aborted).toBe(false);
    expect(streams.endUnit('BANK-001')).toBe(1);
    expect(otherKey.endedBy).toBe('unit-suspended');
    streams.closeAll();
    expect(hotelStream.endedBy).toBe('shutdown');
    expect(streams.size).toBe(0);
  });
});
