/**
 * Business calendars and local-time helpers for the metrics engine.
 *
 * A business calendar is compiled into a sorted list of working intervals in UTC epoch ms,
 * built lazily day by day around the instants asked about, with running totals of working
 * time ("cum"). Then workingMs(a, b) = cum(b) − cum(a) (two binary searches) and a due time
 * is found by inverting cum. Intervals that touch (22:00–24:00 then 00:00–06:00 the next day)
 * are merged into one continuous stretch.
 *
 * What "working" means, including on DST days: an instant is working when its local
 * wall-clock time, on its local date, falls inside one of that weekday's windows [start, end)
 * and the date is not a holiday. Consequences, all deliberate:
 * - spring forward (Europe/Berlin 2026-03-29, 02:00→03:00): the skipped wall times never
 *   happen, so a 02:00–03:00 window is empty and a 00:00–24:00 day holds 23 h;
 * - fall back (Europe/Berlin 2026-10-25, 03:00→02:00): the repeated wall times happen twice
 *   and count twice, so a 01:00–04:00 window holds 4 real hours and a 00:00–24:00 day 25 h;
 * - windows clear of the change (09:00–17:00) keep their usual length.
 *
 * Offsets and day boundaries always come from luxon (the tz database); this module only
 * applies them. The local-day table is cached per zone and shared by every clock and helper.
 */
import { DateTime, IANAZone } from 'luxon';
import type { CalendarSpec } from '../timeline/schema';

export type Landing = 'window-end' | 'next-window-start';

export interface WorkClock {
  readonly kind: 'business' | 'calendar';
  readonly timezone: string;
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

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far ahead a due time or the next opening is searched before giving up. */
const SEARCH_LIMIT_MS = 10 * 366 * DAY_MS;
/** The day table is built only inside this range; beyond it something upstream is wrong. */
const SUPPORTED_FROM = Date.UTC(1900, 0, 1);
const SUPPORTED_TO = Date.UTC(2200, 0, 1);
/** Days added to a day table per extension: at least a couple of months, at most ~3 years. */
const MIN_CHUNK_DAYS = 62;
const MAX_CHUNK_DAYS = 1100;

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const CLOCK_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WEEK_KEY = /^(\d{4})-W(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Local days of a zone

interface LocalDay {
  /** First instant of the local date. */
  readonly start: number;
  /** First instant of the next local date. */
  readonly end: number;
  /** "YYYY-MM-DD" */
  readonly date: string;
  /** 1 = Monday … 7 = Sunday */
  readonly weekday: number;
  /** "2026-W48" */
  readonly weekKey: string;
  /** The local date's 00:00 wall time written as if it were UTC: wall time = instant + offset. */
  readonly wallMidnight: number;
  /** Constant-offset stretches of the day: [from0, offsetMs0, from1, offsetMs1, …]. */
  readonly segments: readonly number[];
}

function assertTime(t: number, what = 'time'): void {
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new RangeError(`Expected a ${what} in epoch milliseconds, got ${String(t)}`);
  }
}

function assertSupported(t: number): void {
  if (t < SUPPORTED_FROM || t >= SUPPORTED_TO) {
    throw new RangeError(`Time ${new Date(t).toISOString()} is outside the supported range 1900–2199`);
  }
}

/** Remainder with the sign of the divisor (instants before 1970 are negative). */
function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function weekKeyOf(dt: DateTime): string {
  return `${dt.weekYear}-W${pad2(dt.weekNumber)}`;
}

function assertZone(timezone: string): void {
  if (typeof timezone !== 'string' || !IANAZone.isValidZone(timezone)) {
    throw new RangeError(`Unknown IANA time zone "${String(timezone)}"`);
  }
}

/** The local dates of one zone as a growing, contiguous table, shared through `zoneDaysOf`. */
class ZoneDays {
  /** Day boundaries: day i is [bounds[i], bounds[i + 1]). */
  private bounds: number[] = [];
  private days: LocalDay[] = [];
  private hint = 0;
  private readonly zone: IANAZone;
  /** [time, offset, time, offset] of the two latest offset lookups. */
  private readonly offsetMemo = [NaN, 0, NaN, 0];

  constructor(readonly timezone: string) {
    this.zone = IANAZone.create(timezone);
  }

