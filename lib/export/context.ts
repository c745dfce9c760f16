/**
 * What every report format shares: the report object the engine builds, the frame it was
 * measured in (time zone, period, evaluation time), and time and number formatting.
 * Pure functions only, so the CLI and the extension's exports produce the same files.
 */
import { DateTime, Info, type Zone } from 'luxon';

// The report and its frame are the measuring layer's (lib/measure/report.ts); formats take them as they are.
export type { EngineReport, ReportAnalytics, ReportFrame } from '../measure/report';

/** An instant as ISO 8601 with the frame's offset, e.g. `2026-11-24T10:00:00+01:00`. */
const zones = new Map<string, Zone>();
/** Year 10000: from there luxon writes six-digit years. */
const YEAR_10000 = 253_402_300_800_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * luxon's `toISO({ suppressMilliseconds: true })` in the zone, written from the zone's offset
 * (a report writes ~15 per conversation; building a DateTime for each dominated large reports).
 */
export function isoInZone(ms: number, timezone: string): string {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = Info.normalizeZone(timezone);
    zones.set(timezone, zone);
  }
  if (!zone.isValid || !Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000) {
    return DateTime.fromMillis(ms, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
  }
  const offset = zone.offset(ms);
  const local = new Date(ms + offset * 60_000).toISOString();
  const millis = local.slice(19, 23);
  const time = local.slice(0, 19) + (millis === '.000' ? '' : millis);
  if (zone.isUniversal && offset === 0) return `${time}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${time}${sign}${pad2(Math.trunc(abs / 60))}:${pad2(Math.trunc(abs % 60))}`;
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
