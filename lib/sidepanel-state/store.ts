/**
 * The side panel's state, read from IndexedDB (the source of truth) and re-read whenever the
 * worker hints that data changed. Metrics are measured here with the same engine and inputs
 * as in the worker, so the panel and the overlay never disagree.
 */
import { create } from 'zustand';
import { summarize, type SummaryContext } from '@/lib/engine/summary';
import { getProfile } from '@/lib/engine/profiles';
import type { ConversationMetrics, Summary } from '@/lib/engine/types';
import type { ClockPlan } from '@/lib/messaging/protocol';
import { toEngineConversation } from '@/lib/background/conversation-input';
import { measure, targetClock } from '@/lib/background/measure';
import { planConversation } from '@/lib/background/clock-plans';
import { ALL_AGENTS, localDay } from '@/lib/background/rollups';
import { getDb } from '@/lib/storage/db';
import { readDay, readFocused, readHealth, readSignedInAgent } from '@/lib/storage/queries';
import type { ConversationRecord, HealthRecord, RollupRecord } from '@/lib/storage/schema';
import { getSettings, type Settings } from '@/lib/storage/settings';
import { DateTime } from 'luxon';

export interface NowView {
  record: ConversationRecord | null;
  conversationId: string;
  helpdesk: string;
  metrics: ConversationMetrics | null;
  plan: ClockPlan | null;
}

export interface TodayView {
  day: string;
  agentId: string | null;
  everyone: { rollup: RollupRecord | null; summary: Summary };
  mine: { rollup: RollupRecord | null; summary: Summary } | null;
}

interface PanelState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  settings: Settings | null;
  now: NowView | null;
  health: HealthRecord[];
  today: TodayView | null;
  loadedAt: number;
  load(): Promise<void>;
}

function dayRange(day: string, timezone: string): { from: number; to: number } {
  const start = DateTime.fromISO(day, { zone: timezone }).startOf('day');
  return { from: start.toMillis(), to: start.plus({ days: 1 }).toMillis() };
}

export const usePanel = create<PanelState>((set) => ({
  status: 'loading',
  error: null,
  settings: null,
  now: null,
  health: [],
  today: null,
  loadedAt: 0,
  async load() {
    try {
      const db = await getDb();
      const settings = await getSettings(db);
      const at = Date.now();
      const [focused, agent] = await Promise.all([readFocused(db), readSignedInAgent(db)]);

      let now: NowView | null = null;
      if (focused) {
        const record = focused.record ?? null;
        let metrics: ConversationMetrics | null = null;
        let plan: ClockPlan | null = null;
        if (record) {
          const input = record.hasEvents ? toEngineConversation(record, focused.events, focused.activity) : null;
          if (input) {
            try {
              metrics = measure(input, settings, at);
            } catch (error) {
              console.warn('Replyline: could not measure', record.key, error);
              metrics = null;
            }
          }
          plan = planConversation(record, metrics, settings, targetClock(settings), at);
        }
        now = { record, conversationId: focused.focus.conversationId, helpdesk: focused.focus.helpdesk, metrics, plan };
      }

      const health = await readHealth(db, focused?.focus.helpdesk ?? agent?.helpdesk);
      const timezone = settings.calendar.timezone;
      const day = localDay(at, timezone);
      const { rollups, metrics } = await readDay(db, day);
      const ctx: SummaryContext = { profile: getProfile(settings.profile), targets: { clock: settings.targets.clock }, business: { timezone } };
      const period = dayRange(day, timezone);
      const all = metrics.map((m) => m.metrics);
      const agentId = agent?.agentId ?? null;
      const today: TodayView = {
        day,
        agentId,
        everyone: { rollup: rollups.find((r) => r.agentId === ALL_AGENTS) ?? null, summary: summarize(all, ctx, period) },
        mine: agentId ? { rollup: rollups.find((r) => r.agentId === agentId) ?? null, summary: summarize(all, ctx, period, { agentId }) } : null,
      };
      set({ status: 'ready', error: null, settings, now, health, today, loadedAt: at });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
