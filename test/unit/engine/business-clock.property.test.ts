import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { calendarClock, compileCalendar, type CalendarSpec } from '../../../lib/engine/business-clock';

const QUARTER = 15 * 60_000;
const DAY = 86_400_000;
const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// Zones with DST at 02:00/03:00 (Berlin, New York), at local midnight (Santiago), by 30 minutes
// (Lord Howe), with a 45-minute offset (Chatham), and without DST (Kolkata, UTC). All their
// offsets are whole quarter hours, so with quarter-hour windows a quarter-hour grid is exact.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
] as const;

// Days with DST changes in 2026 in those zones; random instants cluster around them.
const DST_DAYS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01'];

const clockTime = (quarter: number): string =>
  quarter === 96 ? '24:00' : `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

/** 0–3 non-overlapping quarter-hour windows for one day, possibly ending at 24:00. */
const dayWindows = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 }).map((edges) => {
  const sorted = [...edges].sort((a, b) => a - b);
  const windows: [string, string][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) windows.push([clockTime(sorted[i]), clockTime(sorted[i + 1])]);
  return windows;
});

const calendarSpec: fc.Arbitrary<CalendarSpec> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    days: fc.tuple(dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows),
    holidays: fc.subarray(DST_DAYS.concat(['2026-03-07', '2026-03-30', '2026-10-24', '2026-10-26'])),
  })
  .map(({ timezone, days, holidays }) => ({
    timezone,
    week: Object.fromEntries(DAY_KEYS.map((key, i) => [key, days[i]])),
    holidays,
  }))
  .filter((spec) => Object.values(spec.week).some((w) => (w?.length ?? 0) > 0));

/** A quarter-hour-aligned instant within two days either side of a 2026 DST change. */
const nearDstQuarter = fc
  .record({ day: fc.constantFrom(...DST_DAYS), quarters: fc.integer({ min: -2 * 96, max: 2 * 96 }) })
  .map(({ day, quarters }) => Date.parse(`${day}T00:00:00Z`) + quarters * QUARTER);

/** Any millisecond within a few days of a 2026 DST change. */
const nearDstInstant = fc
  .record({ day: fc.constantFrom(...DST_DAYS), ms: fc.integer({ min: -3 * DAY, max: 3 * DAY }) })
  .map(({ day, ms }) => Date.parse(`${day}T00:00:00Z`) + ms);

/** Working by definition: local wall time inside a window of its weekday, date not a holiday. */
function workingByLuxon(spec: CalendarSpec, t: number): boolean {
  const local = DateTime.fromMillis(t, { zone: spec.timezone });
  if (spec.holidays?.includes(local.toISODate() as string)) return false;
  const minute = local.hour * 60 + local.minute;
  const windows = spec.week[DAY_KEYS[local.weekday - 1]] ?? [];
  return windows.some(([s, e]) => {
    const [sh, sm] = s.split(':').map(Number);
    const [eh, em] = e.split(':').map(Number);
    return minute >= sh * 60 + sm && minute < eh * 60 + em;
  });
}

/** Working ms in [a, b) counted one quarter hour at a time, skipping pauses (a, b, pauses aligned). */
function oracleWorkingMs(spec: CalendarSpec, a: number, b: number, pauses: ReadonlyArray<readonly [number, number]> = []): number {
  let total = 0;
  for (let t = a; t < b; t += QUARTER) {
    if (pauses.some(([ps, pe]) => t >= ps && t < pe)) continue;
    if (workingByLuxon(spec, t)) total += QUARTER;
  }
  return total;
}

describe('business clock properties', () => {
  it('agrees with a quarter-hour count done directly with luxon, across DST days', () => {
    fc.assert(
      fc.property(calendarSpec, nearDstQuarter, fc.integer({ min: 0, max: 4 * 96 }), (spec, a, quarters) => {
        const b = a + quarters * QUARTER;
        expect(compileCalendar(spec).workingMs(a, b)).toBe(oracleWorkingMs(spec, a, b));
      }),
      { numRuns: 150 },
    );
  });

  it('isWorking agrees with the local wall-clock definition', () => {
    fc.assert(
      fc.property(calendarSpec, nearDstQuarter, fc.integer({ min: 0, max: QUARTER - 1 }), (spec, t, within) => {
        expect(compileCalendar(spec).isWorking(t + within)).toBe(workingByLuxon(spec, t));
      }),
      { numRuns: 300 },
    );
  });

  it('business time never exceeds calendar time', () => {
    fc.assert(
      fc.property(calendarSpec, nearDstInstant, nearDstInstant, (spec, a, b) => {
        const worked = compileCalendar(spec).workingMs(a, b);
        expect(worked).toBeGreaterThanOrEqual(0);
        expect(worked).toBeLessThanOrEqual(Math.max(0, b - a));
      }),
    );
  });

  it('is additive: w(a, c) = w(a, b) + w(b, c) for a <= b <= c', () => {
    fc.assert(
      fc.property(calendarSpec, fc.array(nearDstInstant, { minLength: 3, maxLength: 3 }), (spec, instants) => {
        const [a, b, c] = [...instants].sort((x, y) => x - y);
        const clock = compileCalendar(spec);
        expect(clock.workingMs(a, c)).toBe(clock.workingMs(a, b) + clock.workingMs(b, c));
      }),
    );
  });

  it('closed hours add no business time: nothing passes before the next opening', () => {
    fc.assert(
      fc.property(calendarSpec, nearDstInstant, (spec, t) => {
        const clock = compileCalendar(spec);
        const opening = clock.nextWorkingStart(t);
        expect(opening).toBeGreaterThanOrEqual(t);
        expect(clock.workingMs(t, opening)).toBe(0);
        expect(clock.isWorking(opening)).toBe(true);
        expect(opening === t).toBe(clock.isWorking(t));
      }),
    );
  });

  it('addWorkingMs inverts workingMs and returns the earliest such instant', () => {
    fc.assert(
      fc.property(calendarSpec, nearDstInstant, fc.integer({ min: 0, max: 5 * DAY }), (spec, start, ms) => {
        const clock = compileCalendar(spec);
        const due = clock.addWorkingMs(start, ms);
        expect(due).toBeGreaterThanOrEqual(start);
        expect(clock.workingMs(start, due)).toBe(ms);
        if (ms > 0) expect(clock.workingMs(start, due - 1)).toBe(ms - 1);
        const resumed = clock.addWorkingMs(start, ms, 'next-window-start');
        expect(resumed).toBeGreaterThanOrEqual(due);
        expect(clock.workingMs(due, resumed)).toBe(0);
        expect(clock.isWorking(resumed)).toBe(true);
      }),
    );
  });

  it('addWorkingMs is monotonic in ms and in start', () => {
    fc.assert(
      fc.property(
        calendarSpec,
        fc.array(nearDstInstant, { minLength: 2, maxLength: 2 }),
        fc.array(fc.integer({ min: 0, max: 3 * DAY }), { minLength: 2, maxLength: 2 }),
        (spec, starts, amounts) => {
          const clock = compileCalendar(spec);
          const [s1, s2] = [...starts].sort((x, y) => x - y);
          const [m1, m2] = [...amounts].sort((x, y) => x - y);
          expect(clock.addWorkingMs(s1, m1)).toBeLessThanOrEqual(clock.addWorkingMs(s1, m2));
          expect(clock.addWorkingMs(s1, m1)).toBeLessThanOrEqual(clock.addWorkingMs(s2, m1));
          expect(clock.addWorkingMs(s1, m1, 'next-window-start')).toBeLessThanOrEqual(clock.addWorkingMs(s2, m1, 'next-window-start'));
        },
      ),
    );
  });

  const quarterPauses = fc.array(
    fc.tuple(nearDstQuarter, fc.integer({ min: 0, max: 2 * 96 })).map(([s, q]) => [s, s + q * QUARTER] as const),
    { maxLength: 4 },
  );

  it('workingMsExcluding matches the quarter-hour count without the paused quarters, and is <= workingMs', () => {
    fc.assert(
      fc.property(calendarSpec, nearDstQuarter, fc.integer({ min: 0, max: 4 * 96 }), quarterPauses, (spec, a, quarters, pauses) => {
        const b = a + quarters * QUARTER;
        const clock = compileCalendar(spec);
        const excluding = clock.workingMsExcluding(a, b, pauses);
        expect(excluding).toBe(oracleWorkingMs(spec, a, b, pauses));
        expect(excluding).toBeLessThanOrEqual(clock.workingMs(a, b));
      }),
      { numRuns: 100 },
    );
  });

  it('addWorkingMs with pauses inverts workingMsExcluding', () => {
    fc.assert(
      fc.property(calendarSpec, nearDstInstant, fc.integer({ min: 0, max: 3 * DAY }), quarterPauses, (spec, start, ms, pauses) => {
        const clock = compileCalendar(spec);
        const due = clock.addWorkingMs(start, ms, 'window-end', pauses);
        expect(clock.workingMsExcluding(start, due, pauses)).toBe(ms);
        if (ms > 0) expect(clock.workingMsExcluding(start, due - 1, pauses)).toBe(ms - 1);
        const resumed = clock.addWorkingMs(start, ms, 'next-window-start', pauses);
        // Resuming passes no unpaused working time and lands on a working, unpaused instant.
        expect(resumed).toBeGreaterThanOrEqual(due);
        expect(clock.workingMsExcluding(due, resumed, pauses)).toBe(0);
        expect(clock.isWorking(resumed)).toBe(true);
        expect(pauses.some(([ps, pe]) => resumed >= ps && resumed < pe)).toBe(false);
      }),
    );
  });
});

describe('plain calendar clock properties', () => {
  it('counts every millisecond outside pauses', () => {
    const clock = calendarClock();
    fc.assert(
      fc.property(nearDstInstant, fc.integer({ min: 0, max: 3 * DAY }), (start, ms) => {
        expect(clock.workingMs(start, clock.addWorkingMs(start, ms))).toBe(ms);
        expect(clock.addWorkingMs(start, ms)).toBe(start + ms);
      }),
    );
  });
});
