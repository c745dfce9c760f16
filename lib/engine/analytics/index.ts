/**
 * Analytics beyond the clock: automation, business impact, topics, agent development,
 * suggested targets, breach forecasts and the weekly review. Pure functions over measured
 * conversations (measureConversation), the conversations themselves (tags, customer ids) and
 * review / outcome records; every result is plain, serialisable data. The words behind each
 * figure: METRIC_DEFINITIONS in lib/engine/definitions.ts and docs/metrics.md.
 */
export { rate, mean, currentTags, participation, type Rate, type Mean, type Period, type Participation } from './common';
export { automationSummary, type AutomationInput, type AutomationSummary } from './automation';
export {
  impactSummary,
  costSummary,
  OUTCOMES,
  type OutcomeTag,
  type OutcomeInput,
  type OutcomeCounts,
  type ImpactInput,
  type ImpactSummary,
  type CostSummary,
  type WeekValue,
} from './impact';
export {
  topicStats,
  risingTopics,
  hourOfWeekVolume,
  repeatContacts,
  type TopicInput,
  type TopicStats,
  type RisingTopic,
  type RepeatContact,
  type RepeatContacts,
} from './topics';
export {
  qualityAdjustedProductivity,
  agentTrends,
  type QaReviewInput,
  type ProductivityInput,
  type QualityAdjustedProductivity,
  type TrendInput,
  type AgentTrend,
  type AgentWeek,
} from './development';
export {
  suggestTargets,
  previousWeeks,
  TARGET_METRICS,
  type TargetMetric,
  type SuggestTargetsInput,
  type SuggestedTarget,
} from './suggest-targets';
export {
  forecastBreaches,
  recentThroughput,
  expectedReplyAt,
  describeForecast,
  type ForecastInput,
  type ForecastReason,
  type BreachForecast,
  type QueueForecast,
  type Throughput,
} from './forecast';
export {
  weeklyReview,
  REVIEW_METRICS,
  type ReviewMetricId,
  type ReviewTargets,
  type ReviewInputs,
  type ReviewLine,
  type WeeklyReview,
} from './review';
