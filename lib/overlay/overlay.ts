/**
 * The in-page overlay: a badge per inbox row and a timer strip per conversation view.
 * Fed by the adapter runner (what is on screen) and by the worker's clock plans; redrawn by
 * ONE shared 1-second tick, writing only text that changed. The tick redraws only the badges
 * near the viewport (an IntersectionObserver says which): a badge scrolled into view is
 * redrawn as it arrives, so a long inbox costs what its visible rows cost.
 */
import type { PageView, RowView } from '../adapters/framework/view';
import type { AdapterOverlayAnchors } from '../adapters/framework/types';
import type { ClockPlan } from '../messaging/protocol';
import { RowBadge } from './badge';
import { isPlaced, place } from './dom';
import { waitingSinceFromEvents } from './format';
import { TimerStrip } from './timer-strip';

export interface OverlayEnv {
  document: Document;
  now(): number;
  nextTask(callback: () => void): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Badges this far above or below the viewport count as visible, so they are current on arrival. */
export const VISIBLE_MARGIN = '400px 0px';

export class Overlay {
  private readonly badges = new Map<Element, RowBadge>();
  /** Badges by conversation id, so new plans touch only their own badges. */
  private readonly badgesById = new Map<string, Set<RowBadge>>();
  /** The root of the list last rendered: changes-only views apply on top of it. */
  private listRoot: Element | null = null;
  private strip: TimerStrip | null = null;
  private readonly plans = new Map<string, ClockPlan>();
  private tickHandle: unknown = null;
  private updateQueued = false;
  /** Badges whose plan changed since the last redraw; the 1-second tick redraws the visible ones anyway. */
  private readonly planChanged = new Set<RowBadge>();
  private tickDue = false;
  private destroyed = false;
  /**
   * Badges near the viewport, kept by `visibility`; without IntersectionObserver (tests under
   * jsdom, old engines) every badge counts as visible.
   */
  private readonly visible = new Set<RowBadge>();
  private readonly badgeOfHost = new WeakMap<Element, RowBadge>();
  private readonly visibility: IntersectionObserver | null;

  constructor(
    private readonly anchors: AdapterOverlayAnchors,
    private readonly env: OverlayEnv,
  ) {
    const Observer = env.document.defaultView?.IntersectionObserver;
    this.visibility = Observer ? new Observer((entries) => this.onVisibility(entries), { rootMargin: VISIBLE_MARGIN }) : null;
  }

  /** Starts the shared 1-second tick (one for every badge and timer on the page). */
  start(): void {
    if (this.tickHandle === null && !this.destroyed)
      this.tickHandle = this.env.setInterval(() => {
        // A hidden tab shows nothing; the first tick after it comes back redraws.
        if (this.env.document.visibilityState !== 'hidden') this.update();
      }, 1_000);
  }

  private onVisibility(entries: IntersectionObserverEntry[]): void {
    if (this.destroyed) return;
    const now = this.env.now();
    for (const entry of entries) {
      const badge = this.badgeOfHost.get(entry.target);
      if (!badge) continue;
      if (entry.isIntersecting) {
        this.visible.add(badge);
        badge.update(now);
      } else this.visible.delete(badge);
    }
  }

  /** Whether the tick redraws this badge. */
  private isVisible(badge: RowBadge): boolean {
    return this.visibility === null || this.visible.has(badge);
  }

  setPlans(plans: ClockPlan[]): void {
    for (const plan of plans) {
      this.plans.set(plan.conversationId, plan);
      for (const badge of this.badgesById.get(plan.conversationId) ?? []) {
        badge.plan = plan;
        this.planChanged.add(badge);
      }
    }
    if (this.strip) {
      this.strip.plan = this.plans.get(this.strip.conversationId);
      this.tickDue = true;
    }
    this.requestUpdate();
  }

