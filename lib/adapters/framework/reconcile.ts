/**
 * The page's half of keeping the live queue true (the worker's half: lib/background/reconcile.ts).
 *
 * A conversation leaves the page the agent looks at without the page saying why: another filter,
 * resolved by a colleague, the tab closed. Left alone, what was last read stays "open" forever.
 * So every page
 * - reports the conversations it shows (`seen`, every SEEN_REPORT_MS): unchanged readings are not
 *   sent again, and the worker must know they are still there;
 * - when its adapter declares `reconcile`, asks the worker which conversations believed open it
 *   should check (the ones it just stopped showing first, then those nobody showed for
 *   RECONCILE_AFTER_MS), asks the helpdesk's same-origin API about them, batched as the API
 *   allows, one request at a time and at most one a second, and sends the answers as
 *   observations like any other (summary facts with the helpdesk's own times, no events).
 * Ids the helpdesk does not answer for are not asked again for a while; failed requests show in
 * health (route `reconcile`). Its own sender (its own documentId), so its observations never
 * replace a reading of the page still waiting in the runner's batch.
 */
import {
  bgStaleOpenSchema,
  observedConversationSchema,
  type ContentToBackground,
  type ObservedConversation,
} from '../../messaging/protocol';
import { SEEN_REPORT_MS } from '../../measure/freshness';
import { reportOf, type FetchJson } from './api-source';
import { ObservationSender, isContextInvalidated, randomDocumentId, type SenderTimers } from './sender';
import type { AdapterDefinition } from './types';

/** At most one request to the helpdesk per this many ms (per page). */
export const MIN_REQUEST_GAP_MS = 1_000;
/** How often the worker is asked for conversations to check (a message, no helpdesk request). */
export const ASK_EVERY_MS = 10_000;
/** Conversations the page stopped showing are asked about after this pause (a re-render settles). */
export const DEPARTED_SETTLE_MS = 2_000;
/** An id the helpdesk did not answer for (deleted, no access) is not asked again for this long. */
export const UNANSWERED_RETRY_MS = 10 * 60_000;
/** The loop's step. */
export const TICK_MS = 1_000;

export interface ReconcilerEnv {
  helpdesk: string;
  origin: string;
  now(): number;
  sendMessage(message: ContentToBackground): Promise<unknown>;
  timers: SenderTimers;
  /** Same-origin JSON reads with the agent's session (api-source.ts createSameOriginFetch). */
  fetchJson: FetchJson;
  /** The conversations the page shows now (rows on screen, the open conversation). */
  visibleIds(): string[];
  documentId?: string;
  /** Sender delays (tests). */
  coalesceMs?: number;
  laterMs?: number;
}

export interface Reconciler {
  stop(): void;
  /** Requests made to the helpdesk so far (tests and health). */
  readonly requests: number;
}

