/**
 * The Team view with a hub (supervisors): the live queue from `GET /v1/queue`, kept current by
 * `GET /v1/stream` (read with fetch streaming, reconnected with a growing delay), and the week's
 * figures from `GET /v1/report` (the team's and one per agent: the hub measures, nothing is
 * re-measured here). The pure functions below turn them into what the view shows.
 */
import { create } from 'zustand';
import Papa from 'papaparse';
import { isoWeekKey, isoWeekRange, localDate } from '../engine/local-time';
import type { TargetState } from '../engine/types';
import type { ConversationJson } from '../export/json';
import { createHubClient, HubRequestError, type HubClient } from '../hub/client';
import type { HubStreamEvent, QueueRow } from '../hub/protocol';
import type { HubReport } from '../hub/report-schema';
import { getDb } from '../storage/db';
import { getHubConnection } from '../storage/hub';
import { agentNames, getNames, siteConversationUrl } from '../storage/names';

type HubClock = QueueRow['clocks'][number];

// ---------------------------------------------------------------------------------------------
// Queue

/** Applies one stream event to the queue (a new map; rows keyed by `key`). */
export function applyStreamEvent(rows: ReadonlyMap<string, QueueRow>, event: HubStreamEvent): Map<string, QueueRow> {
  const next = new Map(rows);
  if (event.type !== 'queue') return next;
  for (const key of event.removed) next.delete(key);
  for (const row of event.upserts) next.set(row.key, row);
  return next;
}

/** A running clock's state now, re-derived from its due and at-risk times as time passes. */
export function clockStateNow(clock: HubClock, now: number): TargetState | null {
  if (clock.dueAt !== null && now >= clock.dueAt) return 'breached';
  if (clock.atRiskAt !== null && now >= clock.atRiskAt) return 'at_risk';
  if (clock.dueAt !== null) return 'on_track';
  return clock.state;
}

const SEVERITY: Record<string, number> = { on_track: 1, at_risk: 2, breached: 3 };

export interface HubQueueFilters {
  channel: string | null;
  priority: string | null;
  /** An agent id; '' = unassigned only. */
  agent: string | null;
}

export interface HubQueueLine {
  row: QueueRow;
  /** The most urgent running clock and its state now (null: no clock with a target runs). */
  clock: HubClock | null;
  state: TargetState | null;
}

export interface HubQueueView {
  /** Rows whose status is known, most urgent first (breached, at risk, then longest wait). */
  known: HubQueueLine[];
  /** Rows nobody has observed within the hub's freshness window: shown apart, never counted at risk or breached. */
  unknown: HubQueueLine[];
  counts: { open: number; waiting: number; atRisk: number; breached: number; unassigned: number; unknown: number };
}

function matches(row: QueueRow, filters: HubQueueFilters): boolean {
  if (filters.channel !== null && row.channel !== filters.channel) return false;
  if (filters.priority !== null && row.priority !== filters.priority) return false;
  if (filters.agent !== null && (filters.agent === '' ? row.assigneeId !== null : row.assigneeId !== filters.agent)) return false;
  return true;
}

function lineOf(row: QueueRow, now: number): HubQueueLine {
  let clock: HubClock | null = null;
  let state: TargetState | null = null;
  for (const c of row.clocks) {
    const s = clockStateNow(c, now);
    if (s === null || SEVERITY[s] === undefined) continue;
    if (
      state === null ||
      SEVERITY[s] > SEVERITY[state] ||
      (SEVERITY[s] === SEVERITY[state] && (c.dueAt ?? Infinity) < (clock!.dueAt ?? Infinity))
    ) {
      clock = c;
      state = s;
    }
  }
  return { row, clock, state };
}

