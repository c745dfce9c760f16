/**
 * Timestamp readers for recipes. Dependency-free on purpose: this runs in the recipe content
 * script, which must stay small (no luxon there). The side panel checks every recipe's format
 * against luxon before it can be saved (schema.ts), and the unit tests compare this parser with
 * luxon's DateTime.fromFormat over many instants and zones.
 *
 * Formats:
 *  - `iso8601`: date-time with seconds and an explicit offset (`Z` or `+02:00`).
 *  - `unix-seconds` / `unix-ms`: whole numbers (seconds may carry up to 3 decimals).
 *  - a pattern of luxon tokens (`dd.MM.yyyy HH:mm`, `M/d/yyyy h:mm a`, literals in '…'), read
 *    in the recipe's `zone`: `UTC`, a fixed offset `+02:00`, or an IANA zone (`Europe/Berlin`).
 *    IANA offsets come from Intl.DateTimeFormat. A wall time that does not exist in the zone
 *    (skipped by a DST change) or exists twice (repeated by one) is rejected: there is no
 *    way to tell which instant the page meant, and a guessed time would be a wrong measurement.
 *
 * Every reader returns epoch ms or null; values outside 1990–2100 are rejected, which also
 * catches seconds read as milliseconds and vice versa.
 */
import { parseIsoTime } from '../framework/parse';
import { isKnownZone, wallTimeToInstant } from '../framework/zones';

export { fixedOffsetMinutes, isKnownZone, wallTimeToInstant, zoneOffsetMs } from '../framework/zones';

export const MIN_PLAUSIBLE_MS = Date.UTC(1990, 0, 1);
export const MAX_PLAUSIBLE_MS = Date.UTC(2100, 0, 1);

export interface TimeFormatSpec {
  /** `iso8601`, `unix-seconds`, `unix-ms`, or a pattern such as `dd.MM.yyyy HH:mm`. */
  format: string;
  /** For patterns: `UTC`, `+02:00`, or an IANA zone. */
  zone?: string;
}

type Field = 'year' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'millisecond' | 'meridiem';

interface Token {
  field: Field | null;
  /** Regex source of this token. */
  source: string;
}

/** Letter runs a pattern may contain (luxon's meanings); any other letter must be quoted. */
const TOKENS: Record<string, { field: Field; source: string }> = {
  yyyy: { field: 'year', source: '(\\d{4})' },
  MM: { field: 'month', source: '(\\d{2})' },
  M: { field: 'month', source: '(\\d{1,2})' },
  dd: { field: 'day', source: '(\\d{2})' },
  d: { field: 'day', source: '(\\d{1,2})' },
  HH: { field: 'hour', source: '(\\d{2})' },
  H: { field: 'hour', source: '(\\d{1,2})' },
  hh: { field: 'hour12', source: '(\\d{2})' },
  h: { field: 'hour12', source: '(\\d{1,2})' },
  mm: { field: 'minute', source: '(\\d{2})' },
  m: { field: 'minute', source: '(\\d{1,2})' },
  ss: { field: 'second', source: '(\\d{2})' },
  s: { field: 'second', source: '(\\d{1,2})' },
  SSS: { field: 'millisecond', source: '(\\d{3})' },
  a: { field: 'meridiem', source: '(AM|PM|am|pm)' },
};

export interface CompiledPattern {
  regex: RegExp;
  fields: Field[];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern → regex with its fields, or an error message saying what is wrong with it. */
export function compilePattern(pattern: string): CompiledPattern | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) return 'has an unclosed quote';
      // '' inside a pattern is a literal quote, as in luxon.
      tokens.push({ field: null, source: end === i + 1 ? "'" : escapeRegex(pattern.slice(i + 1, end)) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (j < pattern.length && pattern[j] === ch) j++;
      const run = pattern.slice(i, j);
      const token = TOKENS[run];
      if (!token)
        return `uses "${run}", which is not supported (use yyyy, MM, M, dd, d, HH, H, hh, h, mm, m, ss, s, SSS, a; quote other letters)`;
      tokens.push(token);
      i = j;
      continue;
    }
    tokens.push({ field: null, source: escapeRegex(ch) });
    i++;
  }
  const fields = tokens.flatMap((t) => (t.field ? [t.field] : []));
  if (new Set(fields).size !== fields.length) return 'names a field twice';
  for (const needed of ['year', 'month', 'day', 'minute'] as const)
    if (!fields.includes(needed))
      return `needs the ${needed} (${needed === 'minute' ? 'mm' : needed === 'year' ? 'yyyy' : needed === 'month' ? 'MM' : 'dd'})`;
  const has24 = fields.includes('hour');
  const has12 = fields.includes('hour12');
  if (has24 === has12) return 'needs exactly one hour token (HH for 0–23, or hh with a)';
  if (has12 !== fields.includes('meridiem')) return 'needs "a" (AM/PM) together with hh / h';
  return { regex: new RegExp(`^${tokens.map((t) => t.source).join('')}$`), fields };
}

function plausible(at: number): number | null {
  return Number.isFinite(at) && at >= MIN_PLAUSIBLE_MS && at < MAX_PLAUSIBLE_MS ? at : null;
}

/** Reads a pattern-formatted wall time in `zone`; null unless every part is exact. */
export function parsePatternTime(value: string, pattern: CompiledPattern, zone: string): number | null {
  const m = pattern.regex.exec(value);
  if (!m) return null;
  const got: Partial<Record<Field, string>> = {};
  pattern.fields.forEach((field, index) => {
    got[field] = m[index + 1];
  });
  const year = Number(got.year);
  const month = Number(got.month);
  const day = Number(got.day);
  let hour: number;
  if (got.hour12 !== undefined) {
    const h12 = Number(got.hour12);
    if (h12 < 1 || h12 > 12) return null;
    hour = (h12 % 12) + (got.meridiem!.toUpperCase() === 'PM' ? 12 : 0);
  } else hour = Number(got.hour);
  const minute = Number(got.minute);
  const second = got.second !== undefined ? Number(got.second) : 0;
  const ms = got.millisecond !== undefined ? Number(got.millisecond) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February over into March; such a value is not a real date.
  if (new Date(wall).getUTCDate() !== day) return null;
  const at = wallTimeToInstant(wall, zone);
  return at === null ? null : plausible(at);
}

/** A reader for one recipe's time format; throws when the format itself is invalid. */
export function timeReader(spec: TimeFormatSpec): (value: string | null | undefined) => number | null {
  const { format } = spec;
  if (format === 'iso8601') return (value) => (value == null ? null : plausible(parseIsoTime(value) ?? NaN));
  if (format === 'unix-seconds') {
    return (value) => {
      const text = value?.trim();
      if (!text || !/^\d{1,11}(?:\.\d{1,3})?$/.test(text)) return null;
      return plausible(Math.round(Number(text) * 1000));
    };
  }
  if (format === 'unix-ms') {
    return (value) => {
      const text = value?.trim();
      if (!text || !/^\d{1,14}$/.test(text)) return null;
      return plausible(Number(text));
    };
  }
  const compiled = compilePattern(format);
  if (typeof compiled === 'string') throw new Error(`time.format ${compiled}`);
  const zone = spec.zone;
  if (!zone || !isKnownZone(zone)) throw new Error('time.zone is needed for a pattern: UTC, +02:00 or an IANA zone such as Europe/Berlin');
  return (value) => (value == null ? null : parsePatternTime(value.trim(), compiled, zone));
}
