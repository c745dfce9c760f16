/**
 * measureStored: what is stored about one conversation → its engine input, metrics and clock
 * plan. The single path from stored facts to numbers: the worker's ingest and re-measures, the
 * side panel's reads, backup restore, the team import and the hub all call it, so a conversation
 * is measured the same way wherever it is shown.
 */
import type { Conversation } from '../engine/events';
import type { ConversationMetrics, TargetResult } from '../engine/types';
import type { ClockPlan } from '../messaging/protocol';
import type { Settings } from '../settings/model';
import { planConversation } from './clock-plans';
import { clockStateAt } from './clock-state';
import { measure, targetClock } from './context';
import { toEngineConversation } from './input';
import type { ActivityRecord, ConversationRecord, EventRecord } from './stored';

/** One conversation as stored: its observed facts, events and activity spans. */
export interface StoredConversation {
  record: ConversationRecord;
  events: readonly EventRecord[];
  activity: readonly ActivityRecord[];
}

export interface MeasuredConversation {
  key: string;
  record: ConversationRecord;
  /** The engine input; null while the thread was never read (list rows only). */
  input: Conversation | null;
  /** The metrics at `now`; null when there is no input or the engine refused it (`error`). */
  metrics: ConversationMetrics | null;
  /** Why the engine could not measure the input (shown as unmeasured, never dropped). */
  error: string | null;
  /** What the overlay and the live queue show of its clocks. */
  plan: ClockPlan;
}

/**
 * Measures one stored conversation at `now` under the settings. Never throws: a conversation
 * the engine cannot measure is still planned from its list facts and carries the reason.
 */
export function measureStored(stored: StoredConversation, settings: Settings, now: number): MeasuredConversation {
  const { record } = stored;
  // Without the thread (list rows only) the engine would see no messages at all; such a
  // conversation is planned from the list's waitingSince instead.
  const input = record.hasEvents ? toEngineConversation(record, stored.events, stored.activity) : null;
  let metrics: ConversationMetrics | null = null;
  let error: string | null = null;
  if (input) {
    try {
      metrics = measure(input, settings, now);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
  }
  return { key: record.key, record, input, metrics, error, plan: planConversation(record, metrics, settings, targetClock(settings), now) };
}

/** Open clocks of full metrics carry their target; the compact copy's do not. */
function targetOf(clock: object): TargetResult | undefined {
  return (clock as { target?: TargetResult }).target;
}

/**
 * Stored metrics as they stand at a later time `at`, without measuring again: a summary or a
 * forecast depends on the evaluation time only through the states of clocks still running
 * (on track → at risk → breached), which clockStateAt derives from their due times. Returns
 * the same object when nothing changed.
 */
export function metricsAt<M extends { targets: ConversationMetrics['targets']; open: ReadonlyArray<object> }>(m: M, at: number): M {
  const { firstResponse, resolution, nextResponse } = m.targets;
  const changes = (t: TargetResult | null | undefined) =>
    t !== null && t !== undefined && t.stoppedAt === null && clockStateAt(t, at) !== t.state;
  if (!changes(firstResponse) && !changes(resolution) && !nextResponse.some(changes) && !m.open.some((c) => changes(targetOf(c)))) {
    return m;
  }
  const update = <T extends TargetResult | null | undefined>(t: T): T =>
    changes(t) ? { ...t, state: clockStateAt(t as TargetResult, at) } : t;
  return {
    ...m,
    targets: { firstResponse: update(firstResponse), resolution: update(resolution), nextResponse: nextResponse.map(update) },
    open: m.open.map((c) => (changes(targetOf(c)) ? { ...c, target: update(targetOf(c)) } : c)),
  };
}

/**
 * The clock plan of a conversation from its stored facts and its metrics as last measured, at
 * a later time `at`: what a reader shows without measuring the events again.
 */
export function planAt(record: ConversationRecord, metrics: ConversationMetrics | null, settings: Settings, at: number): ClockPlan {
  return planConversation(record, metrics && metricsAt(metrics, at), settings, targetClock(settings), at);
}
