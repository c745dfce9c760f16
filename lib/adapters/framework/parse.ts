/**
 * Exact readers for page attributes. They return null instead of guessing: an unreadable time
 * becomes a `missing` entry and the conversation is marked unverified downstream.
 */

const ISO_UTC_OR_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** ISO 8601 date-time with seconds and an explicit zone → epoch ms; anything else → null. */
export function parseIsoTime(value: string | null | undefined): number | null {
  if (value == null) return null;
  const m = ISO_UTC_OR_OFFSET.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February over into March; such a value is not a real date.
  if (new Date(local).getUTCDate() !== day) return null;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const offH = Number(m[10]);
    const offM = Number(m[11]);
    if (offH > 23 || offM > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  const at = local - offsetMinutes * 60_000;
  return at >= 0 ? at : null;
}

/** A non-empty attribute value, else null. */
export function attr(el: Element, name: string): string | null {
  const value = el.getAttribute(name);
  return value === null || value === '' ? null : value;
}

/** A whole number attribute within [min, max], else null. */
export function intAttr(el: Element, name: string, min: number, max: number): number | null {
  const value = attr(el, name);
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
