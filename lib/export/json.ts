/**
 * The JSON report (`replyline.report/1`): the engine's report with times as ISO 8601 strings
 * in the report's time zone and durations in seconds.
 */
import type {
  Aggregate,
  ConversationMetrics,
  Duration,
  DurationAggregate,
  Figure,
  OpenClock,
  Summary,
  TargetResult,
  TargetState,
} from '../engine/types';
import { isoInZone, roundSeconds, type EngineReport, type ReportAnalytics, type ReportFrame } from './context';

export const REPORT_FORMAT = 'replyline.report/1';

export interface DurationJson {
  seconds: number;
  businessSeconds: number;
}

export interface TargetJson {
  startedAt: string;
  dueAt: string;
  atRiskAt: string;
  stoppedAt: string | null;
  state: TargetState;
}

export interface ConversationJson {
  id: string;
  channel: string | null;
  createdAt: string;
  status: ConversationMetrics['status'];
  unverified: boolean;
  agentId: string | null;
  assigneeId: string | null;
  firstResponse: (DurationJson & { startedAt: string; repliedAt: string; agentId: string | null }) | null;
  handoff: (DurationJson & { at: string }) | null;
  replies: (DurationJson & { startedAt: string; repliedAt: string; agentId: string | null })[];
  /** The resolution figures the profile reports (Chatwoot: each from creation; Zendesk: the latest from creation…). */
  resolutions: (DurationJson & { startedAt: string; resolvedAt: string; agentId: string | null })[];
  /** Every resolution as its own open→resolved cycle, with the same resolution from creation beside it. */
  resolutionCycles: (DurationJson & { startedAt: string; resolvedAt: string; fromCreation: DurationJson; agentId: string | null })[];
  reopens: number;
  oneTouch: boolean;
  botResolved: boolean;
  handleSeconds: number;
  handleSecondsByAgent: Record<string, number>;
  csat: number | null;
  ces: number | null;
  csatAt: string | null;
  cesAt: string | null;
  /** The figures the profile's own reports count (what the summary aggregates). */
  reported: Record<'firstResponse' | 'reply' | 'resolution', FigureJson[]>;
  targets: { firstResponse: TargetJson | null; nextResponse: TargetJson[]; resolution: TargetJson | null };
  open: { kind: OpenClock['kind']; startedAt: string; elapsed: DurationJson; target: TargetJson | null }[];
  waitingSince: string | null;
  cues: ConversationMetrics['cues'];
}

export interface FigureJson extends DurationJson {
  startedAt: string;
  stoppedAt: string;
  agentId: string | null;
}

export interface ReportJson {
  format: typeof REPORT_FORMAT;
  profile: string;
  evaluatedAt: string;
  period: { week: string | null; from: string | null; to: string | null; timezone: string };
  conversations: ConversationJson[];
  summary: Summary;
  /** The side panel's Insights, same definitions (docs/report-format.md). */
  analytics: ReportAnalytics | null;
}

function duration(value: Duration): DurationJson {
  return { seconds: roundSeconds(value.seconds), businessSeconds: roundSeconds(value.businessSeconds) };
}

function aggregate(value: Aggregate): Aggregate {
  const round = (n: number | null) => (n === null ? null : roundSeconds(n));
  return {
    ...value,
    median: round(value.median),
    p90: round(value.p90),
    mean: round(value.mean),
    min: round(value.min),
    max: round(value.max),
  };
}

function durationAggregate(value: DurationAggregate): DurationAggregate {
  return {
    ...value,
    calendar: aggregate(value.calendar),
    business: aggregate(value.business),
    ...(value.histogram && { histogram: value.histogram.map((bucket) => ({ ...bucket })) }),
  };
}

export function summaryToJson(summary: Summary): Summary {
  return {
    ...summary,
    firstResponse: durationAggregate(summary.firstResponse),
    reply: durationAggregate(summary.reply),
    resolution: durationAggregate(summary.resolution),
    resolutionFromCreation: durationAggregate(summary.resolutionFromCreation),
    resolutionCycles: durationAggregate(summary.resolutionCycles),
    handoff: durationAggregate(summary.handoff),
    handleSeconds: aggregate(summary.handleSeconds),
    oneTouch: { ...summary.oneTouch },
    csat: { ...summary.csat },
    ces: { ...summary.ces },
    targets: {
      firstResponse: { ...summary.targets.firstResponse },
      nextResponse: { ...summary.targets.nextResponse },
      resolution: { ...summary.targets.resolution },
      all: { ...summary.targets.all },
    },
  };
}