  get from(): number {
    return this.bounds.length ? this.bounds[0] : NaN;
  }

  get to(): number {
    return this.bounds.length ? this.bounds[this.bounds.length - 1] : NaN;
  }

  /** The local day containing t, extending the table when needed. */
  dayAt(t: number): LocalDay {
    const hinted = this.days[this.hint];
    if (hinted !== undefined && t >= hinted.start && t < hinted.end) return hinted;
    if (!(t >= this.from && t < this.to)) this.cover(t);
    const { days, bounds } = this;
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (bounds[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return days[lo];
  }

  /** Days lying within [from, to), both of which are day boundaries of this table. */
  daysBetween(from: number, to: number): LocalDay[] {
    const out: LocalDay[] = [];
    for (const day of this.days) {
      if (day.start >= to) break;
      if (day.start >= from) out.push(day);
    }
    return out;
  }

  /** Extends the table (by at least a chunk) so that it covers t. */
  cover(t: number): void {
    assertTime(t);
    assertSupported(t);
    if (this.bounds.length === 0) {
      const first = this.makeDay(this.firstInstantOfDate(DateTime.fromMillis(t, { zone: this.zone }).startOf('day').toMillis()));
      this.bounds = [first.start, first.end];
      this.days = [first];
    }
    const chunkMs = Math.min(Math.max(this.days.length, MIN_CHUNK_DAYS), MAX_CHUNK_DAYS) * DAY_MS;
    if (t >= this.to) {
      const target = Math.min(Math.max(t, this.to + chunkMs), SUPPORTED_TO);
      while (this.to <= target && this.to < SUPPORTED_TO) {
        const day = this.makeDay(this.to);
        this.days.push(day);
        this.bounds.push(day.end);
      }
    }
    if (t < this.from) {
      const target = Math.max(Math.min(t, this.from - chunkMs), SUPPORTED_FROM);
      const earlier: LocalDay[] = [];
      let start = this.from;
      while (start > target && start > SUPPORTED_FROM) {
        const previous = this.previousDayStart(start);
        const day = this.makeDay(previous);
        if (day.end !== start) throw new Error(`Local days of ${this.timezone} do not line up at ${new Date(start).toISOString()}`);
        earlier.push(day);
        start = previous;
      }
      earlier.reverse();
      this.days = earlier.concat(this.days);
      this.bounds = earlier.map((d) => d.start).concat(this.bounds);
      this.hint = 0;
    }
  }

  /** Start of the local day before the one starting at `start`. */
  private previousDayStart(start: number): number {
    // Fast path: 24 h earlier is local midnight at the same offset; otherwise luxon decides.
    const guess = start - DAY_MS;
    const offset = this.offsetMs(guess);
    if (offset === this.offsetMs(start) && mod(guess + offset, DAY_MS) === 0) return this.firstInstantOfDate(guess);
    return this.firstInstantOfDate(DateTime.fromMillis(start, { zone: this.zone }).minus({ days: 1 }).startOf('day').toMillis());
  }

  /**
   * The first instant of the local date containing `t`, given an instant at or near its start.
   * When local midnight happens twice (a fall-back at 01:00 to 00:00, e.g. Asia/Tehran
   * 1978-08-05), luxon may pick the second occurrence; the date begins at the first.
   */
  private firstInstantOfDate(t: number): number {
    for (let step = 0; step < 4; step++) {
      const wall = t + this.offsetMs(t);
      const wallMidnight = wall - mod(wall, DAY_MS);
      const offsetBefore = this.offsetMs(t - 1);
      const wallBefore = t - 1 + offsetBefore;
      if (wallBefore < wallMidnight) return t;
      t = wallMidnight - offsetBefore;
    }
    return t;
  }

  private makeDay(start: number): LocalDay {
    const offset = this.offsetMs(start);
    const wallAtStart = start + offset;
    const wallMidnight = wallAtStart - mod(wallAtStart, DAY_MS);
    // Fast path for the usual day that starts at local 00:00 and keeps one offset for 24 h;
    // any other day (DST changes, midnight skipped) gets its end from luxon's calendar math.
    let end = start + DAY_MS;
    let segments = [start, offset];
    if (wallAtStart !== wallMidnight || this.offsetMs(end) !== offset) {
      end = this.firstInstantOfDate(DateTime.fromMillis(start, { zone: this.zone }).plus({ days: 1 }).startOf('day').toMillis());
      segments = this.segmentsOf(start, end);
    }
    // Calendar fields of the local date, read off its wall-clock midnight in UTC terms.
    const wall = DateTime.fromMillis(wallMidnight, { zone: 'utc' });
    return {
      start,
      end,
      date: wall.toISODate() as string,
      weekday: wall.weekday,
      weekKey: weekKeyOf(wall),
      wallMidnight,
      segments,
    };
  }

  /** Splits [start, end) where luxon reports a change of UTC offset (DST days only). */
  private segmentsOf(start: number, end: number): number[] {
    const segments: number[] = [];
    let from = start;
    let offset = this.offsetMs(from);
    const lastOffset = this.offsetMs(end - 1);
    while (offset !== lastOffset) {
      // Bisect for the first instant with a different offset: offset(lo) === offset, offset(hi) !== offset.
      let lo = from;
      let hi = end - 1;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.offsetMs(mid) === offset) lo = mid;
        else hi = mid;
      }
      segments.push(from, offset);
      from = hi;
      offset = this.offsetMs(hi);
    }
    segments.push(from, offset);
    return segments;
  }

