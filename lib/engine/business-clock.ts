/**
 * Business clocks for the metrics engine: how much working time lies between two instants on
 * a business calendar, and when a given amount of working time will have passed (due times).
 *
 * A business calendar is compiled into a sorted list of working intervals in UTC epoch ms,
 * built lazily day by day from the zone's local days (local-time.ts) around the instants asked
 * about, with running totals of working time ("cum"). Then workingMs(a, b) = cum(b) − cum(a)
 * (two binary searches) and a due time is found by inverting cum. Intervals that touch
 * (22:00–24:00 then 00:00–06:00 the next day) are merged into one continuous stretch.
 *
 * What "working" means, including on DST days: an instant is working when its local
 * wall-clock time, on its local date, falls inside one of that weekday's windows [start, end)
 * and the date is not a holiday. Consequences, all deliberate:
 * - spring forward (Europe/Berlin 2026-03-29, 02:00→03:00): the skipped wall times never
 *   happen, so a 02:00–03:00 window is empty and a 00:00–24:00 day holds 23 h;
 * - fall back (Europe/Berlin 2026-10-25, 03:00→02:00): the repeated wall times happen twice
 *   and count twice, so a 01:00–04:00 window holds 4 real hours and a 00:00–24:00 day 25 h;
 * - windows clear of the change (09:00–17:00) keep their usual length.
 */
import { assertTime, assertZone, DAY_MS, isIsoDate, MINUTE_MS, SUPPORTED_TO, zoneDaysOf, type LocalDay, type ZoneDays } from './local-time';

export const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof DAY_KEYS)[number];

/**
 * A business calendar as the engine reads it: IANA zone, working windows ["HH:MM", "HH:MM"]
 * per weekday (several per day; "24:00" ends a day), holidays as local dates "YYYY-MM-DD".
 * The timeline file format (lib/timeline/schema.ts) declares its schema to produce this type.
 */
export interface CalendarSpec {
  timezone: string;
  week: Partial<Record<DayKey, Array<[string, string]>>>;
  holidays?: string[];
}

export type Landing = 'window-end' | 'next-window-start';

export interface WorkClock {
  readonly kind: 'business' | 'calendar';
  readonly timezone: string;
  /**
   * False for a business calendar with no working window on any day: no working time ever
   * passes, so it has no due times (addWorkingMs and nextWorkingStart throw). Each definition
   * profile decides what such a calendar means for figures and targets (profiles.ts).
   */
  readonly hasWorkingTime: boolean;
  /** Working milliseconds in [a, b); 0 when b <= a. */
  workingMs(a: number, b: number): number;
  /** Working ms in [a,b) excluding the given pause intervals [start,end) (may overlap, unsorted). */
  workingMsExcluding(a: number, b: number, pauses: ReadonlyArray<readonly [number, number]>): number;
  /**
   * The due time: the earliest instant t >= start with workingMs(start, t) === ms (ms >= 0),
   * skipping pause intervals too when given. When that instant is not itself a running
   * instant (it is the end of a working window, the start of a pause, or — for ms === 0 —
   * a closed or paused start), 'window-end' (default) returns it as is and
   * 'next-window-start' returns the next instant at which the clock runs again.
   * So ms === 0 returns start for 'window-end', and start or the next opening for
   * 'next-window-start'.
   */
  addWorkingMs(start: number, ms: number, landing?: Landing, pauses?: ReadonlyArray<readonly [number, number]>): number;
  isWorking(t: number): boolean;
  /** Next instant >= t that is working (t itself when working). */
  nextWorkingStart(t: number): number;
}

/** How far ahead a due time or the next opening is searched before giving up. */
const SEARCH_LIMIT_MS = 10 * 366 * DAY_MS;
const CLOCK_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

type Pauses = ReadonlyArray<readonly [number, number]>;

/** Pauses clipped to [from, to), sorted and merged; empty ones dropped. */
/**
 * True when the pauses are non-empty number intervals in time order and apart (each starts at or
 * after the end of the one before), as the engine builds them: such a list needs no sorted,
 * merged copy. NaN fails `stop > start`, so a bad pause still reaches normalisePauses' error.
 */
