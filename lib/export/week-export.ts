/**
 * Exports of one ISO week from the side panel's Me view (pure; the download itself is the
 * caller's): a CSV with one row per conversation under `#` lines stating the time zone, the
 * period, the profile and whose week it is; and a `replyline.timeline/1` file of the week's
 * conversations with the exporter's calendar, targets, agent id, period and source, plus the
 * summary the view showed, so that `replyline report FILE --week WEEK` computes it again.
 * Only timing metadata, ids, tags and ratings are written: no message text is stored anywhere.
 */
import Papa from 'papaparse';
import type { Conversation } from '../engine/events';
import type { Period } from '../engine/summary';
import type { ConversationMetrics, Summary } from '../engine/types';
import { toTimelineFile } from '../timeline/convert';
import type { CalendarSpec } from '../engine/business-clock';
import type { TargetsSpec } from '../engine/targets';
import type { TimelineFile } from '../timeline/schema';
import { isoInZone } from './context';
import { CSV_COLUMNS, conversationCsvRow, csvHeaderLines } from './csv';
import { summaryToJson } from './json';

export interface WeekExport {
  /** ISO week key, e.g. "2026-W48". */
  week: string;
  period: Period;
  /** 'me' exports one agent's week, 'everyone' the whole team's. */
  scope: 'me' | 'everyone';
  /** The exporter (the signed-in agent), when known. */
  agentId: string | null;
  profile: string;
  calendar: CalendarSpec;
  targets: TargetsSpec;
  /** Evaluation time of every figure, written as the file's generatedAt. */
  now: number;
  source: { helpdesk: string; origin?: string } | null;
  conversations: readonly Conversation[];
  /** The conversations' metrics at `now`, in the same order. */
  metrics: readonly ConversationMetrics[];
  /** The summary the view shows for this week and scope. */
  summary: Summary;
}

export function weekFileName(week: WeekExport, extension: 'csv' | 'json'): string {
  const who = week.scope === 'me' && week.agentId ? week.agentId.replace(/[^A-Za-z0-9._-]+/g, '_') : 'everyone';
  return `replyline-${week.week}-${who}.${extension}`;
}

function scopeLine(week: WeekExport): string {
  return week.scope === 'me' && week.agentId
    ? `# scope: agent ${week.agentId} (their replies, resolutions and rated conversations)`
    : '# scope: everyone';
}

/**
 * The week as CSV: the report command's columns and comment lines, plus whose week it is. With
 * `agentNames` (agent id → display name) an `agent_name` column follows `agent`.
 */
export function weekCsv(week: WeekExport, agentNames?: Readonly<Record<string, string>>): string {
  const timezone = week.calendar.timezone;
  const frame = { timezone, period: { week: week.week, from: week.period.from, to: week.period.to }, now: week.now };
  const header = csvHeaderLines({ profile: week.profile, conversations: [...week.metrics], summary: week.summary }, frame);
  header.splice(1, 0, scopeLine(week));
  const fields: string[] = [...CSV_COLUMNS];
  if (agentNames) fields.splice(fields.indexOf('agent') + 1, 0, 'agent_name');
  const rows = week.metrics.map((metrics) => {
    const row: Record<string, unknown> = { ...conversationCsvRow(metrics, timezone) };
    if (agentNames) row.agent_name = metrics.agentId ? (agentNames[metrics.agentId] ?? '') : '';
    return fields.map((column) => row[column] ?? '');
  });
  // Ids, tags and names come from helpdesk pages: quote what a spreadsheet would run as a formula.
  const table = Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: true });
  return `${header.join('\r\n')}\r\n${table}\r\n`;
}

/** The week as a timeline file with the summary shown beside it. */
export function weekTimeline(week: WeekExport): TimelineFile {
  return toTimelineFile({
    conversations: week.conversations,
    generatedAt: week.now,
    ...(week.source && { source: week.source }),
    ...(week.agentId !== null && { agentId: week.agentId }),
    period: week.period,
    profile: week.profile,
    calendar: week.calendar,
    targets: week.targets,
    summary: summaryToJson(week.summary),
  });
}

export function weekJson(week: WeekExport): string {
  return `${JSON.stringify(weekTimeline(week), null, 2)}\n`;
}

/** "2026-W48, 2026-11-23 00:00 to 2026-11-30 00:00 (Europe/Berlin)" for page headings. */
export function weekPeriodText(week: Pick<WeekExport, 'week' | 'period' | 'calendar'>): string {
  const tz = week.calendar.timezone;
  const local = (ms: number) => isoInZone(ms, tz).slice(0, 16).replace('T', ' ');
  return `${week.week}, ${local(week.period.from)} to ${local(week.period.to)} (${tz})`;
}
