/**
 * The Demo Desk's business calendar and response targets. The defaults keep demo timers
 * ticking at any hour (every day 00:00–24:00) and use short targets so that a simulator at
 * `--speed 20` reaches "at risk" and "breached" within minutes.
 */
import { calendarSchema, DAY_KEYS, targetsSchema } from '../../lib/timeline/schema.ts';
import type { CalendarSpec, DayKey } from '../../lib/engine/business-clock.ts';
import type { TargetsSpec } from '../../lib/engine/targets.ts';

export interface DeskSettings {
  calendar: CalendarSpec;
  targets: TargetsSpec;
}

export const DEFAULT_TARGETS: TargetsSpec = {
  clock: 'business',
  firstResponseSeconds: 10 * 60,
  nextResponseSeconds: 15 * 60,
  resolutionSeconds: 2 * 60 * 60,
  atRiskShare: 0.75,
};

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

/**
 * Parses business hours such as "mon-fri 09:00-17:00", "mon-fri 09:00-12:00,13:00-17:00; sat 10:00-14:00"
 * or "every day 00:00-24:00". Days not named are closed.
 */
export function parseBusinessHours(text: string): CalendarSpec['week'] {
  const week: CalendarSpec['week'] = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(.+?)\s+((?:\d{2}:\d{2}-\d{2}:\d{2})(?:\s*,\s*\d{2}:\d{2}-\d{2}:\d{2})*)$/i.exec(part);
    if (!match) throw new Error(`cannot read business hours "${part}" (expected e.g. "mon-fri 09:00-17:00")`);
    const days = parseDays(match[1].toLowerCase().trim());
    const windows = match[2].split(',').map((w) => w.trim().split('-') as [string, string]);
    for (const day of days) week[day] = [...(week[day] ?? []), ...windows];
  }
  return calendarSchema.shape.week.parse(week);
}

function parseDays(text: string): DayKey[] {
  if (text === 'every day' || text === 'daily' || text === 'all') return [...DAY_KEYS];
  const days: DayKey[] = [];
  for (const item of text.split(',').map((d) => d.trim())) {
    const [from, to] = item.split('-').map((d) => d.trim().slice(0, 3));
    const start = DAY_KEYS.indexOf(from as DayKey);
    const end = to === undefined ? start : DAY_KEYS.indexOf(to as DayKey);
    if (start < 0 || end < 0) throw new Error(`unknown day "${item}" (use mon, tue, wed, thu, fri, sat, sun)`);
    for (let i = start; ; i = (i + 1) % 7) {
      days.push(DAY_KEYS[i]);
      if (i === end) break;
    }
  }
  return days;
}

export function defaultSettings(options: { timezone?: string; businessHours?: string; targets?: Partial<TargetsSpec> } = {}): DeskSettings {
  const week = options.businessHours
    ? parseBusinessHours(options.businessHours)
    : Object.fromEntries(DAY_KEYS.map((day) => [day, ALL_DAY.map((w) => [...w] as [string, string])]));
  return {
    calendar: calendarSchema.parse({ timezone: options.timezone ?? machineTimeZone(), week, holidays: [] }),
    targets: targetsSchema.parse({ ...DEFAULT_TARGETS, ...options.targets }),
  };
}

/** Applies a partial update, validated by the timeline schema; throws a readable error when invalid. */
export function updateSettings(current: DeskSettings, change: { calendar?: unknown; targets?: unknown }): DeskSettings {
  return {
    calendar: change.calendar === undefined ? current.calendar : calendarSchema.parse(change.calendar),
    targets: change.targets === undefined ? current.targets : targetsSchema.parse({ ...current.targets, ...(change.targets as object) }),
  };
}
