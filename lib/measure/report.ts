/**
 * A report over a set of conversations in one frame (profile, calendar, targets, period, "now"):
 * the one path from engine input to the `replyline.report/1` figures. The report CLI calls it and
 * the team hub is to call it too, so the same data gives the same report wherever it is measured.
 */
import { measureConversation } from '../engine/conversation';
import { reportContext } from '../engine/report';
import { summarize } from '../engine/summary';
import { buildInsights, type Insights } from './insights';
import type { Conversation } from '../engine/events';
import type { ConversationMetrics, ProfileId, Summary } from '../engine/types';
import type { CalendarSpec } from '../engine/business-clock';
import type { TargetsSpec } from '../engine/targets';

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

export interface ReportRequest {
  conversations: readonly Conversation[];
  profile: ProfileId;
  calendar?: CalendarSpec;
  targets?: TargetsSpec;
  /** Only measurements in this period; the listed conversations are those active in it. */
  period: ReportFrame['period'];
  /** Evaluation time for clocks still running, epoch ms. */
  now: number;
  /** Cost of an agent hour, for cost per conversation. */
  hourlyCost?: number;
  /**
   * Metrics already measured in this frame, by position in `conversations` (the hub keeps
   * them per conversation); a missing or null entry is measured here.
   */
  measured?: readonly (ConversationMetrics | null | undefined)[];
}

export function measureReport(request: ReportRequest): { report: EngineReport; frame: ReportFrame } {
  const { conversations, profile, calendar, targets, period, now } = request;
  const options = {
    profile,
    now,
    ...(calendar && { calendar }),
    ...(targets && { targets }),
    ...(period && { period: { from: period.from, to: period.to } }),
  };
  // buildReport's steps, but metrics already measured are taken as they are.
  const ctx = reportContext(options);
  const metrics = conversations.map((conversation, index) => request.measured?.[index] ?? measureConversation(conversation, ctx));
  const report: EngineReport = { profile: ctx.profile.id, conversations: metrics, summary: summarize(metrics, ctx, options.period) };
  const timezone = calendar?.timezone ?? 'UTC';
  // Without a period the analytics cover everything in the file: first creation to now.
  let first = now;
  for (const conversation of conversations) first = Math.min(first, conversation.createdAt);
  const { week, automation, impact, topics, rising, repeat, productivity } = buildInsights({
    metrics: report.conversations,
    conversations,
    // A timeline file carries no QA reviews or outcome records: outcome tags come from the conversations' tags.
    reviews: [],
    outcomes: [],
    summaryContext: ctx,
    timezone,
    ...(request.hourlyCost !== undefined && { hourlyCost: request.hourlyCost }),
    period: period ? { from: period.from, to: period.to } : { from: first, to: now + 1 },
    now,
    ...(period?.week !== undefined && { week: period.week }),
    // The report shows no agent trends: not worked out (a summary per agent and week).
    trends: false,
  });
  report.analytics = { week, automation, impact, topics, rising, repeat, productivity };
  if (period) {
    const listed = conversationsInPeriod(conversations, period, now);
    report.conversations = report.conversations.filter((metrics) => listed.has(metrics.id));
  }
  return { report, frame: { timezone, period, now } };
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
