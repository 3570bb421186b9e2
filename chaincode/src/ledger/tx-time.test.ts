import { timestampMillis, txInstant } from './tx-time';

describe('transaction time', () => {
  it('reads Long-like and plain seconds and truncates nanoseconds to milliseconds', () => {
    expect(txInstant({ seconds: { toString: () => '1772352000' }, nanos: 999_999_999 })).toBe(
      '2026-03-01T08:00:00.999Z',
    );
    expect(timestampMillis({ seconds: 1772352000, nanos: 1_500_000 })).toBe(1772352000001);
  });
});
