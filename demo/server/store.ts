/**
 * The Demo Desk's in-memory helpdesk: agents, customers, conversations and their events.
 * Every conversation's status, assignee, waiting-since and last message are derived from its
 * events, so the page, the HTTP API and the served timeline can never disagree.
 */
import type { Author, ConversationStatus } from '../../lib/engine/events.ts';
import { TIMELINE_FORMAT, timelineSchema } from '../../lib/timeline/schema.ts';
import type { TimelineConversation, TimelineEvent, TimelineFile } from '../../lib/timeline/schema.ts';
import type { DeskClock } from './clock.ts';
import type { DeskSettings } from './settings.ts';

export type Channel = 'chat' | 'email';
export const CHANNELS: readonly Channel[] = ['chat', 'email'];
export const DESK_STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];

export interface Agent {
  id: string;
  name: string;
  initials: string;
  color: string;
}

export interface Customer {
  id: string;
  name: string;
  email: string;
}

export type DeskEventType = 'message' | 'note' | 'status' | 'handoff' | 'assignment' | 'rating';

export interface DeskEvent {
  /** Stable id `e-N`, unique across the desk. */
  id: string;
  type: DeskEventType;
  /** Epoch ms. */
  at: number;
  /** Messages only. */
  author?: Author;
  /** The agent who did it (message, note, status); for ratings, the agent credited. */
  agentId?: string;
  /** Message and note text: shown in the page, never in the timeline. */
  body?: string;
  status?: ConversationStatus;
  /** Assignment events: the new assignee, null when unassigned. */
  assigneeId?: string | null;
  csat?: number;
  ces?: number;
}

export interface LastMessage {
  at: number;
  author: Author;
  agentId?: string;
  body: string;
}

export interface DerivedState {
  status: ConversationStatus;
  assigneeId: string | null;
  /** The earliest customer message not yet answered by a public human reply; null when nobody waits. */
  waitingSince: number | null;
  lastMessage: LastMessage | null;
  csat: number | null;
  updatedAt: number;
  messageCount: number;
}

export interface DeskConversation {
  id: string;
  customerId: string;
  channel: Channel;
  createdAt: number;
  /** Only conversations the simulator created are driven by it; those made through the API are left alone. */
  simulated: boolean;
  /** Sorted by time; equal times keep insertion order. */
  events: DeskEvent[];
  derived: DerivedState;
}

export interface ConversationSummary {
  id: string;
  customerId: string;
  customerName: string;
  channel: Channel;
  status: ConversationStatus;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  waitingSince: string | null;
  lastMessage: { at: string; author: Author; agentId: string | null; preview: string } | null;
  csat: number | null;
  messageCount: number;
}

export interface EventView {
  id: string;
  type: DeskEventType;
  at: string;
  author?: Author;
  agentId?: string;
  body?: string;
  status?: ConversationStatus;
  assigneeId?: string | null;
  csat?: number;
  ces?: number;
}

/** An error with the HTTP status it maps to (400 bad input, 404 unknown, 409 conflict). */
export class DeskError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_AGENTS: readonly Agent[] = [
  { id: 'a-1', name: 'Ana Ortiz', initials: 'AO', color: '#2563eb' },
  { id: 'a-2', name: 'Ben Kowalski', initials: 'BK', color: '#0d9488' },
  { id: 'a-3', name: 'Chen Wei', initials: 'CW', color: '#c2410c' },
  { id: 'a-4', name: 'Dana Fischer', initials: 'DF', color: '#7c3aed' },
];

/** Derives a conversation's state from its time-ordered events. */
export function deriveState(createdAt: number, events: readonly DeskEvent[]): DerivedState {
  const state: DerivedState = {
    status: 'open',
    assigneeId: null,
    waitingSince: null,
    lastMessage: null,
    csat: null,
    updatedAt: createdAt,
    messageCount: 0,
  };
  for (const event of events) {
    state.updatedAt = Math.max(state.updatedAt, event.at);
    switch (event.type) {
      case 'message':
        state.messageCount++;
        state.lastMessage = { at: event.at, author: event.author!, agentId: event.agentId, body: event.body ?? '' };
        if (event.author === 'customer') state.waitingSince ??= event.at;
        // Only a human's public reply answers the customer; bots and automation do not.
        else if (event.author === 'agent') state.waitingSince = null;
        break;
      case 'status':
        state.status = event.status!;
        if (event.status === 'resolved') state.waitingSince = null;
        break;
      case 'assignment':
        state.assigneeId = event.assigneeId ?? null;
        break;
      case 'rating':
        if (event.csat !== undefined) state.csat = event.csat;
        break;
      case 'note':
      case 'handoff':
        break;
    }
  }
  return state;
}

