/**
 * measureConversation: one conversation's events → its metrics, under one profile's rules.
 *
 * One pass over the time-sorted events with a handful of scalar state variables; business
 * time is asked of the calendar only when a measurement completes. See definitions.ts for the
 * words behind every figure and profiles.ts for what each profile changes.
 */
import { calendarClock, type WorkClock } from './business-clock';
import type { Conversation, ConversationEvent, ConversationStatus } from './events';
import { DEFAULT_LONG_WAIT_SECONDS, EFFORT_WEIGHTS } from './definitions';
import type { Profile } from './profiles';
import { evaluateTarget, type Pauses } from './targets';
import type { ConversationMetrics, Duration, EffortCues, Figure, OpenClock, ReplyMeasure, ResolutionCycle, TargetResult } from './types';

export interface TargetsConfig {
  clock: 'business' | 'calendar';
  firstResponseSeconds?: number;
  nextResponseSeconds?: number;
  resolutionSeconds?: number;
  /** Share of a target elapsed from which a running clock is at risk (0.75 by default). */
  atRiskShare: number;
}

export interface EngineContext {
  /** Resolved rules (profiles.ts). */
  profile: Profile;
  /** The business calendar (calendarClock() when none is configured). */
  business: WorkClock;
  targets: TargetsConfig;
  /** Evaluation time for running clocks and target states, epoch ms. */
  now: number;
  /** Effort cue threshold, business seconds (definitions: DEFAULT_LONG_WAIT_SECONDS). */
  longWaitSeconds?: number;
  /** The 24/7 clock for targets on calendar time; a built-in one is used when absent. */
  calendar?: WorkClock;
}

const MINUTE_MS = 60_000;
const EMPTY: Pauses = [];
/** The one empty list every metrics object with nothing to list shares (frozen: read-only). */
const NONE = Object.freeze([]) as unknown as never[];
/**
 * A list a pass fills, reused by every pass (one runs at a time). It is emptied by its count, so
 * its storage stays allocated between conversations (items past the count are leftovers); the
 * metrics get exact-size copies, so a conversation with one reply keeps no room for 17.
 */
class ScratchList<T> {
  readonly items: T[] = [];
  count = 0;

  add(item: T): void {
    this.items[this.count++] = item;
  }

  copy(): T[] {
    return this.count === 0 ? NONE : this.items.slice(0, this.count);
  }
}

const scratchOpen = new ScratchList<OpenClock>();
const scratchTargets = new ScratchList<TargetResult>();

/** The cues of a conversation with none, shared (frozen: read-only); most conversations have none. */
const NO_CUES: EffortCues = Object.freeze({ unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 });
/** Handle time per agent of a conversation nobody worked on in the browser, shared (frozen). */
const NO_HANDLE_TIME: Record<string, number> = Object.freeze({});

/** Shared until a conversation's first pause, so most passes allocate no pause lists. */
const NO_PAUSES = Object.freeze([]) as unknown as Array<[number, number]>;
const calendarClocks = new Map<string, WorkClock>();
/** Targets when the profile evaluates none (a calendar with no working time under Zammad's rules). */
const NO_TARGETS: TargetsConfig = { clock: 'calendar', atRiskShare: 0.75 };

/** The 24/7 clock in the business calendar's zone. */
function wallClock(ctx: EngineContext): WorkClock {
  if (ctx.calendar) return ctx.calendar;
  if (ctx.business.kind === 'calendar') return ctx.business;
  let clock = calendarClocks.get(ctx.business.timezone);
  if (!clock) {
    clock = calendarClock(ctx.business.timezone);
    calendarClocks.set(ctx.business.timezone, clock);
  }
  return clock;
}

/** The clock business seconds are counted on: the calendar, unless the profile reads a calendar with no working time as absent. */
function businessSecondsClock(ctx: EngineContext): WorkClock {
  if (ctx.business.hasWorkingTime || ctx.profile.emptyCalendar.businessSeconds === 'zero') return ctx.business;
  return wallClock(ctx);
}

