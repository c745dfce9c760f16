/**
 * Rules a `replyline.timeline/1` file must keep beyond its schema, checked one conversation at a
 * time (so a streamed file is checked as it is read): times are real and plausible, periods end
 * after they start, ids are unique and of sane length, no event precedes its conversation.
 * The CLI, the Team import and the backup restore all run these same checks.
 */
import { isoToMs } from './convert';
import type { TimelineConversation, TimelineEvent, TimelineFile } from './schema';

export interface TimelineProblem {
  /** JSON path of the offending value ("" for the whole document). */
  path: string;
  message: string;
}

/** Times before 2000 or from 2100 on are not support conversations (a year-9999 event would drop out of every week). */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);
export const LATEST_TIME = Date.UTC(2100, 0, 1);
/** Ids, tags, channels and the like; helpdesk ids are short, origins are URLs. */
export const MAX_ID_LENGTH = 256;
export const MAX_HELPDESK_LENGTH = 64;
export const MAX_ORIGIN_LENGTH = 2048;

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A problem with an absolute time, or null when it is a real time in the plausible range. */
export function implausibleTime(iso: string): string | null {
  const ms = isoToMs(iso);
  if (Number.isNaN(ms)) return `${quote(iso)} is not a real date and time`;
  if (ms < EARLIEST_TIME || ms >= LATEST_TIME) return `${quote(iso)} is outside 2000–2099; not a plausible time`;
  return null;
}

/** A problem with an epoch-milliseconds time (backups' review and outcome times), or null. */
export function implausibleEpochMs(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < EARLIEST_TIME || ms >= LATEST_TIME) {
    return `${quote(ms)} is not a plausible time (epoch milliseconds between 2000 and 2099)`;
  }
  return null;
}

function tooLong(value: string | null | undefined, max: number): string | null {
  return typeof value === 'string' && value.length > max ? `${value.length} characters long; at most ${max} are accepted` : null;
}

/** Checks of everything but the conversations. */
export function checkTimelineHead(timeline: Omit<TimelineFile, 'conversations'>, at = ''): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  const push = (path: string, message: string | null) => {
    if (message !== null) problems.push({ path: at ? `${at}.${path}` : path, message });
  };
  if (timeline.generatedAt !== undefined) push('generatedAt', implausibleTime(timeline.generatedAt));
  if (timeline.period) {
    const from = implausibleTime(timeline.period.from);
    const to = implausibleTime(timeline.period.to);
    push('period.from', from);
    push('period.to', to);
    if (from === null && to === null && isoToMs(timeline.period.to) <= isoToMs(timeline.period.from)) {
      push('period.to', 'the period must end after it starts');
    }
  }
  if (timeline.source) {
    const { helpdesk, origin } = timeline.source;
    push('source.helpdesk', tooLong(helpdesk, MAX_HELPDESK_LENGTH));
    // '|' separates the parts of storage keys: a helpdesk or origin holding one could alias another's conversations.
    if (helpdesk.includes('|')) push('source.helpdesk', 'must not contain "|"');
    push('source.origin', tooLong(origin, MAX_ORIGIN_LENGTH));
    if (origin?.includes('|')) push('source.origin', 'must not contain "|"');
  }
  push('agentId', tooLong(timeline.agentId, MAX_ID_LENGTH));
  push('profile', tooLong(timeline.profile, MAX_HELPDESK_LENGTH));
  return problems;
}

/** What the checks of a conversation's events need to know of it and of the events before. */
export interface EventCheckContext {
  /** The conversation's creation in epoch ms, or -Infinity when it is not (yet) a plausible time. */
  createdAt: number;
  createdAtIso: string;
  /** The index of each event id's first use. */
  firstIndexById: Map<string, number>;
}

