/**
 * What every report format shares: the report object the engine builds, the frame it was
 * measured in (time zone, period, evaluation time), and time and number formatting.
 * Pure functions only, so the CLI and the extension's exports produce the same files.
 */
import { DateTime } from 'luxon';
import type { Conversation } from '../engine/events';
import type { Insights } from '../measure/insights';
import type { ConversationMetrics, Summary } from '../engine/types';

/** The engine's report (`buildReport`'s result). */
export interface EngineReport {
  profile: string;
  conversations: ConversationMetrics[];
  summary: Summary;
  /** The side panel's Insights over the same conversations and period (lib/measure/insights.ts). */
  analytics?: ReportAnalytics;
}

/** What `replyline report` shows of the Insights (agent trends stay in the panel). */
export type ReportAnalytics = Pick<Insights, 'week' | 'automation' | 'impact' | 'topics' | 'rising' | 'repeat' | 'productivity'>;

export interface ReportFrame {
  /** IANA zone the times are written in: the calendar's, else UTC. */
  timezone: string;
  /** The measured period, when the report is limited to one. */
  period: { week?: string; from: number; to: number } | null;
  /** The evaluation time ("now") for clocks still running, epoch ms. */
  now: number;
}

/** An instant as ISO 8601 with the frame's offset, e.g. `2026-11-24T10:00:00+01:00`. */
export function isoInZone(ms: number, timezone: string): string {
  return DateTime.fromMillis(ms, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
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

/**
 * Conversations to list for a period: those alive during it, from creation to their last
 * event (to `now` while unresolved, since a waiting conversation can breach in the period).
 * The summary filters measurements itself; this only keeps unrelated rows out of exports.
 */
export function conversationsInPeriod(
  conversations: readonly Conversation[],
  period: { from: number; to: number },
  now: number,
): Set<string> {
  const ids = new Set<string>();
  for (const conversation of conversations) {
    let end = conversation.createdAt;
    let resolved = false;
    for (const event of conversation.events) {
      end = Math.max(end, event.type === 'activity' ? event.until : event.at);
      if (event.type === 'status') resolved = event.status === 'resolved';
      else if (event.type === 'message' && event.author === 'customer') resolved = false;
    }
    if (!resolved) end = Math.max(end, now);
    if (conversation.createdAt < period.to && end >= period.from) ids.add(conversation.id);
  }
  return ids;
}
