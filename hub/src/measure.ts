/**
 * The hub's side of measuring: team settings as the measuring layer's Settings, a pushed
 * timeline as observations, a stored conversation's metrics, alarms and queue row, and the
 * team report. Every figure comes from lib/measure and lib/engine (the extension's and the
 * CLI's code); nothing here computes a metric.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_AT_RISK_SHARE } from '../../lib/engine/definitions';
import type { ProfileId } from '../../lib/engine/types';
import type { QueueRow, TeamSettings } from '../../lib/hub/protocol';
import type { ObservedConversation, ObservedEvent } from '../../lib/messaging/protocol';
import { observedFromEngineEvent } from '../../lib/measure/from-timeline';
import { measureStored, planAt, type StoredConversation } from '../../lib/measure/measure-stored';
import type { ConversationRecord } from '../../lib/measure/stored';
import { defaultSettings, type Settings } from '../../lib/settings/model';
import type { Conversation } from '../../lib/engine/events';
import type { ConversationMetrics, TargetResult } from '../../lib/engine/types';
import type { TimelineFile } from '../../lib/timeline/schema';

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

/** Until a supervisor sets them: the extension's default targets, around the clock, in UTC. */
export function defaultTeamSettings(): TeamSettings {
  const defaults = defaultSettings();
  return {
    calendar: {
      timezone: 'UTC',
      week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
    },
    targets: {
      clock: 'business',
      firstResponseSeconds: defaults.targets.firstResponseSeconds,
      nextResponseSeconds: defaults.targets.nextResponseSeconds,
      resolutionSeconds: defaults.targets.resolutionSeconds,
      atRiskShare: defaults.targets.atRiskShare,
    },
    profile: defaults.profile,
  };
}

/**
 * Team settings as the measuring layer's Settings, with the report's defaults (lib/engine/
 * report.ts reportContext): targets count business time (the team always has a calendar),
 * at risk from 75%. Targets left out stay unset (no per-channel rules on the hub yet).
 */
export function measuringSettings(team: TeamSettings): Settings {
  const t = team.targets;
  return {
    ...defaultSettings(),
    profile: team.profile as ProfileId,
    calendar: { timezone: team.calendar.timezone, week: team.calendar.week, holidays: team.calendar.holidays ?? [] },
    targets: {
      clock: t.clock ?? 'business',
      atRiskShare: t.atRiskShare ?? DEFAULT_AT_RISK_SHARE,
      ...(t.firstResponseSeconds !== undefined && { firstResponseSeconds: t.firstResponseSeconds }),
      ...(t.nextResponseSeconds !== undefined && { nextResponseSeconds: t.nextResponseSeconds }),
      ...(t.resolutionSeconds !== undefined && { resolutionSeconds: t.resolutionSeconds }),
    },
    targetRules: [],
  };
}

/**
 * A pushed timeline as observations of its conversations, so files and pages are stored and
 * measured by one path. Events keep their file order among equal times (`position`); an event
 * without an id gets one from its content, so the same file pushed twice, or the same
 * conversation pushed by two agents, stores it once (the n-th identical event in a
 * conversation gets `#n`, so a file's own repeats are kept).
 */
export function observedFromTimeline(timeline: TimelineFile, conversations: readonly Conversation[]): ObservedConversation[] {
  return conversations.map((conversation, index) => {
    const source = timeline.conversations[index];
    const seen = new Map<string, number>();
    const events: ObservedEvent[] = conversation.events.map((event, position) => {
      const observed = observedFromEngineEvent(event, position);
      let id = event.id;
      if (id === undefined) {
        const { id: _placeholder, ...content } = observed;
        const digest = createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
        const count = seen.get(digest) ?? 0;
        seen.set(digest, count + 1);
        id = `content:${digest}${count > 0 ? `#${count}` : ''}`;
      }
      return { ...observed, id, position };
    });
    return {
      conversationId: conversation.id,
      ...(conversation.channel !== undefined && { channel: conversation.channel }),
      createdAt: conversation.createdAt,
      ...(conversation.customerId !== undefined && { customerId: conversation.customerId }),
      ...(conversation.priority !== undefined && { priority: conversation.priority }),
      ...(conversation.tags !== undefined && { tags: [...conversation.tags] }),
      events,
      // A file that calls a conversation unverified: the record says so the way pages do.
      ...(source?.unverified && { missing: ['unverified'] }),
    };
  });
}

export interface Alarm {
  id: string;
  kind: 'at_risk' | 'breached';
  clock: 'firstResponse' | 'nextResponse' | 'resolution';
  dueAt: number;
  fireAt: number;
}