/** The status a conversation had at `at`, from the events before or at that instant. */
function statusAt(events: readonly DeskEvent[], at: number): ConversationStatus {
  let status: ConversationStatus = 'open';
  for (const event of events) {
    if (event.at > at) break;
    if (event.type === 'status') status = event.status!;
  }
  return status;
}

export function preview(body: string, length = 80): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface NewConversation {
  customerName?: string;
  customerId?: string;
  channel?: Channel;
  body: string;
  at?: number;
  id?: string;
  simulated?: boolean;
}

export interface NewMessage {
  author: Author;
  agentId?: string;
  body: string;
  private?: boolean;
  at?: number;
}

type ChangeListener = (conversationIds: string[]) => void;

export class DeskStore {
  readonly agents: Agent[];
  private readonly customers = new Map<string, Customer>();
  private readonly conversations = new Map<string, DeskConversation>();
  private readonly summaries = new Map<string, ConversationSummary>();
  private readonly listeners = new Set<ChangeListener>();
  private nextEventNumber = 1;
  private nextConversationNumber = 1;
  private nextCustomerNumber = 1;

  constructor(
    readonly clock: DeskClock,
    agents: readonly Agent[] = DEFAULT_AGENTS,
  ) {
    this.agents = agents.map((agent) => ({ ...agent }));
  }

  // ——— reading

  agent(id: string): Agent | undefined {
    return this.agents.find((agent) => agent.id === id);
  }

  customer(id: string): Customer | undefined {
    return this.customers.get(id);
  }

  conversation(id: string): DeskConversation | undefined {
    return this.conversations.get(id);
  }

  allConversations(): DeskConversation[] {
    return [...this.conversations.values()];
  }

  get size(): number {
    return this.conversations.size;
  }

  summary(id: string): ConversationSummary | undefined {
    const cached = this.summaries.get(id);
    if (cached) return cached;
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    const d = conversation.derived;
    const summary: ConversationSummary = {
      id: conversation.id,
      customerId: conversation.customerId,
      customerName: this.customers.get(conversation.customerId)?.name ?? '',
      channel: conversation.channel,
      status: d.status,
      assigneeId: d.assigneeId,
      createdAt: iso(conversation.createdAt),
      updatedAt: iso(d.updatedAt),
      waitingSince: d.waitingSince === null ? null : iso(d.waitingSince),
      lastMessage: d.lastMessage && {
        at: iso(d.lastMessage.at),
        author: d.lastMessage.author,
        agentId: d.lastMessage.agentId ?? null,
        preview: preview(d.lastMessage.body),
      },
      csat: d.csat,
      messageCount: d.messageCount,
    };
    this.summaries.set(id, summary);
    return summary;
  }

  /** Summaries, newest conversation first; `status` "all" or undefined lists every status. */
  list(status?: ConversationStatus | 'all'): ConversationSummary[] {
    const rows: ConversationSummary[] = [];
    for (const conversation of this.conversations.values()) {
      if (status && status !== 'all' && conversation.derived.status !== status) continue;
      rows.push(this.summary(conversation.id)!);
    }
    return rows.sort(compareNewestFirst);
  }

  counts(): Record<ConversationStatus | 'all', number> {
    const counts = { open: 0, pending: 0, snoozed: 0, resolved: 0, all: 0 };
    for (const conversation of this.conversations.values()) {
      counts[conversation.derived.status]++;
      counts.all++;
    }
    return counts;
  }

  eventView(event: DeskEvent): EventView {
    const view: EventView = { id: event.id, type: event.type, at: iso(event.at) };
    if (event.author !== undefined) view.author = event.author;
    if (event.agentId !== undefined) view.agentId = event.agentId;
    if (event.body !== undefined) view.body = event.body;
    if (event.status !== undefined) view.status = event.status;
    if (event.type === 'assignment') view.assigneeId = event.assigneeId ?? null;
    if (event.csat !== undefined) view.csat = event.csat;
    if (event.ces !== undefined) view.ces = event.ces;
    return view;
  }

  detail(id: string) {
    const conversation = this.require(id);
    return {
      ...this.summary(id)!,
      customer: this.customers.get(conversation.customerId) ?? null,
      events: conversation.events.map((event) => this.eventView(event)),
    };
  }

  // ——— writing

  addCustomer(name: string, email?: string): Customer {
    const id = `u-${this.nextCustomerNumber++}`;
    const customer: Customer = { id, name, email: email ?? emailFor(name, id) };
    this.customers.set(id, customer);
    return customer;
  }

