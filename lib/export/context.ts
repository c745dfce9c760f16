/**
 * What every report format shares: the report object the engine builds, the frame it was
 * measured in (time zone, period, evaluation time), and time and number formatting.
 * Pure functions only, so the CLI and the extension's exports produce the same files.
 */
import { DateTime } from 'luxon';

// The report and its frame are the measuring layer's (lib/measure/report.ts); formats take them as they are.
export type { EngineReport, ReportAnalytics, ReportFrame } from '../measure/report';

/** An instant as ISO 8601 with the frame's offset, e.g. `2026-11-24T10:00:00+01:00`. */
export function isoInZone(ms: number, timezone: string): string {
  const offset = zoneOffsetAt(ms, timezone);
  if (offset === null) return luxonIso(ms, timezone);
  const local = new Date(ms + offset.minutes * 60_000).toISOString();
  return `${local.slice(0, 19)}${ms % 1000 === 0 ? '' : local.slice(19, 23)}${offset.suffix}`;
}

function luxonIso(ms: number, timezone: string): string {
  return DateTime.fromMillis(ms, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/**
 * A zone's offset (and how luxon writes it, "Z" or "+01:00") asked of luxon once per quarter hour,
 * not for each of the millions of times a large report writes (luxon takes microseconds per call).
 * A quarter hour whose start and end differ holds a transition: its times go to luxon one by one.
 */
const QUARTER_HOUR = 15 * 60_000;
type Offset = { minutes: number; suffix: string } | null;
const offsetCache = new Map<string, Map<number, Offset>>();
const MAX_CACHED_QUARTERS = 100_000;

function zoneOffsetAt(ms: number, timezone: string): Offset {
  // Plain four-digit years only; anything else is written by luxon itself.
  if (!(ms >= Date.UTC(1970, 0, 2) && ms < Date.UTC(9999, 0, 1))) return null;
  let zone = offsetCache.get(timezone);
  if (!zone) offsetCache.set(timezone, (zone = new Map<number, Offset>()));
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = DateTime.fromMillis(quarter * QUARTER_HOUR, { zone: timezone });
    const end = DateTime.fromMillis((quarter + 1) * QUARTER_HOUR - 1, { zone: timezone });
    offset =
      start.isValid && end.isValid && start.offset === end.offset
        ? { minutes: start.offset, suffix: (start.toISO({ suppressMilliseconds: true }) ?? '').slice(19) }
        : null;
    if (zone.size >= MAX_CACHED_QUARTERS) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/** `2026-11-24 10:00` in the frame's zone, for people to read. */
export function localDateTime(ms: number, timezone: string): string {
  return DateTime.fromMillis(ms, { zone: timezone }).toFormat('yyyy-LL-dd HH:mm');
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Seconds for people: `45s`, `5m 20s`, `1h 05m`, `2d 03h`; `—` when unknown. */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const whole = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${pad(whole % 60)}s`;
  if (whole < 86_400) return `${Math.floor(whole / 3600)}h ${pad(Math.floor((whole % 3600) / 60))}m`;
  return `${Math.floor(whole / 86_400)}d ${pad(Math.floor((whole % 86_400) / 3600))}h`;
}

/** A share 0–1 as `87%` (`—` when there is nothing to divide). */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

/** Seconds rounded to milliseconds, so exports don't carry float noise. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