/** The clock targets count on; null when the profile gives no targets on a calendar with no working time. */
function targetClock(ctx: EngineContext): WorkClock | null {
  if (ctx.targets.clock !== 'business') return wallClock(ctx);
  if (ctx.business.hasWorkingTime) return ctx.business;
  return ctx.profile.emptyCalendar.targets === 'wall-clock' ? wallClock(ctx) : null;
}

/** Reused for conversations whose events come out of order (the input is never reordered in place). */
const scratchEvents: ConversationEvent[] = [];

/** The events in time order, equal times in input order: read the first events.length items. */
function sortedEvents(events: ConversationEvent[]): ConversationEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i].at < events[i - 1].at) return sortedCopy(events);
  }
  return events;
}

/**
 * The events sorted into scratchEvents, whose first events.length items are then the sorted
 * events (items past them are leftovers from longer conversations); long lists get their own copy.
 */
function sortedCopy(events: ConversationEvent[]): ConversationEvent[] {
  // Array.prototype.sort is stable; long lists are rare.
  if (events.length > 64) return events.slice().sort((a, b) => a.at - b.at);
  const sorted = scratchEvents;
  // Insertion sort: stable (an event moves only past later times), allocation-free, fast for a few events.
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    let j = i;
    while (j > 0 && sorted[j - 1].at > event.at) {
      sorted[j] = sorted[j - 1];
      j--;
    }
    sorted[j] = event;
  }
  return sorted;
}

/** Pauses so far plus the one still open at `t`; allocates only while a pause is open. */
function pausesAt(closed: Array<[number, number]>, openSince: number, t: number): Pauses {
  if (openSince < 0 || t <= openSince) return closed.length ? closed : EMPTY;
  const out = closed.slice();
  out.push([openSince, t]);
  return out;
}

function isResponseStatusPaused(profile: Profile, status: ConversationStatus): boolean {
  return profile.pauses.response.includes(status);
}

/** Wall-clock seconds from a to b, 0 when b <= a. */
function elapsedSeconds(a: number, b: number): number {
  return b > a ? (b - a) / 1000 : 0;
}

function measureDuration(business: WorkClock, a: number, b: number, pauses: Pauses): Duration {
  if (b < a) b = a;
  const businessMs = pauses.length ? business.workingMsExcluding(a, b, pauses) : business.workingMs(a, b);
  return { seconds: (b - a) / 1000, businessSeconds: businessMs / 1000 };
}

/**
 * The state of one pass over a conversation's events. One instance serves every pass (they run
 * one at a time): its number fields are updated in place, so a pass allocates nothing of its
 * own, and start() sets every field, so nothing carries over from the conversation before.
 */
class Pass {
  profile!: Profile;
  business!: WorkClock;
  createdAt = 0;
  fr!: Profile['firstResponse'];
  pauseResponse = false;
  pauseResolution = false;
  pauseMinutes = false;

  // Status and pauses.
  status: ConversationStatus = 'open';
  responsePauses = NO_PAUSES;
  resolutionPauses = NO_PAUSES;
  responsePausedSince = -1;
  resolutionPausedSince = -1;
  // First response.
  firstResponse: ReplyMeasure | null = null;
  firstCustomerAt = -1; // first customer message of the current first-response wait
  firstCustomerEverAt = -1;
  agentPublicCount = 0;
  agentCreated = false;
  lastHandoffAt = -1;
  lastOpenedAt = -1; // latest hand-off or change to "open" (Chatwoot's non-human activity)
  lastBotResolvedAt = -1;
  // A resolution ended the first-response wait unmeasured: its start and the resolution time.
  abandonedStart = -1;
  abandonedAt = -1;
  /** Next-response (update) waits a resolution ended without a reply: [start, resolution, …]. */
  readonly abandonedWaits = new ScratchList<number>();
  frSegment: ReplyMeasure | null = null; // earliest unanswered customer message → first response
  // Next response.
  waitStart = -1;
  followUps = 0;
  readonly replies = new ScratchList<ReplyMeasure>();
  // Resolution cycles.
  readonly resolutions = new ScratchList<ResolutionCycle>();
  cycleStart = 0;
  reopens = 0;
  // People.
  humanReplies = 0;
  botMessages = 0;
  lastReplier: string | undefined = undefined;
  assigneeId: string | null | undefined = undefined;
  lastAgentAssignee: string | null = null;
  transfers = 0;
  handoff: ConversationMetrics['handoff'] = null;
  csat: number | undefined = undefined;
  ces: number | undefined = undefined;
  csatAt: number | undefined = undefined;
  cesAt: number | undefined = undefined;
  // Handle time: merged spans per agent, as parallel lists (a conversation has a few agents).
  readonly spanAgents = new ScratchList<string>();
  /** Per agent: [start, end, total] of its current merged span and the time before it. */
  readonly spanTimes: number[] = [];

