import { describe, expect, it } from 'vitest';
import { calendarClock, compileCalendar, type CalendarSpec } from '../../../lib/engine/business-clock';
import { localDate, localDayRange } from '../../../lib/engine/local-time';

// Instants are written with their explicit offset so that no test depends on the module under
// test (or luxon) to turn local times into epoch ms. Berlin is +01:00 in winter, +02:00 in summer;
// New York is -05:00 in winter, -04:00 in summer.
const at = (iso: string): number => Date.parse(iso);
const H = 3_600_000;
const MIN = 60_000;

/** Berlin office: Mon/Wed/Thu 09–17, Tue with a lunch break, Fri night shift into Saturday. */
const berlinSpec: CalendarSpec = {
  timezone: 'Europe/Berlin',
  week: {
    mon: [['09:00', '17:00']],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['22:00', '24:00']],
    sat: [['00:00', '06:00']],
    sun: [],
  },
  holidays: ['2026-12-25'],
};
const berlin = compileCalendar(berlinSpec);

/** Mon–Fri 09:00–17:00 in Berlin. */
const office = compileCalendar({
  timezone: 'Europe/Berlin',
  week: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
});

describe('business clock: ordinary days (Europe/Berlin, November 2026)', () => {
  it('reports its kind and zone', () => {
    expect(berlin.kind).toBe('business');
    expect(berlin.timezone).toBe('Europe/Berlin');
  });

  it('counts time inside one window', () => {
    // Mon 2026-11-23 10:00 → 11:30, all inside 09:00–17:00: 1.5 h.
    expect(berlin.workingMs(at('2026-11-23T10:00:00+01:00'), at('2026-11-23T11:30:00+01:00'))).toBe(1.5 * H);
  });

  it('skips the lunch break', () => {
    // Tue 2026-11-24 11:00 → 14:00: 11–12 (1 h) + 13–14 (1 h); 12–13 is closed.
    expect(berlin.workingMs(at('2026-11-24T11:00:00+01:00'), at('2026-11-24T14:00:00+01:00'))).toBe(2 * H);
    expect(berlin.isWorking(at('2026-11-24T12:30:00+01:00'))).toBe(false);
    expect(berlin.nextWorkingStart(at('2026-11-24T12:30:00+01:00'))).toBe(at('2026-11-24T13:00:00+01:00'));
  });

  it('counts overnight across midnight as one continuous stretch', () => {
    // Fri 2026-11-27 23:00 → Sat 05:00: Fri 23–24 (1 h) + Sat 00–05 (5 h) = 6 h.
    expect(berlin.workingMs(at('2026-11-27T23:00:00+01:00'), at('2026-11-28T05:00:00+01:00'))).toBe(6 * H);
    // Local midnight is inside the merged stretch, not a closing and reopening.
    expect(berlin.isWorking(at('2026-11-28T00:00:00+01:00'))).toBe(true);
    expect(berlin.nextWorkingStart(at('2026-11-28T00:00:00+01:00'))).toBe(at('2026-11-28T00:00:00+01:00'));
  });

  it('counts a window ending at 24:00 up to local midnight', () => {
    // Fri 22:00 → 24:00 (= Sat 00:00): 2 h.
    expect(berlin.workingMs(at('2026-11-27T22:00:00+01:00'), at('2026-11-28T00:00:00+01:00'))).toBe(2 * H);
  });

  it('adds nothing over the weekend', () => {
    // Sat 06:00 → Mon 09:00: Sat after 06:00 and all of Sunday are closed.
    expect(berlin.workingMs(at('2026-11-28T06:00:00+01:00'), at('2026-11-30T09:00:00+01:00'))).toBe(0);
    // Sat 05:00 → Mon 10:00: Sat 05–06 (1 h) + Mon 09–10 (1 h).
    expect(berlin.workingMs(at('2026-11-28T05:00:00+01:00'), at('2026-11-30T10:00:00+01:00'))).toBe(2 * H);
    expect(berlin.isWorking(at('2026-11-29T12:00:00+01:00'))).toBe(false);
    expect(berlin.nextWorkingStart(at('2026-11-28T06:00:00+01:00'))).toBe(at('2026-11-30T09:00:00+01:00'));
  });

  it('closes a holiday for its whole local date only', () => {
    // Thu 2026-12-24 16:00 → Sat 12-26 07:00: Thu 16–17 (1 h); Fri 25 is a holiday, so its
    // 22–24 shift is closed; Sat 26 is not a holiday: 00–06 (6 h). Total 7 h.
    expect(berlin.workingMs(at('2026-12-24T16:00:00+01:00'), at('2026-12-26T07:00:00+01:00'))).toBe(7 * H);
    expect(berlin.isWorking(at('2026-12-25T23:00:00+01:00'))).toBe(false);
    expect(berlin.isWorking(at('2026-12-26T00:00:00+01:00'))).toBe(true);
  });

  it('is zero for empty or reversed ranges', () => {
    const t = at('2026-11-23T10:00:00+01:00');
    expect(berlin.workingMs(t, t)).toBe(0);
    expect(berlin.workingMs(t + H, t)).toBe(0);
  });

  it('treats windows as [start, end): open at 09:00, closed at 17:00', () => {
    expect(office.isWorking(at('2026-11-23T09:00:00+01:00'))).toBe(true);
    expect(office.isWorking(at('2026-11-23T17:00:00+01:00'))).toBe(false);
    expect(office.isWorking(at('2026-11-23T16:59:59.999+01:00'))).toBe(true);
  });

  it('answers for times far before and after the first query (the covered range grows both ways)', () => {
    // Touch November 2026 first, then ask about 2020 and 2031.
    const clock = compileCalendar({ timezone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] } });
    expect(clock.workingMs(at('2026-11-23T00:00:00+01:00'), at('2026-11-24T00:00:00+01:00'))).toBe(8 * H);
    // Mon 2020-01-06 09–17 (8 h).
    expect(clock.workingMs(at('2020-01-06T00:00:00+01:00'), at('2020-01-07T00:00:00+01:00'))).toBe(8 * H);
    // Mon 2031-01-06 09–17 (8 h).
    expect(clock.workingMs(at('2031-01-06T00:00:00+01:00'), at('2031-01-07T00:00:00+01:00'))).toBe(8 * H);
    // One Monday a week: 2020-01-06 (Mon) → 2020-03-02 (Mon) spans exactly 8 Mondays = 64 h.
    expect(clock.workingMs(at('2020-01-06T00:00:00+01:00'), at('2020-03-02T00:00:00+01:00'))).toBe(64 * H);
  });
});

