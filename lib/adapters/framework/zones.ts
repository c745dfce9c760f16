/**
 * Wall times in a time zone without luxon (content scripts must stay small): a zone's offset at
 * an instant from Intl, and the one instant a wall time names, or null where a DST gap has none
 * or an overlap has two. Used by recipes (patterns with a zone) and FreeScout (the user's zone).
 */

/** `+02:00` / `-05:30` / `UTC` → offset minutes; null for anything else (IANA names included). */
export function fixedOffsetMinutes(zone: string): number | null {
  if (zone === 'UTC') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter for an IANA zone; null when this browser does not know the zone. */
export function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  if (!zoneFormatters.has(zone)) {
    let formatter: Intl.DateTimeFormat | null = null;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    zoneFormatters.set(zone, formatter);
  }
  return zoneFormatters.get(zone) ?? null;
}

/** True when Intl knows the IANA zone (or it is a fixed offset / UTC). */
export function isKnownZone(zone: string): boolean {
  return fixedOffsetMinutes(zone) !== null || zoneFormatter(zone) !== null;
}

/** The zone's offset from UTC at instant `at`, in ms; null when the zone is unknown. */
export function zoneOffsetMs(zone: string, at: number): number | null {
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== null) return fixed * 60_000;
  const formatter = zoneFormatter(zone);
  if (!formatter) return null;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(at))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return wall - Math.floor(at / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The one instant at which the zone's clocks showed this wall time (given as if it were UTC),
 * or null when there is none (DST gap) or more than one (DST overlap). Zone offsets change at
 * most once within a day either side in practice, so the offsets a day before and a day after
 * are the only candidates.
 */
export function wallTimeToInstant(wallAsUtc: number, zone: string): number | null {
  const candidates = new Set<number>();
  for (const probe of [wallAsUtc - DAY_MS, wallAsUtc + DAY_MS]) {
    const offset = zoneOffsetMs(zone, probe);
    if (offset === null) return null;
    const instant = wallAsUtc - offset;
    if (zoneOffsetMs(zone, instant) === offset) candidates.add(instant);
  }
  return candidates.size === 1 ? [...candidates][0] : null;
}
