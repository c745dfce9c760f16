/**
 * Compose-box checks: after a pause in typing in the helpdesk's reply box, the draft is checked
 * in the page and only the booleans are handed on (the text itself is read into a local and
 * dropped). Unchanged checks are not handed on again.
 */
import type { ComposeChecksObservation } from '../../messaging/protocol';
import { composeChecks, composeText } from './compose-checks';
import type { SenderTimers } from './sender';
import type { AdapterDefinition } from './types';

export interface ComposeWatchDeps {
  timers: SenderTimers;
  now(): number;
  /** The root the runner observes (the compose box is looked up in it), or null. */
  root(): Element | null;
  /** The conversation open in the page, or null on other routes. */
  conversationId(): string | null;
  send(compose: ComposeChecksObservation): void;
  /** Pause in typing after which the compose box is checked (default 400 ms). */
  debounceMs?: number;
}

export class ComposeWatch {
  private timer: unknown = null;
  private lastSignature = '';
  private stopped = false;

  constructor(
    private readonly extract: AdapterDefinition['extract'],
    private readonly deps: ComposeWatchDeps,
  ) {}

  /** The document's `input` listener: typing inside the compose box (re)starts the pause. */
  readonly onInput = (event: Event): void => {
    const root = this.deps.root();
    if (this.stopped || !this.extract.composeContext || !root) return;
    const box = this.extract.composeBox(root);
    const target = event.target instanceof Node ? event.target : null;
    if (!box || !target || !box.contains(target)) return;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      this.check();
    }, this.deps.debounceMs ?? 400);
  };

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): void {
    const root = this.deps.root();
    if (this.stopped || !root) return;
    const conversationId = this.deps.conversationId();
    const box = this.extract.composeBox(root);
    const context = this.extract.composeContext?.(root) ?? null;
    if (!conversationId || !box || !context) return;
    const checks = composeChecks(composeText(box), context);
    const signature = `${conversationId}|${checks.greeting}|${checks.customerName}|${checks.closing}|${checks.answersQuestion}`;
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    this.deps.send({ conversationId, ...checks, at: this.deps.now() });
  }
}
