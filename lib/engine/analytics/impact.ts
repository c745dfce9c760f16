/**
 * Business impact: outcome tags, cost per conversation, and a weekly value summary.
 *
 * Outcome tags (retention, renewal, upsell, churn risk) come from two places:
 * - the side panel's outcome records (one per conversation: its tags and the agent who set them);
 * - the helpdesk's own tags or labels, where an adapter reads them, when a tag's name is an
 *   outcome's name ("churn risk", "Churn_Risk" and "churn-risk" all match churn-risk) or one of
 *   the aliases given.
 * A conversation counts once per outcome whatever the number of sources. Share = tagged
 * conversations / conversations, in the same scope (all, one agent, one week). The agent is
 * the outcome record's agent, else the conversation's credited agent.
 *
 * Cost per conversation = active handle time (hours) × hourly cost. Conversations without
 * handle time have an unknown cost (left out, never counted as free).
 *
 * Period: a conversation counts in the period (or ISO week) of its creation.
 */
import { aggregate } from '../aggregate';
import { isoWeekKey } from '../local-time';
import { CSAT_SATISFIED_MIN } from '../definitions';
import type { Conversation } from '../events';
import type { Aggregate, ConversationMetrics } from '../types';
import { byId, counted, currentTags, inPeriod, rate, sortedRecord, tagKey, type Period, type Rate } from './common';

export type OutcomeTag = 'retention' | 'renewal' | 'upsell' | 'churn-risk';
export const OUTCOMES: readonly OutcomeTag[] = ['retention', 'renewal', 'upsell', 'churn-risk'];

/** An outcome record as the side panel stores it; `conversationId` is the metrics' id. */
export interface OutcomeInput {
  conversationId: string;
  tags: readonly OutcomeTag[];
  agentId: string | null;
}

export interface ImpactInput {
  metrics: readonly ConversationMetrics[];
  conversations: readonly Conversation[];
  outcomes: readonly OutcomeInput[];
  /** IANA zone for ISO weeks. */
  timezone: string;
  period?: Period;
  /** Cost of one agent hour, in the user's currency; absent = no cost figures. */
  hourlyCost?: number;
  /** Extra helpdesk tag names that mean an outcome (compared case-insensitively). */
  outcomeAliases?: Partial<Record<OutcomeTag, readonly string[]>>;
}

export type OutcomeCounts = Record<OutcomeTag, Rate>;

export interface CostSummary {
  hourlyCost: number;
  /** Per conversation with handle time: cost in currency units. */
  perConversation: Aggregate;
  total: number;
  /** Conversations with no handle time (cost unknown). */
  unknown: number;
}

export interface WeekValue {
  week: string;
  conversations: number;
  resolved: number;
  /** Bot-resolved share of the week's conversations. */
  automationShare: Rate;
  outcomes: OutcomeCounts;
  handleHours: number;
  cost: CostSummary | null;
  csat: Rate;
}

export interface ImpactSummary {
  conversations: number;
  outcomes: OutcomeCounts;
  /** Agent id ("unassigned" when none) → counts and shares among that agent's conversations. */
  outcomesByAgent: Record<string, OutcomeCounts>;
  outcomesByWeek: Record<string, OutcomeCounts>;
  cost: CostSummary | null;
  automationShare: Rate;
  weeks: WeekValue[];
  /** Conversation ids per outcome, for drill-down. */
  ids: Record<OutcomeTag, string[]>;
}

/** "Churn_Risk", "churn risk" → "churn-risk". */
function normaliseTag(tag: string): string {
  return tagKey(tag).replace(/[\s_]+/g, '-');
}

function matcher(aliases: ImpactInput['outcomeAliases']): Map<string, OutcomeTag> {
  const out = new Map<string, OutcomeTag>();
  for (const tag of OUTCOMES) {
    out.set(tag, tag);
    for (const alias of aliases?.[tag] ?? []) out.set(normaliseTag(alias), tag);
  }
  return out;
}

function emptyCounts(): Record<OutcomeTag, number> {
  return { retention: 0, renewal: 0, upsell: 0, 'churn-risk': 0 };
}

function toRates(counts: Record<OutcomeTag, number>, n: number): OutcomeCounts {
  return {
    retention: rate(counts.retention, n),
    renewal: rate(counts.renewal, n),
    upsell: rate(counts.upsell, n),
    'churn-risk': rate(counts['churn-risk'], n),
  };
}