  /** Sets every field for a new conversation. */
  start(conversation: Conversation, ctx: EngineContext, business: WorkClock): void {
    const profile = ctx.profile;
    this.profile = profile;
    this.business = business;
    this.createdAt = conversation.createdAt;
    this.fr = profile.firstResponse;
    this.pauseResponse = profile.pauses.response.length > 0;
    this.pauseResolution = profile.pauses.resolution.length > 0;
    this.pauseMinutes = profile.pauses.minutes === true;
    this.status = 'open';
    this.responsePauses = NO_PAUSES;
    this.resolutionPauses = NO_PAUSES;
    this.responsePausedSince = -1;
    this.resolutionPausedSince = -1;
    this.firstResponse = null;
    this.firstCustomerAt = -1;
    this.firstCustomerEverAt = -1;
    this.agentPublicCount = 0;
    this.agentCreated = false;
    this.lastHandoffAt = -1;
    this.lastOpenedAt = -1;
    this.lastBotResolvedAt = -1;
    this.abandonedStart = -1;
    this.abandonedAt = -1;
    this.abandonedWaits.count = 0;
    this.frSegment = null;
    this.waitStart = -1;
    this.followUps = 0;
    this.replies.count = 0;
    this.resolutions.count = 0;
    this.cycleStart = conversation.createdAt;
    this.reopens = 0;
    this.humanReplies = 0;
    this.botMessages = 0;
    this.lastReplier = undefined;
    this.assigneeId = undefined;
    this.lastAgentAssignee = null;
    this.transfers = 0;
    this.handoff = null;
    this.csat = undefined;
    this.ces = undefined;
    this.csatAt = undefined;
    this.cesAt = undefined;
    this.spanAgents.count = 0;
  }

  /** Business seconds in [a, b) minus pauses (0 when b <= a); built straight into the figure, no temporary. */
  businessSeconds(a: number, b: number, pauses: Pauses): number {
    if (!(b > a)) return 0;
    return (pauses.length ? this.business.workingMsExcluding(a, b, pauses) : this.business.workingMs(a, b)) / 1000;
  }

  setStatus(next: ConversationStatus, statusAt: number): void {
    if (next === this.status) return;
    const at = this.pauseMinutes ? Math.floor(statusAt / MINUTE_MS) * MINUTE_MS : statusAt;
    if (this.pauseResponse) {
      const was = isResponseStatusPaused(this.profile, this.status);
      const will = isResponseStatusPaused(this.profile, next);
      if (was && !will && this.responsePausedSince >= 0) {
        if (this.responsePauses === NO_PAUSES) this.responsePauses = [];
        this.responsePauses.push([this.responsePausedSince, at]);
        this.responsePausedSince = -1;
      } else if (!was && will) this.responsePausedSince = at;
    }
    if (this.pauseResolution) {
      const was = this.profile.pauses.resolution.includes(this.status);
      const will = this.profile.pauses.resolution.includes(next);
      if (was && !will && this.resolutionPausedSince >= 0) {
        if (this.resolutionPauses === NO_PAUSES) this.resolutionPauses = [];
        this.resolutionPauses.push([this.resolutionPausedSince, at]);
        this.resolutionPausedSince = -1;
      } else if (!was && will) this.resolutionPausedSince = at;
    }
    if (this.status === 'resolved') {
      this.reopens++;
      this.cycleStart = statusAt;
    }
    if (next === 'open') this.lastOpenedAt = statusAt;
    this.status = next;
  }

