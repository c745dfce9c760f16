/**
 * Pure text and state rules of the overlay. The worker plans due and at-risk times on the
 * business calendar; here they are only compared with "now", once a second.
 */
import type { ClockPlan } from '../messaging/protocol';

export type TargetState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'missed';
export type ClockKind = ClockPlan['clocks'][number]['kind'];
export type PlannedClock = ClockPlan['clocks'][number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact duration: "<1m", "12m", "1h 05m", "2d 3h". Whole units, rounded down. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return '<1m';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h ${String(Math.floor((ms % HOUR) / MINUTE)).padStart(2, '0')}m`;
  return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
}

/** Spoken duration for labels: "less than 1 min", "12 min", "1 h 5 min", "2 d 3 h". */
export function formatDurationLong(ms: number): string {
  if (ms < MINUTE) return 'less than 1 min';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min`;
  return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Local wall time "10:45"; prefixed with the weekday ("Tue 10:45") when not on the day of `now`. */
export function formatClockTime(at: number, now: number): string {
  const d = new Date(at);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return new Date(now).toDateString() === d.toDateString() ? hm : `${WEEKDAYS[d.getDay()]} ${hm}`;
}

/**
 * State of a clock at `now`: at risk from atRiskAt (inclusive), breached once past dueAt;
 * a stopped clock is met when it stopped no later than dueAt. No target → null.
 */
export function clockState(clock: PlannedClock, now: number): TargetState | null {
  if (clock.dueAt === null) return null;
  if (clock.stoppedAt !== null) return clock.stoppedAt <= clock.dueAt ? 'met' : 'missed';
  if (now > clock.dueAt) return 'breached';
  if (clock.atRiskAt !== null && now >= clock.atRiskAt) return 'at_risk';
  return 'on_track';
}

export const STATE_WORDS: Record<TargetState, string> = {
  on_track: 'on track',
  at_risk: 'at risk',
  breached: 'breached',
  met: 'met',
  missed: 'missed',
};

export const CLOCK_NAMES: Record<ClockKind, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

const SEVERITY: Record<TargetState, number> = { missed: 0, met: 0, on_track: 1, at_risk: 2, breached: 3 };

/** The running response clock that matters most for a waiting customer (worst state first). */
export function runningResponseClock(plan: ClockPlan | undefined, now: number): PlannedClock | null {
  if (!plan) return null;
  let best: PlannedClock | null = null;
  let bestRank = -1;
  for (const clock of plan.clocks) {
    if (clock.kind === 'resolution' || clock.stoppedAt !== null) continue;
    const state = clockState(clock, now);
    const rank = state ? SEVERITY[state] : 0;
    if (rank > bestRank) {
      best = clock;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * What each badge tone means, in the order the side panel's legend lists them (the overlay's
 * tooltips say the same per badge).
 */
export const BADGE_LEGEND: ReadonlyArray<{ tone: BadgeTone; sample: string; meaning: string }> = [
  { tone: 'on_track', sample: '4m', meaning: 'Waiting, and the reply is due within its target: on track.' },
  { tone: 'at_risk', sample: '8m', meaning: 'Waiting, and most of the time allowed has passed (75 % by default): at risk.' },
  { tone: 'breached', sample: '26m', meaning: 'Waiting past the reply target: breached.' },
  {
    tone: 'neutral',
    sample: '3m',
    meaning:
      'Grey: waiting, but no response target is running (none set for this conversation, or targets not loaded yet). The time is still exact.',
  },
  { tone: 'unknown', sample: '?', meaning: 'Dashed: the waiting time could not be read exactly from the page.' },
];

/** What a row badge shows. `neutral` = waiting, but no plan (yet) or no target. */
export type BadgeTone = TargetState | 'neutral' | 'idle' | 'unknown';

export interface BadgeModel {
  text: string;
  tone: BadgeTone;
  label: string;
}

/**
 * @param waitingSince the row's waiting-since: epoch ms, null = nobody waiting,
 *   undefined = the page's value could not be read.
 */
export function badgeModel(waitingSince: number | null | undefined, plan: ClockPlan | undefined, now: number): BadgeModel {
  const since = waitingSince !== undefined ? waitingSince : plan ? plan.waitingSince : undefined;
  if (since === undefined) return { text: '?', tone: 'unknown', label: 'Waiting time could not be read exactly' };
  if (since === null) return { text: '—', tone: 'idle', label: 'Nobody waiting' };
  const waited = Math.max(0, now - since);
  const parts = [`Waiting ${formatDurationLong(waited)}`];
  const clock = runningResponseClock(plan, now);
  const state = clock ? clockState(clock, now) : null;
  if (clock && clock.dueAt !== null && state) {
    parts.push(`${CLOCK_NAMES[clock.kind].toLowerCase()} due ${formatClockTime(clock.dueAt, now)}`, STATE_WORDS[state]);
  } else if (!plan) {
    parts.push('targets not loaded');
  } else {
    parts.push('no response target running');
  }
  return { text: formatDuration(waited), tone: state ?? 'neutral', label: parts.join(' · ') };
}

/**
 * The first instant after `now` at which badgeModel's output can differ (epoch ms are whole
 * numbers): the next whole minute waited, the next at-risk or breach of a running clock, or
 * the next local midnight (a due time on another day carries a weekday). Until then the
 * per-second tick can skip the badge.
 */
export function badgeModelChangesAt(waitingSince: number | null | undefined, plan: ClockPlan | undefined, now: number): number {
  const since = waitingSince !== undefined ? waitingSince : plan ? plan.waitingSince : undefined;
  if (since === undefined || since === null) return Infinity;
  let next = since + (Math.floor(Math.max(0, now - since) / MINUTE) + 1) * MINUTE;
  for (const clock of plan?.clocks ?? []) {
    if (clock.stoppedAt !== null || clock.dueAt === null) continue;
    if (clock.atRiskAt !== null && clock.atRiskAt > now) next = Math.min(next, clock.atRiskAt);
    if (clock.dueAt + 1 > now) next = Math.min(next, clock.dueAt + 1);
  }
  return Math.min(next, nextLocalMidnight(now));
}

/** The local day [start, end) of the last call: a thousand badges ask within the same day. */
let dayOfLastCall = { start: 0, end: -1 };

function nextLocalMidnight(now: number): number {
  if (now < dayOfLastCall.start || now >= dayOfLastCall.end) {
    const day = new Date(now);
    day.setHours(0, 0, 0, 0);
    const start = day.getTime();
    day.setHours(24, 0, 0, 0);
    dayOfLastCall = { start, end: day.getTime() };
  }
  return dayOfLastCall.end;
}

export interface StripItemModel {
  key: string;
  name: string;
  value: string;
  detail: string;
  tone: BadgeTone;
  title: string;
  /** Share of the time allowed that has passed, 0–1; null when there is no target. */
  progress: number | null;
}

export interface ChipModel {
  key: string;
  text: string;
  title: string;
}

export interface StripModel {
  items: StripItemModel[];
  cues: ChipModel[];
  unverified: boolean;
}

function clockItem(clock: PlannedClock, now: number): StripItemModel {
  const name = CLOCK_NAMES[clock.kind];
  const state = clockState(clock, now);
  const tone: BadgeTone = state ?? 'neutral';
  if (clock.stoppedAt !== null) {
    const took = formatDuration(Math.max(0, clock.stoppedAt - clock.startedAt));
    const overBy = clock.dueAt !== null && clock.stoppedAt > clock.dueAt ? formatDuration(clock.stoppedAt - clock.dueAt) : null;
    return {
      key: clock.kind,
      name,
      value: state === 'missed' ? `missed in ${took}` : `met in ${took}`,
      detail: overBy
        ? `${overBy} over target`
        : clock.dueAt !== null
          ? `target ${formatDuration(clock.dueAt - clock.startedAt)}`
          : 'no target',
      tone: state ?? 'idle',
      title: `${name}: took ${formatDurationLong(clock.stoppedAt - clock.startedAt)}${state ? ` · ${STATE_WORDS[state]}` : ''}`,
      progress: null,
    };
  }
  const elapsed = Math.max(0, now - clock.startedAt);
  if (clock.dueAt === null) {
    return {
      key: clock.kind,
      name,
      value: formatDuration(elapsed),
      detail: 'no target',
      tone,
      title: `${name}: running, no target`,
      progress: null,
    };
  }
  const allowed = Math.max(0, clock.dueAt - clock.startedAt);
  const detail = now <= clock.dueAt ? `due in ${formatDuration(clock.dueAt - now)}` : `overdue ${formatDuration(now - clock.dueAt)}`;
  const riskFrom = clock.atRiskAt !== null ? ` · at risk from ${formatClockTime(clock.atRiskAt, now)}` : '';
  return {
    key: clock.kind,
    name,
    value: `${formatDuration(elapsed)} / ${formatDuration(allowed)}`,
    detail,
    tone,
    title: `${name}: due ${formatClockTime(clock.dueAt, now)}${riskFrom} · ${STATE_WORDS[state!]} (business hours)`,
    progress: allowed > 0 ? Math.min(1, elapsed / allowed) : 1,
  };
}

const CLOCK_ORDER: ClockKind[] = ['firstResponse', 'nextResponse', 'resolution'];

export function stripModel(
  waitingSince: number | null | undefined,
  plan: ClockPlan | undefined,
  now: number,
  pageMissing: readonly string[] = [],
): StripModel {
  const items: StripItemModel[] = [];
  const cues: ChipModel[] = [];
  if (plan) {
    const clocks = [...plan.clocks].sort((a, b) => CLOCK_ORDER.indexOf(a.kind) - CLOCK_ORDER.indexOf(b.kind));
    // One item per kind: the latest cycle of each clock is the one that counts now.
    const latest = new Map<ClockKind, PlannedClock>();
    for (const clock of clocks) {
      const previous = latest.get(clock.kind);
      if (!previous || clock.startedAt >= previous.startedAt) latest.set(clock.kind, clock);
    }
    for (const kind of CLOCK_ORDER) {
      const clock = latest.get(kind);
      if (clock) items.push(clockItem(clock, now));
    }
    const { unansweredFollowUps, reopens, transfers, longWait, score } = plan.cues;
    const scoreNote = ` · effort score ${score}`;
    if (unansweredFollowUps > 0)
      cues.push({ key: 'unanswered', text: `${unansweredFollowUps} unanswered`, title: `Customer messages not yet answered${scoreNote}` });
    if (reopens > 0) cues.push({ key: 'reopens', text: `reopened ${reopens}×`, title: `Reopened after resolution${scoreNote}` });
    if (transfers > 0) cues.push({ key: 'transfers', text: `transferred ${transfers}×`, title: `Passed between agents${scoreNote}` });
    if (longWait) cues.push({ key: 'long-wait', text: 'long wait', title: `The customer has waited unusually long${scoreNote}` });
    // The worker's breach forecast, worded when the plan was made; shown only while the customer
    // waits and the clock it forecasts is not yet due (a breach is shown by the clock itself).
    const forecastClock = runningResponseClock(plan, now);
    const beforeDue = forecastClock !== null && (forecastClock.dueAt === null || now <= forecastClock.dueAt);
    if (plan.forecast?.likely && beforeDue && (waitingSince !== undefined ? waitingSince : plan.waitingSince) != null)
      cues.push({
        key: 'forecast',
        text: plan.forecast.text,
        title: 'Breach forecast: at the team’s pace over the last hour, the reply is expected after the due time',
      });
  }
  if (items.length === 0) {
    const since = waitingSince !== undefined ? waitingSince : plan?.waitingSince;
    if (since === undefined)
      items.push({
        key: 'waiting',
        name: 'Waiting',
        value: '?',
        detail: 'time unreadable',
        tone: 'unknown',
        title: 'Waiting time could not be read exactly',
        progress: null,
      });
    else if (since === null)
      items.push({
        key: 'waiting',
        name: 'Waiting',
        value: '—',
        detail: 'nobody waiting',
        tone: 'idle',
        title: 'Nobody waiting',
        progress: null,
      });
    else
      items.push({
        key: 'waiting',
        name: 'Waiting',
        value: formatDuration(Math.max(0, now - since)),
        detail: `since ${formatClockTime(since, now)}`,
        tone: 'neutral',
        title: plan ? 'No response target applies' : 'Targets not loaded yet: waiting time only',
        progress: null,
      });
  }
  return { items, cues, unverified: Boolean(plan?.unverified) || pageMissing.length > 0 };
}

/**
 * Waiting-since from a conversation's events, for the neutral display before plans arrive:
 * the earliest customer message after the last public human reply. Unknown (undefined) when
 * some event could not be read, since the missing one might be that reply.
 */
export function waitingSinceFromEvents(observation: {
  events?: Array<{ at: number; type: string; author?: string; public?: boolean }>;
  missing?: string[];
  status?: string;
}): number | null | undefined {
  if (!observation.events || observation.missing?.length) return undefined;
  if (observation.status === 'resolved') return null;
  let since: number | null = null;
  const ordered = [...observation.events].sort((a, b) => a.at - b.at);
  for (const event of ordered) {
    if (event.type !== 'message') continue;
    if (event.author === 'agent' && event.public !== false) since = null;
    else if (event.author === 'customer' && since === null) since = event.at;
  }
  return since;
}