export function startReconciler(adapter: Pick<AdapterDefinition, 'id' | 'reconcile'>, env: ReconcilerEnv): Reconciler {
  const reconcile = adapter.reconcile;
  let stopped = false;
  let timer: unknown = null;
  let previous = new Set<string>();
  /** Shown before, not now: id → when it left. */
  const departed = new Map<string, number>();
  let queue: string[] = [];
  let asking = false;
  let requesting = false;
  let lastAskAt = -Infinity;
  let lastRequestAt = -Infinity;
  let lastSeenAt = -Infinity;
  let requests = 0;
  const unansweredUntil = new Map<string, number>();
  let failures: string[] = [];
  let healthSignature = '';

  const sender = new ObservationSender({
    helpdesk: env.helpdesk,
    origin: env.origin,
    documentId: env.documentId ?? randomDocumentId(),
    send: (message) => env.sendMessage(message),
    timers: env.timers,
    coalesceMs: env.coalesceMs,
    laterMs: env.laterMs,
    onContextInvalidated: () => stop(),
  });

  function tick(): void {
    timer = null;
    if (stopped) return;
    const now = env.now();
    const visible = new Set(env.visibleIds());
    for (const id of previous) if (!visible.has(id) && !departed.has(id)) departed.set(id, now);
    for (const id of visible) departed.delete(id);
    previous = visible;
    if (visible.size > 0 && now - lastSeenAt >= SEEN_REPORT_MS) {
      lastSeenAt = now;
      sender.update({ seen: [...visible] }, 'later');
    }
    if (reconcile) {
      if (queue.length > 0) queue = queue.filter((id) => !visible.has(id));
      const settled = [...departed].some(([, at]) => now - at >= DEPARTED_SETTLE_MS);
      if (queue.length === 0 && !asking && (settled || now - lastAskAt >= ASK_EVERY_MS)) void ask(now, visible);
      else if (queue.length > 0 && !requesting && now - lastRequestAt >= MIN_REQUEST_GAP_MS) void request(now);
    }
    timer = env.timers.setTimeout(tick, TICK_MS);
  }

  async function ask(now: number, visible: Set<string>): Promise<void> {
    asking = true;
    lastAskAt = now;
    const settled = [...departed].filter(([, at]) => now - at >= DEPARTED_SETTLE_MS).map(([id]) => id);
    for (const id of settled) departed.delete(id);
    for (const [id, until] of unansweredUntil) if (until <= now) unansweredUntil.delete(id);
    try {
      const reply = await env.sendMessage({
        type: 'cs:get-stale-open',
        helpdesk: env.helpdesk,
        origin: env.origin,
        departed: settled,
        visible: [...visible],
        limit: Math.min(500, reconcile!.batch * 10),
      });
      const parsed = bgStaleOpenSchema.safeParse(reply);
      if (parsed.success && parsed.data.ok) queue = parsed.data.conversationIds.filter((id) => !unansweredUntil.has(id));
      // No answer (the worker was stopped): the departed ones are asked again at the next turn.
      else for (const id of settled) departed.set(id, now);
    } catch (error) {
      if (isContextInvalidated(error)) stop();
      else for (const id of settled) departed.set(id, now);
    } finally {
      asking = false;
    }
  }

  async function request(now: number): Promise<void> {
    const ids = queue.splice(0, Math.max(1, reconcile!.batch));
    requesting = true;
    lastRequestAt = now;
    requests++;
    let answered: ObservedConversation[] = [];
    const failed: string[] = [];
    try {
      answered = await reconcile!.read(ids, env.fetchJson);
    } catch (error) {
      failed.push(`reconcile:${reportOf(error)}`);
    } finally {
      requesting = false;
    }
    if (stopped) return;
    const valid: ObservedConversation[] = [];
    const asked = new Set(ids);
    for (const item of answered) {
      const parsed = observedConversationSchema.safeParse(item);
      // Only what was asked, and only readings with a status: the point of asking.
      if (!parsed.success || !asked.has(parsed.data.conversationId) || parsed.data.status === undefined) {
        failed.push(`reconcile:invalid:${item.conversationId}`);
        continue;
      }
      asked.delete(parsed.data.conversationId);
      valid.push(parsed.data);
    }
    if (failed.length === 0) for (const id of asked) unansweredUntil.set(id, env.now() + UNANSWERED_RETRY_MS);
    if (valid.length) sender.update({ conversations: valid }, 'later');
    reportHealth(failed, ids.length, valid.length);
  }

  function reportHealth(failed: string[], asked: number, answered: number): void {
    failures = failed;
    const signature = JSON.stringify(failures);
    if (signature === healthSignature) return;
    healthSignature = signature;
    sender.update({ health: { route: 'reconcile', at: env.now(), found: { asked, answered }, missing: [...failures] } }, 'later');
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    if (timer !== null) env.timers.clearTimeout(timer);
    sender.stop();
  }

  timer = env.timers.setTimeout(tick, TICK_MS);
  return {
    stop,
    get requests() {
      return requests;
    },
  };
}
