/**
 * The runner's connection to the worker: observations go out through the ObservationSender
 * (batched, idempotent, re-sent until acknowledged), open activity spans are handed to it
 * every `activityFlushMs`, and clock plans are asked for the conversations on screen.
 */
import { asBgClockPlans, type BgClockPlans, type ClockPlan, type ContentToBackground } from '../../messaging/protocol';
import type { ActivityTracker } from '../../activity/tracker';
import { ObservationSender, isContextInvalidated, type ObservationUpdate, type SenderTimers, type SendUrgency } from './sender';

export interface PageSendingDeps {
  helpdesk: string;
  origin: string;
  documentId: string;
  sendMessage(message: ContentToBackground): Promise<unknown>;
  timers: SenderTimers & { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
  now(): number;
  activity: ActivityTracker;
  onPlans(plans: ClockPlan[]): void;
  /** The extension was reloaded or removed: nothing can be sent any more. */
  onContextInvalidated(): void;
  coalesceMs?: number;
  laterMs?: number;
  /** How often open activity spans are handed to the sender (default 15 s). */
  activityFlushMs?: number;
}

export class PageSending {
  readonly sender: ObservationSender;
  private readonly activityTimer: unknown;
  private stopped = false;

  constructor(private readonly deps: PageSendingDeps) {
    this.sender = new ObservationSender({
      helpdesk: deps.helpdesk,
      origin: deps.origin,
      documentId: deps.documentId,
      send: (message) => deps.sendMessage(message),
      timers: deps.timers,
      coalesceMs: deps.coalesceMs,
      laterMs: deps.laterMs,
      onReply: (reply: BgClockPlans) => {
        if (reply.plans.length) deps.onPlans(reply.plans);
      },
      onContextInvalidated: () => deps.onContextInvalidated(),
    });
    this.activityTimer = deps.timers.setInterval(() => this.flushActivity(), deps.activityFlushMs ?? 15_000);
  }

  update(update: ObservationUpdate, urgency?: SendUrgency): void {
    this.sender.update(update, urgency);
  }

  /** Hands the open activity spans to the sender; `now` seals and sends at once (page hide). */
  flushActivity(now = false): void {
    const spans = this.deps.activity.take(this.deps.now());
    if (spans.length) this.sender.update({ activity: spans }, 'later');
    if (now) this.sender.flushNow();
  }

  /** Asks the worker for fresh plans of these conversations (an unanswered request is retried with the next observation). */
  async refreshPlans(conversationIds: string[]): Promise<void> {
    if (this.stopped || conversationIds.length === 0) return;
    try {
      const reply = await this.deps.sendMessage({
        type: 'cs:get-clock-plans',
        helpdesk: this.deps.helpdesk,
        origin: this.deps.origin,
        conversationIds,
      });
      const parsed = asBgClockPlans(reply);
      if (!this.stopped && parsed?.ok && parsed.plans.length) this.deps.onPlans(parsed.plans);
    } catch (error) {
      // Only invalidation is final.
      if (isContextInvalidated(error)) this.deps.onContextInvalidated();
    }
  }

  stop(): void {
    this.stopped = true;
    this.sender.stop();
    this.deps.timers.clearInterval(this.activityTimer);
  }
}
