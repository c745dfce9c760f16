/**
 * The analytics the side panel's Insights show, from measured conversations: automation
 * deflection and hand-off, outcomes and cost, topics and rising topics, repeat contacts,
 * quality-adjusted productivity and agent trends. One function for the panel
 * (components/team/insights) and the report (`replyline report`, the hub's team report), so both
 * show the same figures from the same definitions (lib/engine/analytics).
 */
import {
  agentTrends,
  automationSummary,
  impactSummary,
  OUTCOMES,
  previousWeeks,
  qualityAdjustedProductivity,
  repeatContacts,
  risingTopics,
  topicStats,
  type AgentTrend,
  type AutomationSummary,
  type ImpactSummary,
  type OutcomeInput,
  type QaReviewInput,
  type QualityAdjustedProductivity,
  type RepeatContacts,
  type RisingTopic,
  type TopicStats,
} from '../engine/analytics';
import type { Conversation } from '../engine/events';
import { isoWeekKey } from '../engine/local-time';
import type { Period, SummaryContext } from '../engine/summary';
import type { ConversationMetrics } from '../engine/types';

/** Outcome tag spellings that are not topics. */
export const NON_TOPIC_TAGS: readonly string[] = [...OUTCOMES, 'churn risk', 'churn_risk'];

/** How many weeks the agent trends cover (the current week included). */
export const TREND_WEEKS = 6;

export interface InsightsRequest {
  /** Measured conversations; `id` matches the conversations', the reviews' and the outcomes' ids. */
  metrics: readonly ConversationMetrics[];
  conversations: readonly Conversation[];
  reviews: readonly QaReviewInput[];
  outcomes: readonly OutcomeInput[];
  summaryContext: SummaryContext;
  timezone: string;
  /** Cost of an agent hour; without it there is no cost figure. */
  hourlyCost?: number;
  period: Period;
  now: number;
  /** The ISO week of rising topics and the last trend week (default: the week of `now`). */
  week?: string;
  /** False: no agent trends (empty), for callers that do not show them (the report). */
  trends?: boolean;
}

export interface Insights {
  period: Period;
  week: string;
  automation: AutomationSummary;
  impact: ImpactSummary;
  topics: TopicStats[];
  rising: RisingTopic[];
  repeat: RepeatContacts;
  productivity: QualityAdjustedProductivity[];
  trends: AgentTrend[];
  /** The ISO weeks of the trends, oldest first (the current week last). */
  trendWeeks: string[];
}

export function buildInsights(request: InsightsRequest): Insights {
  const { metrics, conversations, reviews, outcomes, timezone, period, now } = request;
  const ctx = request.summaryContext;
  const week = request.week ?? isoWeekKey(now, timezone);
  const trendWeeks = [...previousWeeks(now, timezone, TREND_WEEKS - 1), week];
  return {
    period,
    week,
    automation: automationSummary({ metrics, conversations, period }),
    impact: impactSummary({
      metrics,
      conversations,
      outcomes,
      timezone,
      period,
      ...(request.hourlyCost === undefined ? {} : { hourlyCost: request.hourlyCost }),
    }),
    topics: topicStats({ metrics, conversations, summaryContext: ctx, period, excludeTags: NON_TOPIC_TAGS }),
    rising: risingTopics({ metrics, conversations, excludeTags: NON_TOPIC_TAGS, timezone, week }),
    repeat: repeatContacts(conversations, { period }),
    productivity: qualityAdjustedProductivity({ metrics, reviews, period }),
    trends: request.trends === false ? [] : agentTrends({ metrics, reviews, summaryContext: ctx, timezone, weeks: trendWeeks }),
    trendWeeks,
  };
}
