/**
 * The Team view's state: every stored conversation (observed here and imported from agents'
 * exports) as the worker's read model holds it, and the pure functions that turn them into the
 * live queue, the per-agent table and the hour-of-week heatmap. The figures are the engine's
 * (summarize); nothing here re-derives a metric, and observed conversations are never measured
 * again here: their stored metrics are placed at the view's time (lib/measure metricsAt).
 *
 * Two reads: the live read (what the view shows first) takes the conversation records, the
 * compact metrics of the weeks the periods can cover and the full metrics of unresolved
 * conversations; the detail read (insights, heatmap, weekly review) adds each conversation's
 * full metrics and engine input, for the conversations it is asked about.
 */
import { create } from 'zustand';
import { DateTime } from 'luxon';
import { hourOfWeek, isoWeekKey, isoWeekRange, localDate, localDayRange } from '../engine/local-time';
import type { Conversation, ConversationStatus } from '../engine/events';
import type { Period } from '../engine/summary';
import type { Aggregate, ConversationMetrics, TargetState } from '../engine/types';
import type { ClockPlan } from '../messaging/protocol';
import { clockStateAt } from '../measure/clock-state';
import { STALE_AFTER_MS, isReconciled, lastSeenAt } from '../measure/freshness';
import { fromPanelMetrics, utcWeekNumber, type FigureMetrics } from '../measure/compact-metrics';
import { summaryContext } from '../measure/context';
import { storedFromTimeline } from '../measure/from-timeline';
import { toEngineConversation } from '../measure/input';
import { measureStored, metricsAt, planAt } from '../measure/measure-stored';
import { agentsOfFigures, summarizeFigures, summarySpan } from '../measure/week-figures';
import type { ConversationRecord } from '../measure/stored';
import { getDb, type ReplylineDb } from '../storage/db';
import {
  importTimelineFiles,
  listImports,
  removeImport,
  type ImportInput,
  type ImportOutcome,
  type StoredImportedConversation,
} from '../storage/imports';
import { readStored } from '../storage/read-model';
import type { ImportFileRecord, ReviewRecord } from '../storage/schema';
import type { Settings } from '../settings/model';
import { getSettings } from '../storage/settings';

type PlannedClock = ClockPlan['clocks'][number];

/** One conversation as the Team view sees it. */
export interface TeamConversation {
  key: string;
  source: 'observed' | 'imported';
  helpdesk: string;
  conversationId: string;
  channel: string | undefined;
  status: ConversationStatus | undefined;
  /** null = unassigned; undefined = not known. */
  assigneeId: string | null | undefined;
  /** Its figures at the view's time (compact or full metrics); null when never measured. */
  metrics: FigureMetrics | null;
  /** Its clocks, for conversations not resolved (the live queue); null otherwise. */
  plan: ClockPlan | null;
  /** Not resolved and no human first reply yet (from the full metrics, else the plan). */
  awaitingFirstReply: boolean;
  /**
   * When a page last showed it or its helpdesk's API confirmed it (lib/measure/freshness.ts);
   * null for imported conversations (an export is not a live reading).
   */
  seenAt: number | null;
}

export interface TeamData {
  settings: Settings;
  conversations: TeamConversation[];
  reviews: ReviewRecord[];
  imports: ImportFileRecord[];
  loadedAt: number;
  /** How long the reads (records and compact metrics, full metrics of the unresolved) and building the rows took, ms (the render benchmark prints them). */
  timings?: { records: number; full: number; unresolved: number; build: number };
}

/** The full metrics and engine input of conversations, keyed by storage key (the detail read). */
export interface TeamDetail {
  metrics: Map<string, ConversationMetrics>;
  inputs: Map<string, Conversation>;
}

/** The weeks the Team periods can reach: "last 4 weeks" starts 27 days before today. */
const WINDOW_DAYS = 35;
const DAY_MS = 86_400_000;
const UNRESOLVED: readonly ConversationStatus[] = ['open', 'pending', 'snoozed'];

