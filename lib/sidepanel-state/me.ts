/**
 * The Me view's state: today's blocks, the figures of the last weeks for me and for everyone,
 * and the week and scope selected. Read from IndexedDB with the engine:
 *
 * - Metrics come from the side panel's compact copy (`panelMetrics`, written by the worker
 *   with every `metrics` record), read through its indexes for the weeks shown only: the UTC
 *   weeks each conversation can add a figure to (`by-week`: creation to its last reply,
 *   resolution, rating or breach) and every conversation with a running clock (`by-running`).
 *   When that store is out of step with `metrics` the full records are read instead (days of
 *   replies and resolutions, and every unresolved conversation) and the copy is rebuilt.
 * - A conversation with a clock that has breached its target since the worker measured it (or
 *   measured under another profile) is measured again now from its stored events and
 *   activity; every other cached figure is the same at any evaluation time.
 */
import { create } from 'zustand';
import { isoWeekKey, isoWeekRange, localDate, localDayRange } from '@/lib/engine/local-time';
import { getProfile } from '@/lib/engine/profiles';
import { summarize, type Period, type SummaryContext } from '@/lib/engine/summary';
import type { Conversation } from '@/lib/engine/events';
import type { ConversationMetrics, Summary } from '@/lib/engine/types';
import { toEngineConversation } from '@/lib/measure/input';
import { measure } from '@/lib/measure/context';
import { ALL_AGENTS } from '@/lib/measure/rollups';
import { getDb, type ReplylineDb } from '@/lib/storage/db';
import { readSignedInAgent } from '@/lib/storage/queries';
import type { ConversationRecord, RollupRecord } from '@/lib/storage/schema';
import { fromPanelMetrics, toPanelMetricsRecord, utcWeekNumber, type FigureMetrics } from '@/lib/storage/panel-metrics';
import { type Settings } from '@/lib/settings/model';
import { getSettings } from '@/lib/storage/settings';
import { conversationsInPeriod } from '@/lib/export/context';
import type { WeekExport } from '@/lib/export/week-export';
import {
  TREND_WEEKS,
  previousWeek,
  summarizeFigures,
  summarySpan,
  weekFigures,
  weeksEndingWith,
  type FigureInputs,
  type MetricsInput,
  type ReviewInput,
  type Scope,
  type WeekFigures,
} from '@/components/me/figures';

export interface TodayBlock {
  rollup: RollupRecord | null;
  summary: Summary;
}

export interface TodayFigures {
  day: string;
  everyone: TodayBlock;
  mine: TodayBlock | null;
}

export interface MeData {
  /** Evaluation time of every figure (also the exports' generatedAt), epoch ms. */
  at: number;
  settings: Settings;
  agentId: string | null;
  timezone: string;
  /** The weeks offered, oldest first; the last is the current week. */
  weeks: string[];
  /** False while only this week and the one before are loaded (the trend follows). */
  complete: boolean;
  everyone: Record<string, WeekFigures>;
  mine: Record<string, WeekFigures> | null;
  today: TodayFigures;
  /** Metrics of every conversation that can add to the weeks loaded, keyed by conversation key. */
  inputs: FigureInputs;
  /** Conversations measured again at `at` (a clock breached since the worker measured it). */
  remeasured: number;
  /** Where the cached metrics were read from. */
  source: MetricsSource;
  /** Milliseconds spent reading, measuring again and computing figures (for the benchmark). */
  timings: { settings: number; read: number; measure: number; figures: number };
}

export function summaryContext(settings: Settings): SummaryContext {
  return {
    profile: getProfile(settings.profile),
    targets: { clock: settings.targets.clock },
    business: { timezone: settings.calendar.timezone },
  };
}

const UNRESOLVED = ['open', 'pending', 'snoozed'] as const;

/**
 * Whether cached metrics would differ now in any figure shown: a summary depends on the
 * evaluation time only through running clocks that breach their target (counted at the due
 * time), so only a clock not yet breached when measured and due by now needs measuring again.
 */
