/**
 * Reads a `replyline.timeline/1` JSON text into engine conversations, or explains every
 * problem with a JSON path (`conversations[0].events[3].at: …`). Nothing partial is returned
 * when any problem exists: a report over half a file would look complete and be wrong.
 */
import type { z } from 'zod';
import type { Conversation } from '../engine/events';
import { conversationFromTimeline, isoToMs } from './convert';
import { locateJsonSyntaxError } from './json-syntax';
import { timelineSchema, type TimelineFile } from './schema';

export interface TimelineProblem {
  /** JSON path of the offending value ("" for the whole document). */
  path: string;
  message: string;
}

export type ParseTimelineResult =
  | { ok: true; timeline: TimelineFile; conversations: Conversation[] }
  | { ok: false; errors: TimelineProblem[] };

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

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
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
function withoutConsequentialIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.filter(
    (issue) => issue.code !== 'custom' || !issues.some((other) => other !== issue && isStrictPrefix(issue.path, other.path)),
  );
}

/** Rules the schema cannot state alone, checked on a structurally valid file. */
function checkConsistency(timeline: TimelineFile): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  if (timeline.period && isoToMs(timeline.period.to) <= isoToMs(timeline.period.from)) {
    problems.push({ path: 'period.to', message: 'the period must end after it starts' });
  }
  const firstIndexById = new Map<string, number>();
  timeline.conversations.forEach((conversation, index) => {
    const first = firstIndexById.get(conversation.id);
    if (first !== undefined) {
      problems.push({
        path: `conversations[${index}].id`,
        message: `duplicate conversation id ${quoteValue(conversation.id)} (first used by conversations[${first}])`,
      });
    } else {
      firstIndexById.set(conversation.id, index);
    }
    // An event before the conversation exists would start clocks before creation and give
    // negative durations; equal times are normal (the opening message creates it).
    const createdAt = isoToMs(conversation.createdAt);
    conversation.events.forEach((event, eventIndex) => {
      if (isoToMs(event.at) < createdAt) {
        problems.push({
          path: `conversations[${index}].events[${eventIndex}].at`,
          message: `${event.at} is before the conversation's createdAt ${conversation.createdAt}`,
        });
      }
    });
  });
  return problems;
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

  const problems = checkConsistency(parsed.data);
  if (problems.length > 0) return { ok: false, errors: problems };

  return { ok: true, timeline: parsed.data, conversations: parsed.data.conversations.map(conversationFromTimeline) };
}

/** One problem per line, `path: message`, as the CLI and the import dialog show them. */
export function formatTimelineProblems(problems: readonly TimelineProblem[]): string {
  return problems.map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message)).join('\n');
}
