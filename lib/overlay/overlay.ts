/**
 * The in-page overlay: a badge per inbox row and a timer strip per conversation view.
 * Fed by the adapter runner (what is on screen) and by the worker's clock plans; redrawn by
 * ONE shared 1-second tick, inside an animation frame, writing only text that changed.
 */
import type { PageView } from '../adapters/framework/runner';
import type { AdapterOverlayAnchors } from '../adapters/framework/types';
import type { ClockPlan } from '../messaging/protocol';
import { RowBadge } from './badge';
import { isPlaced, place } from './dom';
import { waitingSinceFromEvents } from './format';
import { TimerStrip } from './timer-strip';

export interface OverlayEnv {
  document: Document;
  now(): number;
  requestFrame(callback: () => void): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export class Overlay {
  private readonly badges = new Map<Element, RowBadge>();
  private strip: TimerStrip | null = null;
  private readonly plans = new Map<string, ClockPlan>();
  private tickHandle: unknown = null;
  private frameRequested = false;
  private destroyed = false;

  constructor(
    private readonly anchors: AdapterOverlayAnchors,
    private readonly env: OverlayEnv,
  ) {}

  /** Starts the shared 1-second tick (one for every badge and timer on the page). */
  start(): void {
    if (this.tickHandle === null && !this.destroyed) this.tickHandle = this.env.setInterval(() => this.requestUpdate(), 1_000);
  }

  setPlans(plans: ClockPlan[]): void {
    for (const plan of plans) this.plans.set(plan.conversationId, plan);
    for (const badge of this.badges.values()) badge.plan = this.plans.get(rowIdOf(badge));
    if (this.strip) this.strip.plan = this.plans.get(this.strip.conversationId);
    this.requestUpdate();
  }

  /** Called by the runner once per frame in which the page changed. */
  render(view: PageView): void {
    if (this.destroyed) return;
    const now = this.env.now();
    const seen = new Set<Element>();
    for (const row of view.route === 'list' ? view.rows : []) {
      let badge = this.badges.get(row.element);
      // A badge still inside its row stays put: looking its anchor up again costs a query per row
      // on every page change. A re-rendered row or link drops the badge, which is then placed anew.
      if (!badge || !badge.host.isConnected || !row.element.contains(badge.host)) {
        const placement = this.anchors.rowBadge(row.element);
        if (!placement) continue;
        if (!badge) {
          badge = new RowBadge(this.env.document);
          this.badges.set(row.element, badge);
        }
        if (!isPlaced(badge.host, placement)) place(badge.host, placement);
      }
      seen.add(row.element);
      badge.conversationId = row.conversationId;
      // Absent observation = the row could not be validated: show it as unknown, not as zero.
      badge.waitingSince = row.observation ? row.observation.waitingSince : undefined;
      badge.plan = this.plans.get(row.conversationId);
      badge.update(now);
    }
    for (const [row, badge] of this.badges) {
      if (!seen.has(row)) {
        badge.host.remove();
        this.badges.delete(row);
      }
    }

    const conversation = view.route === 'conversation' ? view.conversation : null;
    const placement = conversation && view.root ? this.anchors.conversationHeader(view.root) : null;
    if (!conversation || !placement) {
      this.strip?.host.remove();
      this.strip = null;
      return;
    }
    if (!this.strip || this.strip.conversationId !== conversation.conversationId) {
      this.strip?.host.remove();
      this.strip = new TimerStrip(this.env.document, conversation.conversationId);
    }
    this.strip.waitingSince = conversation.waitingSince !== undefined ? conversation.waitingSince : waitingSinceFromEvents(conversation);
    this.strip.pageMissing = conversation.missing ?? [];
    this.strip.plan = this.plans.get(conversation.conversationId);
    if (!isPlaced(this.strip.host, placement)) place(this.strip.host, placement);
    this.strip.update(now);
  }

  /** Ids of the conversations the overlay currently shows. */
  visibleConversationIds(): string[] {
    const ids = [...this.badges.values()].map(rowIdOf);
    if (this.strip) ids.push(this.strip.conversationId);
    return ids;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.tickHandle !== null) this.env.clearInterval(this.tickHandle);
    for (const badge of this.badges.values()) badge.host.remove();
    this.badges.clear();
    this.strip?.host.remove();
    this.strip = null;
  }

  private requestUpdate(): void {
    if (this.frameRequested || this.destroyed) return;
    this.frameRequested = true;
    // Hidden tabs get no animation frames, so an unseen overlay costs nothing.
    this.env.requestFrame(() => {
      this.frameRequested = false;
      this.update();
    });
  }

  /** Text refresh only: every node writes itself only if its text changed. */
  update(): void {
    if (this.destroyed) return;
    const now = this.env.now();
    for (const badge of this.badges.values()) badge.update(now);
    this.strip?.update(now);
  }
}

function rowIdOf(badge: RowBadge): string {
  return badge.conversationId;
}
