/**
 * Stored records → the engine's `Conversation`. Shared by the worker and the side panel so
 * both measure exactly the same input.
 */
import type { Conversation, ConversationEvent } from '../engine/events';
import type { ObservedEvent } from '../messaging/protocol';
import type { ActivityRecord, ConversationRecord, EventRecord } from './stored';

/** An observed event as an engine event; null when it lacks what its type needs. */
export function toEngineEvent(observed: ObservedEvent): ConversationEvent | null {
  const base = { at: observed.at, id: observed.id };
  const agentId = observed.agentId ?? undefined;
  switch (observed.type) {
    case 'message':
      if (!observed.author) return null;
      return {
        ...base,
        type: 'message',
        author: observed.author,
        agentId,
        ...(observed.public === undefined ? {} : { public: observed.public }),
      };
    case 'note':
      return { ...base, type: 'note', agentId };
    case 'status':
      if (!observed.status) return null;
      return { ...base, type: 'status', status: observed.status, agentId };
    case 'handoff':
      return { ...base, type: 'handoff', agentId };
    case 'assignment':
      // null = unassigned; an absent assignee is unreadable, not "unassigned".
      if (observed.agentId === undefined) return null;
      return { ...base, type: 'assignment', agentId: observed.agentId };
    case 'rating':
      return { ...base, type: 'rating', csat: observed.csat, ces: observed.ces, agentId };
    case 'activity':
      if (!agentId || observed.until === undefined || observed.until <= observed.at) return null;
      return { ...base, type: 'activity', until: observed.until, agentId };
    case 'tag':
      if (!observed.tag) return null;
      return { ...base, type: 'tag', tag: observed.tag };
  }
}

/**
 * Stored events by time, equal times in the helpdesk's own order (`position`, as the adapter
 * read it); events without a position follow those with one. Storage returns them by key
 * (`conversationKey|eventId`), which is no order of the helpdesk's, and the engine's stable sort
 * keeps whatever order equal times arrive in.
 */
function inHelpdeskOrder(events: readonly EventRecord[]): EventRecord[] {
  return [...events].sort((a, b) => {
    if (a.event.at !== b.event.at) return a.event.at - b.event.at;
    const pa = a.event.position;
    const pb = b.event.position;
    if (pa === pb) return 0;
    if (pa === undefined) return 1;
    if (pb === undefined) return -1;
    return pa - pb;
  });
}

export function activityToEvent(span: ActivityRecord): ConversationEvent | null {
  if (span.end <= span.start) return null;
  return { type: 'activity', id: `activity|${span.key}`, at: span.start, until: span.end, agentId: span.agentId, kind: span.kind };
}

/**
 * The engine input, or null when the conversation cannot be measured (no known creation time
 * and no events). A creation time taken from the earliest event marks it unverified.
 */
export function toEngineConversation(
  record: ConversationRecord,
  events: readonly EventRecord[],
  activity: readonly ActivityRecord[],
): Conversation | null {
  const engineEvents: ConversationEvent[] = [];
  for (const stored of inHelpdeskOrder(events)) {
    const event = toEngineEvent(stored.event);
    if (event) engineEvents.push(event);
  }
  for (const span of activity) {
    const event = activityToEvent(span);
    if (event) engineEvents.push(event);
  }
  let createdAt = record.createdAt;
  let unverified = record.unverified;
  if (createdAt === undefined) {
    const times = engineEvents.filter((e) => e.type !== 'activity').map((e) => e.at);
    if (times.length === 0) return null;
    createdAt = Math.min(...times);
    unverified = true;
  }
  return {
    id: record.conversationId,
    channel: record.channel,
    createdAt,
    customerId: record.customerId,
    priority: record.priority,
    tags: record.tags,
    unverified,
    events: engineEvents,
  };
}
