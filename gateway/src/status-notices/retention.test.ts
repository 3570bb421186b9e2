import { RETENTION_DAYS, retentionMs, retentionStart, withinRetention } from './retention';

const DAY = 86_400_000;

describe('the status notice retention window', () => {
  it('measures the retention window from the check to the change', () => {
    expect(withinRetention('2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z', 28 * DAY)).toBe(true);
    expect(withinRetention('2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z', 27 * DAY)).toBe(false);
    expect(withinRetention('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 90 * DAY)).toBe(false);
    expect(withinRetention('garbage', '2026-02-01T00:00:00Z', 90 * DAY)).toBe(false);
  });

  it('lasts 90 days unless configured, and reaches back that far from now', () => {
    expect(RETENTION_DAYS.default).toBe(90);
    expect(retentionMs()).toBe(90 * DAY);
    expect(retentionMs(30)).toBe(30 * DAY);
    expect(retentionStart(new Date('2026-03-31T00:00:00.000Z'), 30 * DAY)).toBe('2026-03-01T00:00:00.000Z');
  });
});
