/**
 * Runs one adapter in one page: follows the route, observes ONE root with ONE
 * MutationObserver, re-reads the page at most once per task (a list already on screen at most
 * once a second), validates what it read, sends only what changed, and tracks the agent's
 * activity. The overlay is fed through `onView` / `onPlans`; the runner never draws anything
 * itself. Its named parts: the row index (row-index.ts), the health probe (health-probe.ts),
 * the compose watch (compose-watch.ts) and the sending (sending.ts).
 */
import {
  observedConversationSchema,
  type ClockPlan,
  type ContentToBackground,
  type ObservedConversation,
  type PageNames,
} from '../../messaging/protocol';
import { ActivityTracker } from '../../activity/tracker';
import { ApiSource, DEFAULT_POLL_MS, createSameOriginFetch } from './api-source';
import { ComposeWatch } from './compose-watch';
import { HealthProbe } from './health-probe';
import { ListRows, MAX_INCREMENTAL_ROWS, type RowsUpdate } from './list-rows';
import { RowIndex } from './row-index';
import type { ObservationSender } from './sender';
import { PageSending } from './sending';
import type { AdapterDefinition, RouteKind } from './types';
import { overlayHosts, type PageView, type RowView } from './view';

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
  /** New plans; `asked`: the conversations they were asked for (one without a plan has none any more). */
  onPlans?(plans: ClockPlan[], asked?: string[]): void;
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
  /**
   * Ask the worker for fresh plans of the conversations on screen; with `keys` (storage keys,
   * helpdesk|origin|id) only of those among them.
   */
  refreshPlans(only?: { keys: ReadonlySet<string> }): Promise<void>;
  /**
   * Send the page's whole current reading again (every conversation on screen, its last valid
   * reading, and the health): after stored data was replaced (an import, a restore) or a failure.
   */
  resend(): void;
  stop(): void;
  /** The conversations the page shows now (rows read, the open conversation): reconcile.ts. */
  visibleIds(): string[];
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
  let visibleIds: () => string[] = () => [];
  // The last valid reading of each conversation (raw JSON → parsed): an unchanged row skips
  // validation, and only a reading that differs from the last valid one is sent.
  const validated = new Map<string, { raw: string; data: ObservedConversation }>();
  // Lists of adapters that can read one row: only the rows a mutation touched are read again.
  const readRow = adapter.extract.readRow;
  const listRows =
    readRow && !adapter.api?.list ? new ListRows({ ...adapter.extract, readRow }, MAX_INCREMENTAL_ROWS, options.rowsPerTask) : null;
  const rows = new RowIndex();
  /** Route and URL of the last reading sent: the first reading of a new page goes out soon. */
  let lastSentContext = '';
  // The page's names as last sent (JSON), so unchanged names are not sent with every read.
  let lastSentNames = '';
  /** The signed-in agent when names were last considered: an agent known later (an API's answer) has names to read. */
  let lastNamesAgentId: string | null = null;

  const activity = new ActivityTracker({ idleMs: options.idleMs });
  const sending = new PageSending({
    helpdesk: adapter.id,
    origin: win.location.origin,
    documentId: env.documentId,
    sendMessage: (message) => env.sendMessage(message),
    timers: env,
    now: () => env.now(),
    activity,
    onPlans: (plans, asked) => options.onPlans?.(plans, asked),
    onContextInvalidated: () => stop(),
    // After a failure, everything the page shows goes again (the worker may have lost a
    // stopped transaction, or data was replaced meanwhile); storing it twice changes nothing.
    onRecovered: () => resend(),
    coalesceMs: options.coalesceMs,
    laterMs: options.laterMs,
    activityFlushMs: options.activityFlushMs,
  });
  const health = new HealthProbe({
    selectors: adapter.selectors,
    timers: env,
    now: () => env.now(),
    // Counting is a query per selector over the page: skipped when the incremental list saw only
    // row attributes and text change since.
    structureChanged: (kind) => (listRows && kind === 'list' ? listRows.takeStructureChanged() : true),
    send: (report, urgency) => sending.update({ health: report }, urgency),
  });
  const compose = new ComposeWatch(adapter.extract, {
    timers: env,
    now: () => env.now(),
    root: () => observedRoot,
    conversationId: () => routeOf(adapter, win.location.href).conversationId,
    send: (checks) => sending.update({ url: win.location.href, focusedConversationId: checks.conversationId, compose: checks }),
    debounceMs: options.composeDebounceMs,
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
    if (listRows?.ready && lastReadRoute === 'list' && rows.size > 0) scheduleListRead();
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
      health.idle();
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
    const newPage = context !== lastSentContext;
    const urgency = route.kind === 'conversation' || newPage || showingList ? 'soon' : 'later';
    showingList = listMore;
    lastSentContext = context;
    // Names are read when this read found something new (a page, changed conversations, another
    // signed-in agent), not on every mutation of a busy page that changed nothing Replyline reads.
    const names = newPage || changed.length > 0 || agentId !== lastNamesAgentId ? pageNamesChange(root) : null;
    lastNamesAgentId = agentId;
    sending.update(
      {
        url: win.location.href,
        agentId,
        focusedConversationId: route.conversationId,
        conversations: changed,
        ...(names && { names }),
      },
      urgency,
    );
    health.report({ root, route: route.kind, fieldsMissing, context, conversations: () => visibleIds().length }, now);
    options.onView?.(view);
  }

  /** The page's names when they differ from the last ones sent (names rarely change: not re-sent every read). */
  function pageNamesChange(root: Element): PageNames | null {
    // Adapters read names through NamesCollector (framework/names.ts), which keeps them within
    // pageNamesSchema; the worker validates the batch again. No zod here: content-script size.
    const read = adapter.extract.names?.(root);
    if (!read || (read.agents.length === 0 && read.customers.length === 0)) return null;
    const raw = JSON.stringify(read);
    if (raw === lastSentNames) return null;
    lastSentNames = raw;
    return read;
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
    const sharedIds = rows.shared;
    // Conversations shown in more than one row before this update (their rows are re-validated).
    const sharedBefore = sharedIds.size > 0 ? new Set(sharedIds) : sharedIds;
    for (const element of update.removed) rows.forget(element);
    // A long list is read a slice per task (no long task): the next slice in the next task.
    listMore = update.more;
    if (update.more) schedule();
    for (const { element, item } of update.read) {
      if (!item) {
        // A row without a conversation id is not shown (its badge goes).
        if (rows.forget(element)) removed.push(element);
        continue;
      }
      const result = validate(item);
      if (result?.fresh) changed.push(result.data);
      const rowView: RowView = { conversationId: item.conversationId, element, observation: result?.data };
      rows.remember(rowView);
      changedViews.push(rowView);
    }
    rows.setOrder(update.rows);
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
      const rowViews = rows.inOrder();
      const last = new Map<string, ObservedConversation>();
      for (const rowView of rowViews)
        if (rowView.observation && sharedIds.has(rowView.conversationId)) last.set(rowView.conversationId, rowView.observation);
      view.rows = rowViews.map((rowView) =>
        sharedIds.has(rowView.conversationId) ? { ...rowView, observation: last.get(rowView.conversationId) } : rowView,
      );
    } else if (update.full) {
      view.rows = rows.inOrder();
    } else {
      const touched = update.touched.map((element) => rows.get(element)).filter((rowView) => rowView !== undefined);
      view.rowChanges = { changed: [...changedViews, ...touched], removed };
      // The overlay applies rowChanges; the whole ordered list is built only if it is read.
      let ordered: RowView[] | null = null;
      Object.defineProperty(view, 'rows', { enumerable: true, get: () => (ordered ??= rows.inOrder()) });
    }
    visibleIds = () => [
      ...new Set(
        rows
          .inOrder()
          .filter((row) => row.observation)
          .map((row) => row.conversationId),
      ),
    ];
    return { changed, fieldsMissing: () => missingOf(rows.inOrder()) };
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
      fieldsMissing.push(...(adapter.extract.listProblems?.() ?? []));
    } else {
      view.conversation = observed.length && valid.has(observed[0].conversationId) ? valid.get(observed[0].conversationId)! : null;
    }
    const ids = [...valid.keys()];
    visibleIds = () => ids;
    return { changed, fieldsMissing: () => fieldsMissing };
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
    const box = event.type === 'keydown' && observedRoot ? adapter.extract.composeBox(observedRoot) : null;
    const target = event.target instanceof Node ? event.target : null;
    activity.input(env.now(), box !== null && target !== null && box.contains(target));
  };
  const listeners: Array<[EventTarget, string, (event: Event) => void]> = [
    [doc, 'input', compose.onInput],
    [doc, 'visibilitychange', attention],
    [win, 'focus', attention],
    [win, 'blur', attention],
    [doc, 'keydown', onInput],
    [doc, 'pointerdown', onInput],
    [doc, 'wheel', onInput],
    [doc, 'scroll', onInput],
    [win, 'pagehide', () => sending.flushActivity(true)],
  ];
  for (const [target, type, handler] of listeners) target.addEventListener(type, handler, { capture: true, passive: true });

  // API-read helpdesks change without touching the observed DOM (a customer writes): poll modestly.
  const apiPollTimer = apiSource ? env.setInterval(() => schedule(), adapter.api?.pollMs ?? DEFAULT_POLL_MS) : null;

  env.onLocationChange(() => {
    // Hand over the previous conversation's activity before the context switches.
    sending.flushActivity();
    health.forget();
    schedule();
  });

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    sending.stop();
    compose.stop();
    health.stop();
    if (listReadTimer !== null) env.clearTimeout(listReadTimer);
    if (apiPollTimer !== null) env.clearInterval(apiPollTimer);
    if (apiRetryTimer !== null) env.clearTimeout(apiRetryTimer);
    for (const [target, type, handler] of listeners) target.removeEventListener(type, handler, { capture: true });
    options.onStopped?.();
  }

  attention();
  schedule();
  function resend(): void {
    if (stopped) return;
    const conversations: ObservedConversation[] = [];
    for (const id of visibleIds()) {
      const known = validated.get(id);
      if (known) conversations.push(known.data);
    }
    sending.update({ url: win.location.href, focusedConversationId: route.conversationId, conversations }, 'soon');
    health.forget();
    schedule();
  }

  return {
    schedule,
    resend,
    refreshPlans: (only) => {
      const prefix = `${adapter.id}|${win.location.origin}|`;
      const ids = visibleIds();
      return sending.refreshPlans(only ? ids.filter((id) => only.keys.has(prefix + id)) : ids);
    },
    stop,
    visibleIds: () => visibleIds(),
    sender: sending.sender,
    activity,
  };
}
