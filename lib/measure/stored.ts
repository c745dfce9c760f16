/**
 * What is stored about a conversation, as the measuring layer reads it: the facts an adapter
 * observed (the conversation record), its events and the agents' activity spans. IndexedDB keeps
 * these records in the extension (lib/storage/schema.ts) and the team hub keeps the same shapes
 * in PostgreSQL, so both measure them with the same code.
 */
import type { ConversationStatus } from '../engine/events';
import type { ObservedEvent } from '../messaging/protocol';

export interface ConversationRecord {
  /** conversationKey(helpdesk, origin, conversationId) */
  key: string;
  helpdesk: string;
  origin: string;
  conversationId: string;
  channel?: string;
  createdAt?: number;
  customerId?: string;
  status?: ConversationStatus;
  assigneeId?: string | null;
  priority?: string;
  tags?: string[];
  /** As the helpdesk states it; null = not waiting; absent = never read. */
  waitingSince?: number | null;
  /** True once a conversation view delivered its events. */
  hasEvents: boolean;
  /** Fields the adapter could not read exactly, from the latest list row and view. */
  missingFromList: string[];
  missingFromView: string[];
  unverified: boolean;
  firstSeenAt: number;
  /** When the worker last applied an observation of it (epoch ms). */
  updatedAt: number;
  /**
   * When a page last showed it or the helpdesk's API last confirmed it (epoch ms; absent in
   * records stored before it existed: their `updatedAt`). See lib/measure/freshness.ts.
   */
  seenAt?: number;
}

/**
 * An event's storage key: the conversation key, '|', then the event id with '%' and '|' escaped.
 * The escaped part holds no '|', so a key splits at its last '|' and no two (conversation, event)
 * pairs share one (conversation ids may contain '|'). Ids without '%' or '|' keep their old keys.
 */
export function eventKey(conversationKey: string, eventId: string): string {
  return `${conversationKey}|${eventId.replace(/%/g, '%25').replace(/\|/g, '%7C')}`;
}

export interface EventRecord {
  /** eventKey(conversationKey, event id): the same event from two tabs is stored once. */
  key: string;
  conversationKey: string;
  event: ObservedEvent;
}

export interface ActivityRecord {
  /** documentId + '|' + start: a span re-sent with a later end replaces itself. */
  key: string;
  documentId: string;
  conversationKey: string;
  agentId: string;
  start: number;
  end: number;
  kind: 'viewing' | 'typing';
}
