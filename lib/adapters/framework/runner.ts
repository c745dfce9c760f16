/**
 * Runs one adapter in one page: follows the route, observes ONE root with ONE
 * MutationObserver, re-reads the page at most once per animation frame, validates what it
 * read, sends only what changed, and tracks the agent's activity. The overlay is fed through
 * `onView` / `onPlans`; the runner never draws anything itself.
 */
import {
  bgClockPlansSchema,
  observedConversationSchema,
  type AdapterHealth,
  type BgClockPlans,
  type ClockPlan,
  type ContentToBackground,
  type ObservedConversation,
} from '../../messaging/protocol';
import { ActivityTracker } from '../../activity/tracker';
import { ApiSource, DEFAULT_POLL_MS, createSameOriginFetch } from './api-source';
import { healthSignature, probeHealth } from './health';
import { ObservationSender, isContextInvalidated } from './sender';
import { composeChecks, composeText } from './compose-checks';
import type { AdapterDefinition, RouteKind } from './types';

/** Elements the overlay inserts into the page carry this attribute; their mutations are ignored. */
export const OVERLAY_HOST_ATTRIBUTE = 'data-replyline-overlay';

export interface RowView {
  conversationId: string;
  element: Element;
  observation: ObservedConversation | undefined;
}

export interface PageView {
  route: RouteKind | null;
  /** The Demo Desk, Zendesk…: the document the anchors are looked up in. */
  root: Element | null;
  rows: RowView[];
  conversation: ObservedConversation | null;
  agentId: string | null;
}

export interface RunnerEnv {
  window: Window;
  document: Document;
  now(): number;
  sendMessage(message: ContentToBackground): Promise<unknown>;
  requestFrame(callback: () => void): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Called on SPA navigation (WXT's `wxt:locationchange`). */
  onLocationChange(callback: () => void): void;
  documentId: string;
  /** The page's fetch, for adapters that read their helpdesk's same-origin API (default: window.fetch). */
  fetch?: typeof fetch;
}

export interface RunnerOptions {
  onView?(view: PageView): void;
  onPlans?(plans: ClockPlan[]): void;
  /** Extension reloaded / removed: the runner has stopped itself. */
  onStopped?(): void;
  idleMs?: number;
  coalesceMs?: number;
  /** How often open activity spans are handed to the sender (default 15 s). */
  activityFlushMs?: number;
  /** Pause in typing after which the compose box is checked (default 400 ms). */
  composeDebounceMs?: number;
}

export interface AdapterRunner {
  /** Re-read the page in the next frame (also done on every relevant mutation). */
  schedule(): void;
  /** Ask the worker for fresh plans of the conversations on screen. */
  refreshPlans(): Promise<void>;
  stop(): void;
  readonly sender: ObservationSender;
  readonly activity: ActivityTracker;
}

export function routeOf(adapter: AdapterDefinition, href: string): { kind: RouteKind | null; conversationId: string | null } {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { kind: null, conversationId: null };
  }
  const conversationId = adapter.routes.conversation(url);
  if (conversationId !== null) return { kind: 'conversation', conversationId };
  return { kind: adapter.routes.list(url) ? 'list' : null, conversationId: null };
}