function isUnresolved(record: ConversationRecord, metrics: FigureMetrics | null): boolean {
  const status = record.status ?? metrics?.status;
  return status === undefined || UNRESOLVED.includes(status);
}

/** An imported conversation as the Team view sees it, measured at `now` (imports are never in the read model). */
function importedConversation(
  stored: StoredImportedConversation,
  settings: Settings,
  now: number,
): TeamConversation & { full: ConversationMetrics | null; input: Conversation } {
  const [helpdesk, origin] = stored.key.split('|');
  const measured = measureStored(
    storedFromTimeline({ key: stored.key, helpdesk, origin, conversation: stored.conversation, at: stored.importedAt }),
    settings,
    now,
  );
  const metrics = measured.metrics;
  const status = metrics?.status;
  return {
    key: stored.key,
    source: 'imported',
    helpdesk,
    conversationId: stored.conversation.id,
    channel: stored.conversation.channel,
    status,
    assigneeId: metrics?.assigneeId,
    metrics,
    plan: status === 'resolved' ? null : measured.plan,
    awaitingFirstReply: status !== 'resolved' && metrics !== null && metrics.firstResponse === null,
    seenAt: null,
    full: metrics,
    input: measured.input!,
  };
}

/** Everything the Team view shows first, in one read-only transaction (a consistent snapshot). */
export async function loadTeamData(db: ReplylineDb, now: number): Promise<TeamData> {
  const settings = await getSettings(db);
  const started = performance.now();
  const tx = db.transaction(['conversations', 'metrics', 'panelMetrics', 'importedConversations', 'reviews', 'importFiles'], 'readonly');
  const weeks = IDBKeyRange.bound(utcWeekNumber(now - WINDOW_DAYS * DAY_MS), utcWeekNumber(now));
  const [records, compact, running, imported, reviews, imports] = await Promise.all([
    tx.objectStore('conversations').getAll(),
    tx.objectStore('panelMetrics').index('by-week').getAll(weeks),
    tx.objectStore('panelMetrics').index('by-running').getAll(),
    tx.objectStore('importedConversations').getAll(),
    tx.objectStore('reviews').getAll(),
    tx.objectStore('importFiles').getAll(),
  ]);
  const readRecords = performance.now();
  const figures = new Map<string, FigureMetrics>();
  for (const record of [...compact, ...running]) if (!figures.has(record.key)) figures.set(record.key, fromPanelMetrics(record.metrics));
  // The queue needs the full metrics (open clocks, cues, first reply) of what is not resolved.
  const unresolved = records.filter((r) => isUnresolved(r, figures.get(r.key) ?? null));
  const full = await Promise.all(unresolved.map((r) => tx.objectStore('metrics').get(r.key)));
  await tx.done;
  const read = performance.now();

  const fullByKey = new Map<string, ConversationMetrics>();
  full.forEach((record) => record && fullByKey.set(record.key, metricsAt(record.metrics, now)));
  const conversations: TeamConversation[] = [];
  const observed = new Set<string>();
  for (const record of records) {
    observed.add(record.key);
    const fullMetrics = fullByKey.get(record.key) ?? null;
    const compactMetrics = figures.get(record.key);
    const metrics = fullMetrics ?? (compactMetrics ? metricsAt(compactMetrics, now) : null);
    const status = record.status ?? metrics?.status;
    const open = status !== 'resolved';
    const plan = open ? planAt(record, fullMetrics, settings, now) : null;
    conversations.push({
      key: record.key,
      source: 'observed',
      helpdesk: record.helpdesk,
      conversationId: record.conversationId,
      channel: record.channel ?? metrics?.channel,
      status,
      // The page's own assignee is newer than the thread's last assignment event.
      assigneeId: record.assigneeId !== undefined ? record.assigneeId : fullMetrics?.assigneeId,
      metrics,
      plan,
      awaitingFirstReply:
        open &&
        (fullMetrics ? fullMetrics.firstResponse === null : plan!.clocks.some((c) => c.kind === 'firstResponse' && c.stoppedAt === null)),
      seenAt: lastSeenAt(record),
    });
  }
  for (const stored of imported as StoredImportedConversation[]) {
    // Observed wins: what this browser saw itself is at least as fresh as an export.
    if (observed.has(stored.key)) continue;
    const { full: _full, input: _input, ...conversation } = importedConversation(stored, settings, now);
    conversations.push(conversation);
  }
  imports.sort((a, b) => b.importedAt - a.importedAt || a.fileName.localeCompare(b.fileName));
  return {
    settings,
    conversations,
    reviews,
    imports,
    loadedAt: now,
    timings: { records: readRecords - started, full: read - readRecords, unresolved: unresolved.length, build: performance.now() - read },
  };
}