interface Bucket {
  n: number;
  counts: Record<OutcomeTag, number>;
}

function add(buckets: Map<string, Bucket>, key: string, tags: ReadonlySet<OutcomeTag>): void {
  let bucket = buckets.get(key);
  if (!bucket) buckets.set(key, (bucket = { n: 0, counts: emptyCounts() }));
  bucket.n++;
  for (const tag of tags) bucket.counts[tag]++;
}

export function costSummary(metrics: readonly ConversationMetrics[], hourlyCost: number): CostSummary {
  const costs: number[] = [];
  let unknown = 0;
  let total = 0;
  for (const m of metrics) {
    if (m.handleSeconds > 0) {
      const cost = (m.handleSeconds / 3600) * hourlyCost;
      costs.push(cost);
      total += cost;
    } else unknown++;
  }
  return { hourlyCost, perConversation: aggregate(costs), total, unknown };
}

export function impactSummary(input: ImpactInput): ImpactSummary {
  const conversations = byId(input.conversations);
  const recordTags = new Map<string, OutcomeInput>();
  for (const o of input.outcomes) recordTags.set(o.conversationId, o);
  const match = matcher(input.outcomeAliases);

  const all: Bucket = { n: 0, counts: emptyCounts() };
  const byAgent = new Map<string, Bucket>();
  const byWeek = new Map<string, Bucket>();
  const weekMetrics = new Map<string, ConversationMetrics[]>();
  const ids = { retention: [], renewal: [], upsell: [], 'churn-risk': [] } as Record<OutcomeTag, string[]>;
  const inScope: ConversationMetrics[] = [];

  for (const m of counted(input.metrics)) {
    if (!inPeriod(m.createdAt, input.period)) continue;
    inScope.push(m);
    const tags = new Set<OutcomeTag>();
    const record = recordTags.get(m.id);
    for (const tag of record?.tags ?? []) if (OUTCOMES.includes(tag)) tags.add(tag);
    const conversation = conversations.get(m.id);
    if (conversation) {
      for (const tag of currentTags(conversation)) {
        const outcome = match.get(normaliseTag(tag));
        if (outcome) tags.add(outcome);
      }
    }
    const agent = record?.agentId ?? m.agentId ?? 'unassigned';
    const week = isoWeekKey(m.createdAt, input.timezone);
    all.n++;
    for (const tag of tags) {
      all.counts[tag]++;
      ids[tag].push(m.id);
    }
    add(byAgent, agent, tags);
    add(byWeek, week, tags);
    const list = weekMetrics.get(week);
    if (list) list.push(m);
    else weekMetrics.set(week, [m]);
  }

  const hourlyCost = input.hourlyCost;
  const weeks: WeekValue[] = [...weekMetrics.keys()].sort().map((week) => {
    const list = weekMetrics.get(week)!;
    let handleSeconds = 0;
    let botResolved = 0;
    let resolved = 0;
    let rated = 0;
    let satisfied = 0;
    for (const m of list) {
      handleSeconds += m.handleSeconds;
      if (m.botResolved) botResolved++;
      if (m.status === 'resolved') resolved++;
      if (m.csat !== undefined) {
        rated++;
        if (m.csat >= CSAT_SATISFIED_MIN) satisfied++;
      }
    }
    const bucket = byWeek.get(week)!;
    return {
      week,
      conversations: list.length,
      resolved,
      automationShare: rate(botResolved, list.length),
      outcomes: toRates(bucket.counts, bucket.n),
      handleHours: handleSeconds / 3600,
      cost: hourlyCost === undefined ? null : costSummary(list, hourlyCost),
      csat: rate(satisfied, rated),
    };
  });

  let botResolved = 0;
  for (const m of inScope) if (m.botResolved) botResolved++;
  return {
    conversations: all.n,
    outcomes: toRates(all.counts, all.n),
    outcomesByAgent: sortedRecord([...byAgent].map(([k, b]) => [k, toRates(b.counts, b.n)])),
    outcomesByWeek: sortedRecord([...byWeek].map(([k, b]) => [k, toRates(b.counts, b.n)])),
    cost: hourlyCost === undefined ? null : costSummary(inScope, hourlyCost),
    automationShare: rate(botResolved, inScope.length),
    weeks,
    ids,
  };
}