function inOrder(pauses: Pauses): boolean {
  let end = -Infinity;
  for (let i = 0; i < pauses.length; i++) {
    const start = pauses[i][0];
    const stop = pauses[i][1];
    if (typeof start !== 'number' || typeof stop !== 'number' || !(stop > start) || start < end) return false;
    end = stop;
  }
  return true;
}

function normalisePauses(pauses: Pauses, from: number, to: number): Array<[number, number]> {
  const clipped: Array<[number, number]> = [];
  for (const pause of pauses) {
    const [start, end] = pause;
    if (Number.isNaN(start) || Number.isNaN(end) || typeof start !== 'number' || typeof end !== 'number') {
      throw new RangeError(`A pause must be [start, end) in epoch milliseconds, got [${String(start)}, ${String(end)}]`);
    }
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e > s) clipped.push([s, e]);
  }
  clipped.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const pause of clipped) {
    const last = merged[merged.length - 1];
    if (last && pause[0] <= last[1]) last[1] = Math.max(last[1], pause[1]);
    else merged.push(pause);
  }
  return merged;
}

/**
 * The arithmetic shared by both clocks, on top of four primitives: cum(t) (working ms up to t
 * from some fixed origin), the earliest instant at which cum reaches a value, isWorking and
 * nextWorkingStart.
 */
abstract class Clock implements WorkClock {
  abstract readonly kind: 'business' | 'calendar';
  abstract readonly hasWorkingTime: boolean;
  abstract readonly timezone: string;
  abstract workingMs(a: number, b: number): number;
  abstract isWorking(t: number): boolean;
  abstract nextWorkingStart(t: number): number;
  /** Earliest t > from with workingMs(from, t) === ms, for ms > 0. */
  protected abstract runFor(from: number, ms: number): number;

  workingMsExcluding(a: number, b: number, pauses: Pauses): number {
    const total = this.workingMs(a, b);
    if (total === 0 || pauses.length === 0) return total;
    const list = inOrder(pauses) ? pauses : normalisePauses(pauses, a, b);
    let paused = 0;
    for (let i = 0; i < list.length; i++) {
      const s = Math.max(list[i][0], a);
      const e = Math.min(list[i][1], b);
      if (e > s) paused += this.workingMs(s, e);
    }
    return total - paused;
  }

  addWorkingMs(start: number, ms: number, landing: Landing = 'window-end', pauses?: Pauses): number {
    assertTime(start, 'start time');
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`Working time to add must be a finite number of ms >= 0, got ${String(ms)}`);
    }
    if (landing !== 'window-end' && landing !== 'next-window-start') {
      throw new RangeError(`Unknown landing "${String(landing)}"`);
    }
    if (!pauses || pauses.length === 0) {
      // The common case, without a pause list to walk.
      const due = ms === 0 ? start : this.runFor(start, ms);
      return landing === 'next-window-start' ? this.nextWorkingStart(due) : due;
    }
    const paused = inOrder(pauses) ? pauses : normalisePauses(pauses, start, Infinity);
    let due = NaN;
    if (ms === 0) {
      due = start;
    } else {
      let cursor = start;
      let remaining = ms;
      for (let i = 0; i < paused.length; i++) {
        const ps = paused[i][0];
        const pe = paused[i][1];
        if (pe <= cursor) continue; // over before the clock gets there (or empty)
        if (ps > cursor) {
          const available = this.workingMs(cursor, ps);
          if (available >= remaining) {
            due = this.runFor(cursor, remaining);
            break;
          }
          remaining -= available;
        }
        cursor = pe;
      }
      if (Number.isNaN(due)) {
        if (!Number.isFinite(cursor)) throw new RangeError('The clock is paused indefinitely, so no due time exists');
        due = this.runFor(cursor, remaining);
      }
    }
    return landing === 'next-window-start' ? this.nextRunningStart(due, paused) : due;
  }

  /** Next instant >= t that is working and not paused. */
  private nextRunningStart(t: number, paused: ReadonlyArray<readonly [number, number]>): number {
    let at = this.nextWorkingStart(t);
    for (const [ps, pe] of paused) {
      if (pe <= at) continue;
      if (ps > at) break;
      if (!Number.isFinite(pe)) throw new RangeError('The clock is paused indefinitely, so it never runs again');
      at = this.nextWorkingStart(pe);
    }
    return at;
  }
}