export function hubQueueView(rows: Iterable<QueueRow>, now: number, filters: HubQueueFilters): HubQueueView {
  const known: HubQueueLine[] = [];
  const unknown: HubQueueLine[] = [];
  const counts = { open: 0, waiting: 0, atRisk: 0, breached: 0, unassigned: 0, unknown: 0 };
  for (const row of rows) {
    if (row.status === 'resolved' || !matches(row, filters)) continue;
    if (row.statusKnown === 'unknown') {
      // Its clocks may have stopped unseen: not counted at risk, breached or waiting.
      unknown.push({ row, clock: null, state: null });
      counts.unknown++;
      continue;
    }
    const line = lineOf(row, now);
    known.push(line);
    counts.open++;
    if (row.waitingSince !== null) counts.waiting++;
    if (line.state === 'at_risk') counts.atRisk++;
    if (line.state === 'breached') counts.breached++;
    if (row.assigneeId === null) counts.unassigned++;
  }
  known.sort(
    (a, b) =>
      (SEVERITY[b.state ?? ''] ?? 0) - (SEVERITY[a.state ?? ''] ?? 0) ||
      (a.row.waitingSince ?? Infinity) - (b.row.waitingSince ?? Infinity) ||
      a.row.key.localeCompare(b.row.key),
  );
  unknown.sort((a, b) => b.row.lastSeenAt - a.row.lastSeenAt || a.row.key.localeCompare(b.row.key));
  return { known, unknown, counts };
}

/** How fresh a row is: when an agent last observed it. */
export function freshnessText(lastSeenAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - lastSeenAt) / 1000));
  if (seconds < 60) return 'seen just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `seen ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `seen ${hours} h ago`;
  return `seen ${Math.floor(hours / 24)} days ago`;
}

/** The channels and priorities to filter by: the queue's, and the week's report's (resolved conversations too). */
export function queueChoices(
  rows: Iterable<QueueRow>,
  reported: Iterable<{ channel: string | null; priority?: unknown }> = [],
): { channels: string[]; priorities: string[] } {
  const channels = new Set<string>();
  const priorities = new Set<string>();
  for (const row of rows) {
    if (row.channel) channels.add(row.channel);
    if (row.priority) priorities.add(row.priority);
  }
  for (const conversation of reported) {
    if (conversation.channel) channels.add(conversation.channel);
    if (typeof conversation.priority === 'string' && conversation.priority) priorities.add(conversation.priority);
  }
  return { channels: [...channels].sort(), priorities: [...priorities].sort() };
}

// ---------------------------------------------------------------------------------------------
// Figures and drill-down

/** A figure a supervisor can open to see the conversations behind it. */
export type DrillFigure =
  | { kind: 'conversations' }
  | { kind: 'target'; clock: 'firstResponse' | 'nextResponse' | 'resolution'; result: 'met' | 'missed' }
  | { kind: 'csat' }
  | { kind: 'handle' }
  /** A median / p90: the conversations with that duration measured (as the profile reports it). */
  | { kind: 'duration'; metric: 'firstResponse' | 'reply' | 'resolution' };

type TargetJson = { state: TargetState };

function targetResults(conversation: ConversationJson, clock: 'firstResponse' | 'nextResponse' | 'resolution'): TargetJson[] {
  const targets = conversation.targets as unknown as {
    firstResponse: TargetJson | null;
    nextResponse: TargetJson[];
    resolution: TargetJson | null;
  };
  if (clock === 'nextResponse') return targets.nextResponse;
  const one = targets[clock];
  return one ? [one] : [];
}

/**
 * The conversations behind a figure of a report (the report's own per-conversation results):
 * a hit rate's met or missed (missed and breached) clocks, the rated conversations, those with
 * handle time, or all of them. `agent` narrows to the agent credited or assigned.
 */
export function drillDown(report: HubReport, figure: DrillFigure, channel: string | null = null): ConversationJson[] {
  return report.conversations.filter((c) => {
    if (channel !== null && c.channel !== channel) return false;
    switch (figure.kind) {
      case 'conversations':
        return true;
      case 'csat':
        return c.csat !== null;
      case 'handle':
        return c.handleSeconds > 0;
      case 'duration':
        return (c.reported?.[figure.metric]?.length ?? 0) > 0;
      case 'target':
        return targetResults(c, figure.clock).some((t) =>
          figure.result === 'met' ? t.state === 'met' : t.state === 'missed' || t.state === 'breached',
        );
    }
  });
}

export function drillTitle(figure: DrillFigure): string {
  const clock = { firstResponse: 'first response', nextResponse: 'next response', resolution: 'resolution' } as const;
  switch (figure.kind) {
    case 'conversations':
      return 'All conversations';
    case 'csat':
      return 'Rated conversations';
    case 'handle':
      return 'Conversations with handle time';
    case 'duration':
      return `Conversations with a measured ${{ firstResponse: 'first response', reply: 'next response', resolution: 'resolution' }[figure.metric]}`;
    case 'target':
      return `${figure.result === 'met' ? 'Met' : 'Missed or breached'} ${clock[figure.clock]} targets`;
  }
}

