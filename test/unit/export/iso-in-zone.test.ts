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

describe('isoInZone over twelve years of transitions', () => {
  it('writes every time as luxon does, across transitions, odd offsets and milliseconds', () => {
    // St John's changed its clocks at 00:01 local until 2011, Lord Howe by half an hour, Chatham at +12:45.
    const zones = ['UTC', 'Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London', 'Asia/Kolkata'];
    const differ: string[] = [];
    for (const zone of zones) {
      for (let ms = Date.UTC(2000, 0, 1); ms < Date.UTC(2012, 0, 1); ms += 97 * 60_000 + 1_250) {
        const want = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
        if (isoInZone(ms, zone) !== want) differ.push(`${zone} ${ms}: ${isoInZone(ms, zone)} ≠ ${want}`);
      }
    }
    expect(differ).toEqual([]);
    expect(isoInZone(Date.UTC(2026, 10, 24, 9), 'Europe/Berlin')).toBe('2026-11-24T10:00:00+01:00');
    expect(isoInZone(Date.UTC(2026, 10, 24, 9, 0, 0, 250), 'UTC')).toBe('2026-11-24T09:00:00.250Z');
  });
});
