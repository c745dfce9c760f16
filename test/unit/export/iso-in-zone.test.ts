import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoInZone } from '../../../lib/export/context';

describe('isoInZone', () => {
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
