/**
 * FreeScout prints wall-clock times without a zone: in the signed-in user's time zone
 * (User::dateFormat sets the user's timezone before formatting). This turns such a wall time
 * into epoch ms for an IANA zone, exactly or not at all: a time that falls into a DST gap or an
 * ambiguous DST hour returns null instead of a guess.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let formatter: Intl.DateTimeFormat | null = null;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null; // not an IANA zone this browser knows
    }
    formatters.set(timeZone, formatter);
  }
  return formatters.get(timeZone) ?? null;
}

export function isKnownTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/** The wall time at `at` in the zone, as if it were UTC (epoch ms). */
function wallClockAsUtc(formatter: Intl.DateTimeFormat, at: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** Epoch ms of a wall time (minute resolution) in an IANA zone; null when unknown, skipped or ambiguous. */
export function zonedWallTimeToEpoch(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): number | null {
  const formatter = formatterFor(timeZone);
  if (!formatter) return null;
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (new Date(asUtc).getUTCDate() !== wall.day) return null; // 31 November and the like
  // The zone's offset a day before and after covers both sides of any transition on this day.
  const candidates = new Set<number>();
  for (const probe of [asUtc - 86_400_000, asUtc + 86_400_000]) {
    const offset = wallClockAsUtc(formatter, probe) - probe;
    const at = asUtc - offset;
    if (wallClockAsUtc(formatter, at) === asUtc) candidates.add(at);
  }
  return candidates.size === 1 ? [...candidates][0] : null;
}
