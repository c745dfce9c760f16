/**
 * Local time of an IANA zone for the metrics engine: the local date, ISO week, day range and
 * hour of week of an instant, from one table of local days per zone.
 *
 * Each zone's local days are built lazily around the instants asked about and shared by every
 * helper and every business clock (business-clock.ts turns them into working intervals). A day
 * knows its first instant, its length (23, 24 or 25 h around DST changes) and its
 * constant-offset stretches, so wall time inside a stretch is instant + offset.
 *
 * Offsets and day boundaries always come from luxon (the tz database); this module only
 * applies them.
 */
import { DateTime, IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** The day table is built only inside this range; beyond it something upstream is wrong. */
export const SUPPORTED_FROM = Date.UTC(1900, 0, 1);
export const SUPPORTED_TO = Date.UTC(2200, 0, 1);
/** Days added to a day table per extension: at least a couple of months, at most ~3 years. */
const MIN_CHUNK_DAYS = 62;
const MAX_CHUNK_DAYS = 1100;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** "YYYY-MM-DD" with a real calendar date (the format of dates and holidays). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value).isValid;
}

// ---------------------------------------------------------------------------------------------
// Local days of a zone

export interface LocalDay {
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

export function assertTime(t: number, what = 'time'): void {
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

/** Zones already found valid: luxon's check builds an Intl formatter and dominated measuring time. */
const validZones = new Set<string>();

export function assertZone(timezone: string): void {
  if (validZones.has(timezone)) return;
  if (typeof timezone !== 'string' || !IANAZone.isValidZone(timezone)) {
    throw new RangeError(`Unknown IANA time zone "${String(timezone)}"`);
  }
  validZones.add(timezone);
}

/** The local dates of one zone as a growing, contiguous table, shared through `zoneDaysOf`. */
export class ZoneDays {
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

export function zoneDaysOf(timezone: string): ZoneDays {
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