  private offsetMs(t: number): number {
    // Walking day by day asks for each day boundary more than once; luxon's lookup is the
    // costly part of building the table, so remember the last two answers.
    if (t === this.offsetMemo[0]) return this.offsetMemo[1];
    if (t === this.offsetMemo[2]) return this.offsetMemo[3];
    const offset = this.zone.offset(t) * MINUTE_MS;
    this.offsetMemo[2] = this.offsetMemo[0];
    this.offsetMemo[3] = this.offsetMemo[1];
    this.offsetMemo[0] = t;
    this.offsetMemo[1] = offset;
    return offset;
  }
}

const zoneDayTables = new Map<string, ZoneDays>();

function zoneDaysOf(timezone: string): ZoneDays {
  let table = zoneDayTables.get(timezone);
  if (!table) {
    assertZone(timezone);
    table = new ZoneDays(timezone);
    zoneDayTables.set(timezone, table);
  }
  return table;
}

function inTableRange(t: number): boolean {
  return t >= SUPPORTED_FROM && t < SUPPORTED_TO;
}

// ---------------------------------------------------------------------------------------------
// Local-time helpers

/** Local date "YYYY-MM-DD" of instant t in zone. */
export function localDate(t: number, timezone: string): string {
  assertTime(t);
  if (inTableRange(t)) return zoneDaysOf(timezone).dayAt(t).date;
  assertZone(timezone);
  return DateTime.fromMillis(t, { zone: timezone }).toISODate() as string;
}

/** ISO week key "2026-W48" of instant t in zone (ISO week-numbering year). */
export function isoWeekKey(t: number, timezone: string): string {
  assertTime(t);
  if (inTableRange(t)) return zoneDaysOf(timezone).dayAt(t).weekKey;
  assertZone(timezone);
  return weekKeyOf(DateTime.fromMillis(t, { zone: timezone }));
}

/** [from, to) epoch ms of an ISO week "2026-W48" in zone (Monday 00:00 local to next Monday 00:00). Throws a clear Error on a malformed key. */
export function isoWeekRange(key: string, timezone: string): { from: number; to: number } {
  assertZone(timezone);
  const match = typeof key === 'string' ? ISO_WEEK_KEY.exec(key) : null;
  if (!match) throw new RangeError(`Malformed ISO week "${String(key)}": expected "YYYY-Www", e.g. "2026-W48"`);
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  const weeksInYear = DateTime.fromObject({ weekYear, weekNumber: 1, weekday: 1 }, { zone: timezone }).weeksInWeekYear;
  if (weekNumber < 1 || weekNumber > weeksInYear) {
    throw new RangeError(`Malformed ISO week "${key}": ${weekYear} has weeks 01 to ${weeksInYear}`);
  }
  const monday = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: timezone }).startOf('day');
  return { from: dayStartAt(monday, timezone), to: dayStartAt(monday.plus({ weeks: 1 }).startOf('day'), timezone) };
}

/** First instant of the local date of `dt` (from the day table, which resolves a repeated midnight to its first pass). */
function dayStartAt(dt: DateTime, timezone: string): number {
  const t = dt.toMillis();
  return inTableRange(t) ? zoneDaysOf(timezone).dayAt(t).start : t;
}

