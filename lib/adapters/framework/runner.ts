/**
 * Runs one adapter in one page: follows the route, observes ONE root with ONE
 * MutationObserver, re-reads the page at most once per task (a list already on screen at most
 * once a second), validates what it read, sends only what changed, and tracks the agent's
 * activity. The overlay is fed through
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
import { countSelectors, healthFromCounts, healthSignature, MissingTracker } from './health';
import { ListRows, MAX_INCREMENTAL_ROWS, type RowsUpdate } from './list-rows';
import { ObservationSender, isContextInvalidated } from './sender';
import { composeChecks, composeText } from './compose-checks';
import type { AdapterDefinition, RouteKind } from './types';

/** Elements the overlay inserts into the page carry this attribute (its mutations are ignored, see overlayHosts). */
export const OVERLAY_HOST_ATTRIBUTE = 'data-replyline-overlay';

/**
 * The overlay's host elements, registered as they are made: the observer asks this set about
 * every added or removed node, a plain lookup where asking the DOM for the attribute is a call
 * into the page's bindings.
 */
export const overlayHosts = new WeakSet<Node>();

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
  /**
   * What differs from the previous view when only some rows changed: rows read again or whose
   * inside changed (`changed`), and rows gone (`removed`). Absent: compare every row.
   */
  rowChanges?: { changed: RowView[]; removed: Element[] };
}

/**
 * Health is probed at once when the route or URL changes, else at most this often (a query per
 * selector over the page); a burst of changes ends with one more probe. Health is read by a
 * person in Settings, so half a minute is fresh enough and a busy inbox pays for it rarely.
 */
export const HEALTH_PROBE_INTERVAL_MS = 30_000;

/**
 * Changes to the rows of a list already on screen are read this long after the first of them,
 * all at once (the open conversation and a newly shown list are read in the next task).
 */
export const LIST_READ_DELAY_MS = 1_000;

export interface RunnerEnv {
  window: Window;
  document: Document;
  now(): number;
  sendMessage(message: ContentToBackground): Promise<unknown>;
  /** Runs the callback soon, in a task of its own (batches the work of one burst of changes). */
  nextTask(callback: () => void): void;
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
  /** Rows read per task when a list is first read (list-rows.ts ROWS_PER_TASK). */
  rowsPerTask?: number;
  /** See LIST_READ_DELAY_MS. */
  listReadDelayMs?: number;
  /** Delay of background changes (list rows after the first read, activity, health); see sender.ts. */
  laterMs?: number;
  /** How often open activity spans are handed to the sender (default 15 s). */
  activityFlushMs?: number;
  /** Pause in typing after which the compose box is checked (default 400 ms). */
  composeDebounceMs?: number;
}

