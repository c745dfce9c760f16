import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../lib/engine/business-clock';
import { hourOfWeek, isoWeekKey, isoWeekRange, localDate, localDayRange } from '../../../lib/engine/local-time';

// Instants are written with their explicit offset so that no test depends on the module under
// test (or luxon) to turn local times into epoch ms.
const at = (iso: string): number => Date.parse(iso);
const H = 3_600_000;

describe('local dates and weeks', () => {
  it('localDate near midnight depends on the zone', () => {
    // 23:30Z on 12-31 is 00:30 on 01-01 in Berlin (+01:00) and 18:30 on 12-31 in New York.
    const t = at('2026-12-31T23:30:00Z');
    expect(localDate(t, 'UTC')).toBe('2026-12-31');
    expect(localDate(t, 'Europe/Berlin')).toBe('2027-01-01');
    expect(localDate(t, 'America/New_York')).toBe('2026-12-31');
    // Midnight itself belongs to the new day.
    expect(localDate(at('2026-11-24T00:00:00+01:00'), 'Europe/Berlin')).toBe('2026-11-24');
    expect(localDate(at('2026-11-24T00:00:00+01:00') - 1, 'Europe/Berlin')).toBe('2026-11-23');
  });

  it('isoWeekKey uses the ISO week-numbering year across the year boundary', () => {
    // 2026 starts on a Thursday, so it has 53 ISO weeks; Thu 12-31 and Fri 2027-01-01 are in 2026-W53.
    expect(isoWeekKey(at('2026-12-31T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekKey(at('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    // Sun 2027-01-03 23:30Z is already Mon 2027-01-04 00:30 in Berlin: week 1 of 2027 there only.
    const t = at('2027-01-03T23:30:00Z');
    expect(isoWeekKey(t, 'UTC')).toBe('2026-W53');
    expect(isoWeekKey(t, 'Europe/Berlin')).toBe('2027-W01');
    // Mon 2026-11-23 is in week 48.
    expect(isoWeekKey(at('2026-11-23T09:00:00+01:00'), 'Europe/Berlin')).toBe('2026-W48');
  });

  it('isoWeekRange runs Monday 00:00 local to the next Monday and round-trips with isoWeekKey', () => {
    // 2026-W53: Mon 2026-12-28 00:00+01:00 → Mon 2027-01-04 00:00+01:00.
    const w53 = isoWeekRange('2026-W53', 'Europe/Berlin');
    expect(w53).toEqual({ from: at('2026-12-28T00:00:00+01:00'), to: at('2027-01-04T00:00:00+01:00') });
    expect(isoWeekKey(w53.from, 'Europe/Berlin')).toBe('2026-W53');
    expect(isoWeekKey(w53.to - 1, 'Europe/Berlin')).toBe('2026-W53');
    expect(isoWeekKey(w53.to, 'Europe/Berlin')).toBe('2027-W01');
    // The week of the spring-forward Sunday is 167 h long (Mon 03-23 → Mon 03-30).
    const w13 = isoWeekRange('2026-W13', 'Europe/Berlin');
    expect(w13).toEqual({ from: at('2026-03-23T00:00:00+01:00'), to: at('2026-03-30T00:00:00+02:00') });
    expect(w13.to - w13.from).toBe(167 * H);
  });

  it('isoWeekRange rejects malformed keys with a clear Error', () => {
    expect(() => isoWeekRange('2026W48', 'UTC')).toThrow('Malformed ISO week "2026W48"');
    expect(() => isoWeekRange('2026-W00', 'UTC')).toThrow('2026 has weeks 01 to 53');
    // 2025 starts on a Wednesday and is not a leap year: 52 weeks.
    expect(() => isoWeekRange('2025-W53', 'UTC')).toThrow('2025 has weeks 01 to 52');
    expect(() => isoWeekRange('2026-W48', 'Nowhere/Else')).toThrow('Unknown IANA time zone "Nowhere/Else"');
  });

  it('localDayRange gives 23 h and 25 h days at the DST changes', () => {
    expect(localDayRange('2026-11-23', 'Europe/Berlin')).toEqual({
      from: at('2026-11-23T00:00:00+01:00'),
      to: at('2026-11-24T00:00:00+01:00'),
    });
    const spring = localDayRange('2026-03-29', 'Europe/Berlin');
    expect(spring.to - spring.from).toBe(23 * H);
    const fall = localDayRange('2026-10-25', 'Europe/Berlin');
    expect(fall.to - fall.from).toBe(25 * H);
    expect(() => localDayRange('2026-02-30', 'UTC')).toThrow('Malformed date "2026-02-30"');
    expect(() => localDayRange('26-1-1', 'UTC')).toThrow('Malformed date "26-1-1"');
  });

  it('hourOfWeek counts from Monday 00:00 local', () => {
    expect(hourOfWeek(at('2026-11-23T00:00:00+01:00'), 'Europe/Berlin')).toBe(0);
    // Tue 13:45 → 24 + 13.
    expect(hourOfWeek(at('2026-11-24T13:45:00+01:00'), 'Europe/Berlin')).toBe(37);
    // Sun 23:59 → 6 × 24 + 23.
    expect(hourOfWeek(at('2026-11-29T23:59:00+01:00'), 'Europe/Berlin')).toBe(167);
    // Same instant, Monday 00:30 in Berlin but Sunday 23:30 in UTC.
    expect(hourOfWeek(at('2026-11-22T23:30:00Z'), 'Europe/Berlin')).toBe(0);
    expect(hourOfWeek(at('2026-11-22T23:30:00Z'), 'UTC')).toBe(167);
    // Fall back: both passes of 02:30 on Sun 2026-10-25 fall in the Sunday 02:00 cell (6 × 24 + 2).
    expect(hourOfWeek(at('2026-10-25T02:30:00+02:00'), 'Europe/Berlin')).toBe(146);
    expect(hourOfWeek(at('2026-10-25T02:30:00+01:00'), 'Europe/Berlin')).toBe(146);
    // Spring forward: 01:59 then 03:00 on Sun 2026-03-29 — the 02:00 cell is skipped.
    expect(hourOfWeek(at('2026-03-29T01:59:00+01:00'), 'Europe/Berlin')).toBe(145);
    expect(hourOfWeek(at('2026-03-29T03:00:00+02:00'), 'Europe/Berlin')).toBe(147);
  });

  it('starts a date at the first pass of a repeated local midnight (Asia/Tehran 1978-08-05)', () => {
    // Tehran went from +05:00 back to +04:00 at 01:00 on 1978-08-05, so 00:00–01:00 happened
    // twice; the date began at the first 00:00 (+05:00 = 08-04 19:00Z) and ended at 00:00+04:00
    // on 08-06 (= 08-05 20:00Z): 25 h.
    expect(localDayRange('1978-08-05', 'Asia/Tehran')).toEqual({
      from: at('1978-08-05T00:00:00+05:00'),
      to: at('1978-08-06T00:00:00+04:00'),
    });
    expect(localDate(at('1978-08-05T00:30:00+05:00'), 'Asia/Tehran')).toBe('1978-08-05');
    expect(localDate(at('1978-08-05T00:00:00+05:00') - 1, 'Asia/Tehran')).toBe('1978-08-04');
    const allSaturday = compileCalendar({ timezone: 'Asia/Tehran', week: { sat: [['00:00', '24:00']] } });
    expect(allSaturday.workingMs(at('1978-08-04T00:00:00+05:00'), at('1978-08-07T00:00:00+04:00'))).toBe(25 * H);
  });

  it('falls back to direct conversion outside 1900–2199', () => {
    // 1850-06-01T12:00Z in UTC is Saturday 12:00: 5 × 24 + 12.
    expect(localDate(at('1850-06-01T12:00:00Z'), 'UTC')).toBe('1850-06-01');
    expect(hourOfWeek(at('1850-06-01T12:00:00Z'), 'UTC')).toBe(132);
  });
});
