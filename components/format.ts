/** Compact duration and time texts for the side panel. */
import { METRIC_DEFINITIONS, type MetricId } from '@/lib/engine/definitions';

/** 45s, 12m, 1h 05m, 2d 3h; negative values are shown by the caller. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatClockTime(t: number, timezone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timezone }).format(t);
  } catch {
    return new Date(t).toISOString().slice(11, 16);
  }
}

/** The written definition of a metric, for hover text. */
export function definitionText(id: MetricId): string {
  const d = METRIC_DEFINITIONS.find((m) => m.id === id);
  if (!d) return '';
  return `${d.name}. Starts: ${d.start} Stops: ${d.stop} Excluded: ${d.exclusions} Time: ${d.time}`;
}

/** How long ago an instant was, for freshness notes: "just now", "40 s ago", "2 min ago", "3 h 05 min ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, '0')} min ago`;
  return `${Math.floor(h / 24)} d ${h % 24} h ago`;
}

const TARGET_STATE_TEXT: Record<string, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  met: 'Met',
  missed: 'Missed',
};
const CLOCK_KIND_TEXT: Record<string, string> = {
  firstResponse: 'first response',
  nextResponse: 'next response',
  resolution: 'resolution',
};

/** A queue row's target in words: "At risk · first response · due 10:40" (or "· over 5m" once past due). */
export function queueTargetText(clock: { kind: string; dueAt: number | null }, state: string, now: number, timezone: string): string {
  const due =
    clock.dueAt === null
      ? ''
      : now > clock.dueAt
        ? ` · over ${formatDuration((now - clock.dueAt) / 1000)}`
        : ` · due ${formatClockTime(clock.dueAt, timezone)}`;
  return `${TARGET_STATE_TEXT[state]} · ${CLOCK_KIND_TEXT[clock.kind]}${due}`;
}
