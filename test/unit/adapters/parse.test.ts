import { describe, expect, it } from 'vitest';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { defineAdapter } from '../../../lib/adapters/framework/define-adapter';
import { parseIsoTime } from '../../../lib/adapters/framework/parse';

describe('parseIsoTime (exact or nothing)', () => {
  it.each([
    ['2026-11-24T09:00:00.000Z', 1795510800000],
    ['2026-11-24T09:00:00Z', 1795510800000],
    ['2026-11-24T10:00:00.000+01:00', 1795510800000],
    ['2026-11-24T04:30:00.5-04:30', 1795510800500],
    ['2024-02-29T00:00:00Z', 1709164800000],
  ])('%s → %d', (input, expected) => {
    expect(parseIsoTime(input)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '24/11/2026 09:05',
    '2026-11-24 09:00',
    '2026-11-24T09:00:00',
    '2026-11-24T09:00Z',
    '2026-11-31T09:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-24T24:00:00Z',
    '2026-11-24T09:00:00+25:00',
  ])('rejects %j', (input) => {
    expect(parseIsoTime(input)).toBeNull();
  });

  it('rejects null and undefined', () => {
    expect(parseIsoTime(null)).toBeNull();
    expect(parseIsoTime(undefined)).toBeNull();
  });
});

describe('defineAdapter', () => {
  it('rejects a non-kebab id and duplicated selector ids', () => {
    expect(() => defineAdapter({ ...demoDeskAdapter, id: 'Demo Desk' })).toThrow('must be kebab-case');
    const app = demoDeskAdapter.selectors.app;
    expect(() => defineAdapter({ ...demoDeskAdapter, selectors: { a: app, b: { ...app } } })).toThrow('duplicate selector id "app"');
  });
});
