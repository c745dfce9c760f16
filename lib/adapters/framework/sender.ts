/**
 * Sends observations to the background worker in idempotent batches, and never drops one.
 *
 * Every batch carries the page's random documentId and an increasing seq; once built, a batch
 * never changes, and it is re-sent until the worker acknowledges it — with backoff, for as long
 * as the page lives (MV3 workers stop at any time; storage can fail for minutes; the worker
 * acknowledges only after the batch's IndexedDB transaction committed). The worker dedupes by
 * documentId+seq and by event ids, so a retried batch is never counted twice. At most one
 * batch is sealed at a time: changes arriving meanwhile are merged into one buffer, the latest
 * reading per conversation, so memory stays bounded by what the page shows however long an
 * outage lasts. After a failure, `onRecovered` asks for the page's whole reading again.
 *
 * What the agent is looking at (the open conversation, a new page, the draft checks) goes out
 * within `coalesceMs`; background changes (other rows of a busy inbox, activity, health) wait up
 * to `laterMs`, so a list that changes every second costs a message every few seconds.
 */
import {
  asBgClockPlans,
  type ActivitySpan,
  type AdapterHealth,
  type BgClockPlans,
  type ComposeChecksObservation,
  type CsObservations,
  type ObservedConversation,
  type PageNames,
} from '../../messaging/protocol';

export interface SenderTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ObservationSenderOptions {
  helpdesk: string;
  origin: string;
  documentId: string;
  send(message: CsObservations): Promise<unknown>;
  timers: SenderTimers;
  onReply?(reply: BgClockPlans): void;
  /** The extension was reloaded or removed: nothing can be sent any more. */
  onContextInvalidated?(): void;
  /** A batch was acknowledged after one or more failed attempts (the runner re-sends its whole reading). */
  onRecovered?(): void;
  /** Every failed attempt (the worker's error, or none when it did not answer). */
  onFailure?(error: string | undefined): void;
  /** Delay of an update sent 'soon' (default 500 ms). */
  coalesceMs?: number;
  /** Delay of an update sent 'later' (default 5 s); a 'soon' update brings it forward. */
  laterMs?: number;
  replyTimeoutMs?: number;
  /** Waits between attempts of one batch; the last one repeats for ever. */
  retryDelaysMs?: number[];
}

/** What the page currently says; each field replaces the previous value, activity accumulates. */
export interface ObservationUpdate {
  url?: string;
  agentId?: string | null;
  focusedConversationId?: string | null;
  conversations?: ObservedConversation[];
  activity?: ActivitySpan[];
  health?: AdapterHealth;
  /** Compose-box checks (booleans only); the latest replaces an unsent earlier one. */
  compose?: ComposeChecksObservation;
  /** Conversations the page shows now, unchanged (lib/measure/freshness.ts); accumulates. */
  seen?: string[];
  /** Display names the page shows; the latest replaces an unsent earlier one. */
  names?: PageNames;
}

interface Buffer {
  conversations: Map<string, ObservedConversation>;
  activity: ActivitySpan[];
  health: AdapterHealth | undefined;
  compose?: ComposeChecksObservation;
  seen: Set<string>;
  names?: PageNames;
}

export type SendUrgency = 'soon' | 'later';

export const DEFAULT_COALESCE_MS = 500;
export const DEFAULT_LATER_MS = 5_000;
const DEFAULT_RETRY_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 15_000];

export function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /Extension context invalidated/i.test(error.message);
}

export class ObservationSender {
  private nextSeq = 0;
  private url = '';
  private agentId: string | null = null;
  private focusedConversationId: string | null = null;
  private buffer: Buffer = emptyBuffer();
  private dirty = false;
  private queue: CsObservations[] = [];
  private inFlight = false;
  private attempts = 0;
  private failedSinceAck = false;
  private coalesceTimer: unknown = null;
  /** The pending coalesce timer is the long ('later') one. */
  private coalesceIsLater = false;
  private retryTimer: unknown = null;
  private stopped = false;

  constructor(private readonly options: ObservationSenderOptions) {}

  /** Batches built but not yet acknowledged (the one in flight included). */
  get pending(): number {
    return this.queue.length + (this.dirty ? 1 : 0);
  }

  update(update: ObservationUpdate, urgency: SendUrgency = 'soon'): void {
    if (this.stopped) return;
    if (update.url !== undefined) this.url = update.url;
    if (update.agentId !== undefined) this.agentId = update.agentId;
    if (update.focusedConversationId !== undefined) this.focusedConversationId = update.focusedConversationId;
    let changed = false;
    for (const conversation of update.conversations ?? []) {
      this.buffer.conversations.set(conversation.conversationId, conversation);
      changed = true;
    }
    if (update.activity?.length) {
      mergeActivity(this.buffer.activity, update.activity);
      changed = true;
    }
    if (update.health) {
      this.buffer.health = update.health;
      changed = true;
    }
    if (update.compose) {
      this.buffer.compose = update.compose;
      changed = true;
    }
    if (update.names) {
      this.buffer.names = update.names;
      changed = true;
    }
    for (const id of update.seen ?? []) {
      this.buffer.seen.add(id);
      changed = true;
    }
    if (!changed) return;
    this.dirty = true;
    const later = urgency === 'later';
    if (this.coalesceTimer !== null) {
      if (later || !this.coalesceIsLater) return;
      // Something the agent looks at joins a batch that was waiting: send it soon instead.
      this.options.timers.clearTimeout(this.coalesceTimer);
    }
    this.coalesceIsLater = later;
    this.coalesceTimer = this.options.timers.setTimeout(
      () => {
        this.coalesceTimer = null;
        // While a batch waits for its acknowledgement the buffer keeps merging (sealed after it).
        if (this.queue.length === 0) this.seal();
        this.pump();
      },
      later ? (this.options.laterMs ?? DEFAULT_LATER_MS) : (this.options.coalesceMs ?? DEFAULT_COALESCE_MS),
    );
  }

