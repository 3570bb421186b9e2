import { addYears, checkIssueWindow, effectiveStateAt, expiryInstant, isExpiredAt } from './card-validity';

describe('card validity', () => {
  it('adds years to the day, 29 February falling back to 28 February', () => {
    expect(addYears('2020-01-15', 10)).toBe('2030-01-15');
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 20)).toBe('2044-02-29');
  });

  it('expires at 00:00 China Standard Time of the day after validUntil, never for LONG_TERM', () => {
    expect(expiryInstant('2026-03-01')).toBe('2026-03-01T16:00:00.000Z');
    expect(expiryInstant('LONG_TERM')).toBeNull();
    expect(isExpiredAt('2026-03-01', '2026-03-01T15:59:59.999Z')).toBe(false);
    expect(isExpiredAt('2026-03-01', '2026-03-01T16:00:00.000Z')).toBe(true);
    expect(isExpiredAt('LONG_TERM', '2999-01-01T00:00:00.000Z')).toBe(false);
  });

  it('derives EXPIRED only for a VALID card', () => {
    const late = '2030-01-01T00:00:00.000Z';
    expect(effectiveStateAt('VALID', '2026-03-01', late)).toBe('EXPIRED');
    expect(effectiveStateAt('LOST', '2026-03-01', late)).toBe('LOST');
    expect(effectiveStateAt('VALID', 'LONG_TERM', late)).toBe('VALID');
  });

  const now = '2026-03-01T00:00:00.000Z';
  it.each([
    ['RESIDENT_CARD', '2020-01-15', '2025-01-15'],
    ['RESIDENT_CARD', '2020-01-15', '2030-01-15'],
    ['RESIDENT_CARD', '2020-01-15', '2040-01-15'],
    ['RESIDENT_CARD', '2020-01-15', 'LONG_TERM'],
    ['TEMPORARY_CERTIFICATE', '2026-02-25', '2026-03-05'],
    ['TEMPORARY_CERTIFICATE', '2026-02-20', '2026-05-23'],
  ] as const)('accepts a %s from %s until %s', (kind, from, until) => {
    const at = kind === 'RESIDENT_CARD' && until === '2025-01-15' ? '2024-06-01T00:00:00.000Z' : now;
    expect(() => {
      checkIssueWindow(kind, from, until, at);
    }).not.toThrow();
  });

  it.each([
    ['RESIDENT_CARD', '2020-01-15', '2030-01-14'],
    ['RESIDENT_CARD', '2020-01-15', '2035-01-15'],
    ['RESIDENT_CARD', '2016-02-01', '2026-02-01'],
    ['TEMPORARY_CERTIFICATE', '2026-02-20', 'LONG_TERM'],
    ['TEMPORARY_CERTIFICATE', '2026-02-20', '2026-02-20'],
    ['TEMPORARY_CERTIFICATE', '2026-02-20', '2026-05-24'],
  ] as const)('refuses a %s from %s until %s', (kind, from, until) => {
    expect(() => {
      checkIssueWindow(kind, from, until, now);
    }).toThrow(/^VALIDATION: /);
  });
});