export function needsMeasuringNow(m: FigureMetrics, settings: Settings, at: number): boolean {
  if (m.profile !== undefined && m.profile !== settings.profile) return true;
  if (m.open.length === 0) return false;
  const targets = [m.targets.firstResponse, m.targets.resolution, ...m.targets.nextResponse];
  return targets.some((t) => t !== null && t.stoppedAt === null && t.state !== 'breached' && t.dueAt <= at);
}

function measureOne(
  record: ConversationRecord | undefined,
  events: Parameters<typeof toEngineConversation>[1],
  activity: Parameters<typeof toEngineConversation>[2],
  settings: Settings,
  at: number,
): ConversationMetrics | null {
  if (!record || !record.hasEvents) return null;
  const input = toEngineConversation(record, events, activity);
  if (!input) return null;
  try {
    return measure(input, settings, at);
  } catch (error) {
    console.warn('Replyline: could not measure', record.key, error);
    return null;
  }
}

/**
 * Where the cached metrics come from: `panel` = the compact `panelMetrics` store (by week and
 * running clock), falling back to `metrics` when the two stores do not hold the same number
 * of conversations (the compact copy is then rebuilt); `metrics` = the full records (by day of
 * reply or resolution, and every unresolved conversation).
 */
export type MetricsSource = 'panel' | 'metrics';

interface CachedRead {
  metrics: Map<string, FigureMetrics>;
  reviews: ReviewInput[];
  rollups: RollupRecord[];
  /** The compact store disagreed with `metrics` and was not used. */
  outOfStep: boolean;
}

async function readCached(
  db: ReplylineDb,
  source: MetricsSource,
  verify: boolean,
  window: Period,
  timezone: string,
  day: string,
): Promise<CachedRead> {
  const tx = db.transaction(['metrics', 'panelMetrics', 'conversations', 'reviews', 'rollups'], 'readonly');
  const side = Promise.all([
    tx
      .objectStore('reviews')
      .index('by-reviewedAt')
      .getAll(IDBKeyRange.bound(window.from, window.to, false, true)),
    tx.objectStore('rollups').index('by-day').getAll(day),
  ]);
  const metrics = new Map<string, FigureMetrics>();
  let outOfStep = false;
  if (source === 'panel') {
    const panel = tx.objectStore('panelMetrics');
    // Counting both stores costs about as much as the read itself: skipped when not asked.
    const [panelCount, metricsCount, byWeek, running] = await Promise.all([
      verify ? panel.count() : 0,
      verify ? tx.objectStore('metrics').count() : 0,
      panel.index('by-week').getAll(IDBKeyRange.bound(utcWeekNumber(window.from), utcWeekNumber(window.to - 1))),
      panel.index('by-running').getAll(),
    ]);
    outOfStep = panelCount !== metricsCount;
    if (!outOfStep)
      for (const record of [...byWeek, ...running]) if (!metrics.has(record.key)) metrics.set(record.key, fromPanelMetrics(record.metrics));
  }
  if (source === 'metrics' || outOfStep) {
    const metricsStore = tx.objectStore('metrics');
    const conversations = tx.objectStore('conversations');
    const dayRange = IDBKeyRange.bound(localDate(window.from, timezone), localDate(window.to - 1, timezone));
    const [byDay, unresolvedKeys] = await Promise.all([
      metricsStore.index('by-day').getAll(dayRange),
      Promise.all(UNRESOLVED.map((status) => conversations.index('by-status').getAllKeys(status))).then((lists) => lists.flat()),
    ]);
    for (const record of byDay) metrics.set(record.key, record.metrics);
    const missing = [...new Set(unresolvedKeys)].filter((key) => !metrics.has(key));
    const extra = await Promise.all(missing.map((key) => metricsStore.get(key)));
    // No metrics record: the worker could not measure it (no thread read yet); nothing to show.
    for (const record of extra) if (record) metrics.set(record.key, record.metrics);
  }
  const [reviews, rollups] = await side;
  await tx.done;
  return { metrics, reviews: reviews as ReviewInput[], rollups, outOfStep };
}

