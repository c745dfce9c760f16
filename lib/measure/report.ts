/**
 * A report over a set of conversations in one frame (profile, calendar, targets, period, "now"):
 * the one path from engine input to the `replyline.report/1` figures. The report CLI and the team
 * hub both call it, so the same data gives the same report wherever it is measured.
 */
import { buildReport } from '../engine/report';
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
}

export function measureReport(request: ReportRequest): { report: EngineReport; frame: ReportFrame } {
  const { conversations, profile, calendar, targets, period, now } = request;
  const report = buildReport(conversations, {
    profile,
    now,
    ...(calendar && { calendar }),
    ...(targets && { targets }),
    ...(period && { period: { from: period.from, to: period.to } }),
  });
  if (period) {
    const listed = conversationsInPeriod(conversations, period, now);
    report.conversations = report.conversations.filter((metrics) => listed.has(metrics.id));
  }
  return { report, frame: { timezone: calendar?.timezone ?? 'UTC', period, now } };
}
