/**
 * Typed conversation events: the only input of the metrics engine.
 *
 * Times are epoch milliseconds (UTC). The engine never touches browser APIs, so the
 * content scripts, the background worker, the side panel and the Node CLI share it.
 * Message text is never part of an event.
 */

export type Author = 'customer' | 'agent' | 'bot' | 'automation';
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

export const AUTHORS: readonly Author[] = ['customer', 'agent', 'bot', 'automation'];
export const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];

interface EventBase {
  /** When it happened, epoch ms. */
  at: number;
  /** The helpdesk's own id for the message or event, when it has one (dedupe key). */
  id?: string;
}

/** A public message (or, with `public: false`, a non-public one such as a side conversation). */
export interface MessageEvent extends EventBase {
  type: 'message';
  author: Author;
  /** The agent who sent it (author agent), if known. */
  agentId?: string;
  /** Public messages reach the customer. Defaults to true. */
  public?: boolean;
}

/** A private note: agents only, never a response to the customer. */
export interface NoteEvent extends EventBase {
  type: 'note';
  agentId?: string;
}

export interface StatusEvent extends EventBase {
  type: 'status';
  status: ConversationStatus;
  /** Who changed it, if known (a resolution is credited to this agent). */
  agentId?: string;
}

/** A bot hands the conversation over to humans. */
export interface HandoffEvent extends EventBase {
  type: 'handoff';
  agentId?: string;
}

export interface AssignmentEvent extends EventBase {
  type: 'assignment';
  /** The new assignee; null when unassigned. */
  agentId: string | null;
  teamId?: string;
}

export interface RatingEvent extends EventBase {
  type: 'rating';
  /** CSAT on a 1–5 scale. */
  csat?: number;
  /** CES 2.0 on a 1–7 scale. */
  ces?: number;
  agentId?: string;
}

/** An agent actively working on the conversation, idle time already excluded. */
export interface ActivityEvent extends EventBase {
  type: 'activity';
  /** End of the span, epoch ms (> at). */
  until: number;
  agentId: string;
  /** What the agent was doing: viewing the conversation or typing a reply. */
  kind?: 'viewing' | 'typing';
}

/** A tag or label added to (or removed from) the conversation. */
export interface TagEvent extends EventBase {
  type: 'tag';
  tag: string;
  removed?: boolean;
}

export type ConversationEvent =
  MessageEvent | NoteEvent | StatusEvent | HandoffEvent | AssignmentEvent | RatingEvent | ActivityEvent | TagEvent;

export type EventType = ConversationEvent['type'];

export const EVENT_TYPES: readonly EventType[] = ['message', 'note', 'status', 'handoff', 'assignment', 'rating', 'activity', 'tag'];

export interface Conversation {
  id: string;
  channel?: string;
  /** Creation time, epoch ms. */
  createdAt: number;
  customerId?: string;
  priority?: string;
  tags?: string[];
  /**
   * True when the adapter could not read some times exactly: the conversation is shown
   * but its durations are not trusted into aggregates.
   */
  unverified?: boolean;
  /** Events in any order; the engine sorts them by time, stable for equal times. */
  events: ConversationEvent[];
}
