/**
 * `GET /v1/report`: the team's conversations aggregated by lib/measure/report.ts under the team
 * settings and written by lib/export/json.ts, exactly as `replyline report --format json` does
 * for a file with the same conversations, calendar and targets. Each conversation's engine input
 * and metrics are stored when it is measured (ingest, a settings change); a settled
 * conversation's stored metrics are reused, the rest (clocks still running, an earlier `now`,
 * another profile) are measured here.
 */
import { sql } from 'kysely';
import { isoWeekRange, localDayRange } from '../../lib/engine/local-time';
import { isProfileId, PROFILE_LIST } from '../../lib/engine/profiles';
import type { Conversation } from '../../lib/engine/events';
import { reportContext } from '../../lib/engine/report';
import { summarize } from '../../lib/engine/summary';
import type { ConversationMetrics } from '../../lib/engine/types';
import type { ReportFrame } from '../../lib/export/context';
import { reportToJson, type ReportJson } from '../../lib/export/json';
import { measureReport } from '../../lib/measure/report';
import { HubHttpError } from './http';
import { readTeamSettings, type Tx } from './store';

export interface ReportParams {
  week?: string;
  profile?: string;
  /**
   * One agent's report: the figures credited to this agent, as the side panel's Me view credits
   * them, and the conversations with something of theirs. Having a conversation on screen (an
   * inbox lists the whole team's) credits nothing.
   */
  agentId?: string;
  /** Only conversations of this channel and/or priority. */
  channel?: string;
  priority?: string;
  /** One local day `YYYY-MM-DD` in the team's time zone (instead of `week`). */
  day?: string;
  now: number;
}

export async function teamReport(tx: Tx, params: ReportParams): Promise<ReportJson> {
  const team = await readTeamSettings(tx);
  const profile = params.profile ?? team.profile;
  if (!isProfileId(profile)) {
    throw new HubHttpError(
      400,
      'invalid_request',
      `unknown profile "${profile}" (expected ${PROFILE_LIST.map((p) => p.id).join(', ')})`,
      'profile',
    );
  }
  let period: ReportFrame['period'] = null;
  if (params.day !== undefined && params.week !== undefined) {
    throw new HubHttpError(400, 'invalid_request', 'give either a week or a day, not both', 'day');
  }
  if (params.day !== undefined) {
    try {
      period = localDayRange(params.day, team.calendar.timezone);
    } catch (error) {
      throw new HubHttpError(400, 'invalid_request', (error as Error).message, 'day');
    }
  } else if (params.week !== undefined) {
    try {
      period = { week: params.week, ...isoWeekRange(params.week, team.calendar.timezone) };
    } catch (error) {
      throw new HubHttpError(400, 'invalid_request', (error as Error).message, 'week');
    }
  }
  const agentFilter = params.agentId === undefined ? sql`` : sql` and ${params.agentId} = any(agents)`;
  // Channel and priority as stored, exactly (the columns mirror the merged record's fields).
  const channelFilter = params.channel === undefined ? sql`` : sql` and channel = ${params.channel}`;
  const priorityFilter = params.priority === undefined ? sql`` : sql` and priority = ${params.priority}`;
  // A conversation known from list rows only has no stored input (nothing to measure), as in measureStored.
  const { rows } = await sql<{ report_input: Conversation; metrics: ConversationMetrics | null; settled: boolean; measured_at: number }>`
    select report_input, metrics, settled, measured_at from conversations
    where report_input is not null${agentFilter}${channelFilter}${priorityFilter} order by ordinal`.execute(tx);
  // Stored metrics were measured under the team's profile; another profile measures everything.
  const reuse = profile === team.profile;
  const { report, frame } = measureReport({
    conversations: rows.map((row) => row.report_input),
    measured: rows.map((row) => (reuse && row.settled && params.now >= Number(row.measured_at) ? row.metrics : null)),
    profile,
    calendar: team.calendar,
    targets: team.targets,
    period,
    now: params.now,
  });
  if (params.agentId !== undefined) {
    const agentId = params.agentId;
    const ctx = reportContext({ profile, calendar: team.calendar, targets: team.targets, now: params.now });
    const scope = period ? { from: period.from, to: period.to } : undefined;
    // Listed: the conversations with something of theirs (credited, assigned, or a figure of theirs).
    report.conversations = report.conversations.filter((metrics) => isTheirs(metrics, agentId));
    report.summary = summarize(report.conversations, ctx, scope, { agentId });
  }
  return reportToJson(report, frame);
}

function isTheirs(metrics: ConversationMetrics, agentId: string): boolean {
  if (metrics.agentId === agentId || metrics.assigneeId === agentId) return true;
  const { firstResponse, reply, resolution } = metrics.reported;
  return [...firstResponse, ...reply, ...resolution, ...metrics.resolutions].some((figure) => figure.agentId === agentId);
}