  createConversation(input: NewConversation): DeskConversation {
    const at = this.checkTime(input.at);
    const channel = input.channel ?? 'chat';
    if (!CHANNELS.includes(channel)) throw new DeskError(400, `channel must be one of ${CHANNELS.join(', ')}`);
    if (typeof input.body !== 'string' || input.body.trim() === '') throw new DeskError(400, 'body must be a non-empty string');
    let customer: Customer | undefined;
    if (input.customerId !== undefined) {
      customer = this.customers.get(input.customerId);
      if (!customer) throw new DeskError(404, `unknown customer ${input.customerId}`);
    } else {
      const name = typeof input.customerName === 'string' ? input.customerName.trim() : '';
      if (!name) throw new DeskError(400, 'customerName must be a non-empty string');
      customer = this.addCustomer(name);
    }
    let id = input.id;
    if (id !== undefined) {
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id))
        throw new DeskError(400, 'id must be 1–64 letters, digits, "-" or "_"');
      if (this.conversations.has(id)) throw new DeskError(409, `conversation ${id} already exists`);
    } else {
      do id = `c-${this.nextConversationNumber++}`;
      while (this.conversations.has(id));
    }
    const conversation: DeskConversation = {
      id,
      customerId: customer.id,
      channel,
      createdAt: at,
      simulated: input.simulated ?? false,
      events: [],
      derived: deriveState(at, []),
    };
    this.conversations.set(id, conversation);
    this.insert(conversation, { type: 'message', at, author: 'customer', body: input.body });
    return conversation;
  }

  /** A message; `private` turns an agent's message into a note. A customer writing to a closed conversation reopens it. */
  addMessage(conversationId: string, input: NewMessage): DeskEvent {
    const conversation = this.require(conversationId);
    const at = this.checkTime(input.at, conversation);
    if (!['customer', 'agent', 'bot', 'automation'].includes(input.author)) {
      throw new DeskError(400, 'author must be customer, agent, bot or automation');
    }
    if (typeof input.body !== 'string' || input.body.trim() === '') throw new DeskError(400, 'body must be a non-empty string');
    const agentId = input.author === 'agent' ? this.checkAgent(input.agentId ?? conversation.derived.assigneeId ?? undefined) : undefined;
    if (input.private) {
      if (input.author !== 'agent') throw new DeskError(400, 'only agents write private notes');
      return this.insert(conversation, { type: 'note', at, agentId, body: input.body });
    }
    if (input.author === 'customer' && statusAt(conversation.events, at) !== 'open') {
      // As in real helpdesks, a customer reply reopens a resolved, pending or snoozed conversation.
      this.insert(conversation, { type: 'status', at, status: 'open' }, false);
    }
    return this.insert(conversation, { type: 'message', at, author: input.author, agentId, body: input.body });
  }

  setStatus(conversationId: string, input: { status: ConversationStatus; agentId?: string; at?: number }): DeskEvent {
    const conversation = this.require(conversationId);
    const at = this.checkTime(input.at, conversation);
    if (!DESK_STATUSES.includes(input.status)) throw new DeskError(400, `status must be one of ${DESK_STATUSES.join(', ')}`);
    const agentId = input.agentId === undefined ? undefined : this.checkAgent(input.agentId);
    return this.insert(conversation, { type: 'status', at, status: input.status, agentId });
  }

  assign(conversationId: string, input: { agentId: string | null; byAgentId?: string; at?: number }): DeskEvent {
    const conversation = this.require(conversationId);
    const at = this.checkTime(input.at, conversation);
    const assigneeId = input.agentId === null || input.agentId === '' ? null : this.checkAgent(input.agentId);
    const byAgentId = input.byAgentId === undefined ? undefined : this.checkAgent(input.byAgentId);
    return this.insert(conversation, { type: 'assignment', at, assigneeId, agentId: byAgentId });
  }

  addHandoff(conversationId: string, input: { at?: number } = {}): DeskEvent {
    const conversation = this.require(conversationId);
    return this.insert(conversation, { type: 'handoff', at: this.checkTime(input.at, conversation) });
  }

  addRating(conversationId: string, input: { csat?: number; ces?: number; agentId?: string; at?: number }): DeskEvent {
    const conversation = this.require(conversationId);
    const at = this.checkTime(input.at, conversation);
    const isScore = (value: unknown, max: number) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
    if (input.csat !== undefined && !isScore(input.csat, 5)) throw new DeskError(400, 'csat must be an integer from 1 to 5');
    if (input.ces !== undefined && !isScore(input.ces, 7)) throw new DeskError(400, 'ces must be an integer from 1 to 7');
    if (input.csat === undefined && input.ces === undefined) throw new DeskError(400, 'a rating needs csat (1–5) or ces (1–7)');
    const agentId = this.checkAgent(input.agentId ?? conversation.derived.assigneeId ?? undefined);
    return this.insert(conversation, { type: 'rating', at, csat: input.csat, ces: input.ces, agentId });
  }

  /** Empties the desk; ids start again from 1. */
  clear(): void {
    const ids = [...this.conversations.keys()];
    this.conversations.clear();
    this.customers.clear();
    this.summaries.clear();
    this.nextEventNumber = 1;
    this.nextConversationNumber = 1;
    this.nextCustomerNumber = 1;
    if (ids.length) this.emit(ids);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ——— the timeline

  toTimeline(settings: DeskSettings, origin?: string): TimelineFile {
    const conversations: TimelineConversation[] = this.list('all')
      .reverse()
      .map((row) => {
        const conversation = this.conversations.get(row.id)!;
        return {
          id: conversation.id,
          channel: conversation.channel,
          createdAt: iso(conversation.createdAt),
          customerId: conversation.customerId,
          events: conversation.events.map(toTimelineEvent),
        };
      });
    const timeline: TimelineFile = {
      format: TIMELINE_FORMAT,
      generatedAt: iso(this.clock.now()),
      source: origin ? { helpdesk: 'demo-desk', origin } : { helpdesk: 'demo-desk' },
      calendar: settings.calendar,
      targets: settings.targets,
      conversations,
    };
    return timelineSchema.parse(timeline);
  }

  // ——— internals

  private require(id: string): DeskConversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new DeskError(404, `unknown conversation ${id}`);
    return conversation;
  }

  private checkAgent(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    if (!this.agent(id)) throw new DeskError(400, `unknown agent ${id}`);
    return id;
  }

  /** Events may be placed in the past (tests do), never in the future nor before the conversation began. */
  private checkTime(at: number | undefined, conversation?: DeskConversation): number {
    const now = this.clock.now();
    if (at === undefined) return Math.max(now, conversation?.createdAt ?? now);
    if (!Number.isFinite(at)) throw new DeskError(400, 'at must be an ISO 8601 time');
    if (at > now) throw new DeskError(400, `at ${iso(at)} is later than the desk's clock (${iso(now)})`);
    if (conversation && at < conversation.createdAt) {
      throw new DeskError(400, `at ${iso(at)} is before the conversation was created (${iso(conversation.createdAt)})`);
    }
    return at;
  }

  private insert(conversation: DeskConversation, fields: Omit<DeskEvent, 'id'>, notify = true): DeskEvent {
    const event: DeskEvent = { id: `e-${this.nextEventNumber++}`, ...stripUndefined(fields) };
    const events = conversation.events;
    let index = events.length;
    while (index > 0 && events[index - 1].at > event.at) index--;
    events.splice(index, 0, event);
    conversation.derived = deriveState(conversation.createdAt, events);
    this.summaries.delete(conversation.id);
    if (notify) this.emit([conversation.id]);
    return event;
  }

  private emit(ids: string[]): void {
    for (const listener of this.listeners) listener(ids);
  }
}

