/**
 * Agent development: quality-adjusted productivity and week-by-week trends per agent.
 *
 *   quality-adjusted productivity = resolved × mean QA score
 *
 * - resolved: conversations whose latest resolution falls in the period and is credited to the
 *   agent (the resolver, else the assignee — the engine's attribution);
 * - mean QA score: the mean (0–1) of the scores of the agent's reviews made in the period (a
 *   review belongs to the reviewed conversation's credited agent unless it names one); reviews
 *   with no score (every item N/A) are left out. No review → no figure (null, never 0).
 * So 20 resolved at a mean QA score of 0.9 give 18: the count of conversations, discounted by
 * quality. A figure from fewer than SMALL_SAMPLE_MIN reviews is flagged small.
 *
 * Trends per ISO week:
 * - resolution rate: the agent's conversations created that week (credited agent) that are
 *   resolved now, out of all of them;
 * - QA score: the mean score of the agent's reviews made that week;
 * - CSAT: the engine's summary for the agent and week (top-2-box, period of the rating).
 */
import { isoWeekRange } from '../local-time';
import { SMALL_SAMPLE_MIN } from '../definitions';
import { agentsOf, summarize, type SummaryContext } from '../summary';
import type { ConversationMetrics } from '../types';
import { counted, inPeriod, lastResolvedAt, mean, rate, type Mean, type Period, type Rate } from './common';

/** A quality review as the side panel stores it; `conversationId` is the metrics' id. */
export interface QaReviewInput {
  conversationId: string;
  /** 0–1, null when every item was N/A. */
  score: number | null;
  reviewedAt: number;
  /** The reviewed agent, when the record names one; else the conversation's credited agent. */
  agentId?: string | null;
}

export interface ProductivityInput {
  metrics: readonly ConversationMetrics[];
  reviews: readonly QaReviewInput[];
  period?: Period;
}

export interface QualityAdjustedProductivity {
  agentId: string;
  resolved: number;
  qa: Mean;
  /** resolved × qa.mean; null without a scored review. */
  value: number | null;
  /** Flagged when the QA mean rests on fewer than SMALL_SAMPLE_MIN reviews. */
  small: boolean;
  resolvedIds: string[];
  reviewedIds: string[];
}

function reviewAgent(review: QaReviewInput, byId: Map<string, ConversationMetrics>): string | undefined {
  return review.agentId ?? byId.get(review.conversationId)?.agentId;
}

function scoredReviews(
  reviews: readonly QaReviewInput[],
  byId: Map<string, ConversationMetrics>,
  agentId: string,
  period: Period | undefined,
): QaReviewInput[] {
  return reviews.filter(
    (r) => r.score !== null && inPeriod(r.reviewedAt, period) && byId.has(r.conversationId) && reviewAgent(r, byId) === agentId,
  );
}

function metricsById(metrics: readonly ConversationMetrics[]): Map<string, ConversationMetrics> {
  return new Map(counted(metrics).map((m) => [m.id, m]));
}

export function qualityAdjustedProductivity(input: ProductivityInput): QualityAdjustedProductivity[] {
  const byId = metricsById(input.metrics);
  const agents = new Set(agentsOf([...byId.values()]));
  for (const r of input.reviews) {
    const agent = reviewAgent(r, byId);
    if (agent) agents.add(agent);
  }
  const out: QualityAdjustedProductivity[] = [];
  for (const agentId of [...agents].sort()) {
    const resolvedIds: string[] = [];
    for (const m of byId.values()) {
      const at = lastResolvedAt(m);
      if (at !== null && inPeriod(at, input.period) && m.resolutions[m.resolutions.length - 1].agentId === agentId) resolvedIds.push(m.id);
    }
    const reviews = scoredReviews(input.reviews, byId, agentId, input.period);
    const qa = mean(reviews.map((r) => r.score as number));
    if (resolvedIds.length === 0 && reviews.length === 0) continue;
    out.push({
      agentId,
      resolved: resolvedIds.length,
      qa,
      value: qa.mean === null ? null : resolvedIds.length * qa.mean,
      small: reviews.length < SMALL_SAMPLE_MIN,
      resolvedIds,
      reviewedIds: reviews.map((r) => r.conversationId),
    });
  }
  return out;
}

export interface AgentWeek {
  week: string;
  resolutionRate: Rate;
  qa: Mean;
  /** Top-2-box CSAT share with its n. */
  csat: Rate;
}

export interface AgentTrend {
  agentId: string;
  weeks: AgentWeek[];
}

export interface TrendInput {
  metrics: readonly ConversationMetrics[];
  reviews: readonly QaReviewInput[];
  summaryContext: SummaryContext;
  timezone: string;
  /** ISO week keys ("2026-W12"), oldest first. */
  weeks: readonly string[];
  /** Only these agents; absent = every credited agent. */
  agentIds?: readonly string[];
}

export function agentTrends(input: TrendInput): AgentTrend[] {
  const byId = metricsById(input.metrics);
  const verified = [...byId.values()];
  const agents = input.agentIds ? [...input.agentIds] : agentsOf(verified);
  const ranges = input.weeks.map((week) => ({ week, range: isoWeekRange(week, input.timezone) }));
  return agents.map((agentId) => ({
    agentId,
    weeks: ranges.map(({ week, range }) => {
      let created = 0;
      let resolved = 0;
      for (const m of verified) {
        if (m.agentId !== agentId || !inPeriod(m.createdAt, range)) continue;
        created++;
        if (m.status === 'resolved') resolved++;
      }
      const csat = summarize(verified, input.summaryContext, range, { agentId }).csat;
      return {
        week,
        resolutionRate: rate(resolved, created),
        qa: mean(scoredReviews(input.reviews, byId, agentId, range).map((r) => r.score as number)),
        csat: rate(csat.score === null ? 0 : Math.round(csat.score * csat.n), csat.n),
      };
    }),
  }));
}
