/**
 * The Team view's state: every stored conversation (observed here and imported from agents'
 * exports) measured with the worker's own engine inputs and clock plans, and the pure
 * functions that turn them into the live queue, the per-agent table and the hour-of-week
 * heatmap. The figures are the engine's (summarize); nothing here re-derives a metric.
 */
import { create } from 'zustand';
import { DateTime } from 'luxon';
import { hourOfWeek, isoWeekKey, isoWeekRange, localDate, localDayRange } from '@/lib/engine/local-time';
import type { Conversation, ConversationStatus } from '@/lib/engine/events';
import { getProfile } from '@/lib/engine/profiles';
import { agentsOf, summarize, type Period, type SummaryContext } from '@/lib/engine/summary';
import type { Aggregate, ConversationMetrics, TargetState } from '@/lib/engine/types';
import type { ClockPlan } from '@/lib/messaging/protocol';
import { toEngineConversation } from '@/lib/measure/input';
import { measure, targetClock } from '@/lib/measure/context';
import { planConversation } from '@/lib/measure/clock-plans';
import { conversationFromTimeline } from '@/lib/timeline/convert';
import { getDb, type ReplylineDb } from '@/lib/storage/db';
import {
  importTimelineFiles,
  listImports,
  readImportedConversations,
  removeImport,
  type ImportInput,
  type ImportOutcome,
  type StoredImportedConversation,
} from '@/lib/storage/imports';
import type { ActivityRecord, ConversationRecord, EventRecord, ImportFileRecord, ReviewRecord } from '@/lib/storage/schema';
import { type Settings } from '@/lib/settings/model';
import { getSettings } from '@/lib/storage/settings';
// The side panel's one rule for a running clock's state now (the overlay applies the same).
import { liveState } from '@/components/Timer';

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
  /** The engine input (null when the thread was never read). */
  input: Conversation | null;
  metrics: ConversationMetrics | null;
  plan: ClockPlan;
}

export interface TeamData {
  settings: Settings;
  conversations: TeamConversation[];
  reviews: ReviewRecord[];
  imports: ImportFileRecord[];
  loadedAt: number;
}

export interface RawTeamData {
  settings: Settings;
  records: ConversationRecord[];
  events: EventRecord[];
  activity: ActivityRecord[];
  imported: StoredImportedConversation[];
  reviews: ReviewRecord[];
  imports: ImportFileRecord[];
}

/** Everything the Team view reads, in one read-only transaction (a consistent snapshot). */
export async function readTeamData(db: ReplylineDb): Promise<RawTeamData> {
  const settings = await getSettings(db);
  const tx = db.transaction(['conversations', 'events', 'activity', 'importedConversations', 'reviews', 'importFiles'], 'readonly');
  const [records, events, activity, imported, reviews, imports] = await Promise.all([
    tx.objectStore('conversations').getAll(),
    tx.objectStore('events').getAll(),
    tx.objectStore('activity').getAll(),
    tx.objectStore('importedConversations').getAll(),
    tx.objectStore('reviews').getAll(),
    tx.objectStore('importFiles').getAll(),
  ]);
  await tx.done;
  imports.sort((a, b) => b.importedAt - a.importedAt || a.fileName.localeCompare(b.fileName));
  return { settings, records, events, activity, imported: imported as StoredImportedConversation[], reviews, imports };
}

function groupByConversation<T extends { conversationKey: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.conversationKey);
    if (list) list.push(item);
    else out.set(item.conversationKey, [item]);
  }
  return out;
}

function safeMeasure(input: Conversation, settings: Settings, now: number, key: string): ConversationMetrics | null {
  try {
    return measure(input, settings, now);
  } catch (error) {
    console.warn('Replyline: could not measure', key, error);
    return null;
  }
}

/** An imported conversation dressed as a stored record, so the worker's clock plans apply as they are. */
function importedAsRecord(stored: StoredImportedConversation, metrics: ConversationMetrics | null): ConversationRecord {
  const [helpdesk, origin] = stored.key.split('|');
  const conversation = stored.conversation;
  return {
    key: stored.key,
    helpdesk,
    origin,
    conversationId: conversation.id,
    channel: conversation.channel,
    createdAt: Date.parse(conversation.createdAt),
    status: metrics?.status,
    assigneeId: metrics?.assigneeId,
    hasEvents: true,
    missingFromList: [],
    missingFromView: [],
    unverified: conversation.unverified ?? false,
    firstSeenAt: stored.importedAt,
    updatedAt: stored.importedAt,
  };
}

