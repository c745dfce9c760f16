/**
 * Reads a `replyline.timeline/1` file into engine conversations (or validated timeline
 * conversations), or explains every problem with a JSON path (`conversations[0].events[3].at: …`).
 * Nothing partial is returned when any problem exists: a report over half a file would look
 * complete and be wrong.
 *
 * The file is read as a stream (json-stream.ts): each event is validated, checked and converted
 * as it completes, each conversation when it closes, and neither the text nor the parsed document
 * is kept, so memory follows what is returned, not the file. A whole text goes the same way.
 */
import type { Conversation, ConversationEvent } from '../engine/events';
import { conversationFromTimelineParts, eventFromTimeline } from './convert';
import {
  checkTimelineConversationShell,
  checkTimelineEvent,
  checkTimelineHead,
  DuplicateIds,
  eventCheckContext,
  type EventCheckContext,
  type TimelineProblem,
} from './consistency';
import { JsonStreamReader, JsonStreamSyntaxError, type JsonPosition } from './json-stream';
import type { TimelineConversation, TimelineEvent, TimelineFile } from './schema';
import {
  checkedConversationShell,
  checkedEvent,
  isInstant,
  zodCheckedEvent,
  zodCheckedHead,
  zodCheckedShell,
  type ConversationShell,
} from './validate';

export { formatJsonPath } from './validate';
export type { TimelineProblem };

/** Everything of a timeline file but its conversations. */
export type TimelineHead = Omit<TimelineFile, 'conversations'>;

export type ParseTimelineResult =
  { ok: true; timeline: TimelineFile; conversations: Conversation[] } | { ok: false; errors: TimelineProblem[] };

export type ReadTimelineResult<T> = ({ ok: true; head: TimelineHead } & T) | { ok: false; errors: TimelineProblem[] };

/** A file with more problems than this lists these and says how many more there are. */
export const MAX_LISTED_PROBLEMS = 1000;

/** What the reader keeps of each valid conversation. */
interface Keep {
  /** The engine's conversations (epoch ms, sorted events): what a report measures. */
  engine: boolean;
  /** The validated timeline conversations: what an import stores. */
  timeline: boolean;
}

/** One conversation while its events arrive. */
interface OpenConversation {
  index: number;
  /** Schema problems of its events, listed after those of its own fields. */
  eventProblems: ProblemList;
  /** Consistency problems of its events. */
  eventRules: ProblemList;
  /** Null until the conversation's createdAt is known (a file may give it after the events). */
  context: EventCheckContext | null;
  /** Events read before createdAt, checked once it is known. */
  unchecked: Array<{ index: number; event: TimelineEvent }>;
  engineEvents: ConversationEvent[];
  events: TimelineEvent[];
}

/** A list of problems that stops growing at MAX_LISTED_PROBLEMS and counts the rest. */
class ProblemList {
  readonly items: TimelineProblem[] = [];
  private unlisted = 0;

  push(...problems: TimelineProblem[]): void {
    for (const problem of problems) {
      if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push(problem);
      else this.unlisted++;
    }
  }

  /** Adds another list's problems, listed and unlisted. */
  absorb(other: ProblemList): void {
    this.push(...other.items);
    this.unlisted += other.unlisted;
  }

  get size(): number {
    return this.items.length + this.unlisted;
  }

  list(): TimelineProblem[] {
    if (this.unlisted === 0) return this.items;
    return [...this.items, { path: '', message: `… and ${this.unlisted} more problem${this.unlisted === 1 ? '' : 's'}` }];
  }
}

/** Reads one timeline file chunk by chunk (`write`), then `end` gives the result. */
export class TimelineReader {
  private readonly json = new JsonStreamReader((value, at) => this.take(value, at));
  private readonly schemaProblems = new ProblemList();
  private readonly ruleProblems = new ProblemList();
  private readonly duplicates = new DuplicateIds();
  private readonly engine: Conversation[] = [];
  private readonly timeline: TimelineConversation[] = [];
  private open: OpenConversation | null = null;
  /** A syntax error ends the reading; it is the only problem reported. */
  private syntaxError: string | null = null;

  constructor(private readonly keep: Keep) {}

  write(chunk: Uint8Array | string): void {
    if (this.syntaxError !== null) return;
    try {
      this.json.write(chunk);
    } catch (error) {
      this.syntaxError = this.syntaxMessage(error);
    }
  }

  /** Whether the reading has already failed (a caller may stop feeding it). */
  get failed(): boolean {
    return this.syntaxError !== null;
  }

  end():
    | { ok: true; file: TimelineFile; head: TimelineHead; engine: Conversation[]; timeline: TimelineConversation[] }
    | { ok: false; errors: TimelineProblem[] } {
    let root: unknown;
    if (this.syntaxError === null) {
      try {
        root = this.json.end();
      } catch (error) {
        this.syntaxError = this.syntaxMessage(error);
      }
    }
    if (this.syntaxError !== null) return { ok: false, errors: [{ path: '', message: this.syntaxError }] };

    const head = zodCheckedHead(root);
    if (!head.ok || this.schemaProblems.size > 0) {
      // The head's fields come before the conversations in the schema, and so in the list.
      const problems = new ProblemList();
      if (!head.ok) problems.push(...head.problems);
      problems.absorb(this.schemaProblems);
      return { ok: false, errors: problems.list() };
    }
    const { conversations: _taken, ...fields } = head.value;
    const rules = new ProblemList();
    rules.push(...checkTimelineHead(fields));
    rules.absorb(this.ruleProblems);
    if (rules.size > 0) return { ok: false, errors: rules.list() };
    // Assigned, so the key stays where zod put it (before "summary"); empty unless kept.
    const file = head.value as unknown as TimelineFile;
    file.conversations = this.timeline;
    return { ok: true, file, head: fields, engine: this.engine, timeline: this.timeline };
  }

