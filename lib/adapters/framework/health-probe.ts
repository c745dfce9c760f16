/**
 * Adapter health of one page: every selector is counted at once when the route, URL or root
 * changed, else at most every HEALTH_PROBE_INTERVAL_MS, with a trailing probe so the end of a
 * burst of changes is reported. Only a health that differs from the last one sent goes out.
 */
import type { AdapterHealth } from '../../messaging/protocol';
import { countSelectors, healthFromCounts, healthSignature, MissingTracker } from './health';
import type { SenderTimers, SendUrgency } from './sender';
import type { RouteKind, SelectorSpec } from './types';

/**
 * Health is probed at once when the route or URL changes, else at most this often (a query per
 * selector over the page); a burst of changes ends with one more probe. Health is read by a
 * person in Settings, so half a minute is fresh enough and a busy inbox pays for it rarely.
 */
export const HEALTH_PROBE_INTERVAL_MS = 30_000;

export interface HealthInput {
  root: Element;
  route: RouteKind;
  fieldsMissing: () => string[];
  /** Route and URL: a new context is probed at once. */
  context: string;
  /** Conversations read on the page (reported so the panel can say "8 conversations"). */
  conversations: () => number;
}

export interface HealthProbeDeps {
  selectors: Record<string, SelectorSpec>;
  timers: SenderTimers;
  now(): number;
  /**
   * Whether the page's structure may have changed since the last probe (false when the
   * incremental list saw only row attributes and text change, so no selector can match
   * differently and the last counts are reused).
   */
  structureChanged(route: RouteKind): boolean;
  send(health: AdapterHealth, urgency: SendUrgency): void;
}

export class HealthProbe {
  private lastAt = -Infinity;
  private lastContext = '';
  private lastRoot: Element | null = null;
  private lastSignature = '';
  private timer: unknown = null;
  private input: HealthInput | null = null;
  private lastFound: Record<string, number> | null = null;
  /** Missing parts are probed again soon and reported as lasting only when they stay. */
  private readonly missing = new MissingTracker();
  private last: AdapterHealth | null = null;

  constructor(private readonly deps: HealthProbeDeps) {}

  report(input: HealthInput, now: number): void {
    this.input = input;
    const interval = this.missing.nextProbeIn(HEALTH_PROBE_INTERVAL_MS, this.last);
    if (input.context !== this.lastContext || input.root !== this.lastRoot || now - this.lastAt >= interval) {
      this.clear();
      this.probe(now);
    } else if (this.timer === null) this.probeLater(Math.max(0, this.lastAt + interval - now));
  }

  private probeLater(delay: number): void {
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      this.probe(this.deps.now());
    }, delay);
  }

  /** Nothing to probe (no route, no root): a pending probe is cancelled. */
  idle(): void {
    this.clear();
    this.input = null;
  }

  /** The next reading is probed and sent even when equal to the last (a new page, a resend). */
  forget(): void {
    this.lastSignature = '';
    this.lastContext = '';
  }

  stop(): void {
    this.idle();
  }

  private probe(now: number): void {
    if (!this.input) return;
    const { root, route, fieldsMissing, context } = this.input;
    const contextChanged = context !== this.lastContext || root !== this.lastRoot;
    this.lastAt = now;
    this.lastContext = context;
    this.lastRoot = root;
    const structureChanged = this.deps.structureChanged(route);
    if (structureChanged || !this.lastFound || contextChanged) this.lastFound = countSelectors(this.deps.selectors, root);
    const counted = healthFromCounts(this.deps.selectors, this.lastFound, route, fieldsMissing(), now);
    const health = this.missing.mark({ ...counted, conversations: this.input.conversations() }, contextChanged);
    const last = this.last;
    const stateChanged =
      (last?.missing.length ?? 0) > 0 !== health.missing.length > 0 || Boolean(last?.lasting) !== Boolean(health.lasting);
    this.last = health;
    // A page may miss parts only until it has drawn them: probed again soon, even if nothing changes.
    const next = this.missing.nextProbeIn(HEALTH_PROBE_INTERVAL_MS, health);
    if (next < HEALTH_PROBE_INTERVAL_MS && this.timer === null) this.probeLater(next);
    const signature = healthSignature(health);
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    // A new page, and a problem appearing or going, are shown soon; changed counts can wait.
    this.deps.send(health, contextChanged || stateChanged ? 'soon' : 'later');
  }

  private clear(): void {
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
