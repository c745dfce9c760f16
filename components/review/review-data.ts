/** What the weekly review page reads: the Team view's data (observed + imported) and the signed-in agent. */
import type { MetricId } from '@/lib/engine/definitions';
import type { ReviewLine, ReviewMetricId } from '@/lib/engine/analytics';
import type { ReplylineDb } from '@/lib/storage/db';
import type { SignedInAgentState } from '@/lib/storage/schema';
import { loadTeamHistory, type TeamData, type TeamDetail } from '@/lib/sidepanel-state/team';
import { formatDuration } from '@/components/format';

export interface ReviewData {
  team: TeamData;
  detail: TeamDetail;
  /** The agent signed in to the helpdesk last seen; null when no page said who. */
  me: string | null;
}

export async function loadReviewData(db: ReplylineDb, now: number): Promise<ReviewData> {
  const { data: team, detail } = await loadTeamHistory(db, now);
  const agent = (await db.get('state', 'agent')) as SignedInAgentState | undefined;
  return { team, detail, me: agent?.agentId ?? null };
}

export const REVIEW_LABELS: Record<ReviewMetricId, string> = {
  conversations: 'Conversations',
  firstResponse: 'First response (median)',
  nextResponse: 'Next response (median)',
  resolution: 'Resolution (median)',
  targetHitRate: 'Target hit rate',
  csat: 'CSAT',
  reopenRate: 'Reopen rate',
  oneTouch: 'One-touch resolution',
  deflection: 'Automation deflection',
  qaScore: 'QA score',
  handleTime: 'Handle time (median)',
};

/** The definition behind each review line (conversations volume has none of its own). */
export const REVIEW_DEFINITIONS: Record<ReviewMetricId, MetricId | null> = {
  conversations: null,
  firstResponse: 'firstResponse',
  nextResponse: 'nextResponse',
  resolution: 'resolution',
  targetHitRate: 'targets',
  csat: 'csat',
  reopenRate: 'reopens',
  oneTouch: 'oneTouch',
  deflection: 'deflection',
  qaScore: 'qaScore',
  handleTime: 'handleTime',
};

export function formatLineValue(unit: ReviewLine['unit'], value: number | null): string {
  if (value === null) return '—';
  if (unit === 'seconds') return formatDuration(value);
  if (unit === 'share') return `${Math.round(value * 100)}%`;
  return String(value);
}

/** "+12%", "−3 min", "+4": the change in the line's own unit. */
export function formatChange(line: Pick<ReviewLine, 'unit' | 'change'>): string {
  if (line.change === null) return '—';
  if (line.change === 0) return '±0';
  const sign = line.change > 0 ? '+' : '−';
  const size = Math.abs(line.change);
  if (line.unit === 'seconds') return `${sign}${formatDuration(size)}`;
  if (line.unit === 'share') return `${sign}${Math.round(size * 100)} pts`;
  return `${sign}${size}`;
}