/**
 * The full metrics (placed at `now`) and engine inputs of the given conversations: what the
 * insights, the heatmap and the weekly review read. Observed ones come from the read model and
 * their stored events; imported ones are measured from their timeline.
 */
export async function loadTeamDetail(db: ReplylineDb, keys: readonly string[], settings: Settings, now: number): Promise<TeamDetail> {
  const tx = db.transaction(['conversations', 'events', 'activity', 'metrics', 'importedConversations'], 'readonly');
  const rows = await Promise.all(
    keys.map(async (key) => {
      const [stored, measured, imported] = await Promise.all([
        readStored(tx, key),
        tx.objectStore('metrics').get(key),
        tx.objectStore('importedConversations').get(key),
      ]);
      return { key, stored, measured, imported: imported as StoredImportedConversation | undefined };
    }),
  );
  await tx.done;
  const detail: TeamDetail = { metrics: new Map(), inputs: new Map() };
  for (const { key, stored, measured, imported } of rows) {
    if (stored) {
      const input = stored.record.hasEvents ? toEngineConversation(stored.record, stored.events, stored.activity) : null;
      if (input) detail.inputs.set(key, input);
      if (measured) detail.metrics.set(key, metricsAt(measured.metrics, now));
    } else if (imported) {
      const conversation = importedConversation(imported, settings, now);
      detail.inputs.set(key, conversation.input);
      if (conversation.full) detail.metrics.set(key, conversation.full);
    }
  }
  return detail;
}

/** Every conversation with its detail: the weekly review and the suggested targets read the whole history. */
export async function loadTeamHistory(db: ReplylineDb, now: number): Promise<{ data: TeamData; detail: TeamDetail }> {
  const data = await loadTeamData(db, now);
  const detail = await loadTeamDetail(
    db,
    data.conversations.map((c) => c.key),
    data.settings,
    now,
  );
  return { data, detail };
}

/** The conversations a period's figures can draw on: alive in it, or still running. */
export function conversationsIn(conversations: readonly TeamConversation[], period: Period): TeamConversation[] {
  return conversations.filter((c) => {
    if (!c.metrics) return false;
    if (c.plan) return c.metrics.createdAt < period.to;
    const span = summarySpan(c.metrics);
    return span.from < period.to && span.to >= period.from;
  });
}

// ---------------------------------------------------------------------------------------------
// Filters and periods

export type PeriodId = 'today' | 'thisWeek' | 'lastWeek' | 'last4Weeks';

export const PERIODS: ReadonlyArray<{ id: PeriodId; label: string }> = [
  { id: 'today', label: 'Today' },
  { id: 'thisWeek', label: 'This week' },
  { id: 'lastWeek', label: 'Last week' },
  { id: 'last4Weeks', label: 'Last 4 weeks' },
];

export interface TeamFilters {
  channel: string | null;
  agent: string | null;
  period: PeriodId;
}

/**
 * [from, to) in the calendar's zone. Weeks are ISO weeks (Monday to Monday); "last 4 weeks" is
 * the 28 local days ending with today.
 */
