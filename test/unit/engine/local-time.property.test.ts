import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { hourOfWeek, isoWeekKey, isoWeekRange, localDate, localDayRange } from '../../../lib/engine/local-time';

// Zones with DST at 02:00/03:00 (Berlin, New York), at local midnight (Santiago), by 30 minutes
// (Lord Howe), with a 45-minute offset (Chatham), and without DST (Kolkata, UTC).
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
] as const;

describe('local-time helpers agree with luxon', () => {
  // A few years around now: building a zone's day table costs ~30 µs a day (luxon's offset lookups).
  const anyInstant = fc.integer({ min: Date.parse('2023-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') });
  const anyZone = fc.constantFrom(...ZONES, 'Asia/Tehran', 'America/St_Johns', 'Africa/Casablanca');

  it('localDate, isoWeekKey and hourOfWeek', () => {
    fc.assert(
      fc.property(anyInstant, anyZone, (t, zone) => {
        const local = DateTime.fromMillis(t, { zone });
        expect(localDate(t, zone)).toBe(local.toISODate());
        expect(isoWeekKey(t, zone)).toBe(`${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`);
        expect(hourOfWeek(t, zone)).toBe((local.weekday - 1) * 24 + local.hour);
      }),
      { numRuns: 300 },
    );
  });

  it('isoWeekRange and localDayRange contain the instant they were derived from', () => {
    fc.assert(
      fc.property(anyInstant, anyZone, (t, zone) => {
        const week = isoWeekRange(isoWeekKey(t, zone), zone);
        expect(t).toBeGreaterThanOrEqual(week.from);
        expect(t).toBeLessThan(week.to);
        expect(isoWeekKey(week.from, zone)).toBe(isoWeekKey(t, zone));
        const day = localDayRange(localDate(t, zone), zone);
        expect(t).toBeGreaterThanOrEqual(day.from);
        expect(t).toBeLessThan(day.to);
        expect(localDate(day.to, zone)).not.toBe(localDate(t, zone));
      }),
      { numRuns: 200 },
    );
  });
});
