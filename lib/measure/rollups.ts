/**
 * Daily rollups per agent: counts and raw durations of the replies and resolutions that
 * happened on each local day (calendar time zone). They are rebuilt from the metrics cache
 * for every day a changed conversation touches, so replaying a batch never double counts.
 */
import { DateTime } from 'luxon';
import type { ConversationMetrics } from '../engine/types';

export interface MetricsRecord {
  key: string;
  helpdesk: string;
  origin: string;
  metrics: ConversationMetrics;
  measuredAt: number;
  /** Local days (calendar time zone) on which a reply or resolution of it happened. */
  days: string[];
}

export interface DurationValues {
  calendar: number[];
  business: number[];
}

/** One local day for one agent ('*' = everyone): counts and raw values, ready for medians. */
export interface RollupRecord {
  /** day + '|' + agentId */
  key: string;
  day: string;
  agentId: string;
  conversations: number;
  replies: number;
  resolutions: number;
  firstResponse: DurationValues;
  nextResponse: DurationValues;
  resolution: DurationValues;
  /** Human replies (first and next) per local hour 0–23. */
  repliesByHour: number[];
  updatedAt: number;
}

/** Everyone's rollup uses this agent id. */
export const ALL_AGENTS = '*';
export const UNKNOWN_AGENT = '?';

export function localDay(t: number, timezone: string): string {
  return DateTime.fromMillis(t, { zone: timezone }).toISODate() ?? new Date(t).toISOString().slice(0, 10);
}

export function localHour(t: number, timezone: string): number {
  return DateTime.fromMillis(t, { zone: timezone }).hour;
}

type Measure =
  | { kind: 'firstResponse' | 'nextResponse'; at: number; agentId?: string; seconds: number; businessSeconds: number }
  | { kind: 'resolution'; at: number; agentId?: string; seconds: number; businessSeconds: number };

function measuresOf(metrics: ConversationMetrics): Measure[] {
  const out: Measure[] = [];
  if (metrics.firstResponse) {
    const fr = metrics.firstResponse;
    out.push({ kind: 'firstResponse', at: fr.repliedAt, agentId: fr.agentId, seconds: fr.seconds, businessSeconds: fr.businessSeconds });
  }
  for (const reply of metrics.replies) {
    out.push({
      kind: 'nextResponse',
      at: reply.repliedAt,
      agentId: reply.agentId,
      seconds: reply.seconds,
      businessSeconds: reply.businessSeconds,
    });
  }
  for (const resolution of metrics.resolutions) {
    out.push({
      kind: 'resolution',
      at: resolution.resolvedAt,
      agentId: resolution.agentId,
      seconds: resolution.seconds,
      businessSeconds: resolution.businessSeconds,
    });
  }
  return out;
}

/** The local days on which a reply or resolution of this conversation happened. */
export function daysTouched(metrics: ConversationMetrics, timezone: string): string[] {
  return [...new Set(measuresOf(metrics).map((m) => localDay(m.at, timezone)))].sort();
}

function emptyValues(): DurationValues {
  return { calendar: [], business: [] };
}

function emptyRollup(day: string, agentId: string, now: number): RollupRecord {
  return {
    key: `${day}|${agentId}`,
    day,
    agentId,
    conversations: 0,
    replies: 0,
    resolutions: 0,
    firstResponse: emptyValues(),
    nextResponse: emptyValues(),
    resolution: emptyValues(),
    repliesByHour: new Array<number>(24).fill(0),
    updatedAt: now,
  };
}

/**
 * The rollups of one day from every metrics record touching it. Durations of unverified
 * conversations are left out of the values (not trusted), their counts are kept.
 */
export function buildDayRollups(day: string, records: MetricsRecord[], timezone: string, now: number): RollupRecord[] {
  const rollups = new Map<string, RollupRecord>();
  const handled = new Map<string, Set<string>>();
  const get = (agentId: string) => {
    let rollup = rollups.get(agentId);
    if (!rollup) {
      rollup = emptyRollup(day, agentId, now);
      rollups.set(agentId, rollup);
      handled.set(agentId, new Set());
    }
    return rollup;
  };
  const sorted = [...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const record of sorted) {
    const metrics = record.metrics;
    for (const measure of measuresOf(metrics)) {
      if (localDay(measure.at, timezone) !== day) continue;
      for (const agentId of [ALL_AGENTS, measure.agentId ?? UNKNOWN_AGENT]) {
        const rollup = get(agentId);
        handled.get(agentId)!.add(record.key);
        const values = rollup[measure.kind];
        if (!metrics.unverified) {
          values.calendar.push(measure.seconds);
          values.business.push(measure.businessSeconds);
        }
        if (measure.kind === 'resolution') rollup.resolutions += 1;
        else {
          rollup.replies += 1;
          rollup.repliesByHour[localHour(measure.at, timezone)] += 1;
        }
      }
    }
  }
  for (const [agentId, rollup] of rollups) rollup.conversations = handled.get(agentId)!.size;
  return [...rollups.values()];
}
