/**
 * Reads a `replyline.timeline/1` JSON text into engine conversations, or explains every
 * problem with a JSON path (`conversations[0].events[3].at: …`). Nothing partial is returned
 * when any problem exists: a report over half a file would look complete and be wrong.
 */
import type { Conversation } from '../engine/events';
import { conversationFromTimeline } from './convert';
import { checkTimelineConsistency, type TimelineProblem } from './consistency';
import { locateJsonSyntaxError } from './json-syntax';
import { z as zod } from 'zod';
import { isoInstant, timelineSchema, type TimelineConversation, type TimelineEvent, type TimelineFile } from './schema';

export type { TimelineProblem };

export type ParseTimelineResult =
  { ok: true; timeline: TimelineFile; conversations: Conversation[] } | { ok: false; errors: TimelineProblem[] };

/** `['conversations', 0, 'events', 3, 'at']` → `conversations[0].events[3].at` */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function quoteValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function describeIssue(issue: zod.core.$ZodIssue, input: unknown): string {
  const received = valueAt(input, issue.path);
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator === 'type') {
    const options = (issue as { options?: unknown[] }).options?.join(', ');
    if (received === undefined) return `missing event type (one of ${options})`;
    return `unknown event type ${quoteValue(received)} (expected one of ${options})`;
  }
  if (issue.code === 'invalid_type' && received === undefined) {
    return `required (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
  }
  if (issue.code === 'invalid_format' && typeof received === 'string') {
    return `${issue.message}; got ${quoteValue(received)}`;
  }
  if (issue.code === 'invalid_value' && received !== undefined) {
    return `${issue.message.replace(/^Invalid (option|input): /, '')}; got ${quoteValue(received)}`;
  }
  if (issue.code === 'unrecognized_keys') return issue.message;
  return issue.message.replace(/^Invalid input: /, '');
}

const isStrictPrefix = (prefix: readonly PropertyKey[], path: readonly PropertyKey[]) =>
  prefix.length < path.length && prefix.every((key, i) => key === path[i]);

/**
 * Drops whole-value checks (a window ends after it starts) on values that already have a
 * problem inside them: comparing "9:00" with "17:00" says nothing the inner issue doesn't.
 */
function withoutConsequentialIssues(issues: readonly zod.core.$ZodIssue[]): zod.core.$ZodIssue[] {
  return issues.filter(
    (issue) => issue.code !== 'custom' || !issues.some((other) => other !== issue && isStrictPrefix(issue.path, other.path)),
  );
}

// ---------------------------------------------------------------------------------------------
// Fast path. Validating a million events with zod takes seconds, so conversations and events are
// checked by hand against the same rules as schema.ts and copied the way zod copies them (known
// keys only, in schema order). Anything the hand check does not accept goes through zod, which
// alone writes the problems, so messages never depend on this code.

/** Everything but the conversations, still validated by zod (small and rarely hot). */
const timelineHeadSchema = timelineSchema.extend({ conversations: zod.array(zod.unknown()) });

/** zod's own pattern for isoInstant (its only check), so both paths accept the same strings. */
const INSTANT_PATTERN = (isoInstant as unknown as { _zod: { def: { pattern?: RegExp } } })._zod.def.pattern;

function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return INSTANT_PATTERN ? INSTANT_PATTERN.test(value) : isoInstant.safeParse(value).success;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';
const isOptionalId = (value: unknown) => value === undefined || (typeof value === 'string' && value.length > 0);
const isOptionalBoolean = (value: unknown) => value === undefined || typeof value === 'boolean';
const isOptionalScore = (value: unknown, max: number) =>
  value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max);

const AUTHORS = new Set(['customer', 'agent', 'bot', 'automation']);
const STATUSES = new Set(['open', 'pending', 'snoozed', 'resolved']);
const ACTIVITY_KINDS = new Set(['viewing', 'typing']);

/** Copies the present optional keys, in the order given (the schema's). */
function copyOptional(from: Record<string, unknown>, into: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) if (from[key] !== undefined) into[key] = from[key];
}

/** The event as eventSchema would return it, or null when eventSchema might not accept it. */
function checkedEvent(raw: unknown): TimelineEvent | null {
  if (!isRecord(raw)) return null;
  const { at, id, type } = raw;
  if (!isInstant(at) || !isOptionalId(id)) return null;
  const out: Record<string, unknown> = { at };
  if (id !== undefined) out.id = id;
  out.type = type;
  switch (type) {
    case 'message':
      if (typeof raw.author !== 'string' || !AUTHORS.has(raw.author) || !isOptionalId(raw.agentId) || !isOptionalBoolean(raw.public))
        return null;
      out.author = raw.author;
      copyOptional(raw, out, ['agentId', 'public']);
      break;
    case 'note':
    case 'handoff':
      if (!isOptionalId(raw.agentId)) return null;
      copyOptional(raw, out, ['agentId']);
      break;
    case 'status':
      if (typeof raw.status !== 'string' || !STATUSES.has(raw.status) || !isOptionalId(raw.agentId)) return null;
      out.status = raw.status;
      copyOptional(raw, out, ['agentId']);
      break;
    case 'assignment':
      if (!(raw.agentId === null || (typeof raw.agentId === 'string' && raw.agentId.length > 0)) || !isOptionalString(raw.teamId))
        return null;
      out.agentId = raw.agentId;
      copyOptional(raw, out, ['teamId']);
      break;
    case 'rating':
      if (!isOptionalScore(raw.csat, 5) || !isOptionalScore(raw.ces, 7) || !isOptionalId(raw.agentId)) return null;
      if (raw.csat === undefined && raw.ces === undefined) return null;
      copyOptional(raw, out, ['csat', 'ces', 'agentId']);
      break;
    case 'activity':
      if (!isInstant(raw.until) || typeof raw.agentId !== 'string' || raw.agentId.length === 0) return null;
      if (raw.kind !== undefined && !(typeof raw.kind === 'string' && ACTIVITY_KINDS.has(raw.kind))) return null;
      if (!(Date.parse(raw.until) > Date.parse(at))) return null;
      out.until = raw.until;
      out.agentId = raw.agentId;
      copyOptional(raw, out, ['kind']);
      break;
    case 'tag':
      if (typeof raw.tag !== 'string' || raw.tag.length === 0 || !isOptionalBoolean(raw.removed)) return null;
      out.tag = raw.tag;
      copyOptional(raw, out, ['removed']);
      break;
    default:
      return null;
  }
  return out as TimelineEvent;
}

/** The conversation as conversationSchema would return it, or null when it might not accept it. */
function checkedConversation(raw: unknown): TimelineConversation | null {
  if (!isRecord(raw)) return null;
  const { id, createdAt, tags, events } = raw;
  if (typeof id !== 'string' || id.length === 0 || !isInstant(createdAt) || !Array.isArray(events)) return null;
  if (
    !isOptionalString(raw.channel) ||
    !isOptionalString(raw.customerId) ||
    !isOptionalString(raw.priority) ||
    !isOptionalBoolean(raw.unverified)
  )
    return null;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'))) return null;
  const out: Record<string, unknown> = { id };
  copyOptional(raw, out, ['channel']);
  out.createdAt = createdAt;
  copyOptional(raw, out, ['customerId', 'priority']);
  if (tags !== undefined) out.tags = [...tags];
  copyOptional(raw, out, ['unverified']);
  const checked = new Array<TimelineEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = checkedEvent(events[i]);
    if (event === null) return null;
    checked[i] = event;
  }
  out.events = checked;
  return out as TimelineConversation;
}

/** The whole file as timelineSchema would return it, or null to let zod check it and explain. */
function fastValidate(input: unknown): TimelineFile | null {
  const head = timelineHeadSchema.safeParse(input);
  if (!head.success) return null;
  const raw = head.data.conversations;
  const conversations = new Array<TimelineConversation>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const conversation = checkedConversation(raw[i]);
    if (conversation === null) return null;
    conversations[i] = conversation;
  }
  // Assigning keeps the key where zod put it.
  const timeline = head.data as unknown as TimelineFile;
  timeline.conversations = conversations;
  return timeline;
}

export function parseTimeline(jsonText: string): ParseTimelineResult {
  // Editors on Windows may save a byte-order mark; it is not part of the document.
  const text = jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const located = locateJsonSyntaxError(text);
    const message = located
      ? `invalid JSON at line ${located.line}, column ${located.column}: ${located.message}`
      : `invalid JSON: ${(error as Error).message}`;
    return { ok: false, errors: [{ path: '', message }] };
  }

  let timeline = fastValidate(input);
  if (timeline === null) {
    const parsed = timelineSchema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        errors: withoutConsequentialIssues(parsed.error.issues).map((issue) => ({
          path: formatJsonPath(issue.path),
          message: describeIssue(issue, input),
        })),
      };
    }
    timeline = parsed.data;
  }

  const problems = checkTimelineConsistency(timeline);
  if (problems.length > 0) return { ok: false, errors: problems };

  return { ok: true, timeline, conversations: timeline.conversations.map(conversationFromTimeline) };
}

/** One problem per line, `path: message`, as the CLI and the import dialog show them. */
export function formatTimelineProblems(problems: readonly TimelineProblem[]): string {
  return problems.map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message)).join('\n');
}
