/**
 * The side panel's compact copy of each conversation's metrics (`panelMetrics` store): only the
 * numbers the Me and Team figures read, in flat number arrays. Reading a full `metrics` record
 * means structured-cloning dozens of small objects with their key names; this copy is a few
 * arrays, so reading the weeks on screen stays fast with thousands of stored conversations.
 *
 * The worker writes it in the same transaction as the `metrics` record (ingest), and migration
 * 003 builds it from existing metrics records. Relative imports only: the migration tests and
 * the benchmark run it under Node.
 */
import type { ConversationMetrics, Figure, OpenClock, ResolutionCycle, TargetResult, TargetState } from '../engine/types';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05T00:00Z, the first Monday of the epoch. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/**
 * Weeks since the epoch on UTC Mondays. Independent of the calendar's time zone, so a change of
 * zone never leaves stored keys wrong: a reader asks for the UTC weeks its local period covers.
 */
export function utcWeekNumber(t: number): number {
  return Math.floor((t - FIRST_MONDAY_MS) / WEEK_MS);
}

/** Fields the compact copy keeps as they are (the rest are encoded in number arrays). */
type KeptAsIs =
  | 'id'
  | 'channel'
  | 'createdAt'
  | 'status'
  | 'unverified'
  | 'profile'
  | 'agentId'
  | 'reopens'
  | 'oneTouch'
  | 'botResolved'
  | 'handleSeconds'
  | 'handleSecondsByAgent'
  | 'csat'
  | 'ces'
  | 'csatAt'
  | 'cesAt';

/** The parts of a conversation's metrics the week and today figures read (a ConversationMetrics fits). */
export type FigureMetrics = Pick<ConversationMetrics, KeptAsIs | 'handoff' | 'resolutions' | 'reported' | 'targets'> & {
  /** Running clocks: which and since when (elapsed time and targets are in `targets`). */
  open: Array<Pick<OpenClock, 'kind' | 'startedAt'>>;
};

/**
 * Flat encoding. Figures: [startedAt, stoppedAt, seconds, businessSeconds] per figure, their
 * agents in a parallel array (null = none). Resolutions: [startedAt, resolvedAt, seconds,
 * businessSeconds, fromCreation seconds, fromCreation businessSeconds]. Targets: [startedAt,
 * dueAt, atRiskAt, stoppedAt (−1 while running), state code] for first response, resolution
 * (all −1 when absent) and each next response. Open clocks: [kind code, startedAt].
 */
export type PanelMetrics = Pick<FigureMetrics, KeptAsIs> & {
  first: number[];
  firstAgents: Array<string | null>;
  reply: number[];
  replyAgents: Array<string | null>;
  resolution: number[];
  resolutionAgents: Array<string | null>;
  cycles: number[];
  cycleAgents: Array<string | null>;
  /** [at, seconds, businessSeconds], empty without a hand-off. */
  handoff: number[];
  targets: number[];
  open: number[];
};

export interface PanelMetricsRecord {
  /** The conversation key, as in `metrics`. */
  key: string;
  helpdesk: string;
  origin: string;
  /** UTC week numbers from creation to the last time it adds to a figure (index `by-week`). */
  weeks: number[];
  /** Present (the measuring time) only while a clock runs: the sparse index `by-running`. */
  running?: number;
  measuredAt: number;
  metrics: PanelMetrics;
}

const STATES: readonly TargetState[] = ['on_track', 'at_risk', 'breached', 'met', 'missed'];
const CLOCKS: readonly OpenClock['kind'][] = ['firstResponse', 'nextResponse', 'resolution'];
const TARGET_FIELDS = 5;
const ABSENT_TARGET = [-1, -1, -1, -1, -1];

function encodeFigures(figures: readonly Figure[]): { values: number[]; agents: Array<string | null> } {
  const values: number[] = [];
  const agents: Array<string | null> = [];
  for (const f of figures) {
    values.push(f.startedAt, f.stoppedAt, f.seconds, f.businessSeconds);
    agents.push(f.agentId ?? null);
  }
  return { values, agents };
}