/** Where a report conversation lives: the report names only its id; the queue and the team's helpdesks say where. */
export interface ConversationPlace {
  helpdesk: string;
  origin: string;
}

/**
 * Places of conversation ids from the queue rows; when the whole queue is on one helpdesk origin,
 * that place for any other id too (else such an id has no link).
 */
export function placesFrom(rows: Iterable<QueueRow>): { byId: Map<string, ConversationPlace>; only: ConversationPlace | null } {
  const byId = new Map<string, ConversationPlace>();
  const distinct = new Map<string, ConversationPlace>();
  for (const row of rows) {
    const place = { helpdesk: row.helpdesk, origin: row.origin };
    byId.set(row.conversationId, place);
    distinct.set(`${row.helpdesk}|${row.origin}`, place);
  }
  return { byId, only: distinct.size === 1 ? [...distinct.values()][0] : null };
}

/** Where a conversation is (helpdesk and origin), when the queue tells. */
export function placeOf(conversationId: string, places: ReturnType<typeof placesFrom>): ConversationPlace | null {
  return places.byId.get(conversationId) ?? places.only;
}

/** A conversation's helpdesk page; `sites` keeps the sub-path of helpdesks installed under one (lib/storage/names.ts). */
export function linkOf(
  conversationId: string,
  places: ReturnType<typeof placesFrom>,
  sites: Readonly<Record<string, string>> = {},
): string | null {
  const place = placeOf(conversationId, places);
  return place ? siteConversationUrl(sites, place.helpdesk, place.origin, conversationId) : null;
}

function targetState(c: ConversationJson, clock: 'firstResponse' | 'nextResponse' | 'resolution'): string {
  const results = targetResults(c, clock);
  if (results.length === 0) return '';
  if (clock !== 'nextResponse') return results[0].state;
  return `${results.filter((t) => t.state === 'met').length}/${results.length} met`;
}