/** [from, to) of a local date in zone. */
export function localDayRange(date: string, timezone: string): { from: number; to: number } {
  assertZone(timezone);
  const day = typeof date === 'string' && ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: timezone }) : null;
  if (!day || !day.isValid) throw new RangeError(`Malformed date "${String(date)}": expected "YYYY-MM-DD"`);
  const from = day.startOf('day');
  return { from: dayStartAt(from, timezone), to: dayStartAt(from.plus({ days: 1 }).startOf('day'), timezone) };
}

/**
 * Hour of week 0..167 (Monday 00:00 local = 0) of instant t in zone, for heatmaps. Uses the
 * local wall clock, so on a fall-back day the repeated hour maps to the same cell twice and
 * on a spring-forward day the skipped hour's cell stays empty.
 */
export function hourOfWeek(t: number, timezone: string): number {
  assertTime(t);
  if (!inTableRange(t)) {
    assertZone(timezone);
    const dt = DateTime.fromMillis(t, { zone: timezone });
    return (dt.weekday - 1) * 24 + dt.hour;
  }
  const day = zoneDaysOf(timezone).dayAt(t);
  const segments = day.segments;
  let offset = segments[1];
  for (let i = 2; i < segments.length && segments[i] <= t; i += 2) offset = segments[i + 1];
  const hour = Math.floor((t + offset - day.wallMidnight) / 3_600_000);
  return (day.weekday - 1) * 24 + hour;
}

// ---------------------------------------------------------------------------------------------
// Clocks

type Pauses = ReadonlyArray<readonly [number, number]>;

/** Pauses clipped to [from, to), sorted and merged; empty ones dropped. */
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
  abstract readonly timezone: string;
  abstract workingMs(a: number, b: number): number;
  abstract isWorking(t: number): boolean;
  abstract nextWorkingStart(t: number): number;
  /** Earliest t > from with workingMs(from, t) === ms, for ms > 0. */
  protected abstract runFor(from: number, ms: number): number;

  workingMsExcluding(a: number, b: number, pauses: Pauses): number {
    const total = this.workingMs(a, b);
    if (total === 0 || pauses.length === 0) return total;
    let paused = 0;
    for (const [s, e] of normalisePauses(pauses, a, b)) paused += this.workingMs(s, e);
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
    const paused = pauses && pauses.length ? normalisePauses(pauses, start, Infinity) : [];
    let due = NaN;
    if (ms === 0) {
      due = start;
    } else {
      let cursor = start;
      let remaining = ms;
      for (const [ps, pe] of paused) {
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
  private readonly days: ZoneDays;
  private readonly hasWindows: boolean;

  constructor(
    readonly timezone: string,
    private readonly week: WeekWindows,
    private readonly holidays: ReadonlySet<string>,
  ) {
    super();
    this.days = zoneDaysOf(timezone);
    this.hasWindows = week.some((w) => w.length > 0);
  }

  workingMs(a: number, b: number): number {
    if (!(a >= this.coverFrom && b < this.coverTo)) {
      assertTime(a);
      assertTime(b);
      if (!(b > a) || !this.hasWindows) return 0;
      this.cover(a);
      this.cover(b);
    } else if (!(b > a)) {
      return 0;
    }
    return this.cumAt(b) - this.cumAt(a);
  }

  isWorking(t: number): boolean {
    assertTime(t);
    if (!this.hasWindows) return false;
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
    const cumAfter = this.cumAfter;
    let lo = 0;
    let hi = cumAfter.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumAfter[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.withinSearchLimit(from, this.starts[lo] + (target - this.cumBefore[lo]));
  }

  private assertHasWindows(): void {
    if (!this.hasWindows) {
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
    if (starts.length === 0 || t < starts[0]) return -1;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
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
    if (!(WEEKDAY_KEYS as readonly string[]).includes(key)) {
      throw new RangeError(`Business calendar: unknown day "${key}" (expected ${WEEKDAY_KEYS.join(', ')})`);
    }
  }
  const week: number[][] = [[]];
  for (const day of WEEKDAY_KEYS) {
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
    if (typeof date !== 'string' || !ISO_DATE.test(date) || !DateTime.fromISO(date).isValid) {
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