function decodeFigures(values: readonly number[], agents: ReadonlyArray<string | null>): Figure[] {
  const out: Figure[] = [];
  for (let i = 0, j = 0; i < values.length; i += 4, j++) {
    const figure: Figure = { startedAt: values[i], stoppedAt: values[i + 1], seconds: values[i + 2], businessSeconds: values[i + 3] };
    if (agents[j] !== null) figure.agentId = agents[j] as string;
    out.push(figure);
  }
  return out;
}

function encodeTarget(t: TargetResult | null): number[] {
  return t ? [t.startedAt, t.dueAt, t.atRiskAt, t.stoppedAt ?? -1, STATES.indexOf(t.state)] : ABSENT_TARGET;
}

function decodeTarget(values: readonly number[], at: number): TargetResult | null {
  if (values[at + 4] === -1) return null;
  const stoppedAt = values[at + 3];
  return {
    startedAt: values[at],
    dueAt: values[at + 1],
    atRiskAt: values[at + 2],
    stoppedAt: stoppedAt === -1 ? null : stoppedAt,
    state: STATES[values[at + 4]],
  };
}

/**
 * The earliest and latest times at which a conversation can add to a summary (creation,
 * replies, resolutions, ratings, hand-off, a breached target's due time). A period that does
 * not overlap them gets nothing from it.
 */
export function figureSpan(m: FigureMetrics): { from: number; to: number } {
  let to = m.createdAt;
  const later = (t: number | undefined | null) => {
    if (t !== undefined && t !== null && t > to) to = t;
  };
  for (const f of m.reported.firstResponse) later(f.stoppedAt);
  for (const f of m.reported.reply) later(f.stoppedAt);
  for (const f of m.reported.resolution) later(f.stoppedAt);
  for (const r of m.resolutions) later(r.resolvedAt);
  later(m.csatAt);
  later(m.cesAt);
  later(m.handoff?.at);
  for (const t of [m.targets.firstResponse, m.targets.resolution, ...m.targets.nextResponse]) {
    if (!t) continue;
    later(t.stoppedAt);
    if (t.state === 'breached') later(t.dueAt);
  }
  return { from: m.createdAt, to };
}

export function toPanelMetrics(m: FigureMetrics): PanelMetrics {
  const first = encodeFigures(m.reported.firstResponse);
  const reply = encodeFigures(m.reported.reply);
  const resolution = encodeFigures(m.reported.resolution);
  const cycles: number[] = [];
  const cycleAgents: Array<string | null> = [];
  for (const r of m.resolutions) {
    cycles.push(r.startedAt, r.resolvedAt, r.seconds, r.businessSeconds, r.fromCreation.seconds, r.fromCreation.businessSeconds);
    cycleAgents.push(r.agentId ?? null);
  }
  const targets = [...encodeTarget(m.targets.firstResponse), ...encodeTarget(m.targets.resolution)];
  for (const t of m.targets.nextResponse) targets.push(...encodeTarget(t));
  const open: number[] = [];
  for (const clock of m.open) open.push(CLOCKS.indexOf(clock.kind), clock.startedAt);
  return {
    id: m.id,
    ...(m.channel !== undefined && { channel: m.channel }),
    createdAt: m.createdAt,
    status: m.status,
    unverified: m.unverified,
    ...(m.profile !== undefined && { profile: m.profile }),
    ...(m.agentId !== undefined && { agentId: m.agentId }),
    first: first.values,
    firstAgents: first.agents,
    reply: reply.values,
    replyAgents: reply.agents,
    resolution: resolution.values,
    resolutionAgents: resolution.agents,
    cycles,
    cycleAgents,
    handoff: m.handoff ? [m.handoff.at, m.handoff.seconds, m.handoff.businessSeconds] : [],
    reopens: m.reopens,
    oneTouch: m.oneTouch,
    botResolved: m.botResolved,
    handleSeconds: m.handleSeconds,
    handleSecondsByAgent: { ...m.handleSecondsByAgent },
    ...(m.csat !== undefined && { csat: m.csat }),
    ...(m.ces !== undefined && { ces: m.ces }),
    ...(m.csatAt !== undefined && { csatAt: m.csatAt }),
    ...(m.cesAt !== undefined && { cesAt: m.cesAt }),
    targets,
    open,
  };
}

