/**
 * FreeScout prints wall-clock times without a zone: in the signed-in user's time zone
 * (User::dateFormat sets the user's timezone before formatting). This turns such a wall time
 * into epoch ms for the user's IANA zone, exactly or not at all: a time that falls into a DST gap
 * or an ambiguous DST hour returns null instead of a guess (framework/zones.ts).
 */
import { wallTimeToInstant, zoneFormatter } from '../framework/zones';

/** FreeScout stores IANA names only: offsets such as `+02:00` are not a user's zone there. */
export function isKnownTimeZone(timeZone: string): boolean {
  return zoneFormatter(timeZone) !== null;
}

/** Epoch ms of a wall time (minute resolution) in an IANA zone; null when unknown, skipped or ambiguous. */
export function zonedWallTimeToEpoch(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): number | null {
  if (!isKnownTimeZone(timeZone)) return null;
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (new Date(asUtc).getUTCDate() !== wall.day) return null; // 31 November and the like
  return wallTimeToInstant(asUtc, timeZone);
}