  /** Called by the runner after each read of a changed page. */
  render(view: PageView): void {
    if (this.destroyed) return;
    const now = this.env.now();
    if (view.route === 'list' && view.rowChanges && view.root === this.listRoot) {
      // Only some rows changed: the others keep their badges as they are.
      for (const element of view.rowChanges.removed) this.removeBadge(element);
      for (const row of view.rowChanges.changed) if (!this.renderRow(row, now)) this.removeBadge(row.element);
    } else {
      const seen = new Set<Element>();
      for (const row of view.route === 'list' ? view.rows : []) if (this.renderRow(row, now)) seen.add(row.element);
      for (const row of [...this.badges.keys()]) if (!seen.has(row)) this.removeBadge(row);
    }
    this.listRoot = view.route === 'list' ? view.root : null;

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

  /** Places (if needed) and updates the badge of one row; false when the row has no anchor. */
  private renderRow(row: RowView, now: number): boolean {
    let badge = this.badges.get(row.element);
    let created = false;
    // A badge still inside its row stays put: looking its anchor up again costs a query per row.
    // A re-rendered row or link drops the badge, which is then placed anew.
    if (!badge || !badge.host.isConnected || !row.element.contains(badge.host)) {
      const placement = this.anchors.rowBadge(row.element);
      if (!placement) return false;
      if (!badge) {
        badge = new RowBadge(this.env.document);
        created = true;
        this.badges.set(row.element, badge);
        this.badgeOfHost.set(badge.host, badge);
        this.visibility?.observe(badge.host);
      }
      if (!isPlaced(badge.host, placement)) place(badge.host, placement);
    }
    if (badge.conversationId !== row.conversationId) {
      this.badgesById.get(badge.conversationId)?.delete(badge);
      badge.conversationId = row.conversationId;
      let same = this.badgesById.get(row.conversationId);
      if (!same) this.badgesById.set(row.conversationId, (same = new Set()));
      same.add(badge);
    }
    // Absent observation = the row could not be validated: show it as unknown, not as zero.
    badge.waitingSince = row.observation ? row.observation.waitingSince : undefined;
    badge.plan = this.plans.get(row.conversationId);
    // A badge out of sight is redrawn when it comes near the viewport (a busy inbox changes
    // mostly rows nobody is looking at); a new one is drawn at once so it never shows empty.
    if (created || this.isVisible(badge)) badge.update(now);
    return true;
  }

  private removeBadge(row: Element): void {
    const badge = this.badges.get(row);
    if (!badge) return;
    badge.host.remove();
    this.badges.delete(row);
    this.visibility?.unobserve(badge.host);
    this.visible.delete(badge);
    const same = this.badgesById.get(badge.conversationId);
    same?.delete(badge);
    if (same?.size === 0) this.badgesById.delete(badge.conversationId);
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
    this.visibility?.disconnect();
    this.visible.clear();
    for (const badge of this.badges.values()) badge.host.remove();
    this.badges.clear();
    this.badgesById.clear();
    this.listRoot = null;
    this.strip?.host.remove();
    this.strip = null;
  }

  private requestUpdate(): void {
    if (this.updateQueued || this.destroyed) return;
    this.updateQueued = true;
    this.env.nextTask(() => {
      this.updateQueued = false;
      if (this.tickDue) this.update();
      else if (!this.destroyed) {
        // Plans arrived between ticks: only their badges change.
        const now = this.env.now();
        for (const badge of this.planChanged) if (this.isVisible(badge)) badge.update(now);
      }
      this.tickDue = false;
      this.planChanged.clear();
    });
  }

  /** The tick: text refresh of what is visible; every node writes itself only if its text changed. */
  update(): void {
    if (this.destroyed) return;
    const now = this.env.now();
    if (this.visibility) for (const badge of this.visible) badge.update(now);
    else for (const badge of this.badges.values()) badge.update(now);
    this.strip?.update(now);
  }

  /** How many badges the tick redraws (all of them without IntersectionObserver). */
  visibleBadgeCount(): number {
    return this.visibility ? this.visible.size : this.badges.size;
  }

  /** Redraws every badge, visible or not (tests and the worst-case bench). */
  updateAll(): void {
    if (this.destroyed) return;
    const now = this.env.now();
    for (const badge of this.badges.values()) badge.update(now);
    this.strip?.update(now);
  }
}

function rowIdOf(badge: RowBadge): string {
  return badge.conversationId;
}
