/**
 * Agent activity for handle time. A "viewing" span runs while a conversation is in front,
 * the page is visible and focused, and input keeps arriving; after `idleMs` without input the
 * span is cut back to the last input, so idle time is never counted. A "typing" span covers
 * key presses in the reply box (only that a key went down; what is typed is never read).
 *
 * `take()` hands out finished pieces and restarts open spans at the same instant, so spans
 * sent in different batches never overlap and a retried batch repeats identical spans.
 */
import type { ActivitySpan } from '../messaging/protocol';

export interface ActivityTrackerOptions {
  /** Input-free time after which the agent counts as idle (default 60 s). */
  idleMs?: number;
  /** Pause between key presses that ends a typing span (default 10 s). */
  typingGapMs?: number;
}

interface OpenSpan {
  start: number;
  lastInput: number;
}

export class ActivityTracker {
  private readonly idleMs: number;
  private readonly typingGapMs: number;
  private conversationId: string | null = null;
  private agentId: string | null = null;
  private attentive = true;
  private viewing: OpenSpan | null = null;
  private typing: OpenSpan | null = null;
  private finished: ActivitySpan[] = [];

  constructor(options: ActivityTrackerOptions = {}) {
    this.idleMs = options.idleMs ?? 60_000;
    this.typingGapMs = options.typingGapMs ?? 10_000;
  }

  /** The conversation in front and the signed-in agent (null on list pages / unknown agent). */
  setContext(conversationId: string | null, agentId: string | null, at: number): void {
    if (conversationId === this.conversationId && agentId === this.agentId) return;
    this.closeAll(at);
    this.conversationId = conversationId;
    this.agentId = agentId;
    this.openViewing(at);
  }

  /** Page visible and focused. */
  setAttention(attentive: boolean, at: number): void {
    if (attentive === this.attentive) return;
    this.attentive = attentive;
    if (attentive) this.openViewing(at);
    else this.closeAll(at);
  }

  /** Any input (key, pointer, wheel, scroll); `inComposeBox` marks a key press in the reply box. */
  input(at: number, inComposeBox: boolean): void {
    if (!this.tracking) return;
    if (this.viewing && at - this.viewing.lastInput > this.idleMs) this.closeViewing(at);
    if (!this.viewing) this.viewing = { start: at, lastInput: at };
    else this.viewing.lastInput = at;
    if (!inComposeBox) return;
    if (this.typing && at - this.typing.lastInput > this.typingGapMs) this.closeTyping();
    if (!this.typing) this.typing = { start: at, lastInput: at };
    else this.typing.lastInput = at;
  }

  /** Finished spans plus the elapsed part of open ones, up to `at`. */
  take(at: number): ActivitySpan[] {
    if (this.viewing) {
      if (at - this.viewing.lastInput > this.idleMs) this.closeViewing(at);
      else if (at > this.viewing.start) {
        this.push('viewing', this.viewing.start, at);
        this.viewing.start = at;
      }
    }
    if (this.typing) {
      if (at - this.typing.lastInput > this.typingGapMs) this.closeTyping();
      else if (this.typing.lastInput > this.typing.start) {
        this.push('typing', this.typing.start, this.typing.lastInput);
        this.typing.start = this.typing.lastInput;
      }
    }
    const out = this.finished;
    this.finished = [];
    return out;
  }

  private get tracking(): boolean {
    return this.attentive && this.conversationId !== null && this.agentId !== null;
  }

  private openViewing(at: number): void {
    if (this.tracking && !this.viewing) this.viewing = { start: at, lastInput: at };
  }

  private closeAll(at: number): void {
    this.closeViewing(at);
    this.closeTyping();
  }

  /** Time since the last input counts only while it is shorter than the idle cut. */
  private closeViewing(at: number): void {
    if (!this.viewing) return;
    const end = at - this.viewing.lastInput <= this.idleMs ? at : this.viewing.lastInput;
    this.push('viewing', this.viewing.start, end);
    this.viewing = null;
  }

  private closeTyping(): void {
    if (!this.typing) return;
    this.push('typing', this.typing.start, this.typing.lastInput);
    this.typing = null;
  }

  private push(kind: ActivitySpan['kind'], start: number, end: number): void {
    if (end <= start || this.conversationId === null || this.agentId === null) return;
    this.finished.push({ conversationId: this.conversationId, agentId: this.agentId, start, end, kind });
  }
}
