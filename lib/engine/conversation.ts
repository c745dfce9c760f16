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
import type { ConversationMetrics, Duration, Figure, OpenClock, ReplyMeasure, ResolutionCycle, TargetResult } from './types';

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

function sortedEvents(events: ConversationEvent[]): ConversationEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i].at < events[i - 1].at) {
      // Array.prototype.sort is stable, so equal times keep their input order.
      return events.slice().sort((a, b) => a.at - b.at);
    }
  }
  return events;
}

/** Pauses so far plus the one still open at `t`; allocates only while a pause is open. */
function pausesAt(closed: Array<[number, number]>, openSince: number, t: number): Pauses {
  if (openSince < 0 || t <= openSince) return closed.length ? closed : EMPTY;
  const out = closed.slice() as Array<[number, number]>;
  out.push([openSince, t]);
  return out;
}

function isResponseStatusPaused(profile: Profile, status: ConversationStatus): boolean {
  return profile.pauses.response.includes(status);
}

function measureDuration(business: WorkClock, a: number, b: number, pauses: Pauses): Duration {
  if (b < a) b = a;
  const businessMs = pauses.length ? business.workingMsExcluding(a, b, pauses) : business.workingMs(a, b);
  return { seconds: (b - a) / 1000, businessSeconds: businessMs / 1000 };
}

/** The state of one pass over a conversation's events; methods instead of closures keep the hot path allocation-free. */
class Pass {
  readonly profile: Profile;
  readonly business: WorkClock;
  readonly createdAt: number;
  readonly fr: Profile['firstResponse'];
  readonly pauseResponse: boolean;
  readonly pauseResolution: boolean;
  readonly pauseMinutes: boolean;

  // Status and pauses.
  status = 'open' as ConversationStatus;
  responsePauses = NO_PAUSES;
  resolutionPauses = NO_PAUSES;
  responsePausedSince = -1;
  resolutionPausedSince = -1;
  // First response.
  firstResponse: ConversationMetrics['firstResponse'] = null;
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
  // Next-response (update) waits a resolution ended without a reply: [start, resolution, …].
  abandonedWaits: number[] | null = null;
  frSegment: Figure | null = null; // earliest unanswered customer message → first response
  // Next response.
  waitStart = -1;
  followUps = 0;
  replies: ReplyMeasure[] = [];
  // Resolution cycles.
  resolutions: ResolutionCycle[] = [];
  cycleStart: number;
  reopens = 0;
  // People.
  humanReplies = 0;
  botMessages = 0;
  lastReplier: string | undefined;
  assigneeId: string | null | undefined;
  lastAgentAssignee: string | null = null;
  transfers = 0;
  handoff: ConversationMetrics['handoff'] = null;
  csat: number | undefined;
  ces: number | undefined;
  csatAt: number | undefined;
  cesAt: number | undefined;
  // Handle time: merged spans per agent.
  spans: Map<string, { start: number; end: number; total: number }> | null = null;

  constructor(conversation: Conversation, ctx: EngineContext, business: WorkClock) {
    this.profile = ctx.profile;
    this.business = business;
    this.createdAt = conversation.createdAt;
    this.cycleStart = conversation.createdAt;
    this.fr = ctx.profile.firstResponse;
    this.pauseResponse = ctx.profile.pauses.response.length > 0;
    this.pauseResolution = ctx.profile.pauses.resolution.length > 0;
    this.pauseMinutes = ctx.profile.pauses.minutes === true;
  }

  duration(a: number, b: number, pauses: Pauses): Duration {
    return measureDuration(this.business, a, b, pauses);
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
    const cycle = this.duration(this.cycleStart, at, pauses);
    this.resolutions.push({
      seconds: cycle.seconds,
      businessSeconds: cycle.businessSeconds,
      startedAt: this.cycleStart,
      resolvedAt: at,
      fromCreation: this.cycleStart === this.createdAt ? cycle : this.duration(this.createdAt, at, pauses),
      agentId: agentId ?? this.assigneeId ?? undefined,
    });
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
      (this.abandonedWaits ??= []).push(this.waitStart, at);
    }
    this.waitStart = -1;
    this.followUps = 0;
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