export interface AdapterRunner {
  /** Re-read the page in the next task (also done on every relevant mutation). */
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
  let readQueued = false;
  let reading = false;
  let readAgain = false;
  let observedRoot: Element | null = null;
  let listReadTimer: unknown = null;
  /** The route of the last URL read (parsed again only when the URL changes). */
  let routeHref = '';
  let route: ReturnType<typeof routeOf> = { kind: null, conversationId: null };
  /** A list is still being read slice by slice: its rows go out soon, like the first slice. */
  let showingList = false;
  let listMore = false;
  let lastReadRoute: RouteKind | null = null;
  let lastHealthSignature = '';
  let visibleIds: () => string[] = () => [];
  // The last valid reading of each conversation (raw JSON → parsed): an unchanged row skips
  // validation, and only a reading that differs from the last valid one is sent.
  const validated = new Map<string, { raw: string; data: ObservedConversation }>();
  // Lists of adapters that can read one row: only the rows a mutation touched are read again.
  const readRow = adapter.extract.readRow;
  const listRows =
    readRow && !adapter.api?.list ? new ListRows({ ...adapter.extract, readRow }, MAX_INCREMENTAL_ROWS, options.rowsPerTask) : null;
  /**
   * Each shown row's entry by element; the page order is ListRows' (`listedRows`). A small
   * change never walks every row: the ordered list is only built when someone reads it.
   */
  const rowViewOf = new Map<Element, RowView>();
  let listedRows: readonly { element: Element }[] = [];
  function rowViewsInOrder(): RowView[] {
    const out: RowView[] = [];
    for (const { element } of listedRows) {
      const rowView = rowViewOf.get(element);
      if (rowView) out.push(rowView);
    }
    return out;
  }
  /** How many rows show each conversation; ids on more than one row are in sharedIds. */
  const rowsPerId = new Map<string, number>();
  const sharedIds = new Set<string>();
  // Health: probed now when the page context changed, else at most every HEALTH_PROBE_INTERVAL_MS.
  let lastProbeAt = -Infinity;
  let lastProbeContext = '';
  let lastProbeRoot: Element | null = null;
  let healthTimer: unknown = null;
  let healthInput: { root: Element; route: RouteKind; fieldsMissing: () => string[]; context: string } | null = null;
  /** Missing parts are re-probed soon and shown as a problem only when they last. */
  const missingTracker = new MissingTracker();
  let lastHealth: AdapterHealth | null = null;
  /** Selector counts of the last probe, reused while only row attributes and text changed. */
  let lastFound: Record<string, number> | null = null;
  /** Route and URL of the last reading sent: the first reading of a new page goes out soon. */
  let lastSentContext = '';

