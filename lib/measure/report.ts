/**
 * A report over a set of conversations in one frame (profile, calendar, targets, period, "now"):
 * the one path from engine input to the `replyline.report/1` figures. The report CLI and the team
 * hub both call it, so the same data gives the same report wherever it is measured.
 */
import { buildReport, reportContext } from '../engine/report';
import { buildInsights } from './insights';
import type { Conversation } from '../engine/events';
import type { ProfileId } from '../engine/types';
import { conversationsInPeriod, type EngineReport, type ReportFrame } from '../export/context';
import type { CalendarSpec } from '../engine/business-clock';
import type { TargetsSpec } from '../engine/targets';

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
  const report: EngineReport = buildReport(conversations, options);
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
    summaryContext: reportContext(options),
    timezone,
    ...(request.hourlyCost !== undefined && { hourlyCost: request.hourlyCost }),
    period: period ? { from: period.from, to: period.to } : { from: first, to: now + 1 },
    now,
    ...(period?.week !== undefined && { week: period.week }),
  });
  report.analytics = { week, automation, impact, topics, rising, repeat, productivity };
  if (period) {
    const listed = conversationsInPeriod(conversations, period, now);
    report.conversations = report.conversations.filter((metrics) => listed.has(metrics.id));
  }
  return { report, frame: { timezone, period, now } };
}