export function startAdapterRunner(adapter: AdapterDefinition, env: RunnerEnv, options: RunnerOptions = {}): AdapterRunner {
  const { window: win, document: doc } = env;
  let stopped = false;
  let frameRequested = false;
  let reading = false;
  let readAgain = false;
  let observedRoot: Element | null = null;
  let lastHealthSignature = '';
  let visibleIds: string[] = [];
  const sentSignatures = new Map<string, string>();
  // The last valid reading of each conversation (raw JSON → parsed): an unchanged row skips validation.
  const validated = new Map<string, { raw: string; data: ObservedConversation }>();

  const activity = new ActivityTracker({ idleMs: options.idleMs });
  const sender = new ObservationSender({
    helpdesk: adapter.id,
    origin: win.location.origin,
    documentId: env.documentId,
    send: (message) => env.sendMessage(message),
    timers: { setTimeout: env.setTimeout, clearTimeout: env.clearTimeout },
    coalesceMs: options.coalesceMs,
    onReply: (reply: BgClockPlans) => {
      if (reply.plans.length) options.onPlans?.(reply.plans);
    },
    onContextInvalidated: () => stop(),
  });

  // Same-origin API reads (adapters declaring `api`), throttled: a read asked for too soon is
  // answered from the last one and a trailing read is scheduled for when it becomes allowed.
  const apiSource = adapter.api
    ? new ApiSource(
        adapter.api,
        createSameOriginFetch({
          origin: win.location.origin,
          fetch: env.fetch ?? ((input, init) => win.fetch(input, init)),
          headers: () => adapter.api?.requestHeaders?.(doc) ?? null,
        }),
      )
    : null;
  let apiRetryTimer: unknown = null;
  function retryApiAt(at: number | undefined): void {
    if (at === undefined || apiRetryTimer !== null || stopped) return;
    apiRetryTimer = env.setTimeout(() => {
      apiRetryTimer = null;
      schedule();
    }, Math.max(0, at - env.now()));
  }

  const observer = new MutationObserver((records) => {
    if (records.some(isPageMutation)) schedule();
  });

  function schedule(): void {
    if (stopped || frameRequested) return;
    frameRequested = true;
    env.requestFrame(() => {
      frameRequested = false;
      void read();
    });
  }

  async function read(): Promise<void> {
    if (stopped) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      await readOnce();
    } finally {
      reading = false;
      if (readAgain && !stopped) {
        readAgain = false;
        schedule();
      }
    }
  }

  async function readOnce(): Promise<void> {
    const now = env.now();
    const route = routeOf(adapter, win.location.href);
    const root = adapter.root(doc);
    attachObserver(route.kind !== null ? root : null);
    const agentId = root ? adapter.extract.currentAgent(root) : null;
    activity.setContext(route.conversationId, agentId, now);
    const view: PageView = { route: route.kind, root, rows: [], conversation: null, agentId };
    if (!root || route.kind === null) {
      visibleIds = [];
      options.onView?.(view);
      return;
    }

    let observed: ObservedConversation[] = [];
    const apiFailures: string[] = [];
    if (route.kind === 'list') {
      if (apiSource && adapter.api?.list) {
        const read = await apiSource.list(new URL(win.location.href), now);
        observed = read.value;
        if (read.error) apiFailures.push(`list:${read.error}`);
        retryApiAt(read.retryAt);
      } else observed = await adapter.extract.listRows(root);
    } else {
      let conversation: ObservedConversation | null;
      if (apiSource && route.conversationId !== null) {
        const read = await apiSource.conversation(route.conversationId, new URL(win.location.href), now);
        conversation = read.value;
        retryApiAt(read.retryAt);
      } else conversation = await adapter.extract.conversation(root);
      if (conversation) observed = [conversation];
    }
    if (stopped) return;

    const valid = new Map<string, ObservedConversation>();
    const fresh = new Set<string>();
    const fieldsMissing: string[] = [...apiFailures];
    for (const item of observed) {
      const raw = JSON.stringify(item);
      const known = validated.get(item.conversationId);
      let data: ObservedConversation;
      if (known && known.raw === raw) data = known.data;
      else {
        const parsed = observedConversationSchema.safeParse(item);
        if (!parsed.success) {
          fieldsMissing.push(`invalid:${item.conversationId}`);
          continue;
        }
        data = parsed.data;
        validated.set(item.conversationId, { raw, data });
        fresh.add(item.conversationId);
      }
      valid.set(item.conversationId, data);
      for (const field of data.missing ?? []) fieldsMissing.push(`${item.conversationId}:${field}`);
    }

    if (route.kind === 'list') {
      for (const element of adapter.extract.listRowElements(root)) {
        const conversationId = adapter.extract.rowConversationId(element);
        if (conversationId) view.rows.push({ conversationId, element, observation: valid.get(conversationId) });
      }
    } else {
      view.conversation = observed.length && valid.has(observed[0].conversationId) ? valid.get(observed[0].conversationId)! : null;
    }
    visibleIds = [...valid.keys()];

    const changed: ObservedConversation[] = [];
    for (const [id, item] of valid) {
      // A reading identical to the last valid one was compared (and sent) back then.
      if (!fresh.has(id)) continue;
      const signature = JSON.stringify(item);
      if (sentSignatures.get(id) !== signature) {
        sentSignatures.set(id, signature);
        changed.push(item);
      }
    }
    const health: AdapterHealth = probeHealth(adapter.selectors, root, route.kind, fieldsMissing, now);
    const signature = healthSignature(health);
    const healthChanged = signature !== lastHealthSignature;
    lastHealthSignature = signature;

    sender.update({
      url: win.location.href,
      agentId,
      focusedConversationId: route.conversationId,
      conversations: changed,
      health: healthChanged ? health : undefined,
    });
    options.onView?.(view);
  }

  function attachObserver(root: Element | null): void {
    if (root === observedRoot) return;
    observer.disconnect();
    observedRoot = root;
    if (root) {
      observer.observe(root, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: adapter.observedAttributes,
      });
    }
  }

  function isPageMutation(record: MutationRecord): boolean {
    if (record.type === 'attributes') return !isOverlayNode(record.target);
    if (isOverlayNode(record.target)) return false;
    const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
    return nodes.length === 0 || nodes.some((node) => !isOverlayNode(node));
  }

  function isOverlayNode(node: Node): boolean {
    return node.nodeType === 1 && (node as Element).hasAttribute(OVERLAY_HOST_ATTRIBUTE);
  }

  // Activity: attention (visible + focused) and input. Handlers only record a timestamp.
  const attention = () => activity.setAttention(doc.visibilityState === 'visible' && doc.hasFocus(), env.now());
  const onInput = (event: Event) => {
    const compose = event.type === 'keydown' && observedRoot ? adapter.extract.composeBox(observedRoot) : null;
    const target = event.target instanceof Node ? event.target : null;
    activity.input(env.now(), compose !== null && target !== null && compose.contains(target));
  };
  // Compose-box checks: after a pause in typing, the draft is checked in the page and only
  // the booleans are sent (the text itself is read into a local and dropped).
  let composeTimer: unknown = null;
  let lastComposeSignature = '';
  const onComposeInput = (event: Event) => {
    if (!adapter.extract.composeContext || !observedRoot) return;
    const box = adapter.extract.composeBox(observedRoot);
    const target = event.target instanceof Node ? event.target : null;
    if (!box || !target || !box.contains(target)) return;
    if (composeTimer !== null) env.clearTimeout(composeTimer);
    composeTimer = env.setTimeout(() => {
      composeTimer = null;
      checkCompose();
    }, options.composeDebounceMs ?? 400);
  };
  function checkCompose(): void {
    if (stopped || !observedRoot) return;
    const { conversationId } = routeOf(adapter, win.location.href);
    const box = adapter.extract.composeBox(observedRoot);
    const context = adapter.extract.composeContext?.(observedRoot) ?? null;
    if (!conversationId || !box || !context) return;
    const checks = composeChecks(composeText(box), context);
    const signature = `${conversationId}|${checks.greeting}|${checks.customerName}|${checks.closing}|${checks.answersQuestion}`;
    if (signature === lastComposeSignature) return;
    lastComposeSignature = signature;
    sender.update({ url: win.location.href, focusedConversationId: conversationId, compose: { conversationId, ...checks, at: env.now() } });
  }
  const listeners: Array<[EventTarget, string, (event: Event) => void]> = [
    [doc, 'input', onComposeInput],
    [doc, 'visibilitychange', attention],
    [win, 'focus', attention],
    [win, 'blur', attention],
    [doc, 'keydown', onInput],
    [doc, 'pointerdown', onInput],
    [doc, 'wheel', onInput],
    [doc, 'scroll', onInput],
    [win, 'pagehide', () => flushActivity(true)],
  ];
  for (const [target, type, handler] of listeners) target.addEventListener(type, handler, { capture: true, passive: true });

  function flushActivity(now = false): void {
    const spans = activity.take(env.now());
    if (spans.length) sender.update({ activity: spans });
    if (now) sender.flushNow();
  }
  const activityTimer = env.setInterval(() => flushActivity(), options.activityFlushMs ?? 15_000);
  // API-read helpdesks change without touching the observed DOM (a customer writes): poll modestly.
  const apiPollTimer = apiSource ? env.setInterval(() => schedule(), adapter.api?.pollMs ?? DEFAULT_POLL_MS) : null;

  env.onLocationChange(() => {
    // Hand over the previous conversation's activity before the context switches.
    flushActivity();
    lastHealthSignature = '';
    schedule();
  });

  async function refreshPlans(): Promise<void> {
    if (stopped || visibleIds.length === 0) return;
    try {
      const reply = await env.sendMessage({
        type: 'cs:get-clock-plans',
        helpdesk: adapter.id,
        origin: win.location.origin,
        conversationIds: visibleIds,
      });
      const parsed = bgClockPlansSchema.safeParse(reply);
      if (parsed.success && parsed.data.ok && parsed.data.plans.length) options.onPlans?.(parsed.data.plans);
    } catch (error) {
      // An unanswered request is retried with the next observation; only invalidation is final.
      if (isContextInvalidated(error)) stop();
    }
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    sender.stop();
    env.clearInterval(activityTimer);
    if (apiPollTimer !== null) env.clearInterval(apiPollTimer);
    if (apiRetryTimer !== null) env.clearTimeout(apiRetryTimer);
    for (const [target, type, handler] of listeners) target.removeEventListener(type, handler, { capture: true });
    options.onStopped?.();
  }

  attention();
  schedule();
  return { schedule, refreshPlans, stop, sender, activity };
}