  run(events: ConversationEvent[]): void {
    for (let i = 0; i < events.length; i++) {
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
                const d = this.duration(start, at, pauses);
                this.firstResponse = {
                  seconds: d.seconds,
                  businessSeconds: d.businessSeconds,
                  startedAt: start,
                  repliedAt: at,
                  agentId: ev.agentId,
                };
                stopsFirst = true;
                if (this.waitStart >= 0) {
                  const w = start === this.waitStart ? d : this.duration(this.waitStart, at, pauses);
                  this.frSegment = {
                    seconds: w.seconds,
                    businessSeconds: w.businessSeconds,
                    startedAt: this.waitStart,
                    stoppedAt: at,
                    agentId: ev.agentId,
                  };
                }
              }
            }
            if (this.waitStart >= 0 && !stopsFirst && this.firstResponse !== null) {
              const pauses = this.pauseResponse ? pausesAt(this.responsePauses, this.responsePausedSince, at) : EMPTY;
              const d = this.duration(this.waitStart, at, pauses);
              this.replies.push({
                seconds: d.seconds,
                businessSeconds: d.businessSeconds,
                startedAt: this.waitStart,
                repliedAt: at,
                agentId: ev.agentId,
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
            const d = this.duration(from, at, EMPTY);
            this.handoff = { seconds: d.seconds, businessSeconds: d.businessSeconds, at };
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
          if (!(ev.until > at)) break;
          if (this.spans === null) this.spans = new Map();
          const s = this.spans.get(ev.agentId);
          if (!s) this.spans.set(ev.agentId, { start: at, end: ev.until, total: 0 });
          else if (at > s.end) {
            s.total += s.end - s.start;
            s.start = at;
            s.end = ev.until;
          } else if (ev.until > s.end) s.end = ev.until;
          break;
        }
        default:
          // Notes and tags never move a clock.
          break;
      }
    }
  }
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

function fromCreationFigure(r: ResolutionCycle, createdAt: number): Figure {
  return { ...r.fromCreation, startedAt: createdAt, stoppedAt: r.resolvedAt, agentId: r.agentId };
}