  /** Seal and send now (page hide): the browser may not give us another chance. */
  flushNow(): void {
    if (this.stopped) return;
    if (this.coalesceTimer !== null) {
      this.options.timers.clearTimeout(this.coalesceTimer);
      this.coalesceTimer = null;
    }
    if (this.queue.length === 0) this.seal();
    if (this.retryTimer !== null) {
      this.options.timers.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of [this.coalesceTimer, this.retryTimer]) if (timer !== null) this.options.timers.clearTimeout(timer);
    this.coalesceTimer = this.retryTimer = null;
  }

  private seal(): void {
    if (!this.dirty) return;
    const batch: CsObservations = {
      type: 'cs:observations',
      documentId: this.options.documentId,
      helpdesk: this.options.helpdesk,
      origin: this.options.origin,
      seq: this.nextSeq++,
      url: this.url,
      agentId: this.agentId,
      focusedConversationId: this.focusedConversationId,
      conversations: [...this.buffer.conversations.values()],
      activity: this.buffer.activity,
    };
    if (this.buffer.health) batch.health = this.buffer.health;
    if (this.buffer.compose) batch.compose = this.buffer.compose;
    if (this.buffer.seen.size) batch.seen = [...this.buffer.seen];
    if (this.buffer.names) batch.names = this.buffer.names;
    this.queue.push(batch);
    this.buffer = emptyBuffer();
    this.dirty = false;
  }

  private pump(): void {
    if (this.stopped || this.inFlight || this.retryTimer !== null) return;
    const batch = this.queue[0];
    if (!batch) return;
    this.inFlight = true;
    void this.attempt(batch).then((outcome) => {
      this.inFlight = false;
      if (this.stopped) return;
      if (outcome.kind === 'acked') {
        this.queue.shift();
        this.attempts = 0;
        const recovered = this.failedSinceAck;
        this.failedSinceAck = false;
        this.options.onReply?.(outcome.reply);
        if (recovered) this.options.onRecovered?.();
        // What came in meanwhile goes out now, the next batch in seq order.
        if (this.dirty && this.coalesceTimer === null) this.seal();
        this.pump();
        return;
      }
      if (outcome.kind === 'invalidated') {
        this.stop();
        this.options.onContextInvalidated?.();
        return;
      }
      // Unanswered, or refused (a storage failure, a worker that cannot take it yet): the same
      // batch again, later. Nothing is dropped while the page lives.
      this.failedSinceAck = true;
      this.options.onFailure?.(outcome.kind === 'rejected' ? outcome.error : undefined);
      const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
      const delay = delays[Math.min(this.attempts++, delays.length - 1)];
      this.retryTimer = this.options.timers.setTimeout(() => {
        this.retryTimer = null;
        this.pump();
      }, delay);
    });
  }

  private async attempt(
    batch: CsObservations,
  ): Promise<{ kind: 'acked'; reply: BgClockPlans } | { kind: 'failed' | 'invalidated' } | { kind: 'rejected'; error?: string }> {
    let timer: unknown = null;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = this.options.timers.setTimeout(() => resolve('timeout'), this.options.replyTimeoutMs ?? 10_000);
    });
    try {
      const answer = await Promise.race([this.options.send(batch), timeout]);
      if (answer === 'timeout') return { kind: 'failed' };
      const reply = asBgClockPlans(answer);
      // No answer at all: the worker was stopped or not listening yet.
      if (!reply) return { kind: 'failed' };
      if (!reply.ok) return { kind: 'rejected', error: reply.error };
      if (reply.seq !== undefined && reply.seq !== batch.seq) return { kind: 'failed' };
      return { kind: 'acked', reply };
    } catch (error) {
      return { kind: isContextInvalidated(error) ? 'invalidated' : 'failed' };
    } finally {
      if (timer !== null) this.options.timers.clearTimeout(timer);
    }
  }
}

/** Spans of one conversation and start are one span growing: the longest is kept. */
function mergeActivity(into: ActivitySpan[], spans: readonly ActivitySpan[]): void {
  for (const span of spans) {
    const same = into.findIndex((s) => s.conversationId === span.conversationId && s.start === span.start && s.kind === span.kind);
    if (same === -1) into.push(span);
    else if (span.end > into[same].end) into[same] = span;
  }
}

function emptyBuffer(): Buffer {
  return { conversations: new Map(), activity: [], health: undefined, seen: new Set() };
}

/** 16 random bytes as hex; crypto.getRandomValues works on insecure (http) pages too. */
export function randomDocumentId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
