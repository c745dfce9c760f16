/**
 * The side panel's Now state, read from IndexedDB and re-read whenever the worker hints that
 * data changed. Metrics are the worker's (the read model): the panel never measures events
 * itself, it only places the stored figures at the time it shows them (lib/measure planAt).
 */
import { create } from 'zustand';
import type { ConversationMetrics } from '../engine/types';
import type { ClockPlan } from '../messaging/protocol';
import { metricsAt, planAt } from '../measure/measure-stored';
import { getDb } from '../storage/db';
import { readFocused, readHealth, readSignedInAgent } from '../storage/queries';
import type { HealthRecord } from '../storage/schema';
import type { ConversationRecord } from '../measure/stored';
import { type ChecklistTemplate, type Settings } from '../settings/model';
import { getSettings } from '../storage/settings';
import { readComposeChecks, readOutcome, readReview, saveOutcome, saveReview } from '../storage/reviews';
import type { ComposeChecksState, OutcomeRecord, OutcomeTag, ReviewRecord } from '../storage/schema';
import { scoreReview, type AutoCheckKey, type QaAnswer } from '../engine/qa';

export interface NowView {
  record: ConversationRecord | null;
  conversationKey: string;
  conversationId: string;
  helpdesk: string;
  metrics: ConversationMetrics | null;
  plan: ClockPlan | null;
  /** The checklist this conversation is reviewed with (its review's template when it still exists). */
  template: ChecklistTemplate | null;
  review: ReviewRecord | null;
  outcome: OutcomeRecord | null;
  /** The latest compose-box checks, as auto-check answers (booleans from the page). */
  autoChecks: Partial<Record<AutoCheckKey, boolean>> | null;
  composeCheckedAt: number | null;
}

/** The compose checks under the checklist's auto-check keys. */
export function autoChecksOf(state: ComposeChecksState | null): Partial<Record<AutoCheckKey, boolean>> | null {
  if (!state) return null;
  return {
    greeting: state.greeting,
    customerName: state.customerName,
    closing: state.closing,
    noUnansweredQuestion: state.answersQuestion,
  };
}

function pickTemplate(settings: Settings, review: ReviewRecord | null): ChecklistTemplate | null {
  const templates = settings.checklistTemplates ?? [];
  return (
    (review ? templates.find((t) => t.id === review.templateId) : undefined) ??
    templates.find((t) => t.id === settings.activeChecklistTemplateId) ??
    templates[0] ??
    null
  );
}

interface PanelState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  settings: Settings | null;
  now: NowView | null;
  health: HealthRecord[];
  loadedAt: number;
  load: () => Promise<void>;
  /** Saves the focused conversation's review with every shown answer (auto-ticks included). */
  saveReviewAnswers: (answers: Record<string, QaAnswer>) => Promise<void>;
  setOutcomeTags: (tags: OutcomeTag[]) => Promise<void>;
}

/** Counts starts and ends of this panel's review / outcome writes; a load that overlapped one is read again. */
let panelWrites = 0;

export const usePanel = create<PanelState>((set, get) => ({
  status: 'loading',
  error: null,
  settings: null,
  now: null,
  health: [],
  loadedAt: 0,
  async load() {
    const writesAtStart = panelWrites;
    try {
      const db = await getDb();
      const settings = await getSettings(db);
      const at = Date.now();
      const [focused, agent] = await Promise.all([readFocused(db), readSignedInAgent(db)]);

      let now: NowView | null = null;
      if (focused) {
        const record = focused.record ?? null;
        const metrics = focused.measured ? metricsAt(focused.measured.metrics, at) : null;
        const plan = record ? planAt(record, metrics, settings, at) : null;
        const key = focused.focus.conversationKey;
        const [review, outcome, compose] = await Promise.all([readReview(db, key), readOutcome(db, key), readComposeChecks(db, key)]);
        now = {
          record,
          conversationKey: key,
          conversationId: focused.focus.conversationId,
          helpdesk: focused.focus.helpdesk,
          metrics,
          plan,
          template: pickTemplate(settings, review),
          review,
          outcome,
          autoChecks: autoChecksOf(compose),
          composeCheckedAt: compose?.at ?? null,
        };
      }

      const health = await readHealth(db, focused?.focus.helpdesk ?? agent?.helpdesk);
      if (panelWrites !== writesAtStart) {
        // It may have read a review or tags from before the write: read again rather than show stale answers.
        void get().load();
        return;
      }
      set({ status: 'ready', error: null, settings, now, health, loadedAt: at });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  async saveReviewAnswers(answers) {
    const focused = get().now;
    if (!focused?.template) return;
    panelWrites++;
    // Shown at once, so that a second answer given before the write ends builds on this one.
    const { score, criticalFailed } = scoreReview(focused.template.items, answers);
    const reviewedAt = Date.now();
    set({
      now: {
        ...focused,
        review: {
          conversationKey: focused.conversationKey,
          templateId: focused.template.id,
          answers,
          score,
          criticalFailed,
          reviewerId: focused.review?.reviewerId ?? null,
          reviewedAt,
        },
      },
    });
    const db = await getDb();
    const agent = await readSignedInAgent(db);
    await saveReview(db, {
      conversationKey: focused.conversationKey,
      templateId: focused.template.id,
      items: focused.template.items,
      answers,
      reviewerId: agent?.agentId ?? null,
      at: reviewedAt,
    });
    // Not set again from the write: a later answer may already be on screen.
    panelWrites++;
  },
  async setOutcomeTags(tags) {
    const focused = get().now;
    if (!focused) return;
    panelWrites++;
    set({
      now: {
        ...focused,
        outcome: {
          conversationKey: focused.conversationKey,
          tags: [...tags],
          agentId: focused.outcome?.agentId ?? null,
          updatedAt: Date.now(),
        },
      },
    });
    const db = await getDb();
    const agent = await readSignedInAgent(db);
    await saveOutcome(db, focused.conversationKey, tags, agent?.agentId ?? null, Date.now());
    panelWrites++;
  },
}));
