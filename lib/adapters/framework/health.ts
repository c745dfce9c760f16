import type { AdapterHealth } from '../../messaging/protocol';
import type { RouteKind, SelectorSpec } from './types';

/**
 * Counts every selector of an adapter on the current page. Required selectors that match
 * nothing, and fields the extraction could not read exactly, are listed as missing so the
 * side panel can say which part of the page stopped matching.
 */
export function probeHealth(
  selectors: Record<string, SelectorSpec>,
  root: ParentNode,
  route: RouteKind,
  fieldsMissing: string[],
  at: number,
): AdapterHealth {
  return healthFromCounts(selectors, countSelectors(selectors, root), route, fieldsMissing, at);
}

/** How many elements each selector matches (the costly half of a probe: a query per selector). */
export function countSelectors(selectors: Record<string, SelectorSpec>, root: ParentNode): Record<string, number> {
  const found: Record<string, number> = {};
  for (const spec of Object.values(selectors)) found[spec.id] = root.querySelectorAll(spec.selector).length;
  return found;
}

/** A health report from counts taken earlier (when the page's structure has not changed since). */
export function healthFromCounts(
  selectors: Record<string, SelectorSpec>,
  found: Record<string, number>,
  route: RouteKind,
  fieldsMissing: string[],
  at: number,
): AdapterHealth {
  const missing: string[] = [];
  for (const spec of Object.values(selectors)) if (found[spec.id] === 0 && spec.requiredOn.includes(route)) missing.push(spec.id);
  for (const field of fieldsMissing) if (!missing.includes(field)) missing.push(field);
  return { route, at, found, missing };
}

/** A change key for a health report, ignoring its time. */
export function healthSignature(health: AdapterHealth): string {
  return JSON.stringify([health.route, health.found, health.missing, health.conversations, health.lasting]);
}

/** While parts are missing and not yet confirmed, the page is probed again this soon. */
export const HEALTH_RECHECK_MS = 4_000;
/** Parts missing in probes this far apart are a lasting problem (shown red). */
export const HEALTH_LASTING_MS = 8_000;

/**
 * Tells a lasting problem from a page still drawing: a list counted before its rows arrive
 * misses its rows once, then is complete a moment later. Missing parts count as lasting only
 * when consecutive probes of the same page found parts missing for HEALTH_LASTING_MS.
 */
export class MissingTracker {
  private since: number | null = null;
  /** Probes of the current run of missing parts. */
  private probes = 0;

  /** The report with `missingSince` and `lasting` set; a new page starts afresh. */
  mark(health: AdapterHealth, pageChanged: boolean): AdapterHealth {
    if (pageChanged || health.missing.length === 0) {
      this.since = null;
      this.probes = 0;
    }
    if (health.missing.length === 0) return health;
    this.since ??= health.at;
    this.probes++;
    return { ...health, missingSince: this.since, lasting: health.at - this.since >= HEALTH_LASTING_MS };
  }

  /**
   * Missing parts not yet confirmed are probed again soon, else at the usual interval. The soon
   * probes of one run are as many as reach HEALTH_LASTING_MS (a stopped clock cannot make them
   * endless); after them the usual interval applies.
   */
  nextProbeIn(interval: number, lastHealth: AdapterHealth | null): number {
    const recheck =
      lastHealth !== null &&
      lastHealth.missing.length > 0 &&
      !lastHealth.lasting &&
      this.probes <= Math.ceil(HEALTH_LASTING_MS / HEALTH_RECHECK_MS);
    return recheck ? Math.min(interval, HEALTH_RECHECK_MS) : interval;
  }
}