export function periodRange(period: PeriodId, now: number, timezone: string): Period {
  switch (period) {
    case 'today':
      return localDayRange(localDate(now, timezone), timezone);
    case 'thisWeek':
      return isoWeekRange(isoWeekKey(now, timezone), timezone);
    case 'lastWeek': {
      const thisWeek = isoWeekRange(isoWeekKey(now, timezone), timezone);
      return isoWeekRange(isoWeekKey(thisWeek.from - 1, timezone), timezone);
    }
    case 'last4Weeks': {
      const today = localDayRange(localDate(now, timezone), timezone);
      const first = DateTime.fromMillis(now, { zone: timezone }).startOf('day').minus({ days: 27 });
      return { from: localDayRange(first.toISODate() as string, timezone).from, to: today.to };
    }
  }
}

/** The agent a conversation belongs to in filters: its assignee, else the agent credited with it. */
export function ownerOf(conversation: TeamConversation): string | null {
  return conversation.assigneeId ?? conversation.metrics?.agentId ?? null;
}

function matchesChannel(conversation: TeamConversation, channel: string | null): boolean {
  return channel === null || conversation.channel === channel;
}

export function channelsOf(conversations: readonly TeamConversation[]): string[] {
  const out = new Set<string>();
  for (const c of conversations) if (c.channel) out.add(c.channel);
  return [...out].sort();
}

/** Every agent the data names: assignees, repliers, resolvers. */
export function teamAgents(conversations: readonly TeamConversation[]): string[] {
  const ids = new Set<string>(agentsOfFigures(conversations.flatMap((c) => (c.metrics ? [c.metrics] : []))));
  for (const c of conversations) if (c.assigneeId) ids.add(c.assigneeId);
  return [...ids].sort();
}

// ---------------------------------------------------------------------------------------------
// Live queue

export type QueueListId = 'unattended' | 'waiting' | 'atRisk' | 'breached' | 'unassigned' | 'pending';

export const QUEUE_LISTS: ReadonlyArray<{ id: QueueListId; label: string; definition: string }> = [
  {
    id: 'unattended',
    label: 'Unattended',
    definition: 'Not resolved, and no human first reply yet or the customer is waiting for a reply now.',
  },
  { id: 'waiting', label: 'Waiting', definition: 'The customer is waiting for a reply now; longest wait first.' },
  {
    id: 'atRisk',
    label: 'At risk',
    definition: 'A running clock has passed its at-risk point (a share of its target) and is not yet due.',
  },
  { id: 'breached', label: 'Breached', definition: 'A running clock is past its due time.' },
  { id: 'unassigned', label: 'Unassigned', definition: 'Not resolved and assigned to nobody.' },
  { id: 'pending', label: 'Pending', definition: 'Status pending (waiting on the customer or a third party).' },
];

const SEVERITY: Record<string, number> = { on_track: 1, at_risk: 2, breached: 3 };

export interface QueueRow {
  conversation: TeamConversation;
  waitingSince: number | null;
  /** The most urgent running clock and its state now; null when no clock with a target runs. */
  clock: PlannedClock | null;
  state: TargetState | null;
  lists: QueueListId[];
}

export interface LiveQueue {
  rows: QueueRow[];
  counts: Record<QueueListId, number> & { open: number };
  /**
   * How fresh the counts are: the oldest time at which a counted conversation was last seen
   * (null when none is observed here; with no open conversation, the latest sighting of any).
   */
  asOf: number | null;
  /**
   * Conversations believed open that no page showed for STALE_AFTER_MS: their state is not
   * known, so they are counted nowhere above and shown apart, longest unseen first.
   */
  stale: StaleRow[];
}

export interface StaleRow {
  conversation: TeamConversation;
  /** When it was last seen. */
  seenAt: number;
  /** Whether Replyline asks the helpdesk's API about it (else only a page can tell). */
  reconciled: boolean;
}

/** Not known any more: believed open, observed here, and not seen for STALE_AFTER_MS. */
export function isStaleConversation(conversation: TeamConversation, now: number): boolean {
  return conversation.seenAt !== null && conversation.status !== 'resolved' && now - conversation.seenAt > STALE_AFTER_MS;
}