function compareNewestFirst(a: ConversationSummary, b: ConversationSummary): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.id.localeCompare(a.id, 'en', { numeric: true });
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

function emailFor(name: string, id: string): string {
  const local = name
    .normalize('NFKD')
    .replace(/[^\w\s.-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '.');
  return `${local || id}@example.com`;
}

export function toTimelineEvent(event: DeskEvent): TimelineEvent {
  const at = iso(event.at);
  switch (event.type) {
    case 'message':
      return {
        id: event.id,
        at,
        type: 'message',
        author: event.author!,
        ...(event.agentId ? { agentId: event.agentId } : {}),
        public: true,
      };
    case 'note':
      return { id: event.id, at, type: 'note', ...(event.agentId ? { agentId: event.agentId } : {}) };
    case 'status':
      return { id: event.id, at, type: 'status', status: event.status!, ...(event.agentId ? { agentId: event.agentId } : {}) };
    case 'handoff':
      return { id: event.id, at, type: 'handoff', ...(event.agentId ? { agentId: event.agentId } : {}) };
    case 'assignment':
      return { id: event.id, at, type: 'assignment', agentId: event.assigneeId ?? null };
    case 'rating':
      return {
        id: event.id,
        at,
        type: 'rating',
        ...(event.csat !== undefined ? { csat: event.csat } : {}),
        ...(event.ces !== undefined ? { ces: event.ces } : {}),
        ...(event.agentId ? { agentId: event.agentId } : {}),
      };
  }
}
