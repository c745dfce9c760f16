/**
 * A conversation of a `replyline.timeline/1` file as a stored conversation, so that restored
 * backups, imported team exports and timelines pushed to the hub are measured exactly like
 * observed ones (measureStored).
 */
import type { ConversationEvent } from '../engine/events';
import type { ObservedEvent } from '../messaging/protocol';
import { conversationFromTimeline } from '../timeline/convert';
import type { TimelineConversation } from '../timeline/schema';
import type { StoredConversation } from './measure-stored';
import { eventKey, type ConversationRecord, type EventRecord } from './stored';

/** An engine event as the stored (observed) event shape; events without an id get their position. */
export function observedFromEngineEvent(event: ConversationEvent, index: number): ObservedEvent {
  const base = { id: event.id ?? `import-${index}`, at: event.at };
  const agent = 'agentId' in event && event.agentId !== undefined ? { agentId: event.agentId } : {};
  switch (event.type) {
    case 'message':
      return { ...base, type: 'message', author: event.author, ...agent, ...(event.public !== undefined && { public: event.public }) };
    case 'note':
    case 'handoff':
      return { ...base, type: event.type, ...agent };
    case 'status':
      return { ...base, type: 'status', status: event.status, ...agent };
    case 'assignment':
      return { ...base, type: 'assignment', agentId: event.agentId };
    case 'rating':
      return {
        ...base,
        type: 'rating',
        ...(event.csat !== undefined && { csat: event.csat }),
        ...(event.ces !== undefined && { ces: event.ces }),
        ...agent,
      };
    case 'activity':
      return { ...base, type: 'activity', until: event.until, agentId: event.agentId };
    case 'tag':
      return { ...base, type: 'tag', tag: event.tag };
  }
}

export interface TimelineSource {
  /** The storage key the caller gives it (conversationKey of helpdesk, origin and id). */
  key: string;
  helpdesk: string;
  origin: string;
  conversation: TimelineConversation;
  /** When it was stored (first seen / updated). */
  at: number;
}

export function storedFromTimeline({ key, helpdesk, origin, conversation, at }: TimelineSource): StoredConversation {
  const engine = conversationFromTimeline(conversation);
  const record: ConversationRecord = {
    key,
    helpdesk,
    origin,
    conversationId: conversation.id,
    ...(engine.channel !== undefined && { channel: engine.channel }),
    createdAt: engine.createdAt,
    ...(engine.customerId !== undefined && { customerId: engine.customerId }),
    ...(engine.priority !== undefined && { priority: engine.priority }),
    ...(engine.tags !== undefined && { tags: engine.tags }),
    hasEvents: true,
    missingFromList: [],
    missingFromView: [],
    unverified: engine.unverified ?? false,
    firstSeenAt: at,
    updatedAt: at,
  };
  const events: EventRecord[] = engine.events.map((event, index) => {
    // The file's order is the engine's order: `position` keeps it for equal times through storage.
    const observed = { ...observedFromEngineEvent(event, index), position: index };
    return { key: eventKey(key, observed.id), conversationKey: key, event: observed };
  });
  return { record, events, activity: [] };
}
