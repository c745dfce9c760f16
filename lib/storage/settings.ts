/** User settings with their defaults; stored as one record, merged over the defaults on read. */
import type { ProfileId } from '@/lib/engine/types';
import type { DayKey } from '@/lib/timeline/schema';
import type { ReplylineDb } from './db';

export interface TargetSettings {
  clock: 'business' | 'calendar';
  firstResponseSeconds?: number;
  nextResponseSeconds?: number;
  resolutionSeconds?: number;
  /** Share of a target elapsed from which a running clock is at risk. */
  atRiskShare: number;
}

/** The `replyline.timeline/1` calendar shape: IANA zone, windows per weekday, holidays. */
export interface CalendarSettings {
  timezone: string;
  week: Partial<Record<DayKey, [string, string][]>>;
  holidays: string[];
}

export interface Settings {
  profile: ProfileId;
  targets: TargetSettings;
  calendar: CalendarSettings;
  /** Activity without input for this long stops counting as handle time. */
  idleSeconds: number;
  /** Business seconds of waiting from which the long-wait cue shows; engine default when absent. */
  longWaitSeconds?: number;
  notifications: {
    /** Notify when a running clock reaches its at-risk point (before the breach). */
    atRisk: boolean;
  };
}

export const SETTINGS_KEY = 'settings';

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function defaultSettings(): Settings {
  return {
    profile: 'replyline',
    // The Demo Desk's targets: 10 min first response, 15 min next response, 2 h resolution.
    targets: { clock: 'business', firstResponseSeconds: 600, nextResponseSeconds: 900, resolutionSeconds: 7200, atRiskShare: 0.75 },
    calendar: {
      timezone: localTimeZone(),
      week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      holidays: [],
    },
    idleSeconds: 60,
    notifications: { atRisk: true },
  };
}

/** Stored settings over the defaults, one level deep (a stored partial never drops a default). */
export function mergeSettings(stored: Partial<Settings> | undefined): Settings {
  const defaults = defaultSettings();
  if (!stored) return defaults;
  return {
    ...defaults,
    ...stored,
    targets: { ...defaults.targets, ...stored.targets },
    calendar: { ...defaults.calendar, ...stored.calendar },
    notifications: { ...defaults.notifications, ...stored.notifications },
  };
}

export async function getSettings(db: ReplylineDb): Promise<Settings> {
  return mergeSettings((await db.get('settings', SETTINGS_KEY)) as Partial<Settings> | undefined);
}

export async function saveSettings(db: ReplylineDb, patch: Partial<Settings>): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const current = mergeSettings((await tx.store.get(SETTINGS_KEY)) as Partial<Settings> | undefined);
  const next = mergeSettings({ ...current, ...patch });
  await tx.store.put(next, SETTINGS_KEY);
  await tx.done;
  return next;
}