/**
 * Brings the compact store back in step with `metrics` after something changed one without the
 * other (a retention purge, "delete everything", a restored backup): drops copies of deleted
 * conversations and adds the missing ones.
 */
export async function syncPanelMetrics(db: ReplylineDb): Promise<{ added: number; removed: number }> {
  const tx = db.transaction(['metrics', 'panelMetrics'], 'readwrite');
  const metricsStore = tx.objectStore('metrics');
  const panel = tx.objectStore('panelMetrics');
  const [metricsKeys, panelKeys] = await Promise.all([metricsStore.getAllKeys(), panel.getAllKeys()]);
  const kept = new Set(metricsKeys);
  const present = new Set(panelKeys);
  const stale = panelKeys.filter((key) => !kept.has(key));
  const missing = metricsKeys.filter((key) => !present.has(key));
  await Promise.all(stale.map((key) => panel.delete(key)));
  await Promise.all(
    missing.map(async (key) => {
      const record = await metricsStore.get(key);
      if (record) await panel.put(toPanelMetricsRecord(record));
    }),
  );
  await tx.done;
  return { added: missing.length, removed: stale.length };
}

/**
 * Everything the Me view shows, read in one short transaction. `loadWeeks` limits the read to
 * the most recent weeks (2 = this week and the one before: enough for the headline numbers
 * and their change), so the view can show them first and the trend after. `verify` = false
 * trusts the compact store without checking it against `metrics` (a later load checks).
 */
export async function loadMeData(
  db: ReplylineDb,
  at: number,
  loadWeeks = TREND_WEEKS + 1,
  source: MetricsSource = 'panel',
  verify = true,
): Promise<MeData> {
  const started = performance.now();
  const [settings, agent] = await Promise.all([getSettings(db), readSignedInAgent(db)]);
  const timezone = settings.calendar.timezone;
  const agentId = agent?.agentId ?? null;
  const current = isoWeekKey(at, timezone);
  // One week more than shown: the oldest week's change needs the week before it.
  const offered = weeksEndingWith(current, TREND_WEEKS + 1, timezone);
  const loaded = offered.slice(-Math.min(Math.max(loadWeeks, 1), offered.length));
  const window: Period = { from: isoWeekRange(loaded[0], timezone).from, to: isoWeekRange(current, timezone).to };
  const day = localDate(at, timezone);

  const settled = performance.now();
  const cached = await readCached(db, source, verify, window, timezone, day);
  if (cached.outOfStep)
    void syncPanelMetrics(db).catch((error: unknown) => console.warn('Replyline: could not rebuild the panel metrics', error));

  const read = performance.now();
  const stale = [...cached.metrics.entries()].filter(([, m]) => needsMeasuringNow(m, settings, at)).map(([key]) => key);
  const fresh = await measureKeys(db, stale, settings, at);
  const metrics: MetricsInput[] = [];
  for (const [key, cachedMetrics] of cached.metrics) {
    const m = fresh.has(key) ? fresh.get(key) : cachedMetrics;
    if (m) metrics.push({ key, metrics: m });
  }

  const measured = performance.now();
  const ctx = summaryContext(settings);
  const inputs: FigureInputs = { metrics, reviews: cached.reviews, ctx, now: at };
  const everyone: Record<string, WeekFigures> = {};
  const mine: Record<string, WeekFigures> | null = agentId ? {} : null;
  // Newest first: the week on screen is computed before the trend's.
  for (const week of [...loaded].reverse()) {
    everyone[week] = weekFigures(inputs, week);
    if (mine && agentId) mine[week] = weekFigures(inputs, week, agentId);
  }

  const todayPeriod = localDayRange(day, timezone);
  const todayMetrics = metrics
    .filter(({ metrics: m }) => {
      const span = summarySpan(m);
      return span.from < todayPeriod.to && (m.open.length > 0 || span.to >= todayPeriod.from);
    })
    .map((input) => input.metrics);
  const rollups = cached.rollups;
  const today: TodayFigures = {
    day,
    everyone: { rollup: rollups.find((r) => r.agentId === ALL_AGENTS) ?? null, summary: summarizeFigures(todayMetrics, ctx, todayPeriod) },
    mine: agentId
      ? { rollup: rollups.find((r) => r.agentId === agentId) ?? null, summary: summarizeFigures(todayMetrics, ctx, todayPeriod, agentId) }
      : null,
  };
  const timings = { settings: settled - started, read: read - settled, measure: measured - read, figures: performance.now() - measured };
  return {
    at,
    settings,
    agentId,
    timezone,
    weeks: offered.slice(1),
    complete: loaded.length === offered.length,
    everyone,
    mine,
    today,
    inputs,
    remeasured: fresh.size,
    source: cached.outOfStep ? 'metrics' : source,
    timings,
  };
}