export function queueRow(conversation: TeamConversation, now: number): QueueRow | null {
  const { plan } = conversation;
  if (conversation.status === 'resolved' || !plan || isStaleConversation(conversation, now)) return null;
  let clock: PlannedClock | null = null;
  let state: TargetState | null = null;
  for (const c of plan.clocks) {
    if (c.stoppedAt !== null || c.dueAt === null) continue;
    const s = clockStateAt(c, now);
    if (s === null) continue;
    if (
      state === null ||
      SEVERITY[s] > SEVERITY[state] ||
      (SEVERITY[s] === SEVERITY[state] && clock !== null && (c.dueAt ?? 0) < (clock.dueAt ?? 0))
    ) {
      clock = c;
      state = s;
    }
  }
  // A waiting time that could not be read exactly is not counted as waiting (never guessed).
  const waitingSince = plan.waitingSince ?? null;
  const lists: QueueListId[] = [];
  if (conversation.awaitingFirstReply || waitingSince !== null) lists.push('unattended');
  if (waitingSince !== null) lists.push('waiting');
  if (state === 'at_risk') lists.push('atRisk');
  if (state === 'breached') lists.push('breached');
  if (conversation.assigneeId === null) lists.push('unassigned');
  if (conversation.status === 'pending') lists.push('pending');
  return { conversation, waitingSince, clock, state, lists };
}

/** Open conversations, longest wait first, then the oldest clock; counts per list. */
export function liveQueue(
  conversations: readonly TeamConversation[],
  now: number,
  filters: Pick<TeamFilters, 'channel' | 'agent'>,
): LiveQueue {
  const rows: QueueRow[] = [];
  const stale: StaleRow[] = [];
  let latestSeen: number | null = null;
  for (const conversation of conversations) {
    if (!matchesChannel(conversation, filters.channel)) continue;
    if (filters.agent !== null && conversation.assigneeId !== filters.agent) continue;
    if (conversation.seenAt !== null) latestSeen = Math.max(latestSeen ?? 0, conversation.seenAt);
    if (isStaleConversation(conversation, now)) {
      stale.push({ conversation, seenAt: conversation.seenAt!, reconciled: isReconciled(conversation.helpdesk) });
      continue;
    }
    const row = queueRow(conversation, now);
    if (row) rows.push(row);
  }
  stale.sort((a, b) => a.seenAt - b.seenAt || a.conversation.key.localeCompare(b.conversation.key));
  const seen = rows.flatMap((row) => (row.conversation.seenAt === null ? [] : [row.conversation.seenAt]));
  const asOf = seen.length ? Math.min(...seen) : rows.length ? null : latestSeen;
  rows.sort(
    (a, b) =>
      (a.waitingSince ?? Infinity) - (b.waitingSince ?? Infinity) ||
      (a.clock?.startedAt ?? Infinity) - (b.clock?.startedAt ?? Infinity) ||
      a.conversation.key.localeCompare(b.conversation.key),
  );
  const counts = { open: rows.length, unattended: 0, waiting: 0, atRisk: 0, breached: 0, unassigned: 0, pending: 0 };
  for (const row of rows) for (const list of row.lists) counts[list]++;
  return { rows, counts, asOf, stale };
}

// ---------------------------------------------------------------------------------------------
// Per-agent table

/** Below this many values a figure is flagged as a small sample. */
export const SMALL_SAMPLE = 5;

export interface Figure {
  value: number | null;
  n: number;
}

export interface AgentRow {
  agentId: string;
  /** Open conversations assigned to the agent now. */
  open: number;
  capacity: number;
  /** open / capacity. */
  load: number;
  firstResponse: Figure;
  nextResponse: Figure;
  /** Target hit rate over every clock with a result (0–1). */
  hitRate: Figure;
  /** Share of 4–5 ratings (0–1). */
  csat: Figure;
  /** Mean review score (0–1). */
  qa: Figure;
  /** Median active handle time per conversation, seconds. */
  handle: Figure;
}