/** 24/7: every millisecond counts. */
class CalendarClock extends Clock {
  readonly kind = 'calendar' as const;
  readonly hasWorkingTime = true;

  constructor(readonly timezone: string) {
    super();
  }

  workingMs(a: number, b: number): number {
    assertTime(a);
    assertTime(b);
    return b > a ? b - a : 0;
  }

  isWorking(t: number): boolean {
    assertTime(t);
    return true;
  }

  nextWorkingStart(t: number): number {
    assertTime(t);
    return t;
  }

  protected runFor(from: number, ms: number): number {
    return from + ms;
  }
}

/** Windows per ISO weekday (index 1..7) as flattened [startMinute, endMinute, …] pairs. */
type WeekWindows = ReadonlyArray<readonly number[]>;

class BusinessClock extends Clock {
  readonly kind = 'business' as const;
  // Working intervals [starts[i], ends[i]), sorted, disjoint and never touching, with the
  // working ms before and after each one. Values of cum never change once assigned, so
  // extending the covered range in either direction leaves earlier answers valid.
  private starts: number[] = [];
  private ends: number[] = [];
  private cumBefore: number[] = [];
  private cumAfter: number[] = [];
  /** Range of local days already turned into intervals (NaN until the first query). */
  private coverFrom = NaN;
  private coverTo = NaN;
  /** Last answers of the two interval searches (checked before use, so a stale one only costs a search). */
  private startHint = 0;
  private dueHint = 0;
  private readonly days: ZoneDays;
  readonly hasWorkingTime: boolean;

  constructor(
    readonly timezone: string,
    private readonly week: WeekWindows,
    private readonly holidays: ReadonlySet<string>,
  ) {
    super();
    this.days = zoneDaysOf(timezone);
    this.hasWorkingTime = week.some((w) => w.length > 0);
  }

  workingMs(a: number, b: number): number {
    if (!(a >= this.coverFrom && b < this.coverTo)) {
      assertTime(a);
      assertTime(b);
      if (!(b > a) || !this.hasWorkingTime) return 0;
      this.cover(a);
      this.cover(b);
    } else if (!(b > a)) {
      return 0;
    }
    return this.cumAt(b) - this.cumAt(a);
  }

  isWorking(t: number): boolean {
    assertTime(t);
    if (!this.hasWorkingTime) return false;
    this.cover(t);
    const i = this.lastStartingAtOrBefore(t);
    return i >= 0 && t < this.ends[i];
  }

  nextWorkingStart(t: number): number {
    assertTime(t);
    this.assertHasWindows();
    this.cover(t);
    for (;;) {
      const i = this.firstEndingAfter(t);
      if (i < this.ends.length) return this.withinSearchLimit(t, Math.max(t, this.starts[i]));
      this.extendSearch(t);
    }
  }

