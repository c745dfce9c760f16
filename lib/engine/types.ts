/**
 * What the metrics engine produces. Durations are seconds; times are epoch ms inside the
 * engine (the report layer turns them into ISO strings).
 */
import type { ConversationStatus } from './events';

export type ProfileId = 'replyline' | 'zendesk' | 'intercom' | 'chatwoot' | 'zammad';

/** A measured duration in wall-clock seconds and in business seconds on the calendar. */
export interface Duration {
  seconds: number;
  /** Equal to `seconds` when no business calendar applies. */
  businessSeconds: number;
}

export type TargetState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'missed';

export interface TargetResult {
  /** When the clock started, epoch ms. */
  startedAt: number;
  /** Due time, epoch ms (business or calendar time per the targets' clock). */
  dueAt: number;
  /** From this time a running clock is at risk (share of the target elapsed). */
  atRiskAt: number;
  /** When the clock stopped (reply or resolution), or null while it runs. */
  stoppedAt: number | null;
  state: TargetState;
}

/**
 * A wait a human reply ended: first response, or a next response. It is also the Figure the
 * profile reports for it (stoppedAt = repliedAt), so reported figures share these objects.
 */
export interface ReplyMeasure extends Figure {
  /** The human reply that stopped it, epoch ms (the same instant as stoppedAt). */
  repliedAt: number;
}

/**
 * One resolution measured as its own open→resolved cycle (Replyline's resolution figure), with
 * the same resolution from creation beside it. The figure runs from the cycle's start (creation,
 * or the reopen that began it) to the resolution, with the profile's resolution pauses taken out
 * of business seconds; it is the Figure Replyline reports, shared with reported.resolution.
 */
export interface ResolutionCycle extends Figure {
  /** The resolution, epoch ms (the same instant as stoppedAt). */
  resolvedAt: number;
  /** The same resolution measured from the conversation's creation (startedAt = createdAt). */
  fromCreation: Figure;
}

/** A clock still running at the evaluation time ("now"). */
export interface OpenClock {
  kind: 'firstResponse' | 'nextResponse' | 'resolution';
  startedAt: number;
  /** Elapsed so far at `now`. */
  elapsed: Duration;
  target?: TargetResult;
}

export interface EffortCues {
  /** Customer messages after the earliest unanswered one, still unanswered now. */
  unansweredFollowUps: number;
  reopens: number;
  /** Assignment changes from one agent to another after the first assignment. */
  transfers: number;
  /** The customer has waited longer than the long-wait threshold (business time). */
  longWait: boolean;
  /** A transparent score: the sum of the weighted cues (see definitions). */
  score: number;
}

/** One measurement as the profile reports it, with the times that place it in a period. */
export interface Figure extends Duration {
  startedAt: number;
  stoppedAt: number;
  /** The agent credited with it (the replier, or the resolver). */
  agentId?: string;
}

/** The figures the profile's own reports count (see profiles.ts); aggregates are built from these. */
export interface ReportedFigures {
  firstResponse: Figure[];
  reply: Figure[];
  resolution: Figure[];
}

export interface ConversationMetrics {
  id: string;
  channel?: string;
  createdAt: number;
  status: ConversationStatus;
  unverified: boolean;
  /** First human response; null where no human has replied (in the first cycle). */
  firstResponse: ReplyMeasure | null;
  /** Bot time before the hand-off to a human, reported as its own figure; null without a hand-off. */
  handoff: (Duration & { at: number }) | null;
  /** Every later human reply's wait (next response time), in order, under the profile's wait rules. */
  replies: ReplyMeasure[];
  /**
   * Every resolution, each per cycle and from creation. These are per-cycle figures whatever
   * the profile; the profile's own resolution figures are `reported.resolution` (Chatwoot: each
   * from creation; Zammad: the first from creation; Zendesk: the latest; Intercom: first
   * customer message to the last close).
   */
  resolutions: ResolutionCycle[];
  reopens: number;
  /** Resolved once, by a single human reply, never reopened. */
  oneTouch: boolean;
  /** Resolved with no human reply at all, after a bot or automation replied. */
  botResolved: boolean;
  /** Active handle time from activity spans, per agent and in total (seconds). */
  handleSeconds: number;
  handleSecondsByAgent: Record<string, number>;
  csat?: number;
  ces?: number;
  /** When the latest CSAT / CES answer was given, epoch ms. */
  csatAt?: number;
  cesAt?: number;
  /** The profile whose rules produced these figures. */
  profile?: ProfileId;
  /**
   * The figures the profile's reports count: first response, reply waits (Zammad: only the
   * longest) and resolutions as the profile measures them. Summaries are built from these.
   */
  reported: ReportedFigures;
  /** The agent credited with the conversation (last human replier, else assignee). */
  agentId?: string;
  assigneeId?: string | null;
  targets: {
    firstResponse: TargetResult | null;
    nextResponse: TargetResult[];
    resolution: TargetResult | null;
  };
  /** Clocks running at the evaluation time. */
  open: OpenClock[];
  /**
   * The earliest and latest instants at which this conversation adds to a summary: creation,
   * the stop of every reported figure and resolution, the hand-off, ratings, and the stop (or,
   * breached, the due time) of every target result. Summaries skip a conversation whose span
   * misses their period. Absent on metrics stored before these fields existed.
   */
  spanFrom?: number;
  spanTo?: number;
  /** Earliest unanswered customer message, when the customer is waiting now. */
  waitingSince: number | null;
  cues: EffortCues;
}

export interface Aggregate {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface DurationAggregate {
  calendar: Aggregate;
  business: Aggregate;
  /** Counts per histogram bucket (labels from the definitions), on the profile's clock. */
  histogram?: { label: string; upToSeconds: number | null; count: number }[];
}

export interface RatingAggregate {
  n: number;
  /** CSAT: share of 4–5 among ratings (0–1); null when n = 0. */
  score: number | null;
}

export interface CesAggregate {
  n: number;
  mean: number | null;
  /** Share of 5–7 answers (0–1). */
  shareEasy: number | null;
}

export interface TargetHitRate {
  /** Clocks that stopped (met or missed) or breached. */
  n: number;
  met: number;
  /** met / n; null when n = 0. */
  rate: number | null;
}

export interface Summary {
  /** The profile's headline statistic (the others are always present beside it). */
  primary?: 'median' | 'mean';
  conversations: number;
  firstResponse: DurationAggregate;
  reply: DurationAggregate;
  resolution: DurationAggregate;
  resolutionFromCreation: DurationAggregate;
  /**
   * Every resolution as its own open→resolved cycle, whatever the profile (`resolution` is the
   * profile's own figure: per cycle only under Replyline's profile).
   */
  resolutionCycles: DurationAggregate;
  handoff: DurationAggregate;
  handleSeconds: Aggregate;
  reopens: number;
  reopenRate: number | null;
  /** One-touch resolutions (`count`) among the `n` conversations resolved in the period (also the reopen rate's n). */
  oneTouch: { count: number; n: number; share: number | null };
  botResolved: number;
  csat: RatingAggregate;
  ces: CesAggregate;
  targets: { firstResponse: TargetHitRate; nextResponse: TargetHitRate; resolution: TargetHitRate; all: TargetHitRate };
}
