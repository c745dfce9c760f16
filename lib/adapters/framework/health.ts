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
  const found: Record<string, number> = {};
  const missing: string[] = [];
  for (const spec of Object.values(selectors)) {
    const count = root.querySelectorAll(spec.selector).length;
    found[spec.id] = count;
    if (count === 0 && spec.requiredOn.includes(route)) missing.push(spec.id);
  }
  for (const field of fieldsMissing) if (!missing.includes(field)) missing.push(field);
  return { route, at, found, missing };
}

/** A change key for a health report, ignoring its time. */
export function healthSignature(health: AdapterHealth): string {
  return JSON.stringify([health.route, health.found, health.missing]);
}