/** One row per conversation of the report, with agents' names beside their ids. */
export function reportCsv(
  report: HubReport,
  names: Readonly<Record<string, string>>,
  places: ReturnType<typeof placesFrom>,
  sites: Readonly<Record<string, string>> = {},
): string {
  const name = (id: string | null) => (id === null ? '' : (names[id] ?? ''));
  return Papa.unparse(
    report.conversations.map((c) => ({
      conversation_id: c.id,
      link: linkOf(c.id, places, sites) ?? '',
      channel: c.channel ?? '',
      status: c.status,
      created_at: c.createdAt,
      agent_id: c.agentId ?? '',
      agent_name: name(c.agentId),
      assignee_id: c.assigneeId ?? '',
      assignee_name: name(c.assigneeId),
      first_response_seconds: c.firstResponse?.seconds ?? '',
      first_response_business_seconds: c.firstResponse?.businessSeconds ?? '',
      first_response_target: targetState(c, 'firstResponse'),
      next_response_targets: targetState(c, 'nextResponse'),
      resolution_target: targetState(c, 'resolution'),
      replies: c.replies.length,
      resolutions: c.resolutions.length,
      reopens: c.reopens,
      handle_seconds: c.handleSeconds,
      csat: c.csat ?? '',
      unverified: c.unverified,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Weeks

export type WeekChoice = 'thisWeek' | 'lastWeek';

export function weekKeyOf(choice: WeekChoice, now: number, timezone: string): string {
  const thisWeek = isoWeekKey(now, timezone);
  return choice === 'thisWeek' ? thisWeek : isoWeekKey(isoWeekRange(thisWeek, timezone).from - 1, timezone);
}

/** The local dates of a week up to `now` (a day not begun yet has no figures), Monday first. */
export function daysOfWeek(weekKey: string, now: number, timezone: string): string[] {
  const { from, to } = isoWeekRange(weekKey, timezone);
  const days: string[] = [];
  // Noon steps land on each local date once, also across a daylight-saving change.
  for (let t = from + 12 * 3_600_000; t < to && t - 12 * 3_600_000 <= now; t += 86_400_000) {
    const day = localDate(t, timezone);
    if (!days.includes(day)) days.push(day);
  }
  return days;
}

/** Week figures per agent, or the figures of each day of the week. */
export type FigurePeriod = 'week' | 'day';

/** One report the figures need from the hub: what it is for and its query. */
export interface FigureRequest {
  /** 'team' = the totals row; an agent id; or a local date (day rows). */
  row: string;
  query: { week?: string; day?: string; profile: string; agent?: string; channel?: string; priority?: string };
}

/**
 * The hub reports behind the figures under the view's filters (channel, priority, agent): the
 * hub measures each with lib/measure on the conversations in scope; nothing is re-measured here.
 * By week: the totals and one per agent (only the filtered agent when one is chosen). By day:
 * the totals and one per day of the week so far. "Unassigned" is a queue filter: figures credit agents.
 */
export function figureRequests(options: {
  period: FigurePeriod;
  weekKey: string;
  profile: string;
  filters: HubQueueFilters;
  team: readonly string[];
  days: readonly string[];
}): FigureRequest[] {
  const { period, weekKey, profile, filters } = options;
  const scope = {
    profile,
    ...(filters.channel !== null && { channel: filters.channel }),
    ...(filters.priority !== null && { priority: filters.priority }),
    ...(filters.agent !== null && filters.agent !== '' && { agent: filters.agent }),
  };
  const totals: FigureRequest = { row: 'team', query: { ...scope, week: weekKey } };
  if (period === 'day') return [totals, ...options.days.map((day) => ({ row: day, query: { ...scope, day } }))];
  const agents = scope.agent !== undefined ? [scope.agent] : options.team;
  return [totals, ...agents.map((agent) => ({ row: agent, query: { ...scope, week: weekKey, agent } }))];
}

// ---------------------------------------------------------------------------------------------
// The store

export interface StreamStatus {
  state: 'off' | 'connecting' | 'live' | 'retrying';
  /** When the next reconnect is tried (retrying). */
  retryAt: number | null;
  error: string | null;
}

/** One row of the figures below the totals: an agent's week, or one day of the week. */
export interface AgentReport {
  /** An agent id (by week) or a local date YYYY-MM-DD (by day). */
  agentId: string;
  name: string;
  report: HubReport;
}

interface TeamHubState {
  /** null: no hub connection with the team's view (not connected, or an agent's token). */
  mode: 'none' | 'hub' | 'checking';
  hubUrl: string | null;
  rows: Map<string, QueueRow>;
  asOf: number | null;
  stream: StreamStatus;
  /** Agent id → display name: the hub's team, then names helpdesk pages showed. */
  names: Record<string, string>;
  /** The hub's agents (ids): one figures row each. */
  team: string[];
  week: WeekChoice;
  timezone: string;
  profile: string;
  report: HubReport | null;
  agentReports: AgentReport[];
  reportError: string | null;
  loadingReport: boolean;
  /** Filters of the queue and the figures alike. */
  queueFilters: HubQueueFilters;
  figurePeriod: FigurePeriod;
  drill: { figure: DrillFigure; agentId: string | null } | null;
  start: () => Promise<void>;
  stop: () => void;
  loadReport: () => Promise<void>;
  setWeek: (week: WeekChoice) => void;
  setQueueFilters: (patch: Partial<HubQueueFilters>) => void;
  setFigurePeriod: (period: FigurePeriod) => void;
  openDrill: (figure: DrillFigure, agentId: string | null) => void;
  closeDrill: () => void;
}

let controller: AbortController | null = null;
let client: HubClient | null = null;

/** Reconnect delay after `attempt` failed tries: 1, 2, 4… seconds, at most 60. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt), 60_000);
}

function message(error: unknown): string {
  return error instanceof HubRequestError ? error.message : error instanceof Error ? error.message : String(error);
}

export const useTeamHub = create<TeamHubState>((set, get) => ({
  mode: 'checking',
  hubUrl: null,
  rows: new Map(),
  asOf: null,
  stream: { state: 'off', retryAt: null, error: null },
  names: {},
  team: [],
  week: 'thisWeek',
  timezone: 'UTC',
  profile: 'replyline',
  report: null,
  agentReports: [],
  reportError: null,
  loadingReport: false,
  queueFilters: { channel: null, priority: null, agent: null },
  figurePeriod: 'week',
  drill: null,
  async start() {
    get().stop();
    const db = await getDb();
    const connection = await getHubConnection(db);
    if (!connection || connection.role === 'agent') {
      set({ mode: 'none', hubUrl: null });
      return;
    }
    client = createHubClient({ hubUrl: connection.hubUrl, token: connection.token, fetch: (input, init) => fetch(input, init) });
    const own = new AbortController();
    controller = own;
    set({ mode: 'hub', hubUrl: connection.hubUrl });
    void (async () => {
      // Stored names first (the worker keeps them); the hub's list read now replaces its part.
      const stored = await getNames(db);
      set({ names: agentNames(stored) });
      try {
        const [agents, settings] = await Promise.all([client.agents(), client.settings()]);
        const hub: Record<string, string> = {};
        for (const agent of agents.agents) if (agent.agentId) hub[agent.agentId] = agent.name;
        set({
          names: agentNames({ ...stored, hub }),
          team: Object.keys(hub),
          timezone: settings.calendar.timezone,
          profile: settings.profile,
        });
      } catch (error) {
        set({ reportError: message(error) });
      }
      await get().loadReport();
    })();
    void runStream(own.signal, set);
  },
  stop() {
    controller?.abort();
    controller = null;
    set({ stream: { state: 'off', retryAt: null, error: null } });
  },
  async loadReport() {
    if (!client) return;
    const { week, timezone, profile, names, team, queueFilters, figurePeriod } = get();
    const now = Date.now();
    const weekKey = weekKeyOf(week, now, timezone);
    const agentIds = [...new Set(team)].sort((a, b) => (names[a] ?? a).localeCompare(names[b] ?? b));
    const requests = figureRequests({
      period: figurePeriod,
      weekKey,
      profile,
      filters: queueFilters,
      team: agentIds,
      days: daysOfWeek(weekKey, now, timezone),
    });
    set({ loadingReport: true });
    try {
      const reports = await Promise.all(requests.map((request) => client!.report(request.query)));
      // Answers of an older request (filters changed meanwhile) are dropped.
      if (get().queueFilters !== queueFilters || get().figurePeriod !== figurePeriod) return;
      const agentReports = requests.slice(1).map((request, index) => ({
        agentId: request.row,
        name: figurePeriod === 'day' ? request.row : (names[request.row] ?? request.row),
        report: reports[index + 1],
      }));
      set({ report: reports[0], agentReports, reportError: null });
    } catch (error) {
      set({ reportError: message(error) });
    } finally {
      set({ loadingReport: false });
    }
  },
  setWeek(week) {
    set({ week, drill: null });
    void get().loadReport();
  },
  setQueueFilters(patch) {
    set({ queueFilters: { ...get().queueFilters, ...patch }, drill: null });
    void get().loadReport();
  },
  setFigurePeriod(figurePeriod) {
    set({ figurePeriod, drill: null });
    void get().loadReport();
  },
  openDrill(figure, agentId) {
    set({ drill: { figure, agentId } });
  },
  closeDrill() {
    set({ drill: null });
  },
}));

type SetState = (patch: Partial<TeamHubState> | ((state: TeamHubState) => Partial<TeamHubState>)) => void;

/**
 * Keeps the queue live: opens the stream, reads the queue once it is open (events arriving
 * meanwhile are applied after it), and reconnects with a growing delay until aborted.
 */
async function runStream(signal: AbortSignal, set: SetState): Promise<void> {
  let attempt = 0;
  while (!signal.aborted && client) {
    set({ stream: { state: 'connecting', retryAt: null, error: null } });
    let buffered: HubStreamEvent[] | null = [];
    try {
      await client.stream({
        signal,
        onOpen: () => {
          attempt = 0;
          void client!
            .queue()
            .then((queue) => {
              let rows = new Map(queue.rows.map((row) => [row.key, row]));
              for (const event of buffered ?? [])
                if (event.type !== 'queue' || event.asOf >= queue.asOf) rows = applyStreamEvent(rows, event);
              buffered = null;
              set({ rows, asOf: queue.asOf, stream: { state: 'live', retryAt: null, error: null } });
            })
            .catch((error: unknown) => set({ stream: { state: 'connecting', retryAt: null, error: message(error) } }));
        },
        onEvent: (event) => {
          if (buffered) {
            buffered.push(event);
            return;
          }
          if (event.type === 'queue') set((state) => ({ rows: applyStreamEvent(state.rows, event), asOf: event.asOf }));
          if (event.type === 'settings') void useTeamHub.getState().loadReport();
        },
      });
      if (signal.aborted) return;
      throw new HubRequestError('network', 'The hub closed the live stream.');
    } catch (error) {
      if (signal.aborted) return;
      const delay = reconnectDelayMs(attempt++);
      set({ stream: { state: 'retrying', retryAt: Date.now() + delay, error: message(error) } });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
