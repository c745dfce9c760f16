/** isoInZone writes from the zone's offset; it must stay exactly luxon's toISO. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoInZone } from '../../../lib/export/context';

const ZONES = [
  'UTC',
  'utc',
  'Etc/UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
  'Bogus/Zone',
];
const luxon = (ms: number, zone: string) =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();

describe('isoInZone', () => {
  it.each(ZONES)('equals luxon in %s over spread instants, with and without milliseconds', (zone) => {
    // A fixed pseudo-random walk over 1970–2109 (no Math.random: a failure must reproduce).
    let ms = 0;
    for (let i = 0; i < 5000; i++) {
      ms = (ms * 1_103_515_245 + 12_345) % 2 ** 42;
      const at = i % 2 === 0 ? ms : ms - (ms % 1000);
      expect(isoInZone(at, zone)).toBe(luxon(at, zone));
    }
  });

  it.each(ZONES)('equals luxon across a DST change in %s, second by second', (zone) => {
    for (let ms = Date.UTC(2026, 2, 29, 0, 30); ms < Date.UTC(2026, 2, 29, 1, 30); ms += 1000)
      expect(isoInZone(ms, zone)).toBe(luxon(ms, zone));
    for (let ms = Date.UTC(2026, 10, 1, 5, 30); ms < Date.UTC(2026, 10, 1, 6, 30); ms += 1000)
      expect(isoInZone(ms, zone)).toBe(luxon(ms, zone));
  });

  it('falls back to luxon outside 1970–9999', () => {
    expect(isoInZone(-86_400_000, 'Europe/Berlin')).toBe(luxon(-86_400_000, 'Europe/Berlin'));
    expect(isoInZone(253_402_300_800_000, 'UTC')).toBe(luxon(253_402_300_800_000, 'UTC'));
  });
});