  resolve(at: number, agentId: string | undefined): void {
    const pauses = this.pauseResolution ? pausesAt(this.resolutionPauses, this.resolutionPausedSince, at) : EMPTY;
    const start = this.cycleStart;
    const seconds = elapsedSeconds(start, at);
    const businessSeconds = this.businessSeconds(start, at, pauses);
    const credited = agentId ?? this.assigneeId ?? undefined;
    const created = this.createdAt;
    const fromCreation: Figure = {
      seconds: start === created ? seconds : elapsedSeconds(created, at),
      businessSeconds: start === created ? businessSeconds : this.businessSeconds(created, at, pauses),
      startedAt: created,
      stoppedAt: at,
      agentId: credited,
    };
    this.resolutions.add({ seconds, businessSeconds, startedAt: start, stoppedAt: at, agentId: credited, resolvedAt: at, fromCreation });
    if (this.humanReplies === 0 && this.botMessages > 0) this.lastBotResolvedAt = at;
    if (this.firstResponse === null) {
      const start = this.firstResponseStart();
      if (start >= 0) {
        this.abandonedStart = start;
        this.abandonedAt = at;
      }
      if (this.fr.resolutionResets) this.firstCustomerAt = -1;
    }
    // Nobody waits on a resolved conversation; a next-response wait ended here may still have missed its target.
    if (this.waitStart >= 0 && (this.firstResponse !== null || this.profile.nextResponse.includeFirstResponse)) {
      this.abandonedWaits.add(this.waitStart);
      this.abandonedWaits.add(at);
    }
    this.waitStart = -1;
    this.followUps = 0;
    // Activity spans reaching past the resolution end at it (spans are cut every flush, so the
    // one open when Resolve is clicked reaches a few seconds past it).
    const times = this.spanTimes;
    for (let a = 0; a < this.spanAgents.count; a++) if (times[a * 3 + 1] > at) times[a * 3 + 1] = Math.max(times[a * 3], at);
    this.setStatus('resolved', at);
  }

  firstResponseStart(): number {
    let start: number;
    if (this.fr.start === 'creation') start = this.createdAt;
    else if (this.fr.start === 'first-customer-message') start = this.firstCustomerAt;
    else start = this.lastOpenedAt >= 0 ? this.lastOpenedAt : this.lastBotResolvedAt >= 0 ? this.lastBotResolvedAt : this.createdAt;
    if (this.fr.botTime === 'excluded' && this.lastHandoffAt > start && start >= 0) start = this.lastHandoffAt;
    return start;
  }