export interface MeasuredRow {
  status: string | null;
  metrics: ConversationMetrics | null;
  error: string | null;
  waitingSince: number | null;
  alarms: Alarm[];
  agents: string[];
  /** The engine input (null while the thread was never read): what the report aggregates. */
  input: Conversation | null;
  /** Whether `metrics` hold for any later evaluation time (see settledAt). */
  settled: boolean;
}

/** One alert per conversation, clock, cycle (the clock's start) and kind. */
export function alertId(key: string, clock: string, startedAt: number, kind: string): string {
  return `${key}|${clock}|${startedAt}|${kind}`;
}

/** Measures a stored conversation under the team's settings at `now`. */
export function measureRow(stored: StoredConversation, settings: Settings, now: number, knownAgents: readonly string[]): MeasuredRow {
  const measured = measureStored(stored, settings, now);
  const { record } = stored;
  const alarms: Alarm[] = [];
  for (const clock of measured.plan.clocks) {
    if (clock.stoppedAt !== null || clock.dueAt === null) continue;
    if (clock.atRiskAt !== null && clock.atRiskAt <= clock.dueAt) {
      alarms.push({
        id: alertId(record.key, clock.kind, clock.startedAt, 'at_risk'),
        kind: 'at_risk',
        clock: clock.kind,
        dueAt: clock.dueAt,
        fireAt: clock.atRiskAt,
      });
    }
    // clockStateAt: breached once strictly past the due time.
    alarms.push({
      id: alertId(record.key, clock.kind, clock.startedAt, 'breached'),
      kind: 'breached',
      clock: clock.kind,
      dueAt: clock.dueAt,
      fireAt: clock.dueAt + 1,
    });
  }
  const agents = new Set(knownAgents);
  if (record.assigneeId) agents.add(record.assigneeId);
  for (const { event } of stored.events) if (event.agentId) agents.add(event.agentId);
  for (const span of stored.activity) agents.add(span.agentId);
  return {
    status: record.status ?? measured.metrics?.status ?? null,
    metrics: measured.metrics,
    error: measured.error,
    waitingSince: measured.plan.waitingSince ?? null,
    alarms,
    agents: [...agents].sort(),
    input: measured.input,
    settled: measured.input !== null && measured.metrics !== null && settledAt(measured.input, measured.metrics, now),
  };
}

const running = (target: TargetResult | null) => target !== null && target.stoppedAt === null;

/**
 * Whether metrics measured at `measuredAt` are what the engine gives at any later time, so a
 * report may reuse them: resolved, no clock running or open, nobody waiting, and nothing in
 * the input after `measuredAt` (the engine ignores what lies after its evaluation time).
 */
function settledAt(input: Conversation, metrics: ConversationMetrics, measuredAt: number): boolean {
  const { firstResponse, resolution, nextResponse } = metrics.targets;
  if (metrics.status !== 'resolved' || metrics.waitingSince !== null || metrics.open.length > 0) return false;
  if (running(firstResponse) || running(resolution) || nextResponse.some(running)) return false;
  if (input.createdAt > measuredAt) return false;
  return input.events.every((event) => (event.type === 'activity' ? event.until : event.at) <= measuredAt);
}

export interface QueueSource {
  key: string;
  record: ConversationRecord;
  metrics: ConversationMetrics | null;
  status: string | null;
  lastSeenAt: number;
}

const QUEUE_STATUSES = new Set(['open', 'pending', 'snoozed']);

export function inQueue(status: string | null): boolean {
  return status !== null && QUEUE_STATUSES.has(status);
}

/** A queue row at `now`: running clocks re-derived from the stored metrics (planAt), no re-measure. */
export function queueRow(
  source: QueueSource,
  settings: Settings,
  now: number,
  freshnessMs: number,
  names: ReadonlyMap<string, string>,
): QueueRow {
  const { record } = source;
  const plan = planAt(record, source.metrics, settings, now);
  const assigneeId = record.assigneeId ?? source.metrics?.assigneeId ?? null;
  return {
    key: source.key,
    helpdesk: record.helpdesk,
    origin: record.origin,
    conversationId: record.conversationId,
    channel: record.channel ?? source.metrics?.channel ?? null,
    priority: record.priority ?? null,
    status: source.status as QueueRow['status'],
    statusKnown: now - source.lastSeenAt <= freshnessMs ? 'known' : 'unknown',
    assigneeId,
    assigneeName: assigneeId === null ? null : (names.get(assigneeId) ?? null),
    createdAt: record.createdAt ?? source.metrics?.createdAt ?? record.firstSeenAt,
    waitingSince: plan.waitingSince ?? null,
    lastSeenAt: source.lastSeenAt,
    clocks: plan.clocks
      .filter((clock) => clock.stoppedAt === null)
      .map((clock) => ({ kind: clock.kind, startedAt: clock.startedAt, dueAt: clock.dueAt, atRiskAt: clock.atRiskAt, state: clock.state })),
  };
}
