/**
 * From the Team view's data to the analytics engine's inputs, and the analytics the Insights
 * area, the weekly review and the Me view's value summary show. Every figure is the engine's
 * (lib/engine/analytics); here the stored records are only joined and scoped.
 *
 * Join key: the storage key (helpdesk|origin|id). Two helpdesks may both have a conversation
 * "42"; the engine's `id` is replaced by the key so reviews and outcomes (stored by key) match
 * exactly one conversation. `labels` turns keys back into the helpdesk's own ids for display.
 */
import {
  forecastBreaches,
  previousWeeks,
  weeklyReview,
  type BreachForecast,
  type OutcomeInput,
  type QaReviewInput,
  type ReviewTargets,
  type WeeklyReview,
} from '@/lib/engine/analytics';
import { isoWeekKey } from '@/lib/engine/local-time';
import type { Conversation } from '@/lib/engine/events';
import type { Period } from '@/lib/engine/summary';
import type { ConversationMetrics } from '@/lib/engine/types';
import { businessClock, summaryContext } from '@/lib/measure/context';
import { buildInsights as buildInsightsFor, NON_TOPIC_TAGS, TREND_WEEKS, type Insights } from '@/lib/measure/insights';
import type { OutcomeRecord, ReviewRecord } from '@/lib/storage/schema';
import type { Settings } from '@/lib/settings/model';
import { ownerOf, type TeamConversation, type TeamDetail } from '@/lib/sidepanel-state/team';

export interface AnalyticsInputs {
  /** Measured conversations, `id` = storage key. */
  metrics: ConversationMetrics[];
  /** The engine inputs behind them, `id` = storage key. */
  conversations: Conversation[];
  reviews: QaReviewInput[];
  outcomes: OutcomeInput[];
  /** Storage key → the helpdesk's conversation id. */
  labels: Map<string, string>;
}

export interface Scope {
  channel: string | null;
  /** Only conversations owned by this agent (assignee, else the credited agent). */
  agent: string | null;
}

export { NON_TOPIC_TAGS };

export function analyticsInputs(
  conversations: readonly TeamConversation[],
  detail: TeamDetail,
  reviews: readonly ReviewRecord[],
  outcomes: readonly OutcomeRecord[],
  scope: Scope = { channel: null, agent: null },
): AnalyticsInputs {
  const metrics: ConversationMetrics[] = [];
  const inputs: Conversation[] = [];
  const labels = new Map<string, string>();
  for (const c of conversations) {
    if (scope.channel !== null && c.channel !== scope.channel) continue;
    if (scope.agent !== null && ownerOf(c) !== scope.agent) continue;
    labels.set(c.key, c.conversationId);
    const full = detail.metrics.get(c.key);
    const input = detail.inputs.get(c.key);
    if (full) metrics.push({ ...full, id: c.key });
    if (input) inputs.push({ ...input, id: c.key });
  }
  return {
    metrics,
    conversations: inputs,
    // Reviews and outcomes of conversations out of scope would find no metrics anyway; kept out for clarity.
    reviews: reviews
      .filter((r) => labels.has(r.conversationKey))
      .map((r) => ({ conversationId: r.conversationKey, score: r.score, reviewedAt: r.reviewedAt })),
    outcomes: outcomes
      .filter((o) => labels.has(o.conversationKey))
      .map((o) => ({ conversationId: o.conversationKey, tags: o.tags, agentId: o.agentId })),
    labels,
  };
}

export type { Insights };
export { TREND_WEEKS };

/** The Insights of the Team view: the same analytics as the report, with this browser's settings. */
export function buildInsights(inputs: AnalyticsInputs, settings: Settings, period: Period, now: number): Insights {
  return buildInsightsFor({
    ...inputs,
    summaryContext: summaryContext(settings),
    timezone: settings.calendar.timezone,
    ...(settings.hourlyCost === undefined ? {} : { hourlyCost: settings.hourlyCost }),
    period,
    now,
  });
}

/**
 * The breach forecast of every waiting conversation, by storage key, from the full metrics of
 * the detail read. `now` is the time they are placed at (the Team view's load time).
 */
export function queueForecasts(detail: TeamDetail, settings: Settings, now: number): Map<string, BreachForecast> {
  const metrics: ConversationMetrics[] = [];
  for (const [key, m] of detail.metrics) metrics.push({ ...m, id: key });
  const out = new Map<string, BreachForecast>();
  for (const f of forecastBreaches({ now, metrics, business: businessClock(settings) }).forecasts) out.set(f.conversationId, f);
  return out;
}

/** The settings' targets in the weekly review's terms (durations on the targets' clock). */
export function reviewTargets(settings: Settings): ReviewTargets {
  const t = settings.targets;
  return {
    ...(t.firstResponseSeconds === undefined ? {} : { firstResponseSeconds: t.firstResponseSeconds }),
    ...(t.nextResponseSeconds === undefined ? {} : { nextResponseSeconds: t.nextResponseSeconds }),
    ...(t.resolutionSeconds === undefined ? {} : { resolutionSeconds: t.resolutionSeconds }),
  };
}

export function buildWeeklyReview(inputs: AnalyticsInputs, settings: Settings, week: string): WeeklyReview {
  return weeklyReview({
    metrics: inputs.metrics,
    conversations: inputs.conversations,
    reviews: inputs.reviews,
    summaryContext: summaryContext(settings),
    timezone: settings.calendar.timezone,
    week,
    targets: reviewTargets(settings),
  });
}

/** The weeks offered by the review page: the current one and the `count − 1` before it, newest first. */
export function reviewWeeks(now: number, timezone: string, count = 8): string[] {
  return [isoWeekKey(now, timezone), ...previousWeeks(now, timezone, count - 1).reverse()];
}

/** Keys shown as the helpdesk's ids; a key with no label (should not happen) is shown as is. */
export function labelsOf(ids: readonly string[], labels: ReadonlyMap<string, string>): string[] {
  return ids.map((id) => labels.get(id) ?? id);
}