  private syntaxMessage(error: unknown): string {
    if (error instanceof JsonStreamSyntaxError) return error.message;
    throw error;
  }

  /** Takes each conversation and each event out of the document as it completes. */
  private take(value: unknown, at: JsonPosition): boolean {
    if ((at.depth !== 2 && at.depth !== 4) || at.keyAt(0) !== 'conversations') return false;
    const conversation = at.keyAt(1);
    if (typeof conversation !== 'number') return false;
    if (at.depth === 2) {
      this.closeConversation(value, conversation);
      return true;
    }
    const index = at.depth === 4 && at.keyAt(2) === 'events' ? at.keyAt(3) : null;
    if (typeof index !== 'number') return false;
    this.readEvent(value, conversation, index, at.containerAt(2) as Record<string, unknown>);
    return true;
  }

  private openConversation(index: number): OpenConversation {
    if (this.open?.index !== index) {
      this.open = {
        index,
        eventProblems: new ProblemList(),
        eventRules: new ProblemList(),
        context: null,
        unchecked: [],
        engineEvents: [],
        events: [],
      };
    }
    return this.open;
  }

  /** Whether the conversations are still worth keeping (any problem means nothing is returned). */
  private get keeping(): boolean {
    return this.schemaProblems.size === 0 && this.ruleProblems.size === 0;
  }

  private readEvent(raw: unknown, conversationIndex: number, index: number, conversation: Record<string, unknown>): void {
    const open = this.openConversation(conversationIndex);
    let event = checkedEvent(raw);
    if (event === null) {
      const checked = zodCheckedEvent(raw, conversationIndex, index);
      if (!checked.ok) {
        open.eventProblems.push(...checked.problems);
        return;
      }
      event = checked.value;
    }
    if (open.context === null && isInstant(conversation.createdAt)) open.context = eventCheckContext(conversation.createdAt);
    if (open.context !== null) {
      checkTimelineEvent(event, index, `conversations[${conversationIndex}]`, open.context, open.eventRules);
    } else {
      open.unchecked.push({ index, event });
    }
    if (!this.keeping || open.eventProblems.size > 0) return;
    if (this.keep.engine) open.engineEvents.push(eventFromTimeline(event));
    if (this.keep.timeline) open.events.push(event);
  }

  private closeConversation(raw: unknown, index: number): void {
    const open = this.openConversation(index);
    this.open = null;
    const path = `conversations[${index}]`;
    let shell: ConversationShell | null = checkedConversationShell(raw);
    if (shell === null) {
      const checked = zodCheckedShell(raw, index);
      if (checked.ok) shell = checked.value;
      else this.schemaProblems.push(...checked.problems);
    }
    this.schemaProblems.absorb(open.eventProblems);
    if (shell === null || this.schemaProblems.size > 0) return;

    const duplicate = this.duplicates.check(shell.id, shell.id, path);
    if (duplicate) this.ruleProblems.push(duplicate);
    this.ruleProblems.push(...checkTimelineConversationShell(shell, path));
    if (open.unchecked.length > 0) {
      const context = eventCheckContext(shell.createdAt);
      for (const { index: eventIndex, event } of open.unchecked) checkTimelineEvent(event, eventIndex, path, context, open.eventRules);
    }
    this.ruleProblems.absorb(open.eventRules);
    if (!this.keeping) return;
    if (this.keep.engine) this.engine.push(conversationFromTimelineParts(shell, open.engineEvents));
    if (this.keep.timeline) this.timeline.push({ ...shell, events: open.events });
  }
}

/** A timeline as one text (what the hub receives, what tests write). */
export function parseTimeline(jsonText: string): ParseTimelineResult {
  const reader = new TimelineReader({ engine: true, timeline: true });
  reader.write(jsonText);
  const result = reader.end();
  return result.ok ? { ok: true, timeline: result.file, conversations: result.engine } : result;
}

async function readChunks(chunks: AsyncIterable<Uint8Array | string>, keep: Keep) {
  const reader = new TimelineReader(keep);
  for await (const chunk of chunks) {
    reader.write(chunk);
    if (reader.failed) break;
  }
  return reader.end();
}

/** A streamed timeline as a report needs it: its head and the engine's conversations. */
export async function readTimelineForReport(
  chunks: AsyncIterable<Uint8Array | string>,
): Promise<ReadTimelineResult<{ conversations: Conversation[] }>> {
  const result = await readChunks(chunks, { engine: true, timeline: false });
  return result.ok ? { ok: true, head: result.head, conversations: result.engine } : result;
}

/** A streamed timeline as an import stores it: the validated file. */
export async function readTimelineFile(
  chunks: AsyncIterable<Uint8Array | string>,
): Promise<ReadTimelineResult<{ timeline: TimelineFile }>> {
  const result = await readChunks(chunks, { engine: false, timeline: true });
  return result.ok ? { ok: true, head: result.head, timeline: result.file } : result;
}

/** One problem per line, `path: message`, as the CLI and the import dialog show them. */
export function formatTimelineProblems(problems: readonly TimelineProblem[]): string {
  return problems.map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message)).join('\n');
}
