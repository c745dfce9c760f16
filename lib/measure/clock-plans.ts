/**
 * Clock plans: what the overlay needs to draw a conversation's timers without the engine.
 * Running clocks carry their due and at-risk times on the targets' clock; the page compares
 * them with its own tick.
 */
import type { ClockPlan } from '../messaging/protocol';
import type { ConversationMetrics, TargetResult } from '../engine/types';
import type { ConversationRecord } from './stored';
import { pickTargets, type Settings, type TargetScope } from '../settings/model';
import type { WorkClock } from '../engine/business-clock';
import { evaluateTarget } from '../engine/targets';
import { getProfile } from '../engine/profiles';

type PlannedClock = ClockPlan['clocks'][number];
type Kind = PlannedClock['kind'];

const NO_CUES: ClockPlan['cues'] = { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 };

function targetSeconds(settings: Settings, kind: Kind, scope: TargetScope): number | undefined {
  const targets = pickTargets(settings, scope);
  if (kind === 'firstResponse') return targets.firstResponseSeconds;
  if (kind === 'nextResponse') return targets.nextResponseSeconds;
  return targets.resolutionSeconds;
}

/** A running clock started at `startedAt`, planned with the engine's own target rules. */
export function planRunningClock(
  kind: Kind,
  startedAt: number,
  settings: Settings,
  clock: WorkClock,
  now: number,
  scope: TargetScope = {},
): PlannedClock {
  const seconds = targetSeconds(settings, kind, scope);
  if (seconds === undefined) return { kind, startedAt, dueAt: null, atRiskAt: null, stoppedAt: null, state: null };
  const landing = getProfile(settings.profile).deadlineLanding;
  return fromTarget(kind, evaluateTarget(clock, startedAt, seconds, settings.targets.atRiskShare, landing, [], null, now));
}

function fromTarget(kind: Kind, target: TargetResult): PlannedClock {
  return {
    kind,
    startedAt: target.startedAt,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
    stoppedAt: target.stoppedAt,
    state: target.state,
  };
}

/**
 * A list row says the customer waits since `waitingSince`; without the thread we cannot tell a
 * first from a next response except by the creation time (the first message creates it).
 */
function listClockKind(record: ConversationRecord, firstResponseKnown: boolean | null): Kind {
  if (firstResponseKnown === true) return 'nextResponse';
  if (firstResponseKnown === false) return 'firstResponse';
  return record.createdAt !== undefined &&
    record.waitingSince !== null &&
    record.waitingSince !== undefined &&
    record.waitingSince - record.createdAt < 1000
    ? 'firstResponse'
    : 'nextResponse';
}

/** The plan of one conversation from its stored facts and (when measurable) its metrics. */
export function planConversation(
  record: ConversationRecord,
  metrics: ConversationMetrics | null,
  settings: Settings,
  clock: WorkClock,
  now: number,
): ClockPlan {
  const clocks: PlannedClock[] = [];
  const unverified = record.unverified || Boolean(metrics?.unverified);
  // Without a measured thread, a list row whose waiting time could not be read stays unknown.
  let waitingSince: number | null | undefined = metrics ? null : record.waitingSince === undefined ? undefined : null;

  if (metrics) {
    waitingSince = metrics.waitingSince;
    const byKind = new Map<Kind, PlannedClock>();
    // Stopped clocks first, so that a running clock of the same kind replaces them.
    const { firstResponse, nextResponse, resolution } = metrics.targets;
    if (firstResponse) byKind.set('firstResponse', fromTarget('firstResponse', firstResponse));
    const lastNext = nextResponse[nextResponse.length - 1];
    if (lastNext) byKind.set('nextResponse', fromTarget('nextResponse', lastNext));
    if (resolution) byKind.set('resolution', fromTarget('resolution', resolution));
    for (const open of metrics.open) {
      byKind.set(
        open.kind,
        open.target
          ? fromTarget(open.kind, open.target)
          : { kind: open.kind, startedAt: open.startedAt, dueAt: null, atRiskAt: null, stoppedAt: null, state: null },
      );
    }
    clocks.push(...byKind.values());
  }

  // The list may know of a newer customer message than the stored thread (or there is none).
  const listWaiting = record.status !== 'resolved' && typeof record.waitingSince === 'number' ? record.waitingSince : null;
  const responseRunning = clocks.some((c) => c.stoppedAt === null && (c.kind === 'firstResponse' || c.kind === 'nextResponse'));
  if (listWaiting !== null && !responseRunning && (!metrics || latestEventTime(metrics) < listWaiting)) {
    const kind = listClockKind(record, metrics ? metrics.firstResponse !== null : null);
    const planned = planRunningClock(kind, listWaiting, settings, clock, now, { channel: record.channel, priority: record.priority });
    const existing = clocks.findIndex((c) => c.kind === kind);
    if (existing >= 0) clocks[existing] = planned;
    else clocks.push(planned);
    waitingSince = listWaiting;
  }

  const order: Kind[] = ['firstResponse', 'nextResponse', 'resolution'];
  clocks.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return {
    conversationId: record.conversationId,
    unverified,
    ...(waitingSince === undefined ? {} : { waitingSince }),
    clocks,
    cues: metrics ? { ...metrics.cues } : { ...NO_CUES },
  };
}

/** The latest time the metrics know of (a reply, resolution or the running clock's start). */
function latestEventTime(metrics: ConversationMetrics): number {
  let latest = metrics.createdAt;
  if (metrics.firstResponse) latest = Math.max(latest, metrics.firstResponse.repliedAt);
  for (const reply of metrics.replies) latest = Math.max(latest, reply.repliedAt);
  for (const resolution of metrics.resolutions) latest = Math.max(latest, resolution.resolvedAt);
  if (metrics.waitingSince !== null) latest = Math.max(latest, metrics.waitingSince);
  return latest;
}