/** The context for a conversation created at `createdAtIso` (a schema-valid time). */
export function eventCheckContext(createdAtIso: string): EventCheckContext {
  const createdAt = implausibleTime(createdAtIso) === null ? isoToMs(createdAtIso) : -Infinity;
  return { createdAt, createdAtIso, firstIndexById: new Map() };
}

/** Checks of everything of one conversation but its events; `path` is where it sits (`conversations[3]`). */
export function checkTimelineConversationShell(conversation: Omit<TimelineConversation, 'events'>, path: string): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  const push = (at: string, message: string | null) => {
    if (message !== null) problems.push({ path: `${path}.${at}`, message });
  };
  push('id', tooLong(conversation.id, MAX_ID_LENGTH));
  for (const field of ['channel', 'customerId', 'priority'] as const) push(field, tooLong(conversation[field], MAX_ID_LENGTH));
  conversation.tags?.forEach((tag, i) => push(`tags[${i}]`, tooLong(tag, MAX_ID_LENGTH)));
  push('createdAt', implausibleTime(conversation.createdAt));
  return problems;
}

/**
 * Checks of one event (`index` in its conversation at `path`), in file order, added to `problems`
 * (an array, or the reader's capped list); records its id in `context`.
 */
export function checkTimelineEvent(
  event: TimelineEvent,
  index: number,
  path: string,
  context: EventCheckContext,
  problems: { push(problem: TimelineProblem): unknown },
): void {
  const push = (field: string, message: string | null) => {
    if (message !== null) problems.push({ path: `${path}.events[${index}].${field}`, message });
  };
  const bad = implausibleTime(event.at);
  push('at', bad);
  // An event before the conversation exists would start clocks before creation and give
  // negative durations; equal times are normal (the opening message creates it).
  if (bad === null && isoToMs(event.at) < context.createdAt) {
    push('at', `${event.at} is before the conversation's createdAt ${context.createdAtIso}`);
  }
  if (event.type === 'activity') push('until', implausibleTime(event.until));
  if (event.id !== undefined) {
    push('id', tooLong(event.id, MAX_ID_LENGTH));
    const first = context.firstIndexById.get(event.id);
    if (first !== undefined) push('id', `duplicate event id ${quote(event.id)} (first used by events[${first}])`);
    else context.firstIndexById.set(event.id, index);
  }
  if ('agentId' in event) push('agentId', tooLong(event.agentId, MAX_ID_LENGTH));
  if (event.type === 'tag') push('tag', tooLong(event.tag, MAX_ID_LENGTH));
  if (event.type === 'assignment') push('teamId', tooLong(event.teamId, MAX_ID_LENGTH));
}

/** Checks of one conversation; `path` is where it sits (`conversations[3]`). */
export function checkTimelineConversation(conversation: TimelineConversation, path: string): TimelineProblem[] {
  const problems = checkTimelineConversationShell(conversation, path);
  const context = eventCheckContext(conversation.createdAt);
  conversation.events.forEach((event, index) => checkTimelineEvent(event, index, path, context, problems));
  return problems;
}

/** Remembers conversation ids across one file (or several, for a backup) to name duplicates. */
export class DuplicateIds {
  private readonly first = new Map<string, string>();

  /** A problem when `key` was seen before; `path` names this occurrence. */
  check(key: string, id: string, path: string): TimelineProblem | null {
    const first = this.first.get(key);
    if (first !== undefined) return { path: `${path}.id`, message: `duplicate conversation id ${quote(id)} (first used by ${first})` };
    this.first.set(key, path);
    return null;
  }
}

/** The largest file the side panel imports or restores (a year of a busy team is far below it). */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/**
 * A problem when a file is larger than `MAX_IMPORT_BYTES`: a file's size in bytes, or a text's
 * UTF-16 length (which JSON text's ASCII makes its size).
 */
export function tooLargeMessage(length: number, max = MAX_IMPORT_BYTES): string | null {
  if (length <= max) return null;
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `the file is ${mb(length)}; files up to ${mb(max)} are accepted (export a shorter period)`;
}