describe('business clock: DST days', () => {
  const allSunday = (timezone: string) => compileCalendar({ timezone, week: { sun: [['00:00', '24:00']] } });
  const officeSunday = (timezone: string) => compileCalendar({ timezone, week: { sun: [['09:00', '17:00']] } });

  it('Europe/Berlin spring forward 2026-03-29: a 00:00–24:00 day holds 23 h, 09:00–17:00 holds 8 h', () => {
    // Sat 03-28 00:00 (+01:00) → Mon 03-30 00:00 (+02:00) contains only Sunday as working time.
    const from = at('2026-03-28T00:00:00+01:00');
    const to = at('2026-03-30T00:00:00+02:00');
    // Sunday runs from 00:00+01:00 (= Sat 23:00Z) to 24:00+02:00 (= Sun 22:00Z): 23 h.
    expect(allSunday('Europe/Berlin').workingMs(from, to)).toBe(23 * H);
    // 09:00+02:00 → 17:00+02:00, entirely after the change: 8 h.
    expect(officeSunday('Europe/Berlin').workingMs(from, to)).toBe(8 * H);
  });

  it('Europe/Berlin fall back 2026-10-25: a 00:00–24:00 day holds 25 h, 09:00–17:00 holds 8 h', () => {
    const from = at('2026-10-24T00:00:00+02:00');
    const to = at('2026-10-26T00:00:00+01:00');
    // Sunday runs from 00:00+02:00 (= Sat 22:00Z) to 24:00+01:00 (= Sun 23:00Z): 25 h.
    expect(allSunday('Europe/Berlin').workingMs(from, to)).toBe(25 * H);
    expect(officeSunday('Europe/Berlin').workingMs(from, to)).toBe(8 * H);
  });

  it('a window inside the skipped hour is empty; one spanning the repeated hour counts it twice', () => {
    const clock = compileCalendar({
      timezone: 'Europe/Berlin',
      week: { sun: [['01:00', '04:00']], mon: [['02:00', '03:00']] },
    });
    // Spring forward Sun 2026-03-29: wall times 02:00–03:00 never occur, so 01:00–04:00 is
    // 01:00+01:00 (00:00Z) → 04:00+02:00 (02:00Z) = 2 real hours.
    expect(clock.workingMs(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(2 * H);
    // Fall back Sun 2026-10-25: 01:00+02:00 (23:00Z Sat) → 04:00+01:00 (03:00Z) = 4 real hours.
    expect(clock.workingMs(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(4 * H);
    // Both passes of 02:30 are working, and 02:00+02:00 → 02:00+01:00 is a continuous stretch.
    expect(clock.isWorking(at('2026-10-25T02:30:00+02:00'))).toBe(true);
    expect(clock.isWorking(at('2026-10-25T02:30:00+01:00'))).toBe(true);

    const skipped = compileCalendar({ timezone: 'Europe/Berlin', week: { sun: [['02:00', '03:00']] } });
    // Spring forward: 02:00–03:00 has zero length.
    expect(skipped.workingMs(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(0);
    // Fall back: the hour happens twice, 00:00Z–01:00Z (+02:00) and 01:00Z–02:00Z (+01:00), 2 h.
    expect(skipped.workingMs(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(2 * H);
  });

  it('America/New_York spring forward 2026-03-08 (23 h) and fall back 2026-11-01 (25 h)', () => {
    const all = allSunday('America/New_York');
    const nine = officeSunday('America/New_York');
    // 00:00-05:00 (05:00Z) → 24:00-04:00 (04:00Z Mon): 23 h.
    expect(all.workingMs(at('2026-03-07T00:00:00-05:00'), at('2026-03-09T00:00:00-04:00'))).toBe(23 * H);
    // 00:00-04:00 (04:00Z) → 24:00-05:00 (05:00Z Mon): 25 h.
    expect(all.workingMs(at('2026-10-31T00:00:00-04:00'), at('2026-11-02T00:00:00-05:00'))).toBe(25 * H);
    expect(nine.workingMs(at('2026-03-07T00:00:00-05:00'), at('2026-03-09T00:00:00-04:00'))).toBe(8 * H);
    expect(nine.workingMs(at('2026-10-31T00:00:00-04:00'), at('2026-11-02T00:00:00-05:00'))).toBe(8 * H);
    // 12 working hours from Sun 03-08 00:00: 00–02 (2 h, EST) then 03:00 EDT onwards: 10 more
    // hours end at 13:00 EDT.
    expect(all.addWorkingMs(at('2026-03-08T00:00:00-05:00'), 12 * H)).toBe(at('2026-03-08T13:00:00-04:00'));
  });

  it('handles a zone whose DST change skips local midnight (America/Santiago 2026-09-06)', () => {
    // Chile springs forward at 24:00 on Saturday: Sunday starts at 01:00-03:00.
    expect(localDayRange('2026-09-06', 'America/Santiago')).toEqual({
      from: at('2026-09-06T01:00:00-03:00'),
      to: at('2026-09-07T00:00:00-03:00'),
    });
    const sunday = allSunday('America/Santiago');
    // 01:00 → 24:00 local: 23 h.
    expect(sunday.workingMs(at('2026-09-05T00:00:00-04:00'), at('2026-09-08T00:00:00-03:00'))).toBe(23 * H);
  });
});

describe('addWorkingMs', () => {
  const mon0900 = at('2026-11-23T09:00:00+01:00');

  it('lands exactly at 17:00: window-end returns the closing, next-window-start the next opening', () => {
    // 8 h from Mon 09:00 uses up Monday exactly.
    expect(office.addWorkingMs(mon0900, 8 * H)).toBe(at('2026-11-23T17:00:00+01:00'));
    expect(office.addWorkingMs(mon0900, 8 * H, 'window-end')).toBe(at('2026-11-23T17:00:00+01:00'));
    expect(office.addWorkingMs(mon0900, 8 * H, 'next-window-start')).toBe(at('2026-11-24T09:00:00+01:00'));
    // One ms more lands inside Tuesday: both landings agree.
    expect(office.addWorkingMs(mon0900, 8 * H + 1, 'next-window-start')).toBe(at('2026-11-24T09:00:00+01:00') + 1);
  });

  it('starts counting at the next opening from a closed time (Saturday)', () => {
    // Sat 12:00 + 1 h: nothing until Mon 09:00, then 1 h → Mon 10:00.
    expect(office.addWorkingMs(at('2026-11-28T12:00:00+01:00'), H)).toBe(at('2026-11-30T10:00:00+01:00'));
    // Fri 16:00 + 3 h: Fri 16–17 (1 h), then Mon 09–11 (2 h).
    expect(office.addWorkingMs(at('2026-11-27T16:00:00+01:00'), 3 * H)).toBe(at('2026-11-30T11:00:00+01:00'));
  });

  it('runs across the merged midnight stretch without treating 24:00 as a closing', () => {
    // Fri 23:00 + 1 h = Sat 00:00, which is inside the continuous Fri 22:00 → Sat 06:00 stretch.
    expect(berlin.addWorkingMs(at('2026-11-27T23:00:00+01:00'), H, 'next-window-start')).toBe(at('2026-11-28T00:00:00+01:00'));
    // Fri 22:00 + 8 h ends the stretch at Sat 06:00; the next opening is Mon 09:00.
    expect(berlin.addWorkingMs(at('2026-11-27T22:00:00+01:00'), 8 * H)).toBe(at('2026-11-28T06:00:00+01:00'));
    expect(berlin.addWorkingMs(at('2026-11-27T22:00:00+01:00'), 8 * H, 'next-window-start')).toBe(at('2026-11-30T09:00:00+01:00'));
  });

  it('skips pauses', () => {
    // Mon 09:00 + 4 h with a pause 10:00–11:00: 09–10 (1 h), paused, 11–14 (3 h) → 14:00.
    const pause = [at('2026-11-23T10:00:00+01:00'), at('2026-11-23T11:00:00+01:00')] as const;
    expect(office.addWorkingMs(mon0900, 4 * H, 'window-end', [pause])).toBe(at('2026-11-23T14:00:00+01:00'));
    // Overlapping, unsorted pauses 12:00–15:00 and 10:00–13:00 merge into 10:00–15:00:
    // 09–10 (1 h) then 15–17 (2 h) = 3 h; 1 more hour runs Tue 09–10.
    const pauses = [
      [at('2026-11-23T12:00:00+01:00'), at('2026-11-23T15:00:00+01:00')],
      [at('2026-11-23T10:00:00+01:00'), at('2026-11-23T13:00:00+01:00')],
    ] as const;
    expect(office.addWorkingMs(mon0900, 4 * H, 'window-end', pauses)).toBe(at('2026-11-24T10:00:00+01:00'));
    // A pause over the weekend and into Monday: Fri 16:00 + 2 h, paused Sat 00:00 → Mon 10:00:
    // Fri 16–17 (1 h), then Mon 10–11 (1 h).
    const weekend = [[at('2026-11-28T00:00:00+01:00'), at('2026-11-30T10:00:00+01:00')]] as const;
    expect(office.addWorkingMs(at('2026-11-27T16:00:00+01:00'), 2 * H, 'window-end', weekend)).toBe(at('2026-11-30T11:00:00+01:00'));
  });

  it('a deadline landing where a pause starts: window-end returns it, next-window-start the resumption', () => {
    // Mon 09:00 + 1 h reaches 10:00 exactly as a pause 10:00–12:00 begins.
    const pause = [[at('2026-11-23T10:00:00+01:00'), at('2026-11-23T12:00:00+01:00')]] as const;
    expect(office.addWorkingMs(mon0900, H, 'window-end', pause)).toBe(at('2026-11-23T10:00:00+01:00'));
    expect(office.addWorkingMs(mon0900, H, 'next-window-start', pause)).toBe(at('2026-11-23T12:00:00+01:00'));
  });

  it('ms = 0 returns start, or the next opening for next-window-start from a closed time', () => {
    const mon1000 = at('2026-11-23T10:00:00+01:00');
    expect(office.addWorkingMs(mon1000, 0)).toBe(mon1000);
    expect(office.addWorkingMs(mon1000, 0, 'next-window-start')).toBe(mon1000);
    const sat = at('2026-11-28T12:00:00+01:00');
    expect(office.addWorkingMs(sat, 0)).toBe(sat);
    expect(office.addWorkingMs(sat, 0, 'next-window-start')).toBe(at('2026-11-30T09:00:00+01:00'));
    // At the closing instant itself (17:00 is not working) the next opening is Tue 09:00.
    expect(office.addWorkingMs(at('2026-11-23T17:00:00+01:00'), 0, 'next-window-start')).toBe(at('2026-11-24T09:00:00+01:00'));
  });

  it('workingMsExcluding subtracts only the working part of the pauses', () => {
    // Mon 08:00 → 18:00 is 8 working hours; pauses 07:00–10:00 (working part 09–10, 1 h) and
    // 16:30–19:00 (working part 16:30–17:00, 0.5 h): 8 − 1.5 = 6.5 h.
    const pauses = [
      [at('2026-11-23T16:30:00+01:00'), at('2026-11-23T19:00:00+01:00')],
      [at('2026-11-23T07:00:00+01:00'), at('2026-11-23T10:00:00+01:00')],
    ] as const;
    expect(office.workingMsExcluding(at('2026-11-23T08:00:00+01:00'), at('2026-11-23T18:00:00+01:00'), pauses)).toBe(6.5 * H);
    expect(office.workingMsExcluding(at('2026-11-23T08:00:00+01:00'), at('2026-11-23T18:00:00+01:00'), [])).toBe(8 * H);
  });
});

describe('plain calendar clock', () => {
  const clock = calendarClock();

  it('counts every millisecond, in UTC unless told otherwise', () => {
    expect(clock.kind).toBe('calendar');
    expect(clock.timezone).toBe('UTC');
    expect(calendarClock('Europe/Berlin').timezone).toBe('Europe/Berlin');
    // Sat 00:00Z → Mon 00:00Z: 48 h, weekend or not.
    expect(clock.workingMs(at('2026-11-28T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toBe(48 * H);
    expect(clock.workingMs(at('2026-11-30T00:00:00Z'), at('2026-11-28T00:00:00Z'))).toBe(0);
    expect(clock.isWorking(at('2026-11-29T03:00:00Z'))).toBe(true);
    expect(clock.nextWorkingStart(at('2026-11-29T03:00:00Z'))).toBe(at('2026-11-29T03:00:00Z'));
  });

  it('adds time and skips pauses', () => {
    const start = at('2026-11-23T09:00:00Z');
    expect(clock.addWorkingMs(start, 90 * MIN)).toBe(at('2026-11-23T10:30:00Z'));
    // A 2 h pause from 10:00: 1 h before it, 30 min after it → 12:30.
    const pause = [[at('2026-11-23T10:00:00Z'), at('2026-11-23T12:00:00Z')]] as const;
    expect(clock.addWorkingMs(start, 90 * MIN, 'window-end', pause)).toBe(at('2026-11-23T12:30:00Z'));
    // Landing on the pause start: next-window-start waits for the pause to end.
    expect(clock.addWorkingMs(start, H, 'next-window-start', pause)).toBe(at('2026-11-23T12:00:00Z'));
    // 3 h minus the 2 h pause.
    expect(clock.workingMsExcluding(start, at('2026-11-23T12:00:00Z'), pause)).toBe(H);
  });
});

describe('bad input', () => {
  it('rejects an unknown time zone', () => {
    expect(() => compileCalendar({ timezone: 'Mars/Olympus', week: {} })).toThrow('Unknown IANA time zone "Mars/Olympus"');
    expect(() => calendarClock('Mars/Olympus')).toThrow('Unknown IANA time zone "Mars/Olympus"');
    expect(() => localDate(0, 'Mars/Olympus')).toThrow('Unknown IANA time zone "Mars/Olympus"');
  });

  it('rejects a window that ends before it starts, malformed times, overlaps and bad holidays', () => {
    expect(() => compileCalendar({ timezone: 'UTC', week: { mon: [['17:00', '09:00']] } })).toThrow(
      'window 17:00–09:00 on mon must end after it starts',
    );
    expect(() => compileCalendar({ timezone: 'UTC', week: { mon: [['09:00', '09:00']] } })).toThrow('must end after it starts');
    expect(() => compileCalendar({ timezone: 'UTC', week: { mon: [['9:00', '17:00']] } })).toThrow('"9:00" on mon is not a time of day');
    expect(() => compileCalendar({ timezone: 'UTC', week: { mon: [['24:00', '24:00']] } })).toThrow('must end after it starts');
    expect(() =>
      compileCalendar({
        timezone: 'UTC',
        week: {
          tue: [
            ['13:00', '17:00'],
            ['09:00', '14:00'],
          ],
        },
      }),
    ).toThrow('windows on tue overlap');
    expect(() => compileCalendar({ timezone: 'UTC', week: {}, holidays: ['2026-13-01'] })).toThrow('holiday "2026-13-01" is not a date');
    expect(() => compileCalendar({ timezone: 'UTC', week: { xyz: [] } as CalendarSpec['week'] })).toThrow('unknown day "xyz"');
  });

  it('a calendar with no windows has no working time and cannot produce a due time', () => {
    const closed = compileCalendar({ timezone: 'Europe/Berlin', week: { mon: [] } });
    const t = at('2026-11-23T10:00:00+01:00');
    expect(closed.workingMs(t, t + 100 * H)).toBe(0);
    expect(closed.isWorking(t)).toBe(false);
    expect(() => closed.addWorkingMs(t, H)).toThrow('has no working windows');
    expect(() => closed.nextWorkingStart(t)).toThrow('has no working windows');
  });

  it('gives up after 10 years when holidays cover every working day', () => {
    // Only Mondays work, and every Monday from 2026-11-23 to the end of 2037 is a holiday.
    const holidays: string[] = [];
    for (let t = Date.UTC(2026, 10, 23); t < Date.UTC(2038, 0, 1); t += 7 * 24 * H) holidays.push(new Date(t).toISOString().slice(0, 10));
    const clock = compileCalendar({ timezone: 'UTC', week: { mon: [['09:00', '17:00']] }, holidays });
    expect(() => clock.addWorkingMs(at('2026-11-23T00:00:00Z'), H)).toThrow('No working time found within 10 years');
    expect(() => clock.nextWorkingStart(at('2026-11-23T00:00:00Z'))).toThrow('No working time found within 10 years');
  });

  it('rejects non-finite times, negative durations and an unknown landing', () => {
    expect(() => office.workingMs(Number.NaN, 0)).toThrow('Expected a time in epoch milliseconds, got NaN');
    expect(() => office.addWorkingMs(0, -1)).toThrow('must be a finite number of ms >= 0');
    expect(() => office.addWorkingMs(at('2026-11-23T09:00:00+01:00'), H, 'later' as never)).toThrow('Unknown landing "later"');
    expect(() => office.isWorking(at('2250-01-01T00:00:00Z'))).toThrow('outside the supported range 1900–2199');
    // An open-ended pause means the clock never runs again.
    expect(() =>
      office.addWorkingMs(at('2026-11-23T09:00:00+01:00'), 2 * H, 'window-end', [[at('2026-11-23T10:00:00+01:00'), Infinity]]),
    ).toThrow('paused indefinitely');
  });
});
