/**
 * Breach forecasts for the overlay's timer strip, made in the worker from the stored metrics of
 * every conversation (the queue and the team's recent pace are not visible to one page).
 *
 * Cheap by construction: the metrics store is read in full at most once a minute (a per-minute
 * cache); the conversations a batch just re-measured replace their cached copies; the pure
 * forecast (lib/engine/analytics/forecast.ts) then runs once per batch.
 */
import { describeForecast, forecastBreaches, type BreachForecast } from '../engine/analytics';
import type { ConversationMetrics, OpenClock } from '../engine/types';
import { conversationKey, type ClockPlan } from '../messaging/protocol';
import type { ReplylineDb } from '../storage/db';
import type { Settings } from '../settings/model';
import { businessClock } from '../measure/context';

const MINUTE = 60_000;

interface Cache {
  minute: number;
  settingsKey: string;
  /** Storage key → metrics with `id` = storage key. */
  metrics: Map<string, ConversationMetrics>;
}

let cache: Cache | null = null;

/** Forgets the cached metrics (tests; a purge of stored data). */
export function clearForecastCache(): void {
  cache = null;
}

function settingsKey(settings: Settings): string {
  return JSON.stringify([settings.calendar, settings.targets, settings.targetRules]);
}

/**
 * Stored metrics were measured when their conversation last changed: a running target whose due
 * time has passed since is breached now, not "on track" (the forecast leaves breached ones out).
 */
export function withStatesAt(m: ConversationMetrics, now: number): ConversationMetrics {
  if (!m.open.some((c) => c.target && c.target.state !== 'breached' && c.target.dueAt < now)) return m;
  const open: OpenClock[] = m.open.map((c) =>
    c.target && c.target.state !== 'breached' && c.target.dueAt < now ? { ...c, target: { ...c.target, state: 'breached' } } : c,
  );
  return { ...m, open };
}

async function storedMetrics(
  db: ReplylineDb,
  settings: Settings,
  now: number,
  fresh: readonly string[],
): Promise<Map<string, ConversationMetrics>> {
  const minute = Math.floor(now / MINUTE);
  const key = settingsKey(settings);
  if (!cache || cache.minute !== minute || cache.settingsKey !== key) {
    const records = await db.getAll('metrics');
    const metrics = new Map<string, ConversationMetrics>();
    for (const r of records) metrics.set(r.key, { ...r.metrics, id: r.key });
    cache = { minute, settingsKey: key, metrics };
    return metrics;
  }
  for (const k of fresh) {
    const record = await db.get('metrics', k);
    if (record) cache.metrics.set(k, { ...record.metrics, id: k });
    else cache.metrics.delete(k);
  }
  return cache.metrics;
}

/** The plan's forecast field from one conversation's forecast; absent when there is no forecast. */
export function planForecast(f: BreachForecast | undefined): ClockPlan['forecast'] {
  if (!f || f.likely === null) return undefined;
  return { likely: f.likely, expectedReplyAt: f.expectedReplyAt, text: describeForecast(f) };
}

/**
 * The plans with their forecasts. `changed`: storage keys re-measured since the last call
 * (their stored metrics are newer than the cache's).
 */
export async function withForecasts(
  db: ReplylineDb,
  plans: ClockPlan[],
  helpdesk: string,
  origin: string,
  changed: readonly string[],
  settings: Settings,
  now: number,
): Promise<ClockPlan[]> {
  if (!plans.some((p) => p.waitingSince !== null && p.waitingSince !== undefined)) return plans;
  let metrics: Map<string, ConversationMetrics>;
  try {
    metrics = await storedMetrics(db, settings, now, changed);
  } catch (error) {
    // A forecast is an extra: the plans go out without it rather than not at all.
    console.warn('Replyline: no breach forecast', error);
    cache = null;
    return plans;
  }
  const forecasts = new Map<string, BreachForecast>();
  const current = [...metrics.values()].map((m) => withStatesAt(m, now));
  for (const f of forecastBreaches({ now, metrics: current, business: businessClock(settings) }).forecasts)
    forecasts.set(f.conversationId, f);
  return plans.map((plan) => {
    const forecast = planForecast(forecasts.get(conversationKey(helpdesk, origin, plan.conversationId)));
    return forecast ? { ...plan, forecast } : plan;
  });
}
