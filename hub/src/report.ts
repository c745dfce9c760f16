/**
 * `GET /v1/report`: the team's stored conversations measured by lib/measure/report.ts under
 * the team settings and written by lib/export/json.ts, exactly as `replyline report --format
 * json` does for a file with the same conversations, calendar and targets.
 */
import { isoWeekRange, localDayRange } from '../../lib/engine/local-time';
import { isProfileId, PROFILE_LIST } from '../../lib/engine/profiles';
import type { Conversation } from '../../lib/engine/events';
import type { ReportFrame } from '../../lib/export/context';
import { reportToJson, type ReportJson } from '../../lib/export/json';
import { toEngineConversation } from '../../lib/measure/input';
import { measureReport } from '../../lib/measure/report';
import { HubHttpError } from './http';
import { readStored, readTeamSettings, type Tx } from './store';

export interface ReportParams {
  week?: string;
  profile?: string;
  /** Only conversations this agent is involved in (assignee, author, activity, observer). */
  agentId?: string;
  /** Only conversations of this channel and/or priority. */
  channel?: string;
  priority?: string;
  /** One local day `YYYY-MM-DD` in the team's time zone (instead of `week`). */
  day?: string;
  now: number;
}

/** Whether a stored conversation is in the report's scope (channel and priority as stored, exactly). */
export function inScope(record: { channel?: string; priority?: string }, scope: Pick<ReportParams, 'channel' | 'priority'>): boolean {
  if (scope.channel !== undefined && record.channel !== scope.channel) return false;
  if (scope.priority !== undefined && record.priority !== scope.priority) return false;
  return true;
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
  const { stored } = await readStored(tx, null, params.agentId === undefined ? undefined : { agentId: params.agentId });
  const conversations: Conversation[] = [];
  for (const { record, events, activity } of stored) {
    // As measureStored: a conversation known from list rows only has no thread to measure.
    if (!record.hasEvents || !inScope(record, params)) continue;
    const input = toEngineConversation(record, events, activity);
    if (input) conversations.push(input);
  }
  const { report, frame } = measureReport({
    conversations,
    profile,
    calendar: team.calendar,
    targets: team.targets,
    period,
    now: params.now,
  });
  return reportToJson(report, frame);
}
