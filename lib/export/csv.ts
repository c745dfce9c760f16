/**
 * The CSV report: one row per conversation, preceded by `#` lines that state the time zone,
 * the period and the profile (papaparse reads them back with `comments: '#'`).
 * Times are ISO 8601 in the report's time zone; durations are seconds.
 */
import Papa from 'papaparse';
import type { ConversationMetrics, TargetResult } from '../engine/types';
import { isoInZone, median, roundSeconds, type EngineReport, type ReportFrame } from './context';

export const CSV_COLUMNS = [
  'id',
  'channel',
  'created',
  'status',
  'first_response_s',
  'first_response_business_s',
  'replies',
  'median_reply_s',
  'median_reply_business_s',
  'resolutions',
  'last_resolution_s',
  'last_resolution_business_s',
  'last_resolution_cycle_s',
  'last_resolution_cycle_business_s',
  'resolution_from_creation_s',
  'reopens',
  'one_touch',
  'bot_resolved',
  'csat',
  'ces',
  'handle_s',
  'first_response_target',
  'next_response_targets',
  'resolution_target',
  'agent',
  'unverified',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];
type Cell = string | number | boolean | null;

function state(result: TargetResult | null): string {
  return result ? result.state : '';
}

export function conversationCsvRow(metrics: ConversationMetrics, timezone: string): Record<CsvColumn, Cell> {
  // The profile's own figure (Chatwoot and Zendesk: from creation); the cycle's beside it, named so.
  const reported = metrics.reported.resolution.at(-1);
  const last = metrics.resolutions.at(-1);
  // The reply waits the profile counts (Zammad counts only the longest), as in the summary.
  const replyFigures = metrics.reported.reply;
  const replyMedian = median(replyFigures.map((reply) => reply.seconds));
  const replyBusinessMedian = median(replyFigures.map((reply) => reply.businessSeconds));
  const seconds = (value: number | null | undefined) => (value === null || value === undefined ? null : roundSeconds(value));
  return {
    id: metrics.id,
    channel: metrics.channel ?? '',
    created: isoInZone(metrics.createdAt, timezone),
    status: metrics.status,
    first_response_s: seconds(metrics.firstResponse?.seconds),
    first_response_business_s: seconds(metrics.firstResponse?.businessSeconds),
    replies: metrics.replies.length,
    median_reply_s: seconds(replyMedian),
    median_reply_business_s: seconds(replyBusinessMedian),
    resolutions: metrics.resolutions.length,
    last_resolution_s: seconds(reported?.seconds),
    last_resolution_business_s: seconds(reported?.businessSeconds),
    last_resolution_cycle_s: seconds(last?.seconds),
    last_resolution_cycle_business_s: seconds(last?.businessSeconds),
    resolution_from_creation_s: seconds(last?.fromCreation.seconds),
    reopens: metrics.reopens,
    one_touch: metrics.oneTouch,
    bot_resolved: metrics.botResolved,
    csat: metrics.csat ?? null,
    ces: metrics.ces ?? null,
    handle_s: roundSeconds(metrics.handleSeconds),
    first_response_target: state(metrics.targets.firstResponse),
    // One state per reply clock, in order, e.g. "met;breached".
    next_response_targets: metrics.targets.nextResponse.map((result) => result.state).join(';'),
    resolution_target: state(metrics.targets.resolution),
    agent: metrics.agentId ?? '',
    unverified: metrics.unverified,
  };
}

/** Comment lines above the table: what the times mean and what period the rows cover. */
export function csvHeaderLines(report: EngineReport, frame: ReportFrame): string[] {
  const iso = (ms: number) => isoInZone(ms, frame.timezone);
  const period = frame.period
    ? `${frame.period.week ? `${frame.period.week} ` : ''}${iso(frame.period.from)} to ${iso(frame.period.to)}`
    : 'all measurements';
  return [
    '# Replyline report',
    `# time zone: ${frame.timezone}`,
    `# period: ${period}`,
    `# profile: ${report.profile}`,
    `# evaluated at: ${iso(frame.now)}`,
  ];
}

export function formatReportCsv(report: EngineReport, frame: ReportFrame): string {
  const rows = report.conversations.map((metrics) => {
    const row = conversationCsvRow(metrics, frame.timezone);
    return CSV_COLUMNS.map((column) => row[column] ?? '');
  });
  const table = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows },
    // Quote cells that a spreadsheet would read as a formula (ids and tags come from pages).
    { newline: '\r\n', escapeFormulae: true },
  );
  return `${csvHeaderLines(report, frame).join('\r\n')}\r\n${table}\r\n`;
}