/** Stored conversations measured at `at` (null when not measurable), keyed by conversation key. */
async function measureKeys(
  db: ReplylineDb,
  keys: readonly string[],
  settings: Settings,
  at: number,
): Promise<Map<string, ConversationMetrics | null>> {
  const out = new Map<string, ConversationMetrics | null>();
  if (keys.length === 0) return out;
  const stored = await readStoredConversations(db, keys);
  for (const key of keys) {
    const s = stored.get(key);
    out.set(key, s ? measureOne(s.record, s.events, s.activity, settings, at) : null);
  }
  return out;
}

interface StoredConversation {
  record: ConversationRecord | undefined;
  events: Parameters<typeof toEngineConversation>[1];
  activity: Parameters<typeof toEngineConversation>[2];
}

async function readStoredConversations(db: ReplylineDb, keys: readonly string[]): Promise<Map<string, StoredConversation>> {
  const tx = db.transaction(['conversations', 'events', 'activity'], 'readonly');
  const rows = await Promise.all(
    keys.map(async (key) => {
      const [record, events, activity] = await Promise.all([
        tx.objectStore('conversations').get(key),
        tx.objectStore('events').index('by-conversation').getAll(key),
        tx.objectStore('activity').index('by-conversation').getAll(key),
      ]);
      return [key, { record, events, activity }] as const;
    }),
  );
  await tx.done;
  return new Map(rows);
}

// ---------------------------------------------------------------------------------------------
// The conversations of one week, for the exports

export interface WeekExportInput {
  week: string;
  period: Period;
  scope: Scope;
  /** The exporter (signed-in agent), when known. */
  agentId: string | null;
  settings: Settings;
  at: number;
  source: { helpdesk: string; origin?: string } | null;
  /** Engine inputs exactly as measured (the timeline file carries these). */
  conversations: Conversation[];
  /** Their metrics at `at`, in the same order. */
  metrics: ConversationMetrics[];
  /** The figures shown for this week and scope (same evaluation time). */
  summary: Summary;
}

/**
 * The week's conversations measured again from their stored events at the view's evaluation
 * time: everyone's are those alive during the week (as the report command lists them); mine
 * are those in which I am credited with something in the week or spent handle time.
 */
export async function readWeekForExport(db: ReplylineDb, data: MeData, week: string, scope: Scope): Promise<WeekExportInput> {
  const { settings, at, timezone } = data;
  const period = isoWeekRange(week, timezone);
  // The file names its exporter either way; only 'me' narrows the conversations and figures.
  const agentId = scope === 'me' ? data.agentId : null;
  const candidates = data.inputs.metrics.filter(({ metrics: m }) => {
    const span = summarySpan(m);
    return span.from < period.to && (m.open.length > 0 || span.to >= period.from);
  });
  const stored = await readStoredConversations(
    db,
    candidates.map((c) => c.key),
  );
  const conversations: Conversation[] = [];
  const keys: string[] = [];
  for (const { key } of candidates) {
    const s = stored.get(key);
    if (!s?.record?.hasEvents) continue;
    const input = toEngineConversation(s.record, s.events, s.activity);
    if (!input) continue;
    conversations.push(input);
    keys.push(key);
  }
  const alive = conversationsInPeriod(conversations, period, at);
  const chosen: number[] = [];
  const metrics: ConversationMetrics[] = [];
  conversations.forEach((conversation, i) => {
    if (!alive.has(conversation.id)) return;
    const m = measure(conversation, settings, at);
    if (agentId) {
      const mineInWeek =
        summarize([m], summaryContext(settings), period, { agentId }).conversations > 0 || (m.handleSecondsByAgent[agentId] ?? 0) > 0;
      if (!mineInWeek) return;
    }
    chosen.push(i);
    metrics.push(m);
  });
  const picked = chosen.map((i) => conversations[i]);
  const helpdesks = new Set(chosen.map((i) => stored.get(keys[i])?.record?.helpdesk ?? ''));
  const origins = new Set(chosen.map((i) => stored.get(keys[i])?.record?.origin ?? ''));
  const source = helpdesks.size === 1 ? { helpdesk: [...helpdesks][0], ...(origins.size === 1 ? { origin: [...origins][0] } : {}) } : null;
  const summary = summarize(metrics, summaryContext(settings), period, agentId ? { agentId } : {});
  return { week, period, scope, agentId: data.agentId, settings, at, source, conversations: picked, metrics, summary };
}

