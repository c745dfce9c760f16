/**
 * Validation of a timeline's parts against schema.ts: a hand check for the common case (a
 * million events through zod takes seconds), and zod for everything the hand check does not
 * accept, which alone writes the problems (path and reason), so messages never depend on the
 * hand check. The reader (parse.ts) validates conversation by conversation, event by event.
 */
import { z as zod } from 'zod';
import type { TimelineProblem } from './consistency';
import { conversationSchema, eventSchema, isoInstant, timelineSchema, type TimelineConversation, type TimelineEvent } from './schema';

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

/** zod's own pattern for isoInstant (its only check), so both paths accept the same strings. */
const INSTANT_PATTERN = (isoInstant as unknown as { _zod: { def: { pattern?: RegExp } } })._zod.def.pattern;

export function isInstant(value: unknown): value is string {
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

/**
 * Known words, each mapped to one shared string: a streamed file makes a new string for every
 * occurrence, and a million events would otherwise hold millions of copies of "message".
 */
const words = (list: readonly string[]) => new Map(list.map((word) => [word, word]));
const TYPES = words(['message', 'note', 'status', 'handoff', 'assignment', 'rating', 'activity', 'tag']);
const AUTHORS = words(['customer', 'agent', 'bot', 'automation']);
const STATUSES = words(['open', 'pending', 'snoozed', 'resolved']);
const ACTIVITY_KINDS = words(['viewing', 'typing']);

/** Copies the present optional keys, in the order given (the schema's). */
function copyOptional(from: Record<string, unknown>, into: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) if (from[key] !== undefined) into[key] = from[key];
}

/** The event as eventSchema would return it, or null when eventSchema might not accept it. */
export function checkedEvent(raw: unknown): TimelineEvent | null {
  if (!isRecord(raw)) return null;
  const { at, id, type } = raw;
  if (!isInstant(at) || !isOptionalId(id)) return null;
  const out: Record<string, unknown> = { at };
  if (id !== undefined) out.id = id;
  out.type = TYPES.get(type as string) ?? type;
  switch (type) {
    case 'message':
      if (typeof raw.author !== 'string' || !AUTHORS.has(raw.author) || !isOptionalId(raw.agentId) || !isOptionalBoolean(raw.public))
        return null;
      out.author = AUTHORS.get(raw.author);
      copyOptional(raw, out, ['agentId', 'public']);
      break;
    case 'note':
    case 'handoff':
      if (!isOptionalId(raw.agentId)) return null;
      copyOptional(raw, out, ['agentId']);
      break;
    case 'status':
      if (typeof raw.status !== 'string' || !STATUSES.has(raw.status) || !isOptionalId(raw.agentId)) return null;
      out.status = STATUSES.get(raw.status);
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
      if (raw.kind !== undefined) out.kind = ACTIVITY_KINDS.get(raw.kind);
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

/** A conversation without its events (the reader takes those one by one). */
export type ConversationShell = Omit<TimelineConversation, 'events'>;

/** The conversation's fields but its events as conversationSchema would return them, or null when it might not accept them. */
export function checkedConversationShell(raw: unknown): ConversationShell | null {
  if (!isRecord(raw)) return null;
  const { id, createdAt, tags, events } = raw;
  // The reader has taken every event out of the array; an array it is, or zod explains.
  if (typeof id !== 'string' || id.length === 0 || !isInstant(createdAt) || !Array.isArray(events) || events.length > 0) return null;
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
  return out as ConversationShell;
}

/** Everything but the conversations, validated by zod (small and rarely hot). */
const timelineHeadSchema = timelineSchema.extend({ conversations: zod.array(zod.unknown()) });
/** A conversation whose events the reader has taken out one by one. */
const conversationShellSchema = conversationSchema.extend({ events: zod.array(zod.unknown()) });

type ZodChecked<T> = { ok: true; value: T } | { ok: false; problems: TimelineProblem[] };

/** Runs `schema` on `input` found at `at`, and writes every problem with its full JSON path. */
function zodChecked<T>(schema: zod.ZodType<T>, input: unknown, at: readonly PropertyKey[]): ZodChecked<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: withoutConsequentialIssues(parsed.error.issues).map((issue) => ({
      path: formatJsonPath([...at, ...issue.path]),
      message: describeIssue(issue, input),
    })),
  };
}

export const zodCheckedHead = (input: unknown) => zodChecked(timelineHeadSchema, input, []);
export const zodCheckedShell = (input: unknown, index: number) =>
  zodChecked(conversationShellSchema, input, ['conversations', index]) as ZodChecked<ConversationShell>;
export const zodCheckedEvent = (input: unknown, conversation: number, index: number) =>
  zodChecked(eventSchema, input, ['conversations', conversation, 'events', index]);