export function conversationToJson(metrics: ConversationMetrics, timezone: string): ConversationJson {
  const iso = (ms: number) => isoInZone(ms, timezone);
  const target = (result: TargetResult | null | undefined): TargetJson | null =>
    result
      ? {
          startedAt: iso(result.startedAt),
          dueAt: iso(result.dueAt),
          atRiskAt: iso(result.atRiskAt),
          stoppedAt: result.stoppedAt === null ? null : iso(result.stoppedAt),
          state: result.state,
        }
      : null;
  const figure = (value: Figure): FigureJson => ({
    ...duration(value),
    startedAt: iso(value.startedAt),
    stoppedAt: iso(value.stoppedAt),
    agentId: value.agentId ?? null,
  });
  return {
    id: metrics.id,
    channel: metrics.channel ?? null,
    createdAt: iso(metrics.createdAt),
    status: metrics.status,
    unverified: metrics.unverified,
    agentId: metrics.agentId ?? null,
    assigneeId: metrics.assigneeId ?? null,
    firstResponse: metrics.firstResponse && {
      ...duration(metrics.firstResponse),
      startedAt: iso(metrics.firstResponse.startedAt),
      repliedAt: iso(metrics.firstResponse.repliedAt),
      agentId: metrics.firstResponse.agentId ?? null,
    },
    handoff: metrics.handoff && { ...duration(metrics.handoff), at: iso(metrics.handoff.at) },
    replies: metrics.replies.map((reply) => ({
      ...duration(reply),
      startedAt: iso(reply.startedAt),
      repliedAt: iso(reply.repliedAt),
      agentId: reply.agentId ?? null,
    })),
    resolutions: metrics.reported.resolution.map((value) => ({
      ...duration(value),
      startedAt: iso(value.startedAt),
      resolvedAt: iso(value.stoppedAt),
      agentId: value.agentId ?? null,
    })),
    resolutionCycles: metrics.resolutions.map((resolution) => ({
      ...duration(resolution),
      startedAt: iso(resolution.startedAt),
      resolvedAt: iso(resolution.resolvedAt),
      fromCreation: duration(resolution.fromCreation),
      agentId: resolution.agentId ?? null,
    })),
    reopens: metrics.reopens,
    oneTouch: metrics.oneTouch,
    botResolved: metrics.botResolved,
    handleSeconds: roundSeconds(metrics.handleSeconds),
    handleSecondsByAgent: Object.fromEntries(
      Object.entries(metrics.handleSecondsByAgent).map(([agent, seconds]) => [agent, roundSeconds(seconds)]),
    ),
    csat: metrics.csat ?? null,
    ces: metrics.ces ?? null,
    csatAt: metrics.csatAt === undefined ? null : iso(metrics.csatAt),
    cesAt: metrics.cesAt === undefined ? null : iso(metrics.cesAt),
    reported: {
      firstResponse: metrics.reported.firstResponse.map(figure),
      reply: metrics.reported.reply.map(figure),
      resolution: metrics.reported.resolution.map(figure),
    },
    targets: {
      firstResponse: target(metrics.targets.firstResponse),
      nextResponse: metrics.targets.nextResponse.map((result) => target(result)!),
      resolution: target(metrics.targets.resolution),
    },
    open: metrics.open.map((clock) => ({
      kind: clock.kind,
      startedAt: iso(clock.startedAt),
      elapsed: duration(clock.elapsed),
      target: target(clock.target),
    })),
    waitingSince: metrics.waitingSince === null ? null : iso(metrics.waitingSince),
    cues: { ...metrics.cues },
  };
}

export function reportToJson(report: EngineReport, frame: ReportFrame): ReportJson {
  const iso = (ms: number) => isoInZone(ms, frame.timezone);
  return {
    format: REPORT_FORMAT,
    profile: report.profile,
    evaluatedAt: iso(frame.now),
    period: {
      week: frame.period?.week ?? null,
      from: frame.period ? iso(frame.period.from) : null,
      to: frame.period ? iso(frame.period.to) : null,
      timezone: frame.timezone,
    },
    conversations: report.conversations.map((metrics) => conversationToJson(metrics, frame.timezone)),
    summary: summaryToJson(report.summary),
    analytics: report.analytics ?? null,
  };
}

export function formatReportJson(report: EngineReport, frame: ReportFrame): string {
  return [...reportJsonChunks(report, frame)].join('');
}

/** About how much text each chunk of `reportJsonChunks` holds. */
const JSON_CHUNK_CHARS = 64 * 1024;

/**
 * The text of `formatReportJson` in pieces, each conversation's entry made only when it is
 * written: a report over a 100 MB file is larger than the file, and is never held whole.
 */
export function* reportJsonChunks(report: EngineReport, frame: ReportFrame): Generator<string> {
  const outline = JSON.stringify(reportToJson({ ...report, conversations: [] }, frame), null, 2);
  // The top-level key sits two spaces in; deeper "conversations" keys (in analytics) come after it.
  const slot = outline.indexOf('\n  "conversations": []');
  if (slot === -1) throw new Error('the report outline has no conversations slot');
  const opening = slot + '\n  "conversations": '.length;
  if (report.conversations.length === 0) {
    yield `${outline}\n`;
    return;
  }
  let chunk = `${outline.slice(0, opening)}[`;
  for (let index = 0; index < report.conversations.length; index++) {
    // An element of an array two levels deep: four spaces in, its own lines four more.
    const entry = JSON.stringify(conversationToJson(report.conversations[index], frame.timezone), null, 2).replace(/\n/g, '\n    ');
    chunk += `${index === 0 ? '' : ','}\n    ${entry}`;
    if (chunk.length >= JSON_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n  ]${outline.slice(opening + 2)}\n`;
}