export function fromPanelMetrics(p: PanelMetrics): FigureMetrics {
  const resolutions: ResolutionCycle[] = [];
  for (let i = 0, j = 0; i < p.cycles.length; i += 6, j++) {
    const resolvedAt = p.cycles[i + 1];
    const fromCreation: Figure = {
      seconds: p.cycles[i + 4],
      businessSeconds: p.cycles[i + 5],
      startedAt: p.createdAt,
      stoppedAt: resolvedAt,
    };
    const r: ResolutionCycle = {
      seconds: p.cycles[i + 2],
      businessSeconds: p.cycles[i + 3],
      startedAt: p.cycles[i],
      stoppedAt: resolvedAt,
      resolvedAt,
      fromCreation,
    };
    if (p.cycleAgents[j] !== null) r.agentId = fromCreation.agentId = p.cycleAgents[j] as string;
    resolutions.push(r);
  }
  const nextResponse: TargetResult[] = [];
  for (let at = 2 * TARGET_FIELDS; at < p.targets.length; at += TARGET_FIELDS)
    nextResponse.push(decodeTarget(p.targets, at) as TargetResult);
  const open: FigureMetrics['open'] = [];
  for (let i = 0; i < p.open.length; i += 2) open.push({ kind: CLOCKS[p.open[i]], startedAt: p.open[i + 1] });
  const m: FigureMetrics = {
    id: p.id,
    createdAt: p.createdAt,
    status: p.status,
    unverified: p.unverified,
    handoff: p.handoff.length ? { at: p.handoff[0], seconds: p.handoff[1], businessSeconds: p.handoff[2] } : null,
    resolutions,
    reopens: p.reopens,
    oneTouch: p.oneTouch,
    botResolved: p.botResolved,
    handleSeconds: p.handleSeconds,
    handleSecondsByAgent: p.handleSecondsByAgent,
    reported: {
      firstResponse: decodeFigures(p.first, p.firstAgents),
      reply: decodeFigures(p.reply, p.replyAgents),
      resolution: decodeFigures(p.resolution, p.resolutionAgents),
    },
    targets: { firstResponse: decodeTarget(p.targets, 0), resolution: decodeTarget(p.targets, TARGET_FIELDS), nextResponse },
    open,
  };
  if (p.channel !== undefined) m.channel = p.channel;
  if (p.profile !== undefined) m.profile = p.profile;
  if (p.agentId !== undefined) m.agentId = p.agentId;
  if (p.csat !== undefined) m.csat = p.csat;
  if (p.ces !== undefined) m.ces = p.ces;
  if (p.csatAt !== undefined) m.csatAt = p.csatAt;
  if (p.cesAt !== undefined) m.cesAt = p.cesAt;
  return m;
}

/** The compact record of one stored metrics record (same key, helpdesk, origin, measuring time). */
export function toPanelMetricsRecord(record: {
  key: string;
  helpdesk: string;
  origin: string;
  metrics: FigureMetrics;
  measuredAt: number;
}): PanelMetricsRecord {
  const m = record.metrics;
  const weeks: number[] = [];
  const span = figureSpan(m);
  for (let w = utcWeekNumber(span.from), last = utcWeekNumber(span.to); w <= last; w++) weeks.push(w);
  return {
    key: record.key,
    helpdesk: record.helpdesk,
    origin: record.origin,
    weeks,
    ...(m.open.length > 0 && { running: record.measuredAt }),
    measuredAt: record.measuredAt,
    metrics: toPanelMetrics(m),
  };
}