export type AgentColumn = 'agentId' | 'load' | 'firstResponse' | 'nextResponse' | 'csat' | 'qa' | 'hitRate' | 'handle';

function median(aggregate: Aggregate): Figure {
  return { value: aggregate.median, n: aggregate.n };
}

/** The table's figures for one period: the engine's summary per agent, QA from reviews. */
export function agentTable(
  data: Pick<TeamData, 'conversations' | 'reviews' | 'settings'> & { loadedAt?: number },
  period: Period,
  filters: Pick<TeamFilters, 'channel' | 'agent'>,
): AgentRow[] {
  const { settings } = data;
  const clock = settings.targets.clock;
  const ctx = summaryContext(settings);
  const inChannel = data.conversations.filter((c) => matchesChannel(c, filters.channel));
  const metrics = inChannel.flatMap((c) => (c.metrics ? [c.metrics] : []));
  const byKey = new Map(inChannel.map((c) => [c.key, c]));
  const capacity = settings.capacityPerAgent > 0 ? settings.capacityPerAgent : 5;

  const openByAgent = new Map<string, number>();
  for (const c of inChannel) {
    if (c.status === 'resolved' || !c.assigneeId) continue;
    // Not seen for a while: not known to be open (lib/measure/freshness.ts).
    if (data.loadedAt !== undefined && isStaleConversation(c, data.loadedAt)) continue;
    openByAgent.set(c.assigneeId, (openByAgent.get(c.assigneeId) ?? 0) + 1);
  }
  // QA: reviews of conversations credited to the agent, reviewed in the period.
  const qaByAgent = new Map<string, number[]>();
  for (const review of data.reviews) {
    if (review.score === null || review.reviewedAt < period.from || review.reviewedAt >= period.to) continue;
    const conversation = byKey.get(review.conversationKey);
    const agent = conversation ? (conversation.metrics?.agentId ?? conversation.assigneeId ?? null) : null;
    if (!agent) continue;
    const scores = qaByAgent.get(agent);
    if (scores) scores.push(review.score);
    else qaByAgent.set(agent, [review.score]);
  }

  const agents = new Set<string>([...agentsOfFigures(metrics), ...openByAgent.keys(), ...qaByAgent.keys()]);
  const rows: AgentRow[] = [];
  for (const agentId of [...agents].sort()) {
    if (filters.agent !== null && agentId !== filters.agent) continue;
    const summary = summarizeFigures(metrics, ctx, period, agentId);
    const open = openByAgent.get(agentId) ?? 0;
    const scores = qaByAgent.get(agentId) ?? [];
    const row: AgentRow = {
      agentId,
      open,
      capacity,
      load: open / capacity,
      firstResponse: median(summary.firstResponse[clock]),
      nextResponse: median(summary.reply[clock]),
      hitRate: { value: summary.targets.all.rate, n: summary.targets.all.n },
      csat: { value: summary.csat.score, n: summary.csat.n },
      qa: { value: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null, n: scores.length },
      handle: median(summary.handleSeconds),
    };
    const active =
      open > 0 || summary.conversations > 0 || row.firstResponse.n + row.nextResponse.n + row.csat.n + row.qa.n + row.hitRate.n > 0;
    if (active) rows.push(row);
  }
  return rows;
}

function columnValue(row: AgentRow, column: AgentColumn): number | string | null {
  switch (column) {
    case 'agentId':
      return row.agentId;
    case 'load':
      return row.load;
    default:
      return row[column].value;
  }
}

/** Sorted by a column; missing values always last, ties by agent id. */
export function sortAgentRows(rows: readonly AgentRow[], column: AgentColumn, direction: 'asc' | 'desc'): AgentRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = columnValue(a, column);
    const y = columnValue(b, column);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    if (x !== null && y !== null && x !== y) return (typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number)) * sign;
    return a.agentId.localeCompare(b.agentId);
  });
}

