import { LIMITS } from '@idcard/common';
import { ValidationError } from '../errors';
import {
  isCalendarDate,
  parseJson,
  requireBookmarkText,
  requireInstant,
  requireOccurredAt,
  requireOneOf,
  requirePageSize,
  requireReference,
  requireStringFields,
  requireValidUntil,
} from './input-checks';

describe('input checks', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-04-31')).toBe(false);
    expect(isCalendarDate('2023-4-3')).toBe(false);
  });

  it('normalises instants to fixed width and refuses impossible ones', () => {
    expect(requireInstant('at', '2026-01-31T08:00:00Z')).toBe('2026-01-31T08:00:00.000Z');
    expect(requireInstant('at', '2026-01-31T08:00:00.5Z')).toBe('2026-01-31T08:00:00.500Z');
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-01-31T24:00:00Z',
      '2026-01-31T08:00:00+08:00',
      '2026-01-31',
    ]) {
      expect(() => requireInstant('at', bad)).toThrow(ValidationError);
    }
  });

  it('refuses a reported time after the transaction time', () => {
    expect(requireOccurredAt('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z')).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(() => requireOccurredAt('2026-01-01T00:00:01Z', '2026-01-01T00:00:00.000Z')).toThrow(/occurredAt/);
  });

  it('reads page sizes: empty or 0 is the default, 1..max, nothing else', () => {
    expect(requirePageSize('')).toBe(LIMITS.defaultPageSize);
    expect(requirePageSize('0')).toBe(LIMITS.defaultPageSize);
    expect(requirePageSize('1')).toBe(1);
    expect(requirePageSize(String(LIMITS.maxPageSize))).toBe(LIMITS.maxPageSize);
    for (const bad of [String(LIMITS.maxPageSize + 1), '-1', '1.5', '01', ' 5', '1e2']) {
      expect(() => requirePageSize(bad)).toThrow(/^VALIDATION: pageSize/);
    }
  });

  it('checks references, vocabularies, validUntil and bookmark length', () => {
    expect(() => requireReference('cardRef', `k1.${'A'.repeat(64)}`)).toThrow(/cardRef/);
    expect(requireOneOf('kind', 'RESIDENT_CARD', ['RESIDENT_CARD'] as const)).toBe('RESIDENT_CARD');
    expect(requireValidUntil('validUntil', 'LONG_TERM')).toBe('LONG_TERM');
    expect(() => requireBookmarkText('x'.repeat(4097))).toThrow(ValidationError);
  });

  it('parses JSON and objects with exactly the given string fields', () => {
    expect(() => parseJson('items', '{')).toThrow(/items is not JSON/);
    expect(requireStringFields('x', { a: '1' }, ['a'])).toEqual({ a: '1' });
    expect(() => requireStringFields('x', null, ['a'])).toThrow(/must be an object/);
    expect(() => requireStringFields('x', [], ['a'])).toThrow(/must be an object/);
    expect(() => requireStringFields('x', { a: '1', b: '2' }, ['a'])).toThrow(/unknown field b/);
    expect(() => requireStringFields('x', { a: 1 }, ['a'])).toThrow(/x.a must be a string/);
  });
});
