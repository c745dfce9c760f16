/**
 * Conversion between the timeline file (ISO times) and the engine's conversations (epoch ms).
 * Both directions copy only the fields that are present, so a round trip
 * conversations → file → conversations is lossless.
 */
import type { CalendarSpec } from '../engine/business-clock';
import type { Conversation, ConversationEvent } from '../engine/events';
import type { TargetsSpec } from '../engine/targets';
import { TIMELINE_FORMAT, type TimelineConversation, type TimelineEvent, type TimelineFile } from './schema';

export function isoToMs(iso: string): number {
  return Date.parse(iso);
}

export function msToIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Sorts by time; Array.prototype.sort is stable, so equal times keep their file order. */
export function sortEventsByTime<T extends { at: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.at - b.at);
}

/**
 * One event's known fields (an allowlist: nothing else reaches a file or the engine), with its
 * times written by `time`. Both directions differ only in how times are written.
 */
function copyEvent(event: ConversationEvent | TimelineEvent, time: (t: number | string) => number | string): Record<string, unknown> {
  const at = time(event.at);
  const id = event.id === undefined ? {} : { id: event.id };
  const agent = 'agentId' in event && event.agentId !== undefined ? { agentId: event.agentId } : {};
  switch (event.type) {
    case 'message':
      return { type: 'message', at, ...id, author: event.author, ...agent, ...(event.public !== undefined && { public: event.public }) };
    case 'note':
    case 'handoff':
      return { type: event.type, at, ...id, ...agent };
    case 'status':
      return { type: 'status', at, ...id, status: event.status, ...agent };
    case 'assignment':
      return { type: 'assignment', at, ...id, agentId: event.agentId, ...(event.teamId !== undefined && { teamId: event.teamId }) };
    case 'rating':
      return {
        type: 'rating',
        at,
        ...id,
        ...(event.csat !== undefined && { csat: event.csat }),
        ...(event.ces !== undefined && { ces: event.ces }),
        ...agent,
      };
    case 'activity':
      return {
        type: 'activity',
        at,
        ...id,
        until: time(event.until),
        agentId: event.agentId,
        ...(event.kind !== undefined && { kind: event.kind }),
      };
    case 'tag':
      return { type: 'tag', at, ...id, tag: event.tag, ...(event.removed !== undefined && { removed: event.removed }) };
  }
}

export function eventFromTimeline(event: TimelineEvent): ConversationEvent {
  return copyEvent(event, (t) => isoToMs(t as string)) as unknown as ConversationEvent;
}

export function eventToTimeline(event: ConversationEvent): TimelineEvent {
  return copyEvent(event, (t) => msToIso(t as number)) as unknown as TimelineEvent;
}

/** A validated timeline conversation as the engine's input, events sorted by time. */
export function conversationFromTimeline(conversation: TimelineConversation): Conversation {
  return conversationFromTimelineParts(conversation, conversation.events.map(eventFromTimeline));
}

/** The same from a conversation's fields and its events already converted (in file order), as a streamed file gives them. */
export function conversationFromTimelineParts(
  conversation: Omit<TimelineConversation, 'events'>,
  events: readonly ConversationEvent[],
): Conversation {
  return {
    id: conversation.id,
    ...(conversation.channel !== undefined && { channel: conversation.channel }),
    createdAt: isoToMs(conversation.createdAt),
    ...(conversation.customerId !== undefined && { customerId: conversation.customerId }),
    ...(conversation.priority !== undefined && { priority: conversation.priority }),
    ...(conversation.tags !== undefined && { tags: [...conversation.tags] }),
    ...(conversation.unverified !== undefined && { unverified: conversation.unverified }),
    events: sortEventsByTime(events),
  };
}

export function conversationToTimeline(conversation: Conversation): TimelineConversation {
  return {
    id: conversation.id,
    ...(conversation.channel !== undefined && { channel: conversation.channel }),
    createdAt: msToIso(conversation.createdAt),
    ...(conversation.customerId !== undefined && { customerId: conversation.customerId }),
    ...(conversation.priority !== undefined && { priority: conversation.priority }),
    ...(conversation.tags !== undefined && { tags: [...conversation.tags] }),
    ...(conversation.unverified !== undefined && { unverified: conversation.unverified }),
    events: sortEventsByTime(conversation.events).map(eventToTimeline),
  };
}

export interface TimelineFileInput {
  conversations: readonly Conversation[];
  generatedAt?: number;
  source?: { helpdesk: string; origin?: string };
  agentId?: string;
  period?: { from: number; to: number };
  profile?: string;
  calendar?: CalendarSpec;
  targets?: TargetsSpec;
  /** A summary for people to read; importers recompute it. */
  summary?: unknown;
}

/** Engine conversations (and their settings) as a `replyline.timeline/1` file. */
export function toTimelineFile(input: TimelineFileInput): TimelineFile {
  return {
    format: TIMELINE_FORMAT,
    ...(input.generatedAt !== undefined && { generatedAt: msToIso(input.generatedAt) }),
    ...(input.source !== undefined && { source: { ...input.source } }),
    ...(input.agentId !== undefined && { agentId: input.agentId }),
    ...(input.period !== undefined && { period: { from: msToIso(input.period.from), to: msToIso(input.period.to) } }),
    ...(input.profile !== undefined && { profile: input.profile }),
    ...(input.calendar !== undefined && { calendar: structuredClone(input.calendar) }),
    ...(input.targets !== undefined && { targets: { ...input.targets } }),
    conversations: input.conversations.map(conversationToTimeline),
    ...(input.summary !== undefined && { summary: input.summary }),
  };
}