  /** Reads the first `count` events, in time order. */
  run(events: ConversationEvent[], count: number): void {
    for (let i = 0; i < count; i++) {
      const ev = events[i];
      const at = ev.at;
      switch (ev.type) {
        case 'message': {
          if (ev.public === false) break;
          if (ev.author === 'customer') {
            if (this.status === 'resolved') this.setStatus('open', at); // a customer message reopens it
            if (this.firstCustomerEverAt < 0) this.firstCustomerEverAt = at;
            if (this.firstCustomerAt < 0 && this.firstResponse === null) this.firstCustomerAt = at;
            if (this.waitStart < 0) {
              this.waitStart = at;
              this.followUps = 0;
            } else this.followUps++;
          } else if (ev.author === 'agent') {
            this.humanReplies++;
            this.agentPublicCount++;
            if (ev.agentId !== undefined) this.lastReplier = ev.agentId;
            if (this.agentPublicCount === 1 && this.firstCustomerEverAt < 0) this.agentCreated = true;
            let stopsFirst = false;
            if (this.firstResponse === null) {
              const start = this.firstResponseStart();
              const needed = this.agentCreated && this.fr.agentCreated === 'second-agent-comment' ? 2 : 1;
              // Replyline/Intercom start at a customer message: outreach before it is no response.
              if (start >= 0 && this.agentPublicCount >= needed) {
                const pauses = this.pauseResponse ? pausesAt(this.responsePauses, this.responsePausedSince, at) : EMPTY;
                const seconds = elapsedSeconds(start, at);
                const businessSeconds = this.businessSeconds(start, at, pauses);
                const first: ReplyMeasure = {
                  seconds,
                  businessSeconds,
                  startedAt: start,
                  stoppedAt: at,
                  agentId: ev.agentId,
                  repliedAt: at,
                };
                this.firstResponse = first;
                stopsFirst = true;
                const wait = this.waitStart;
                if (wait >= 0) {
                  this.frSegment =
                    wait === start
                      ? first
                      : {
                          seconds: elapsedSeconds(wait, at),
                          businessSeconds: this.businessSeconds(wait, at, pauses),
                          startedAt: wait,
                          stoppedAt: at,
                          agentId: ev.agentId,
                          repliedAt: at,
                        };
                }
              }
            }
            if (this.waitStart >= 0 && !stopsFirst && this.firstResponse !== null) {
              const pauses = this.pauseResponse ? pausesAt(this.responsePauses, this.responsePausedSince, at) : EMPTY;
              const wait = this.waitStart;
              this.replies.add({
                seconds: elapsedSeconds(wait, at),
                businessSeconds: this.businessSeconds(wait, at, pauses),
                startedAt: wait,
                stoppedAt: at,
                agentId: ev.agentId,
                repliedAt: at,
              });
            }
            if (this.firstResponse !== null) {
              this.waitStart = -1;
              this.followUps = 0;
            }
          } else {
            this.botMessages++;
            if (this.profile.nextResponse.botReplyClearsWait && this.waitStart >= 0) {
              this.waitStart = -1;
              this.followUps = 0;
            }
          }
          break;
        }
        case 'status':
          if (ev.status === 'resolved') {
            if (this.status !== 'resolved') this.resolve(at, ev.agentId);
          } else this.setStatus(ev.status, at);
          break;
        case 'handoff':
          this.lastHandoffAt = at;
          this.lastOpenedAt = at;
          if (this.handoff === null) {
            const from =
              this.profile.handoff.start === 'first-customer-message' && this.firstCustomerEverAt >= 0
                ? this.firstCustomerEverAt
                : this.createdAt;
            this.handoff = { seconds: elapsedSeconds(from, at), businessSeconds: this.businessSeconds(from, at, EMPTY), at };
          }
          break;
        case 'assignment':
          this.assigneeId = ev.agentId;
          if (ev.agentId !== null) {
            if (this.lastAgentAssignee !== null && this.lastAgentAssignee !== ev.agentId) this.transfers++;
            this.lastAgentAssignee = ev.agentId;
          }
          break;
        case 'rating':
          if (ev.csat !== undefined) {
            this.csat = ev.csat;
            this.csatAt = at;
          }
          if (ev.ces !== undefined) {
            this.ces = ev.ces;
            this.cesAt = at;
          }
          break;
        case 'activity': {
          // Work on a resolved conversation (the tab left open after Resolve) is not handle time.
          if (!(ev.until > at) || this.status === 'resolved') break;
          const times = this.spanTimes;
          const agents = this.spanAgents;
          let i = -1;
          for (let a = 0; a < agents.count; a++) {
            if (agents.items[a] === ev.agentId) {
              i = a * 3;
              break;
            }
          }
          if (i < 0) {
            const k = agents.count * 3;
            agents.add(ev.agentId);
            times[k] = at;
            times[k + 1] = ev.until;
            times[k + 2] = 0;
          } else if (at > times[i + 1]) {
            times[i + 2] += times[i + 1] - times[i];
            times[i] = at;
            times[i + 1] = ev.until;
          } else if (ev.until > times[i + 1]) times[i + 1] = ev.until;
          break;
        }
        default:
          // Notes and tags never move a clock.
          break;
      }
    }
  }
}

const PASS = new Pass();

/** The span being widened by the current measurement, [from, to] (a typed array keeps the numbers unboxed). */
const SPAN = new Float64Array(2);

function widenSpanTo(t: number): void {
  if (t < SPAN[0]) SPAN[0] = t;
  if (t > SPAN[1]) SPAN[1] = t;
}