export function measureConversation(conversation: Conversation, ctx: EngineContext): ConversationMetrics {
  const { profile, now } = ctx;
  const business = businessSecondsClock(ctx);
  const createdAt = conversation.createdAt;
  const pauseResponse = profile.pauses.response.length > 0;
  const pauseResolution = profile.pauses.resolution.length > 0;
  const pass = new Pass(conversation, ctx, business);
  pass.run(sortedEvents(conversation.events));
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
    replies,
    resolutions,
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
    spans,
  } = pass;
  // Handle time.
  let handleMs = 0;
  const handleSecondsByAgent: Record<string, number> = {};
  if (spans !== null) {
    for (const [agent, s] of spans) {
      const ms = s.total + (s.end - s.start);
      handleSecondsByAgent[agent] = ms / 1000;
      handleMs += ms;
    }
  }

  // Open clocks and targets at `now`.
  const clockForTargets = targetClock(ctx);
  const tclock = clockForTargets ?? business;
  const t = clockForTargets ? ctx.targets : NO_TARGETS;
  const landing = profile.deadlineLanding;
  const responsePausesNow = pauseResponse ? pausesAt(responsePauses, responsePausedSince, now) : EMPTY;
  const resolutionPausesNow = pauseResolution ? pausesAt(resolutionPauses, resolutionPausedSince, now) : EMPTY;
  const open: OpenClock[] = [];

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
      open.push(openClock('firstResponse', start, measureDuration(business, start, now, responsePausesNow), clockTarget));
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
  const nextResponseTargets: TargetResult[] = [];
  if (t.nextResponseSeconds !== undefined) {
    if (firstWaitIsUpdate && frSegment !== null) {
      nextResponseTargets.push(
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
      nextResponseTargets.push(
        evaluateTarget(tclock, r.startedAt, t.nextResponseSeconds, t.atRiskShare, landing, responsePausesNow, r.repliedAt, now),
      );
    }
  }
  if (abandonedWaits !== null && t.nextResponseSeconds !== undefined) {
    for (let i = 0; i < abandonedWaits.length; i += 2) {
      const result = evaluateTarget(
        tclock,
        abandonedWaits[i],
        t.nextResponseSeconds,
        t.atRiskShare,
        landing,
        responsePausesNow,
        abandonedWaits[i + 1],
        now,
      );
      if (result.state === 'missed') nextResponseTargets.push(result);
    }
    // Waits in the order they started (a wait ended by a resolution can come before a replied one).
    nextResponseTargets.sort((a, b) => a.startedAt - b.startedAt);
  }
  if (waitStart >= 0 && (firstResponse !== null || firstWaitIsUpdate) && waitStart <= now) {
    const clockTarget = optionalTarget(tclock, t.atRiskShare, landing, now, waitStart, t.nextResponseSeconds, responsePausesNow, null);
    if (clockTarget) nextResponseTargets.push(clockTarget);
    open.push(openClock('nextResponse', waitStart, measureDuration(business, waitStart, now, responsePausesNow), clockTarget));
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
    open.push(
      openClock('resolution', resolutionStart, measureDuration(business, resolutionStart, now, resolutionPausesNow), resolutionTarget),
    );
  }

  // Figures as the profile reports them.
  const reportedFirst: Figure[] = firstResponse
    ? [
        {
          seconds: firstResponse.seconds,
          businessSeconds: firstResponse.businessSeconds,
          startedAt: firstResponse.startedAt,
          stoppedAt: firstResponse.repliedAt,
          agentId: firstResponse.agentId,
        },
      ]
    : [];
  let reportedReply: Figure[] = [];
  if (profile.nextResponse.statistic === 'every') {
    reportedReply = replies.map((r) => ({
      seconds: r.seconds,
      businessSeconds: r.businessSeconds,
      startedAt: r.startedAt,
      stoppedAt: r.repliedAt,
      agentId: r.agentId,
    }));
  } else {
    // Longest wait by business time, as Zammad compares working minutes.
    let longest: Figure | null = profile.nextResponse.includeFirstResponse ? frSegment : null;
    for (let i = 0; i < replies.length; i++) {
      const r = replies[i];
      if (longest === null || r.businessSeconds > longest.businessSeconds) {
        longest = {
          seconds: r.seconds,
          businessSeconds: r.businessSeconds,
          startedAt: r.startedAt,
          stoppedAt: r.repliedAt,
          agentId: r.agentId,
        };
      }
    }
    if (longest) reportedReply = [longest];
  }
  let reportedResolution: Figure[] = [];
  if (resolutions.length > 0) {
    if (rfig === 'per-cycle')
      reportedResolution = resolutions.map((r) => ({
        seconds: r.seconds,
        businessSeconds: r.businessSeconds,
        startedAt: r.startedAt,
        stoppedAt: r.resolvedAt,
        agentId: r.agentId,
      }));
    else if (rfig === 'each-from-creation') reportedResolution = resolutions.map((r) => fromCreationFigure(r, createdAt));
    else if (rfig === 'first-from-creation') reportedResolution = [fromCreationFigure(resolutions[0], createdAt)];
    else if (rfig === 'last-from-creation') reportedResolution = [fromCreationFigure(resolutions[resolutions.length - 1], createdAt)];
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

  const metrics: ConversationMetrics = {
    id: conversation.id,
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
    targets: { firstResponse: firstResponseTarget, nextResponse: nextResponseTargets, resolution: resolutionTarget },
    open,
    waitingSince,
    cues: { unansweredFollowUps, reopens, transfers, longWait, score },
  };
  if (conversation.channel !== undefined) metrics.channel = conversation.channel;
  if (csat !== undefined) {
    metrics.csat = csat;
    metrics.csatAt = csatAt;
  }
  if (ces !== undefined) {
    metrics.ces = ces;
    metrics.cesAt = cesAt;
  }
  return metrics;
}