  protected runFor(from: number, ms: number): number {
    this.assertHasWindows();
    this.cover(from);
    const target = this.cumAt(from) + ms;
    while (!(this.cumAfter.length && this.cumAfter[this.cumAfter.length - 1] >= target)) this.extendSearch(from);
    // First interval whose running total reaches the target; cum rises linearly inside it.
    // Due times of one conversation fall close together: try the last answer and the next one first.
    const cumAfter = this.cumAfter;
    let lo = this.dueHint;
    if (!(lo < cumAfter.length && cumAfter[lo] >= target && (lo === 0 || cumAfter[lo - 1] < target))) {
      lo = lo + 1 < cumAfter.length && cumAfter[lo + 1] >= target && cumAfter[lo] < target ? lo + 1 : 0;
      if (lo === 0) {
        let hi = cumAfter.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cumAfter[mid] >= target) hi = mid;
          else lo = mid + 1;
        }
      }
      this.dueHint = lo;
    }
    const due = this.starts[lo] + (target - this.cumBefore[lo]);
    if (due - from > SEARCH_LIMIT_MS) this.searchFailed(from);
    return due;
  }

  private assertHasWindows(): void {
    if (!this.hasWorkingTime) {
      throw new Error(`The business calendar (${this.timezone}) has no working windows, so no working time ever passes`);
    }
  }

  /** Adds more days ahead for a forward search from `from`, up to the search limit. */
  private extendSearch(from: number): void {
    if (this.coverTo - from > SEARCH_LIMIT_MS || this.coverTo >= SUPPORTED_TO) this.searchFailed(from);
    this.cover(this.coverTo);
  }

  private withinSearchLimit(from: number, found: number): number {
    if (found - from > SEARCH_LIMIT_MS) this.searchFailed(from);
    return found;
  }

  private searchFailed(from: number): never {
    throw new Error(
      `No working time found within 10 years after ${new Date(from).toISOString()} on the business calendar (${this.timezone}); check its windows and holidays`,
    );
  }

  private cumAt(t: number): number {
    const i = this.lastStartingAtOrBefore(t);
    if (i < 0) return this.cumBefore.length ? this.cumBefore[0] : 0;
    return t < this.ends[i] ? this.cumBefore[i] + (t - this.starts[i]) : this.cumAfter[i];
  }

  private lastStartingAtOrBefore(t: number): number {
    const starts = this.starts;
    const n = starts.length;
    if (n === 0 || t < starts[0]) return -1;
    // Instants asked about come in runs close together: try the last answer and the next one first.
    const h = this.startHint;
    if (h < n && starts[h] <= t) {
      if (h + 1 === n || starts[h + 1] > t) return h;
      if (h + 2 === n || starts[h + 2] > t) return (this.startHint = h + 1);
    }
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    this.startHint = lo;
    return lo;
  }

  private firstEndingAfter(t: number): number {
    const ends = this.ends;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Makes sure the local day containing t (inclusive of a range end at t) has its intervals. */
  private cover(t: number): void {
    if (t >= this.coverFrom && t < this.coverTo) return;
    this.days.cover(t);
    const tableFrom = this.days.from;
    const tableTo = this.days.to;
    if (Number.isNaN(this.coverFrom)) {
      this.append(this.days.daysBetween(tableFrom, tableTo));
    } else {
      if (tableTo > this.coverTo) this.append(this.days.daysBetween(this.coverTo, tableTo));
      if (tableFrom < this.coverFrom) this.prepend(this.days.daysBetween(tableFrom, this.coverFrom));
    }
    this.coverFrom = tableFrom;
    this.coverTo = tableTo;
  }

  private append(days: LocalDay[]): void {
    const { starts, ends, cumBefore, cumAfter } = this;
    for (const day of days) {
      this.forEachInterval(day, (s, e) => {
        const last = ends.length - 1;
        if (last >= 0 && ends[last] === s) {
          ends[last] = e;
          cumAfter[last] += e - s;
        } else {
          const before = last >= 0 ? cumAfter[last] : 0;
          starts.push(s);
          ends.push(e);
          cumBefore.push(before);
          cumAfter.push(before + (e - s));
        }
      });
    }
  }

  private prepend(days: LocalDay[]): void {
    const s0: number[] = [];
    const e0: number[] = [];
    for (const day of days) {
      this.forEachInterval(day, (s, e) => {
        const last = e0.length - 1;
        if (last >= 0 && e0[last] === s) e0[last] = e;
        else {
          s0.push(s);
          e0.push(e);
        }
      });
    }
    // Join the new block to the existing first interval when they touch at the seam.
    if (s0.length && this.starts.length && e0[e0.length - 1] === this.starts[0]) {
      const joined = e0.length - 1;
      this.cumBefore[0] -= this.starts[0] - s0[joined];
      this.starts[0] = s0[joined];
      s0.pop();
      e0.pop();
    }
    // Running totals count backwards from the first existing value so old values stay put.
    let running = this.cumBefore.length ? this.cumBefore[0] : 0;
    const b0 = new Array<number>(s0.length);
    const a0 = new Array<number>(s0.length);
    for (let i = s0.length - 1; i >= 0; i--) {
      a0[i] = running;
      running -= e0[i] - s0[i];
      b0[i] = running;
    }
    this.starts = s0.concat(this.starts);
    this.ends = e0.concat(this.ends);
    this.cumBefore = b0.concat(this.cumBefore);
    this.cumAfter = a0.concat(this.cumAfter);
  }

  /** The working intervals of one local day, in time order. */
  private forEachInterval(day: LocalDay, emit: (start: number, end: number) => void): void {
    if (this.holidays.has(day.date)) return;
    const windows = this.week[day.weekday];
    if (windows.length === 0) return;
    const segments = day.segments;
    for (let k = 0; k < segments.length; k += 2) {
      const segFrom = segments[k];
      const segTo = k + 2 < segments.length ? segments[k + 2] : day.end;
      // Inside one segment wall time = instant + offset, so a window maps to one interval.
      const base = day.wallMidnight - segments[k + 1];
      for (let w = 0; w < windows.length; w += 2) {
        const s = Math.max(segFrom, base + windows[w] * MINUTE_MS);
        const e = Math.min(segTo, base + windows[w + 1] * MINUTE_MS);
        if (e > s) emit(s, e);
      }
    }
  }
}