  const activity = new ActivityTracker({ idleMs: options.idleMs });
  const sender = new ObservationSender({
    helpdesk: adapter.id,
    origin: win.location.origin,
    documentId: env.documentId,
    send: (message) => env.sendMessage(message),
    timers: { setTimeout: env.setTimeout, clearTimeout: env.clearTimeout },
    coalesceMs: options.coalesceMs,
    laterMs: options.laterMs,
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
    apiRetryTimer = env.setTimeout(
      () => {
        apiRetryTimer = null;
        schedule();
      },
      Math.max(0, at - env.now()),
    );
  }

  const observer = new MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      if (isPageMutation(record)) {
        // Every record goes to the rows (each may touch another row); any relevant one schedules.
        if (listRows ? listRows.note(record) : true) relevant = true;
      } else if (listRows && record.removedNodes.length > 0 && !isOverlayNode(record.target)) {
        if (listRows.noteOverlayRemoved(record.target)) relevant = true;
      }
    }
    if (!relevant) return;
    // Rows of a list already on screen change all the time on a busy inbox: read them together
    // (the first rows of an empty list are read at once).
    if (listRows?.ready && lastReadRoute === 'list' && listedRows.length > 0) scheduleListRead();
    else schedule();
  });

  /** Reads a changed list within LIST_READ_DELAY_MS, once for every change in between. */
  function scheduleListRead(): void {
    if (stopped || readQueued || listReadTimer !== null) return;
    listReadTimer = env.setTimeout(() => {
      listReadTimer = null;
      void read();
    }, options.listReadDelayMs ?? LIST_READ_DELAY_MS);
  }

  function schedule(): void {
    if (stopped || readQueued) return;
    readQueued = true;
    env.nextTask(() => {
      readQueued = false;
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
    if (listReadTimer !== null) {
      // This read covers the changes the delayed list read was waiting for.
      env.clearTimeout(listReadTimer);
      listReadTimer = null;
    }
    const now = env.now();
    const href = win.location.href;
    if (href !== routeHref) {
      routeHref = href;
      route = routeOf(adapter, href);
    }
    lastReadRoute = route.kind;
    const root = adapter.root(doc);
    attachObserver(route.kind !== null ? root : null);
    const agentId = root ? adapter.extract.currentAgent(root) : null;
    activity.setContext(route.conversationId, agentId, now);
    const view: PageView = { route: route.kind, root, rows: [], conversation: null, agentId };
    if (route.kind !== 'list' && listRows) {
      listRows.invalidate();
      showingList = listMore = false;
    }
    if (!root || route.kind === null) {
      visibleIds = () => [];
      clearHealthTimer();
      healthInput = null;
      options.onView?.(view);
      return;
    }

    let changed: ObservedConversation[];
    let fieldsMissing: () => string[];
    if (route.kind === 'list' && listRows) {
      ({ changed, fieldsMissing } = readListIncrementally(listRows.update(root), view));
    } else {
      const read = await readAll({ kind: route.kind, conversationId: route.conversationId }, root, now, view);
      if (!read) return;
      ({ changed, fieldsMissing } = read);
    }
    if (stopped) return;

    const context = `${route.kind}|${win.location.href}`;
    // The open conversation and a newly shown page matter now; later changes of a list's rows
    // (a busy inbox changes every second) travel in the next background batch.
    const urgency = route.kind === 'conversation' || context !== lastSentContext || showingList ? 'soon' : 'later';
    showingList = listMore;
    lastSentContext = context;
    sender.update(
      {
        url: win.location.href,
        agentId,
        focusedConversationId: route.conversationId,
        conversations: changed,
      },
      urgency,
    );
    reportHealth({ root, route: route.kind, fieldsMissing, context }, now);
    options.onView?.(view);
  }

  /** Validates a reading unless it equals the last valid one of its conversation. */
  function validate(item: ObservedConversation): { data: ObservedConversation; fresh: boolean } | null {
    const raw = JSON.stringify(item);
    const known = validated.get(item.conversationId);
    if (known && known.raw === raw) return { data: known.data, fresh: false };
    const parsed = observedConversationSchema.safeParse(item);
    if (!parsed.success) return null;
    validated.set(item.conversationId, { raw, data: parsed.data });
    return { data: parsed.data, fresh: true };
  }

  function missingOf(items: Iterable<{ conversationId: string; observation: ObservedConversation | undefined }>): string[] {
    const out: string[] = [];
    for (const { conversationId, observation } of items) {
      if (!observation) out.push(`invalid:${conversationId}`);
      else for (const field of observation.missing ?? []) out.push(`${conversationId}:${field}`);
    }
    return out;
  }

  /** A list read through `readRow`: only the rows the update read are validated and compared. */
  function readListIncrementally(update: RowsUpdate, view: PageView) {
    const changed: ObservedConversation[] = [];
    const changedViews: RowView[] = [];
    const removed = [...update.removed];
    // Conversations shown in more than one row before this update (their rows are re-validated).
    const sharedBefore = sharedIds.size > 0 ? new Set(sharedIds) : sharedIds;
    for (const element of update.removed) forgetRow(element);
    // A long list is read a slice per task (no long task): the next slice in the next task.
    listMore = update.more;
    if (update.more) schedule();
    for (const { element, item } of update.read) {
      if (!item) {
        // A row without a conversation id is not shown (its badge goes).
        if (forgetRow(element)) removed.push(element);
        continue;
      }
      const result = validate(item);
      if (result?.fresh) changed.push(result.data);
      const rowView: RowView = { conversationId: item.conversationId, element, observation: result?.data };
      rememberRow(rowView);
      changedViews.push(rowView);
    }
    listedRows = update.rows;
    if (sharedBefore.size > 0 || sharedIds.size > 0) {
      // Rows of one conversation: their readings are validated in page order every time, and
      // each row shows the last valid one, as a full read does.
      const revalidate = new Set([...sharedBefore, ...sharedIds]);
      // A reading new in this update is sent even when validating in page order finds it known.
      const freshShared = new Set(changed.filter((item) => revalidate.has(item.conversationId)).map((item) => item.conversationId));
      changed.splice(0, changed.length, ...changed.filter((item) => !revalidate.has(item.conversationId)));
      for (const { item } of update.rows) {
        if (!item || !revalidate.has(item.conversationId)) continue;
        const result = validate(item);
        if (result && (result.fresh || freshShared.has(item.conversationId))) changed.push(result.data);
      }
      const rowViews = rowViewsInOrder();
      const last = new Map<string, ObservedConversation>();
      for (const rowView of rowViews)
        if (rowView.observation && sharedIds.has(rowView.conversationId)) last.set(rowView.conversationId, rowView.observation);
      view.rows = rowViews.map((rowView) =>
        sharedIds.has(rowView.conversationId) ? { ...rowView, observation: last.get(rowView.conversationId) } : rowView,
      );
    } else if (update.full) {
      view.rows = rowViewsInOrder();
    } else {
      const touched = update.touched.map((element) => rowViewOf.get(element)).filter((rowView) => rowView !== undefined);
      view.rowChanges = { changed: [...changedViews, ...touched], removed };
      // The overlay applies rowChanges; the whole ordered list is built only if it is read.
      let rows: RowView[] | null = null;
      Object.defineProperty(view, 'rows', { enumerable: true, get: () => (rows ??= rowViewsInOrder()) });
    }
    visibleIds = () => [
      ...new Set(
        rowViewsInOrder()
          .filter((row) => row.observation)
          .map((row) => row.conversationId),
      ),
    ];
    return { changed, fieldsMissing: () => missingOf(rowViewsInOrder()) };
  }

  /** Keeps the count of rows per conversation (and so the shared ones) as rows come and go. */
  function rememberRow(rowView: RowView): void {
    forgetRow(rowView.element);
    rowViewOf.set(rowView.element, rowView);
    const count = (rowsPerId.get(rowView.conversationId) ?? 0) + 1;
    rowsPerId.set(rowView.conversationId, count);
    if (count > 1) sharedIds.add(rowView.conversationId);
  }

  function forgetRow(element: Element): boolean {
    const rowView = rowViewOf.get(element);
    if (!rowView) return false;
    rowViewOf.delete(element);
    const count = rowsPerId.get(rowView.conversationId)! - 1;
    if (count === 0) rowsPerId.delete(rowView.conversationId);
    else rowsPerId.set(rowView.conversationId, count);
    if (count < 2) sharedIds.delete(rowView.conversationId);
    return true;
  }

  /** Reads the whole list (adapters without readRow, API lists) or the open conversation. */
  async function readAll(route: { kind: RouteKind; conversationId: string | null }, root: Element, now: number, view: PageView) {
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
        for (const part of read.degraded ?? []) apiFailures.push(`${route.conversationId}:${part}`);
        retryApiAt(read.retryAt);
      } else conversation = await adapter.extract.conversation(root);
      if (conversation) observed = [conversation];
    }
    if (stopped) return null;

    const valid = new Map<string, ObservedConversation>();
    const changed: ObservedConversation[] = [];
    const fieldsMissing: string[] = [...apiFailures];
    for (const item of observed) {
      const result = validate(item);
      if (!result) {
        fieldsMissing.push(`invalid:${item.conversationId}`);
        continue;
      }
      // A reading identical to the last valid one was sent back then.
      if (result.fresh) changed.push(result.data);
      valid.set(item.conversationId, result.data);
      for (const field of result.data.missing ?? []) fieldsMissing.push(`${item.conversationId}:${field}`);
    }

    if (route.kind === 'list') {
      for (const element of adapter.extract.listRowElements(root)) {
        const conversationId = adapter.extract.rowConversationId(element);
        if (conversationId) view.rows.push({ conversationId, element, observation: valid.get(conversationId) });
      }
    } else {
      view.conversation = observed.length && valid.has(observed[0].conversationId) ? valid.get(observed[0].conversationId)! : null;
    }
    const ids = [...valid.keys()];
    visibleIds = () => ids;
    return { changed, fieldsMissing: () => fieldsMissing };
  }

  /**
   * Probing health queries every selector: done at once when the route or URL changed, else at
   * most every HEALTH_PROBE_INTERVAL_MS, with a trailing probe so the end of a burst is reported.
   */
  function reportHealth(input: NonNullable<typeof healthInput>, now: number): void {
    healthInput = input;
    const interval = missingTracker.nextProbeIn(HEALTH_PROBE_INTERVAL_MS, lastHealth);
    if (input.context !== lastProbeContext || input.root !== lastProbeRoot || now - lastProbeAt >= interval) {
      clearHealthTimer();
      probeAndSend(now);
    } else if (healthTimer === null) probeLater(Math.max(0, lastProbeAt + interval - now));
  }

  function probeLater(delay: number): void {
    healthTimer = env.setTimeout(() => {
      healthTimer = null;
      if (!stopped) probeAndSend(env.now());
    }, delay);
  }

  function probeAndSend(now: number): void {
    if (!healthInput) return;
    const { root, route, fieldsMissing, context } = healthInput;
    const contextChanged = context !== lastProbeContext || root !== lastProbeRoot;
    lastProbeAt = now;
    lastProbeContext = context;
    lastProbeRoot = root;
    // Counting is a query per selector over the page: skipped when the incremental list saw only
    // row attributes and text change since (so no selector can match differently).
    const structureChanged = listRows && route === 'list' ? listRows.takeStructureChanged() : true;
    if (structureChanged || !lastFound || contextChanged) lastFound = countSelectors(adapter.selectors, root);
    const counted = healthFromCounts(adapter.selectors, lastFound, route, fieldsMissing(), now);
    const health = missingTracker.mark({ ...counted, conversations: visibleIds().length }, contextChanged);
    const stateChanged =
      (lastHealth?.missing.length ?? 0) > 0 !== health.missing.length > 0 || Boolean(lastHealth?.lasting) !== Boolean(health.lasting);
    lastHealth = health;
    // A page may miss parts only until it has drawn them: probed again soon, even if nothing changes.
    if (health.missing.length > 0 && !health.lasting && healthTimer === null)
      probeLater(missingTracker.nextProbeIn(HEALTH_PROBE_INTERVAL_MS, health));
    const signature = healthSignature(health);
    if (signature === lastHealthSignature) return;
    lastHealthSignature = signature;
    // A new page, and a problem appearing or going, are shown soon; changed counts can wait.
    sender.update({ health }, contextChanged || stateChanged ? 'soon' : 'later');
  }

  function clearHealthTimer(): void {
    if (healthTimer !== null) env.clearTimeout(healthTimer);
    healthTimer = null;
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
    const { addedNodes: added, removedNodes: removed } = record;
    if (added.length === 0 && removed.length === 0) return true;
    for (let i = 0; i < added.length; i++) if (!isOverlayNode(added[i])) return true;
    for (let i = 0; i < removed.length; i++) if (!isOverlayNode(removed[i])) return true;
    return false;
  }

  function isOverlayNode(node: Node): boolean {
    return overlayHosts.has(node);
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
    if (spans.length) sender.update({ activity: spans }, 'later');
    if (now) sender.flushNow();
  }
  const activityTimer = env.setInterval(() => flushActivity(), options.activityFlushMs ?? 15_000);
  // API-read helpdesks change without touching the observed DOM (a customer writes): poll modestly.
  const apiPollTimer = apiSource ? env.setInterval(() => schedule(), adapter.api?.pollMs ?? DEFAULT_POLL_MS) : null;

  env.onLocationChange(() => {
    // Hand over the previous conversation's activity before the context switches.
    flushActivity();
    lastHealthSignature = '';
    lastProbeContext = '';
    schedule();
  });

  async function refreshPlans(): Promise<void> {
    const conversationIds = visibleIds();
    if (stopped || conversationIds.length === 0) return;
    try {
      const reply = await env.sendMessage({
        type: 'cs:get-clock-plans',
        helpdesk: adapter.id,
        origin: win.location.origin,
        conversationIds,
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
    if (listReadTimer !== null) env.clearTimeout(listReadTimer);
    env.clearInterval(activityTimer);
    if (apiPollTimer !== null) env.clearInterval(apiPollTimer);
    if (apiRetryTimer !== null) env.clearTimeout(apiRetryTimer);
    clearHealthTimer();
    for (const [target, type, handler] of listeners) target.removeEventListener(type, handler, { capture: true });
    options.onStopped?.();
  }

  attention();
  schedule();
  return { schedule, refreshPlans, stop, sender, activity };
}
