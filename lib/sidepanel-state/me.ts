/**
 * The Me view's state: today's blocks, the figures of the last weeks for me and for everyone,
 * and the week and scope selected. Read from the worker's read model, never measured here:
 *
 * - Metrics come from the compact copy (`panelMetrics`), read through its indexes for the
 *   weeks shown only: the UTC weeks each conversation can add a figure to (`by-week`) and every
 *   conversation with a running clock (`by-running`).
 * - Stored metrics are placed at the view's time (lib/measure metricsAt): a running clock whose
 *   due time has passed since the worker measured it counts as breached now.
 */
import { create } from 'zustand';
import { isoWeekKey, isoWeekRange, localDate, localDayRange } from '../engine/local-time';
import { summarize, type Period } from '../engine/summary';
import type { Conversation } from '../engine/events';
import type { ConversationMetrics, Summary } from '../engine/types';
import { measure, summaryContext } from '../measure/context';
import { toEngineConversation } from '../measure/input';
import { metricsAt } from '../measure/measure-stored';
import { ALL_AGENTS } from '../measure/rollups';
import { getDb, type ReplylineDb } from '../storage/db';
import { readSignedInAgent } from '../storage/queries';
import { isReadModelCurrent, readStored } from '../storage/read-model';
import type { RollupRecord } from '../storage/schema';
import { fromPanelMetrics, utcWeekNumber, type FigureMetrics } from '../measure/compact-metrics';
import { type Settings } from '../settings/model';
import { getSettings } from '../storage/settings';
import { conversationsInPeriod } from '../measure/report';
import type { WeekExport } from '../export/week-export';
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
} from '../measure/week-figures';

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
  /** False while the worker is still re-measuring for changed settings (figures may be the old ones). */
  current: boolean;
  /** Milliseconds spent reading and computing figures (for the benchmark). */
  timings: { read: number; figures: number };
}

interface StoredFigures {
  metrics: Map<string, FigureMetrics>;
  reviews: ReviewInput[];
  rollups: RollupRecord[];
}

/** The compact metrics that can add to `window`, reviews in it and today's rollups, in one transaction. */
async function readFigures(db: ReplylineDb, window: Period, day: string): Promise<StoredFigures> {
  const tx = db.transaction(['panelMetrics', 'reviews', 'rollups'], 'readonly');
  const panel = tx.objectStore('panelMetrics');
  const [byWeek, running, reviews, rollups] = await Promise.all([
    panel.index('by-week').getAll(IDBKeyRange.bound(utcWeekNumber(window.from), utcWeekNumber(window.to - 1))),
    panel.index('by-running').getAll(),
    tx
      .objectStore('reviews')
      .index('by-reviewedAt')
      .getAll(IDBKeyRange.bound(window.from, window.to, false, true)),
    tx.objectStore('rollups').index('by-day').getAll(day),
  ]);
  await tx.done;
  const metrics = new Map<string, FigureMetrics>();
  for (const record of [...byWeek, ...running]) if (!metrics.has(record.key)) metrics.set(record.key, fromPanelMetrics(record.metrics));
  return { metrics, reviews, rollups };
}

/**
 * Everything the Me view shows. `loadWeeks` limits the read to the most recent weeks (2 = this
 * week and the one before: enough for the headline numbers and their change), so the view can
 * show them first and the trend after.
 */
export async function loadMeData(db: ReplylineDb, at: number, loadWeeks = TREND_WEEKS + 1): Promise<MeData> {
  const started = performance.now();
  const [settings, agent] = await Promise.all([getSettings(db), readSignedInAgent(db)]);
  const timezone = settings.calendar.timezone;
  const agentId = agent?.agentId ?? null;
  const currentWeek = isoWeekKey(at, timezone);
  // One week more than shown: the oldest week's change needs the week before it.
  const offered = weeksEndingWith(currentWeek, TREND_WEEKS + 1, timezone);
  const loaded = offered.slice(-Math.min(Math.max(loadWeeks, 1), offered.length));
  const window: Period = { from: isoWeekRange(loaded[0], timezone).from, to: isoWeekRange(currentWeek, timezone).to };
  const day = localDate(at, timezone);

  const [stored, current] = await Promise.all([readFigures(db, window, day), isReadModelCurrent(db, settings)]);
  const read = performance.now();
  const metrics: MetricsInput[] = [];
  for (const [key, m] of stored.metrics) metrics.push({ key, metrics: metricsAt(m, at) });

  const ctx = summaryContext(settings);
  const inputs: FigureInputs = { metrics, reviews: stored.reviews, ctx, now: at };
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
  const today: TodayFigures = {
    day,
    everyone: {
      rollup: stored.rollups.find((r) => r.agentId === ALL_AGENTS) ?? null,
      summary: summarizeFigures(todayMetrics, ctx, todayPeriod),
    },
    mine: agentId
      ? {
          rollup: stored.rollups.find((r) => r.agentId === agentId) ?? null,
          summary: summarizeFigures(todayMetrics, ctx, todayPeriod, agentId),
        }
      : null,
  };
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
    current,
    timings: { read: read - started, figures: performance.now() - read },
  };
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
  const tx = db.transaction(['conversations', 'events', 'activity'], 'readonly');
  const stored = new Map(await Promise.all(candidates.map(async (c) => [c.key, await readStored(tx, c.key)] as const)));
  await tx.done;
  const conversations: Conversation[] = [];
  const keys: string[] = [];
  for (const { key } of candidates) {
    const s = stored.get(key);
    if (!s?.record.hasEvents) continue;
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
  const helpdesks = new Set(chosen.map((i) => stored.get(keys[i])?.record.helpdesk ?? ''));
  const origins = new Set(chosen.map((i) => stored.get(keys[i])?.record.origin ?? ''));
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
  load: () => Promise<void>;
  setScope: (scope: Scope) => void;
  setWeek: (week: string) => void;
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
        // First open: this week's numbers first, then the whole trend (a refresh reads it all at once).
        if (!get().data?.complete) show(await loadMeData(db, Date.now(), 2));
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