function widenSpan(figures: readonly Figure[]): void {
  for (let i = 0; i < figures.length; i++) widenSpanTo(figures[i].stoppedAt);
}

/** A target result counts in a summary at its stop (met, missed) or, breached, at its due time. */
function widenSpanTarget(result: TargetResult | null): void {
  if (result === null) return;
  if (result.state === 'met' || result.state === 'missed') widenSpanTo(result.stoppedAt as number);
  else if (result.state === 'breached') widenSpanTo(result.dueAt);
}

function optionalTarget(
  clock: WorkClock,
  atRiskShare: number,
  landing: Profile['deadlineLanding'],
  now: number,
  start: number,
  seconds: number | undefined,
  pauses: Pauses,
  stoppedAt: number | null,
): TargetResult | null {
  return seconds === undefined ? null : evaluateTarget(clock, start, seconds, atRiskShare, landing, pauses, stoppedAt, now);
}

/** A running clock; `target` is present only when a target applies (no spread of an empty object on the hot path). */
function openClock(kind: OpenClock['kind'], startedAt: number, elapsed: Duration, target: TargetResult | null): OpenClock {
  const clock: OpenClock = { kind, startedAt, elapsed };
  if (target) clock.target = target;
  return clock;
}

export function measureConversation(conversation: Conversation, ctx: EngineContext): ConversationMetrics {
  const { profile, now } = ctx;
  const business = businessSecondsClock(ctx);
  const createdAt = conversation.createdAt;
  const pauseResponse = profile.pauses.response.length > 0;
  const pauseResolution = profile.pauses.resolution.length > 0;
  const pass = PASS;
  pass.start(conversation, ctx, business);
  pass.run(sortedEvents(conversation.events), conversation.events.length);
  const {
    status,
    responsePauses,
    resolutionPauses,
    responsePausedSince,
    resolutionPausedSince,
    firstResponse,
    firstCustomerEverAt,
    abandonedStart,
    abandonedAt,
    abandonedWaits,
    frSegment,
    waitStart,
    followUps,
    cycleStart,
    reopens,
    humanReplies,
    botMessages,
    lastReplier,
    assigneeId,
    transfers,
    handoff,
    csat,
    ces,
    csatAt,
    cesAt,
    spanAgents,
    spanTimes,
  } = pass;
  const replies = pass.replies.copy();
  const resolutions = pass.resolutions.copy();
  // Handle time.
  let handleMs = 0;
  const handleSecondsByAgent: Record<string, number> = spanAgents.count === 0 ? NO_HANDLE_TIME : {};
  for (let a = 0; a < spanAgents.count; a++) {
    const ms = spanTimes[a * 3 + 2] + (spanTimes[a * 3 + 1] - spanTimes[a * 3]);
    handleSecondsByAgent[spanAgents.items[a]] = ms / 1000;
    handleMs += ms;
  }

  // Open clocks and targets at `now`.
  const clockForTargets = targetClock(ctx);
  const tclock = clockForTargets ?? business;
  const t = clockForTargets ? ctx.targets : NO_TARGETS;
  const landing = profile.deadlineLanding;
  const responsePausesNow = pauseResponse ? pausesAt(responsePauses, responsePausedSince, now) : EMPTY;
  const resolutionPausesNow = pauseResolution ? pausesAt(resolutionPauses, resolutionPausedSince, now) : EMPTY;
  const open = scratchOpen;
  open.count = 0;

  let firstResponseTarget: TargetResult | null = null;
  if (firstResponse !== null) {
    firstResponseTarget = optionalTarget(
      tclock,
      t.atRiskShare,
      landing,
      now,
      firstResponse.startedAt,
      t.firstResponseSeconds,
      responsePausesNow,
      firstResponse.repliedAt,
    );
  } else if (status !== 'resolved') {
    const start = pass.firstResponseStart();
    if (start >= 0 && start <= now) {
      const clockTarget = optionalTarget(tclock, t.atRiskShare, landing, now, start, t.firstResponseSeconds, responsePausesNow, null);
      open.add(openClock('firstResponse', start, measureDuration(business, start, now, responsePausesNow), clockTarget));
      firstResponseTarget = clockTarget;
    }
  } else if (abandonedStart >= 0 && t.firstResponseSeconds !== undefined) {
    // Resolved with nobody answering: only a wait that had already run past due is a miss.
    const result = optionalTarget(
      tclock,
      t.atRiskShare,
      landing,
      now,
      abandonedStart,
      t.firstResponseSeconds,
      responsePausesNow,
      abandonedAt,
    );
    if (result && result.state === 'missed') firstResponseTarget = result;
  }

  // Zammad's update clock also covers the wait before the first response: any unanswered customer
  // contact sets update_escalation_at (lib/escalation.rb escalation_update).
  const firstWaitIsUpdate = profile.nextResponse.includeFirstResponse;
  const nextResponseTargets = scratchTargets;
  nextResponseTargets.count = 0;
  if (t.nextResponseSeconds !== undefined) {
    if (firstWaitIsUpdate && frSegment !== null) {
      nextResponseTargets.add(
        evaluateTarget(
          tclock,
          frSegment.startedAt,
          t.nextResponseSeconds,
          t.atRiskShare,
          landing,
          responsePausesNow,
          frSegment.stoppedAt,
          now,
        ),
      );
    }
    for (let i = 0; i < replies.length; i++) {
      const r = replies[i];
      nextResponseTargets.add(
        evaluateTarget(tclock, r.startedAt, t.nextResponseSeconds, t.atRiskShare, landing, responsePausesNow, r.repliedAt, now),
      );
    }
  }
  const abandoned = abandonedWaits.count > 0 && t.nextResponseSeconds !== undefined;
  if (abandoned) {
    const waits = abandonedWaits.items;
    for (let i = 0; i < abandonedWaits.count; i += 2) {
      const result = evaluateTarget(
        tclock,
        waits[i],
        t.nextResponseSeconds as number,
        t.atRiskShare,
        landing,
        responsePausesNow,
        waits[i + 1],
        now,
      );
      if (result.state === 'missed') nextResponseTargets.add(result);
    }
  }
  if (waitStart >= 0 && (firstResponse !== null || firstWaitIsUpdate) && waitStart <= now) {
    const clockTarget = optionalTarget(tclock, t.atRiskShare, landing, now, waitStart, t.nextResponseSeconds, responsePausesNow, null);
    if (clockTarget) nextResponseTargets.add(clockTarget);
    open.add(openClock('nextResponse', waitStart, measureDuration(business, waitStart, now, responsePausesNow), clockTarget));
  }

  const rfig = profile.resolution.figure;
  const resolutionStart =
    rfig === 'per-cycle'
      ? cycleStart
      : rfig === 'first-message-to-last-close'
        ? firstCustomerEverAt >= 0
          ? firstCustomerEverAt
          : createdAt
        : createdAt;
  let resolutionTarget: TargetResult | null = null;
  if (status === 'resolved') {
    const last = resolutions[resolutions.length - 1];
    resolutionTarget = optionalTarget(
      tclock,
      t.atRiskShare,
      landing,
      now,
      rfig === 'per-cycle' ? last.startedAt : resolutionStart,
      t.resolutionSeconds,
      resolutionPausesNow,
      last.resolvedAt,
    );
  } else if (resolutionStart <= now) {
    resolutionTarget = optionalTarget(tclock, t.atRiskShare, landing, now, resolutionStart, t.resolutionSeconds, resolutionPausesNow, null);
    open.add(
      openClock('resolution', resolutionStart, measureDuration(business, resolutionStart, now, resolutionPausesNow), resolutionTarget),
    );
  }

  const nextTargets = nextResponseTargets.copy();
  // Waits in the order they started (a wait ended by a resolution can come before a replied one).
  if (abandoned) nextTargets.sort((a, b) => a.startedAt - b.startedAt);

  // Figures as the profile reports them: the measures themselves, shared, not copies.
  const reportedFirst: Figure[] = firstResponse ? [firstResponse] : NONE;
  let reportedReply: Figure[] = NONE;
  if (profile.nextResponse.statistic === 'every') reportedReply = replies;
  else {
    // Longest wait by business time, as Zammad compares working minutes.
    let longest: ReplyMeasure | null = profile.nextResponse.includeFirstResponse ? frSegment : null;
    for (let i = 0; i < replies.length; i++)
      if (longest === null || replies[i].businessSeconds > longest.businessSeconds) longest = replies[i];
    if (longest) reportedReply = [longest];
  }
  let reportedResolution: Figure[] = NONE;
  if (resolutions.length > 0) {
    if (rfig === 'per-cycle') reportedResolution = resolutions;
    else if (rfig === 'each-from-creation') reportedResolution = resolutions.map((r) => r.fromCreation);
    else if (rfig === 'first-from-creation') reportedResolution = [resolutions[0].fromCreation];
    else if (rfig === 'last-from-creation') reportedResolution = [resolutions[resolutions.length - 1].fromCreation];
    else {
      const last = resolutions[resolutions.length - 1];
      const d = measureDuration(
        business,
        resolutionStart,
        last.resolvedAt,
        pauseResolution ? pausesAt(resolutionPauses, -1, last.resolvedAt) : EMPTY,
      );
      reportedResolution = [
        {
          seconds: d.seconds,
          businessSeconds: d.businessSeconds,
          startedAt: resolutionStart,
          stoppedAt: last.resolvedAt,
          agentId: last.agentId,
        },
      ];
    }
  }

  // The span of instants at which this conversation can add to a summary.
  SPAN[0] = SPAN[1] = createdAt;
  widenSpan(reportedFirst);
  widenSpan(reportedReply);
  widenSpan(reportedResolution);
  widenSpan(resolutions);
  if (handoff !== null) widenSpanTo(handoff.at);
  if (csatAt !== undefined) widenSpanTo(csatAt);
  if (cesAt !== undefined) widenSpanTo(cesAt);
  widenSpanTarget(firstResponseTarget);
  widenSpanTarget(resolutionTarget);
  for (let i = 0; i < nextTargets.length; i++) widenSpanTarget(nextTargets[i]);

  // Effort cues.
  const waitingSince = waitStart >= 0 ? waitStart : null;
  const longWaitMs = (ctx.longWaitSeconds ?? DEFAULT_LONG_WAIT_SECONDS) * 1000;
  const longWait = waitingSince !== null && waitingSince < now && business.workingMs(waitingSince, now) > longWaitMs;
  const unansweredFollowUps = waitingSince !== null ? followUps : 0;
  const score =
    unansweredFollowUps * EFFORT_WEIGHTS.unansweredFollowUp +
    reopens * EFFORT_WEIGHTS.reopen +
    transfers * EFFORT_WEIGHTS.transfer +
    (longWait ? EFFORT_WEIGHTS.longWait : 0);

  // Every metrics object gets the same keys in the same order (absent values undefined), so the
  // summaries that read many of them see one object shape.
  return {
    id: conversation.id,
    channel: conversation.channel,
    createdAt,
    status,
    unverified: conversation.unverified === true,
    firstResponse,
    handoff,
    replies,
    resolutions,
    reopens,
    oneTouch: status === 'resolved' && resolutions.length === 1 && reopens === 0 && humanReplies === 1,
    botResolved: status === 'resolved' && humanReplies === 0 && botMessages > 0,
    handleSeconds: handleMs / 1000,
    handleSecondsByAgent,
    profile: profile.id,
    reported: { firstResponse: reportedFirst, reply: reportedReply, resolution: reportedResolution },
    agentId: lastReplier ?? assigneeId ?? undefined,
    assigneeId,
    targets: { firstResponse: firstResponseTarget, nextResponse: nextTargets, resolution: resolutionTarget },
    open: open.copy(),
    spanFrom: SPAN[0],
    spanTo: SPAN[1],
    waitingSince,
    cues: score === 0 ? NO_CUES : { unansweredFollowUps, reopens, transfers, longWait, score },
    csat,
    csatAt,
    ces,
    cesAt,
  };
}