// ---------------------------------------------------------------------------------------------
// The store

interface MeState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  data: MeData | null;
  scope: Scope;
  week: string | null;
  load(): Promise<void>;
  setScope(scope: Scope): void;
  setWeek(week: string): void;
}

let pending: Promise<void> | null = null;

export const useMe = create<MeState>((set, get) => ({
  status: 'idle',
  error: null,
  data: null,
  scope: 'me',
  week: null,
  load() {
    // Hints can arrive in bursts: one read at a time, the latest state wins.
    pending ??= (async () => {
      if (!get().data) set({ status: 'loading' });
      try {
        const db = await getDb();
        const show = (data: MeData) => {
          const week = get().week && data.everyone[get().week!] ? get().week : data.weeks[data.weeks.length - 1];
          set({ status: 'ready', error: null, data, week, scope: data.agentId ? get().scope : 'everyone' });
        };
        // First open: this week's numbers first, then the whole trend, checked against the full
        // records (a refresh reads it all at once).
        if (!get().data?.complete) show(await loadMeData(db, Date.now(), 2, 'panel', false));
        show(await loadMeData(db, Date.now()));
      } catch (error) {
        set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      } finally {
        pending = null;
      }
    })();
    return pending;
  },
  setScope(scope) {
    set({ scope });
  },
  setWeek(week) {
    set({ week });
  },
}));

/** The selected week's figures and the week before, for the selected scope. */
export function selectedFigures(
  state: Pick<MeState, 'data' | 'scope' | 'week'>,
): { current: WeekFigures; previous: WeekFigures | null; trend: WeekFigures[] } | null {
  // The trend holds only the weeks loaded so far.
  const { data, week } = state;
  if (!data || !week) return null;
  const byWeek = state.scope === 'me' && data.mine ? data.mine : data.everyone;
  const current = byWeek[week];
  if (!current) return null;
  const previous = byWeek[previousWeek(week, data.timezone)] ?? null;
  return { current, previous, trend: data.weeks.filter((w) => byWeek[w]).map((w) => byWeek[w]) };
}

/** The export's frame from the settings the week was measured with. */
export function toWeekExport(input: WeekExportInput): WeekExport {
  const { settings } = input;
  const t = settings.targets;
  return {
    week: input.week,
    period: input.period,
    scope: input.scope,
    agentId: input.agentId ?? null,
    profile: settings.profile,
    calendar: { timezone: settings.calendar.timezone, week: settings.calendar.week, holidays: [...settings.calendar.holidays] },
    targets: {
      clock: t.clock,
      atRiskShare: t.atRiskShare,
      ...(t.firstResponseSeconds !== undefined && { firstResponseSeconds: t.firstResponseSeconds }),
      ...(t.nextResponseSeconds !== undefined && { nextResponseSeconds: t.nextResponseSeconds }),
      ...(t.resolutionSeconds !== undefined && { resolutionSeconds: t.resolutionSeconds }),
    },
    now: input.at,
    source: input.source,
    conversations: input.conversations,
    metrics: input.metrics,
    summary: input.summary,
  };
}