// ---------------------------------------------------------------------------------------------
// Hour-of-week heatmap

/** Customer messages per local hour of week (168 cells, Monday 00:00 first). */
export function hourOfWeekVolume(
  conversations: readonly TeamConversation[],
  inputs: TeamDetail['inputs'],
  timezone: string,
  period: Period,
  filters: Pick<TeamFilters, 'channel' | 'agent'>,
): number[] {
  const cells = new Array<number>(168).fill(0);
  for (const c of conversations) {
    const input = inputs.get(c.key);
    if (!input || !matchesChannel(c, filters.channel)) continue;
    if (filters.agent !== null && ownerOf(c) !== filters.agent) continue;
    for (const event of input.events) {
      if (event.type !== 'message' || event.author !== 'customer') continue;
      if (event.at < period.from || event.at >= period.to) continue;
      cells[hourOfWeek(event.at, timezone)]++;
    }
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------
// The store

interface TeamState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  data: TeamData | null;
  /** Full metrics and inputs of the conversations the last period asked about (insights, heatmap). */
  detail: TeamDetail | null;
  filters: TeamFilters;
  sort: { column: AgentColumn; direction: 'asc' | 'desc' };
  queueList: QueueListId;
  importing: boolean;
  importOutcomes: ImportOutcome[];
  load: () => Promise<void>;
  /** Reads the detail of the conversations `period` can draw on (after `load`). */
  loadDetail: (period: Period) => Promise<void>;
  importFiles: (files: readonly ImportInput[]) => Promise<ImportOutcome[]>;
  removeImport: (fileId: string) => Promise<void>;
  setFilters: (patch: Partial<TeamFilters>) => void;
  sortBy: (column: AgentColumn) => void;
  showQueueList: (list: QueueListId) => void;
}

export const useTeam = create<TeamState>((set, get) => ({
  status: 'idle',
  error: null,
  data: null,
  detail: null,
  filters: { channel: null, agent: null, period: 'thisWeek' },
  sort: { column: 'agentId', direction: 'asc' },
  queueList: 'waiting',
  importing: false,
  importOutcomes: [],
  async load() {
    if (get().data === null) set({ status: 'loading' });
    try {
      const db = await getDb();
      const data = await loadTeamData(db, Date.now());
      set({ status: 'ready', error: null, data });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  async loadDetail(period) {
    const data = get().data;
    if (!data) return;
    const db = await getDb();
    const keys = conversationsIn(data.conversations, period).map((c) => c.key);
    const detail = await loadTeamDetail(db, keys, data.settings, data.loadedAt);
    // A newer load may have replaced the data meanwhile; its own detail read follows.
    if (get().data === data) set({ detail });
  },
  async importFiles(files) {
    set({ importing: true, importOutcomes: [] });
    try {
      const db = await getDb();
      const outcomes = await importTimelineFiles(db, files);
      set({ importOutcomes: outcomes });
      await get().load();
      return outcomes;
    } catch (error) {
      // Each file is written in its own transaction: a failure here leaves what was not written unwritten; say so per file.
      const message = error instanceof Error ? error.message : String(error);
      const outcomes: ImportOutcome[] = files.map((file) => ({ status: 'failed', fileName: file.fileName, message }));
      set({ importOutcomes: outcomes });
      return outcomes;
    } finally {
      set({ importing: false });
    }
  },
  async removeImport(fileId) {
    const db = await getDb();
    await removeImport(db, fileId);
    set({ importOutcomes: [] });
    await get().load();
  },
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
  },
  sortBy(column) {
    const { sort } = get();
    // A new column starts in its natural order: names A→Z, durations fastest first, rates highest first.
    const natural: 'asc' | 'desc' =
      column === 'agentId' || column === 'firstResponse' || column === 'nextResponse' || column === 'handle' || column === 'load'
        ? 'asc'
        : 'desc';
    set({
      sort: sort.column === column ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: natural },
    });
  },
  showQueueList(list) {
    set({ queueList: list });
  },
}));

export { listImports };