/** Measures every conversation at `now`; an imported copy of an observed conversation is left out. */
export function buildTeamData(raw: RawTeamData, now: number): TeamData {
  const { settings } = raw;
  const clock = targetClock(settings);
  const eventsByKey = groupByConversation(raw.events);
  const activityByKey = groupByConversation(raw.activity);
  const conversations: TeamConversation[] = [];
  const observedKeys = new Set<string>();

  for (const record of raw.records) {
    observedKeys.add(record.key);
    const input = record.hasEvents
      ? toEngineConversation(record, eventsByKey.get(record.key) ?? [], activityByKey.get(record.key) ?? [])
      : null;
    const metrics = input ? safeMeasure(input, settings, now, record.key) : null;
    conversations.push({
      key: record.key,
      source: 'observed',
      helpdesk: record.helpdesk,
      conversationId: record.conversationId,
      channel: record.channel ?? metrics?.channel,
      status: record.status ?? metrics?.status,
      // The page's own assignee is newer than the thread's last assignment event.
      assigneeId: record.assigneeId !== undefined ? record.assigneeId : metrics?.assigneeId,
      input,
      metrics,
      plan: planConversation(record, metrics, settings, clock, now),
    });
  }

  for (const stored of raw.imported) {
    // Observed wins: what this browser saw itself is at least as fresh as an export.
    if (observedKeys.has(stored.key)) continue;
    const input = conversationFromTimeline(stored.conversation);
    const metrics = safeMeasure(input, settings, now, stored.key);
    const record = importedAsRecord(stored, metrics);
    conversations.push({
      key: stored.key,
      source: 'imported',
      helpdesk: record.helpdesk,
      conversationId: record.conversationId,
      channel: record.channel,
      status: metrics?.status,
      assigneeId: metrics?.assigneeId,
      input,
      metrics,
      plan: planConversation(record, metrics, settings, clock, now),
    });
  }
  return { settings, conversations, reviews: raw.reviews, imports: raw.imports, loadedAt: now };
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
  const ids = new Set<string>(agentsOf(conversations.flatMap((c) => (c.metrics ? [c.metrics] : []))));
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
}

export function queueRow(conversation: TeamConversation, now: number): QueueRow | null {
  if (conversation.status === 'resolved') return null;
  const { plan, metrics } = conversation;
  let clock: PlannedClock | null = null;
  let state: TargetState | null = null;
  for (const c of plan.clocks) {
    if (c.stoppedAt !== null || c.dueAt === null) continue;
    const s = liveState(c, now);
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
  const noFirstReply = metrics
    ? metrics.firstResponse === null
    : plan.clocks.some((c) => c.kind === 'firstResponse' && c.stoppedAt === null);
  const lists: QueueListId[] = [];
  if (noFirstReply || waitingSince !== null) lists.push('unattended');
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
  for (const conversation of conversations) {
    if (!matchesChannel(conversation, filters.channel)) continue;
    if (filters.agent !== null && conversation.assigneeId !== filters.agent) continue;
    const row = queueRow(conversation, now);
    if (row) rows.push(row);
  }
  rows.sort(
    (a, b) =>
      (a.waitingSince ?? Infinity) - (b.waitingSince ?? Infinity) ||
      (a.clock?.startedAt ?? Infinity) - (b.clock?.startedAt ?? Infinity) ||
      a.conversation.key.localeCompare(b.conversation.key),
  );
  const counts = { open: rows.length, unattended: 0, waiting: 0, atRisk: 0, breached: 0, unassigned: 0, pending: 0 };
  for (const row of rows) for (const list of row.lists) counts[list]++;
  return { rows, counts };
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

export function summaryContext(settings: Settings): SummaryContext {
  return {
    profile: getProfile(settings.profile),
    targets: { clock: settings.targets.clock },
    business: { timezone: settings.calendar.timezone },
  };
}

function median(aggregate: Aggregate): Figure {
  return { value: aggregate.median, n: aggregate.n };
}

/** The table's figures for one period: the engine's summary per agent, QA from reviews. */
export function agentTable(
  data: Pick<TeamData, 'conversations' | 'reviews' | 'settings'>,
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

  const agents = new Set<string>([...agentsOf(metrics), ...openByAgent.keys(), ...qaByAgent.keys()]);
  const rows: AgentRow[] = [];
  for (const agentId of [...agents].sort()) {
    if (filters.agent !== null && agentId !== filters.agent) continue;
    const summary = summarize(metrics, ctx, period, { agentId });
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
  timezone: string,
  period: Period,
  filters: Pick<TeamFilters, 'channel' | 'agent'>,
): number[] {
  const cells = new Array<number>(168).fill(0);
  for (const c of conversations) {
    if (!c.input || !matchesChannel(c, filters.channel)) continue;
    if (filters.agent !== null && ownerOf(c) !== filters.agent) continue;
    for (const event of c.input.events) {
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
  filters: TeamFilters;
  sort: { column: AgentColumn; direction: 'asc' | 'desc' };
  queueList: QueueListId;
  importing: boolean;
  importOutcomes: ImportOutcome[];
  load(): Promise<void>;
  importFiles(files: readonly ImportInput[]): Promise<ImportOutcome[]>;
  removeImport(fileId: string): Promise<void>;
  setFilters(patch: Partial<TeamFilters>): void;
  sortBy(column: AgentColumn): void;
  showQueueList(list: QueueListId): void;
}

export const useTeam = create<TeamState>((set, get) => ({
  status: 'idle',
  error: null,
  data: null,
  filters: { channel: null, agent: null, period: 'thisWeek' },
  sort: { column: 'agentId', direction: 'asc' },
  queueList: 'waiting',
  importing: false,
  importOutcomes: [],
  async load() {
    if (get().data === null) set({ status: 'loading' });
    try {
      const db = await getDb();
      const data = buildTeamData(await readTeamData(db), Date.now());
      set({ status: 'ready', error: null, data });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  async importFiles(files) {
    set({ importing: true, importOutcomes: [] });
    try {
      const db = await getDb();
      const outcomes = await importTimelineFiles(db, files);
      set({ importOutcomes: outcomes });
      await get().load();
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
