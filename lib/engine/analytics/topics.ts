/**
 * Conversation analytics: topics, hour-of-week volume and repeat contacts.
 *
 * Topics are the helpdesk's own tags or labels (the conversation's tags plus tag events, a
 * removal taking a tag away) — never message text. A conversation with three tags counts in
 * three topics. Per topic:
 * - volume: conversations created in the period carrying the tag;
 * - first response, resolution, reopen rate and CSAT: the engine's summary over the topic's
 *   conversations, with the same definitions and period rules as everywhere else.
 * A topic is rising when this week's volume is at least TOPIC_RISING_MIN_VOLUME and at least
 * TOPIC_RISING_RATIO × last week's.
 *
 * Hour of week: conversations created per local hour of the week (Monday 00:00 = 0 … 167).
 *
 * Repeat contact: a conversation whose customer (same customer id) had another conversation
 * created within the previous N days (DEFAULT_REPEAT_CONTACT_DAYS). Rate = repeats /
 * conversations with a customer id, both created in the period.
 */
import { hourOfWeek, isoWeekKey, isoWeekRange } from '../local-time';
import { DEFAULT_REPEAT_CONTACT_DAYS, SMALL_SAMPLE_MIN, TOPIC_RISING_MIN_VOLUME, TOPIC_RISING_RATIO } from '../definitions';
import type { Conversation } from '../events';
import { summarize, type SummaryContext } from '../summary';
import type { Aggregate, ConversationMetrics, RatingAggregate } from '../types';
import { byId, counted, currentTags, inPeriod, rate, tagKey, type Period, type Rate } from './common';

export interface TopicInput {
  metrics: readonly ConversationMetrics[];
  conversations: readonly Conversation[];
  summaryContext: SummaryContext;
  period?: Period;
  /** Tags that are not topics (e.g. outcome tags, "vip"), compared case-insensitively. */
  excludeTags?: readonly string[];
}

export interface TopicStats {
  topic: string;
  volume: number;
  firstResponse: { calendar: Aggregate; business: Aggregate };
  resolution: { calendar: Aggregate; business: Aggregate };
  reopenRate: number | null;
  csat: RatingAggregate;
  /** Fewer conversations than SMALL_SAMPLE_MIN. */
  small: boolean;
  /** Conversations created in the period with this tag. */
  ids: string[];
}

/** Tag (display spelling) → ids of verified conversations carrying it. */
function topicMembers(input: Pick<TopicInput, 'metrics' | 'conversations' | 'excludeTags'>): Map<string, ConversationMetrics[]> {
  const conversations = byId(input.conversations);
  const excluded = new Set((input.excludeTags ?? []).map(tagKey));
  const spelling = new Map<string, string>();
  const out = new Map<string, ConversationMetrics[]>();
  for (const m of counted(input.metrics)) {
    const conversation = conversations.get(m.id);
    if (!conversation) continue;
    for (const tag of currentTags(conversation)) {
      const key = tagKey(tag);
      if (excluded.has(key)) continue;
      if (!spelling.has(key)) spelling.set(key, tag);
      const name = spelling.get(key)!;
      const list = out.get(name);
      if (list) list.push(m);
      else out.set(name, [m]);
    }
  }
  return out;
}

export function topicStats(input: TopicInput): TopicStats[] {
  const out: TopicStats[] = [];
  for (const [topic, members] of topicMembers(input)) {
    const ids = members.filter((m) => inPeriod(m.createdAt, input.period)).map((m) => m.id);
    const summary = summarize(members, input.summaryContext, input.period);
    if (ids.length === 0 && summary.conversations === 0) continue;
    out.push({
      topic,
      volume: ids.length,
      firstResponse: { calendar: summary.firstResponse.calendar, business: summary.firstResponse.business },
      resolution: { calendar: summary.resolution.calendar, business: summary.resolution.business },
      reopenRate: summary.reopenRate,
      csat: summary.csat,
      small: ids.length < SMALL_SAMPLE_MIN,
      ids,
    });
  }
  // Busiest first; equal volumes by name, so the order is stable.
  return out.sort((a, b) => b.volume - a.volume || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

export interface RisingTopic {
  topic: string;
  thisWeek: number;
  lastWeek: number;
  change: number;
  /** thisWeek / lastWeek; null when last week had none. */
  ratio: number | null;
  ids: string[];
}

/** Topics rising from the week before `week` ("YYYY-Www") to `week`, biggest increase first. */
export function risingTopics(
  input: Pick<TopicInput, 'metrics' | 'conversations' | 'excludeTags'> & { timezone: string; week: string },
): RisingTopic[] {
  const thisWeek = isoWeekRange(input.week, input.timezone);
  const lastWeek = { from: isoWeekRange(isoWeekKey(thisWeek.from - 1, input.timezone), input.timezone).from, to: thisWeek.from };
  const out: RisingTopic[] = [];
  for (const [topic, members] of topicMembers(input)) {
    const now = members.filter((m) => inPeriod(m.createdAt, thisWeek));
    const before = members.filter((m) => inPeriod(m.createdAt, lastWeek)).length;
    if (now.length < TOPIC_RISING_MIN_VOLUME || now.length < TOPIC_RISING_RATIO * before) continue;
    out.push({
      topic,
      thisWeek: now.length,
      lastWeek: before,
      change: now.length - before,
      ratio: before === 0 ? null : now.length / before,
      ids: now.map((m) => m.id),
    });
  }
  return out.sort((a, b) => b.change - a.change || (a.topic < b.topic ? -1 : 1));
}

/** 168 counts of conversations created per local hour of the week (Monday 00:00 = index 0). */
export function hourOfWeekVolume(metrics: readonly ConversationMetrics[], timezone: string, period?: Period): number[] {
  const counts = new Array<number>(168).fill(0);
  for (const m of counted(metrics)) if (inPeriod(m.createdAt, period)) counts[hourOfWeek(m.createdAt, timezone)]++;
  return counts;
}

export interface RepeatContact {
  conversationId: string;
  previousConversationId: string;
  customerId: string;
  /** Seconds between the two conversations' creation. */
  gapSeconds: number;
}

export interface RepeatContacts {
  withinDays: number;
  rate: Rate;
  repeats: RepeatContact[];
}

export function repeatContacts(
  conversations: readonly Conversation[],
  options: { period?: Period; withinDays?: number } = {},
): RepeatContacts {
  const withinDays = options.withinDays ?? DEFAULT_REPEAT_CONTACT_DAYS;
  const windowMs = withinDays * 86_400_000;
  const byCustomer = new Map<string, Conversation[]>();
  for (const c of conversations) {
    if (c.unverified || c.customerId === undefined) continue;
    const list = byCustomer.get(c.customerId);
    if (list) list.push(c);
    else byCustomer.set(c.customerId, [c]);
  }
  let n = 0;
  const repeats: RepeatContact[] = [];
  for (const [customerId, list] of byCustomer) {
    list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (!inPeriod(c.createdAt, options.period)) continue;
      n++;
      // The closest earlier conversation decides; one created at the same instant counts too.
      const previous = i > 0 ? list[i - 1] : null;
      if (previous && c.createdAt - previous.createdAt <= windowMs) {
        repeats.push({
          conversationId: c.id,
          previousConversationId: previous.id,
          customerId,
          gapSeconds: (c.createdAt - previous.createdAt) / 1000,
        });
      }
    }
  }
  repeats.sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1));
  return { withinDays, rate: rate(repeats.length, n), repeats };
}