function parseClockTime(value: unknown, day: string): number {
  const match = typeof value === 'string' ? CLOCK_TIME.exec(value) : null;
  if (!match) throw new RangeError(`Business calendar: "${String(value)}" on ${day} is not a time of day "HH:MM" (00:00 to 24:00)`);
  return match[3] ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
}

/** Compiles a business calendar into a clock. Throws a clear Error on an invalid calendar. */
export function compileCalendar(spec: CalendarSpec): WorkClock {
  if (!spec || typeof spec !== 'object') throw new TypeError('Business calendar: expected { timezone, week, holidays? }');
  assertZone(spec.timezone);
  const weekSpec = (spec.week ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(weekSpec)) {
    if (!(DAY_KEYS as readonly string[]).includes(key)) {
      throw new RangeError(`Business calendar: unknown day "${key}" (expected ${DAY_KEYS.join(', ')})`);
    }
  }
  const week: number[][] = [[]];
  for (const day of DAY_KEYS) {
    const raw = weekSpec[day] ?? [];
    if (!Array.isArray(raw)) throw new TypeError(`Business calendar: ${day} must be a list of ["HH:MM", "HH:MM"] windows`);
    const windows = raw.map((window: unknown) => {
      if (!Array.isArray(window) || window.length !== 2) {
        throw new TypeError(`Business calendar: each window on ${day} must be ["HH:MM", "HH:MM"]`);
      }
      const start = parseClockTime(window[0], day);
      const end = parseClockTime(window[1], day);
      if (end <= start) throw new RangeError(`Business calendar: window ${window[0]}–${window[1]} on ${day} must end after it starts`);
      return [start, end] as const;
    });
    windows.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < windows.length; i++) {
      if (windows[i][0] < windows[i - 1][1]) throw new RangeError(`Business calendar: windows on ${day} overlap`);
    }
    week.push(windows.flat());
  }
  const holidays = new Set<string>();
  for (const date of spec.holidays ?? []) {
    if (!isIsoDate(date)) {
      throw new RangeError(`Business calendar: holiday "${String(date)}" is not a date "YYYY-MM-DD"`);
    }
    holidays.add(date);
  }
  return new BusinessClock(spec.timezone, week, holidays);
}

/** The plain 24/7 clock: workingMs = b − a. The zone only labels it. */
export function calendarClock(timezone = 'UTC'): WorkClock {
  assertZone(timezone);
  return new CalendarClock(timezone);
}
