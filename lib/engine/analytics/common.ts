/**
 * Shapes and helpers shared by the analytics modules (automation, impact, topics, agent
 * development, suggested targets, breach forecasts, weekly review).
 *
 * Inputs are plain data: the metrics measureConversation produced, the conversations they came
 * from (for tags, customer ids and who wrote what), and review / outcome records. Outputs are
 * plain, JSON-serialisable objects. No browser APIs; relative imports only.
 */
import { SMALL_SAMPLE_MIN } from '../definitions';
import type { Conversation, ConversationEvent } from '../events';
import type { ConversationMetrics } from '../types';

export interface Period {
  from: number;
  to: number;
}

/** A count out of a base, with the share; `share` is null when the base is 0 (no figure, never 0). */
export interface Rate {
  count: number;
  n: number;
  share: number | null;
  /** Fewer than SMALL_SAMPLE_MIN in the base: show the figure, flagged as a small sample. */
  small: boolean;
}

export function rate(count: number, n: number): Rate {
  return { count, n, share: n === 0 ? null : count / n, small: n < SMALL_SAMPLE_MIN };
}

/** A mean with its sample size; null when empty. */
export interface Mean {
  n: number;
  mean: number | null;
  small: boolean;
}

export function mean(values: readonly number[]): Mean {
  let sum = 0;
  for (const v of values) sum += v;
  return { n: values.length, mean: values.length === 0 ? null : sum / values.length, small: values.length < SMALL_SAMPLE_MIN };
}

export function inPeriod(t: number, period: Period | undefined): boolean {
  return period === undefined || (t >= period.from && t < period.to);
}

/** The conversations behind the metrics, by id (the join key of every analytics input). */
export function byId(conversations: readonly Conversation[]): Map<string, Conversation> {
  const out = new Map<string, Conversation>();
  for (const c of conversations) out.set(c.id, c);
  return out;
}

/** What the events say about who took part; bots and automation count only with public messages. */
export interface Participation {
  /** A public bot or automation message, or a hand-off from a bot. */
  botTouched: boolean;
  /** First bot or automation involvement, epoch ms; null when none. */
  botTouchedAt: number | null;
  handedOff: boolean;
  /** At least one public message by a human agent. */
  humanReplied: boolean;
}

export function participation(events: readonly ConversationEvent[]): Participation {
  let botTouchedAt: number | null = null;
  let handedOff = false;
  let humanReplied = false;
  for (const e of events) {
    if (e.type === 'message' && e.public !== false) {
      if (e.author === 'agent') humanReplied = true;
      else if (e.author === 'bot' || e.author === 'automation') botTouchedAt = botTouchedAt === null ? e.at : Math.min(botTouchedAt, e.at);
    } else if (e.type === 'handoff') {
      handedOff = true;
      botTouchedAt = botTouchedAt === null ? e.at : Math.min(botTouchedAt, e.at);
    }
  }
  return { botTouched: botTouchedAt !== null, botTouchedAt, handedOff, humanReplied };
}

/**
 * The conversation's tags now: its `tags` list plus tag events applied in time order (a
 * removal takes a tag away). Tags are compared trimmed and lower-cased; the first spelling seen
 * is kept for display.
 */
export function currentTags(conversation: Conversation): string[] {
  const tags = new Map<string, string>();
  for (const tag of conversation.tags ?? []) {
    const key = tagKey(tag);
    if (key && !tags.has(key)) tags.set(key, tag.trim());
  }
  const events = conversation.events.filter((e) => e.type === 'tag').sort((a, b) => a.at - b.at);
  for (const e of events) {
    if (e.type !== 'tag') continue;
    const key = tagKey(e.tag);
    if (!key) continue;
    if (e.removed) tags.delete(key);
    else if (!tags.has(key)) tags.set(key, e.tag.trim());
  }
  return [...tags.values()];
}

export function tagKey(tag: string): string {
  return tag.trim().toLowerCase();
}

/** The latest resolution time, or null for a conversation never resolved. */
export function lastResolvedAt(m: ConversationMetrics): number | null {
  return m.resolutions.length ? m.resolutions[m.resolutions.length - 1].resolvedAt : null;
}

/** Measured conversations that may count: unverified ones never enter aggregates. */
export function counted(metrics: readonly ConversationMetrics[]): ConversationMetrics[] {
  return metrics.filter((m) => !m.unverified);
}

/** Keys sorted for stable, serialisable output. */
export function sortedRecord<V>(entries: Iterable<[string, V]>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[k] = v;
  return out;
}
