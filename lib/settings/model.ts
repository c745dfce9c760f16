/**
 * User settings with their defaults, merge and validation rules: a pure model (no storage), used
 * by the worker, the side panel and the hub. lib/storage/settings.ts reads and writes the record.
 */
import { z } from 'zod';
import type { ProfileId } from '../engine/types';
import { isProfileId } from '../engine/profiles';
import { calendarSchema, type DayKey } from '../timeline/schema';

export interface TargetSettings {
  clock: 'business' | 'calendar';
  firstResponseSeconds?: number;
  nextResponseSeconds?: number;
  resolutionSeconds?: number;
  /** Share of a target elapsed from which a running clock is at risk. */
  atRiskShare: number;
}

export type TargetKind = 'firstResponseSeconds' | 'nextResponseSeconds' | 'resolutionSeconds';
export const TARGET_KINDS: readonly TargetKind[] = ['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'];

/** The priorities the settings name; a helpdesk's own value is matched case-insensitively. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** Channels offered in the settings; any other channel a helpdesk reports can be typed in. */
export const KNOWN_CHANNELS = ['chat', 'email', 'phone', 'social', 'messaging', 'web'] as const;

/**
 * Targets for conversations of one channel, one priority, or both. A kind left out falls
 * through to the next less specific rule, then to the default targets.
 */
export interface TargetRule {
  channel?: string;
  priority?: string;
  firstResponseSeconds?: number;
  nextResponseSeconds?: number;
  resolutionSeconds?: number;
}

/** A self-hosted helpdesk origin the user granted access to, read by one adapter. */
export interface HelpdeskBinding {
  adapterId: string;
  /** `https://support.example.com` (no path, no trailing slash). */
  origin: string;
  addedAt: number;
}

/** The `replyline.timeline/1` calendar shape: IANA zone, windows per weekday, holidays. */
export interface CalendarSettings {
  timezone: string;
  week: Partial<Record<DayKey, [string, string][]>>;
  holidays: string[];
}

/** A compose-box check the Now view can answer by itself (pass/fail), never storing the text. */
export type AutoCheckKey = 'greeting' | 'customerName' | 'closing' | 'noUnansweredQuestion';
export const AUTO_CHECK_KEYS: readonly AutoCheckKey[] = ['greeting', 'customerName', 'closing', 'noUnansweredQuestion'];

/** One line of a QA checklist. */
export interface ChecklistItem {
  /** Stable within its template: review answers are keyed by it. */
  id: string;
  label: string;
  /** Relative weight in the score (> 0). */
  weight: number;
  /** A failed critical item fails the whole review. */
  critical: boolean;
  /** Whether the reviewer may answer N/A (left out of the score). */
  allowNa: boolean;
  autoCheck?: AutoCheckKey;
}

export interface ChecklistTemplate {
  id: string;
  name: string;
  items: ChecklistItem[];
}

export const DEFAULT_CHECKLIST_TEMPLATE_ID = 'default';

export interface Settings {
  profile: ProfileId;
  targets: TargetSettings;
  /** Per channel / priority overrides of the default targets (most specific wins). */
  targetRules: TargetRule[];
  calendar: CalendarSettings;
  /** Activity without input for this long stops counting as handle time. */
  idleSeconds: number;
  /** Business seconds of waiting from which the long-wait cue shows; engine default when absent. */
  longWaitSeconds?: number;
  /** Cost of an agent hour, for cost per conversation; absent = not shown. */
  hourlyCost?: number;
  notifications: {
    /** Notify when a running clock reaches its at-risk point (before the breach). */
    atRisk: boolean;
  };
  /** Observed data older than this many days is deleted daily. */
  retentionDays: number;
  /** Self-hosted helpdesks: origins granted at runtime and the adapter that reads each. */
  helpdeskBindings: HelpdeskBinding[];
  /** QA checklists; the built-in default is always present and never edited in place. */
  checklistTemplates: ChecklistTemplate[];
  activeChecklistTemplateId: string;
  /** Open conversations one agent can hold at once (the Team view's load against capacity). */
  capacityPerAgent: number;
  /** A weekly notification that opens the weekly review page (off by default). */
  weeklyReviewReminder?: boolean;
  /**
   * Keep and show customers' display names where the helpdesk page shows them (off by default:
   * the helpdesk's ticket number is shown instead). Off = not stored at all; turning it off
   * deletes the stored ones.
   */
  showCustomerNames?: boolean;
}

export const SETTINGS_KEY = 'settings';
export const DEFAULT_RETENTION_DAYS = 180;

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The built-in checklist: what a good reply has, weighted; the auto-checks read the compose box. */
export function defaultChecklistTemplate(): ChecklistTemplate {
  return {
    id: DEFAULT_CHECKLIST_TEMPLATE_ID,
    name: 'Default',
    items: [
      { id: 'greeting', label: 'Greets the customer', weight: 1, critical: false, allowNa: false, autoCheck: 'greeting' },
      { id: 'customer-name', label: 'Uses the customer’s name', weight: 1, critical: false, allowNa: true, autoCheck: 'customerName' },
      {
        id: 'answers-all',
        label: 'Answers every question the customer asked',
        weight: 3,
        critical: true,
        allowNa: false,
        autoCheck: 'noUnansweredQuestion',
      },
      { id: 'accurate', label: 'Information is correct and complete', weight: 3, critical: true, allowNa: false },
      { id: 'tone', label: 'Tone fits the customer and the situation', weight: 2, critical: false, allowNa: false },
      { id: 'next-steps', label: 'Sets clear expectations for next steps', weight: 2, critical: false, allowNa: true },
      { id: 'closing', label: 'Closes with an offer of further help', weight: 1, critical: false, allowNa: false, autoCheck: 'closing' },
    ],
  };
}

export function defaultSettings(): Settings {
  return {
    profile: 'replyline',
    // The Demo Desk's targets: 10 min first response, 15 min next response, 2 h resolution.
    targets: { clock: 'business', firstResponseSeconds: 600, nextResponseSeconds: 900, resolutionSeconds: 7200, atRiskShare: 0.75 },
    targetRules: [],
    calendar: {
      timezone: localTimeZone(),
      week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      holidays: [],
    },
    idleSeconds: 60,
    notifications: { atRisk: true },
    retentionDays: DEFAULT_RETENTION_DAYS,
    helpdeskBindings: [],
    checklistTemplates: [defaultChecklistTemplate()],
    activeChecklistTemplateId: DEFAULT_CHECKLIST_TEMPLATE_ID,
    capacityPerAgent: 5,
    weeklyReviewReminder: false,
    showCustomerNames: false,
  };
}

/**
 * Stored settings over the defaults, one level deep (a stored partial never drops a default).
 * Records written by older versions lack the newer fields and load with their defaults.
 */
export function mergeSettings(stored: Partial<Settings> | undefined): Settings {
  const defaults = defaultSettings();
  if (!isObject(stored)) return defaults;
  // A field of the wrong shape (a hand-edited record) is never spread: strings would spread into characters.
  const merged: Settings = {
    ...defaults,
    ...stored,
    targets: { ...defaults.targets, ...(isObject(stored.targets) ? stored.targets : {}) },
    targetRules: Array.isArray(stored.targetRules) ? stored.targetRules : defaults.targetRules,
    calendar: { ...defaults.calendar, ...(isObject(stored.calendar) ? stored.calendar : {}) },
    notifications: { ...defaults.notifications, ...(isObject(stored.notifications) ? stored.notifications : {}) },
    helpdeskBindings: Array.isArray(stored.helpdeskBindings) ? stored.helpdeskBindings : defaults.helpdeskBindings,
  };
  // The built-in template is always first and always the built-in one.
  const own = Array.isArray(stored.checklistTemplates)
    ? stored.checklistTemplates.filter((t) => !isObject(t) || t.id !== DEFAULT_CHECKLIST_TEMPLATE_ID)
    : [];
  merged.checklistTemplates = [defaultChecklistTemplate(), ...own];
  if (!merged.checklistTemplates.some((t) => isObject(t) && t.id === merged.activeChecklistTemplateId))
    merged.activeChecklistTemplateId = DEFAULT_CHECKLIST_TEMPLATE_ID;
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Targets per conversation

export interface TargetScope {
  channel?: string | null;
  priority?: string | null;
}

function norm(value: string | null | undefined): string | null {
  const trimmed = value?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** 3 = channel and priority, 2 = priority, 1 = channel; null = the rule does not apply. */
function specificity(rule: TargetRule, channel: string | null, priority: string | null): number | null {
  const ruleChannel = norm(rule.channel);
  const rulePriority = norm(rule.priority);
  if (ruleChannel === null && rulePriority === null) return null;
  if (ruleChannel !== null && ruleChannel !== channel) return null;
  if (rulePriority !== null && rulePriority !== priority) return null;
  if (ruleChannel !== null && rulePriority !== null) return 3;
  return rulePriority !== null ? 2 : 1;
}

/**
 * The targets of one conversation: per kind, the most specific rule that sets it
 * (channel+priority > priority > channel), else the default; the first of equals wins.
 */
export function pickTargets(settings: Pick<Settings, 'targets' | 'targetRules'>, scope: TargetScope): TargetSettings {
  const channel = norm(scope.channel);
  const priority = norm(scope.priority);
  const picked: TargetSettings = { ...settings.targets };
  for (const kind of TARGET_KINDS) {
    let best = 0;
    for (const rule of settings.targetRules ?? []) {
      const value = rule[kind];
      if (value === undefined) continue;
      const rank = specificity(rule, channel, priority);
      if (rank !== null && rank > best) {
        best = rank;
        picked[kind] = value;
      }
    }
  }
  return picked;
}

// ---------------------------------------------------------------------------------------------
// Validation (the settings screen and imports use the same rules)

const seconds = z
  .number({ error: 'must be a number' })
  .positive({ error: 'must be more than 0' })
  .max(365 * 86_400, { error: 'must be at most a year' });
const optionalSeconds = seconds.optional();

export const targetSettingsSchema = z.object({
  clock: z.enum(['business', 'calendar'], { error: 'must be "business" or "calendar"' }),
  firstResponseSeconds: optionalSeconds,
  nextResponseSeconds: optionalSeconds,
  resolutionSeconds: optionalSeconds,
  atRiskShare: z
    .number({ error: 'must be a number' })
    .gt(0, { error: 'must be more than 0 %' })
    .lt(1, { error: 'must be less than 100 %' }),
});

export const targetRuleSchema = z
  .object({
    channel: z.string().trim().min(1).optional(),
    priority: z.string().trim().min(1).optional(),
    firstResponseSeconds: optionalSeconds,
    nextResponseSeconds: optionalSeconds,
    resolutionSeconds: optionalSeconds,
  })
  .refine((rule) => rule.channel !== undefined || rule.priority !== undefined, { error: 'choose a channel, a priority or both' })
  .refine((rule) => TARGET_KINDS.some((kind) => rule[kind] !== undefined), { error: 'set at least one target' });

export const checklistItemSchema = z.object({
  id: z.string().min(1, { error: 'an item needs an id' }),
  label: z.string().trim().min(1, { error: 'an item needs a label' }).max(200),
  weight: z
    .number({ error: 'weight must be a number' })
    .positive({ error: 'weight must be more than 0' })
    .max(100, { error: 'weight must be at most 100' }),
  critical: z.boolean(),
  allowNa: z.boolean(),
  autoCheck: z.enum(['greeting', 'customerName', 'closing', 'noUnansweredQuestion']).optional(),
});

export const checklistTemplateSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, { error: 'a template needs a name' }).max(80),
  items: z
    .array(checklistItemSchema)
    .min(1, { error: 'a template needs at least one item' })
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { error: 'item ids must be unique' }),
});

/** An origin without path: scheme, host and optional port. */
export function normalizeOrigin(input: string): string | null {
  const trimmed = input.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
    if (!url.hostname || url.hostname.includes('*')) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export const helpdeskBindingSchema = z.object({
  adapterId: z.string().min(1),
  origin: z.string().refine((o) => normalizeOrigin(o) === o, { error: 'must be an origin like https://support.example.com' }),
  addedAt: z.number(),
});

export const settingsSchema = z.object({
  profile: z.string().refine(isProfileId, { error: 'unknown definitions profile' }),
  targets: targetSettingsSchema,
  targetRules: z.array(targetRuleSchema),
  calendar: calendarSchema.extend({ holidays: calendarSchema.shape.holidays.unwrap() }),
  idleSeconds: z
    .number()
    .int({ error: 'must be whole seconds' })
    .min(5, { error: 'must be at least 5 seconds' })
    .max(3600, { error: 'must be at most an hour' }),
  longWaitSeconds: seconds.optional(),
  hourlyCost: z.number({ error: 'must be a number' }).min(0, { error: 'must not be negative' }).max(100_000).optional(),
  notifications: z.object({ atRisk: z.boolean() }),
  retentionDays: z
    .number()
    .int({ error: 'must be whole days' })
    .min(1, { error: 'must be at least 1 day' })
    .max(3650, { error: 'must be at most 10 years' }),
  helpdeskBindings: z.array(helpdeskBindingSchema),
  checklistTemplates: z.array(checklistTemplateSchema),
  activeChecklistTemplateId: z.string().min(1),
  capacityPerAgent: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(1000, { error: 'must be at most 1000' }),
  weeklyReviewReminder: z.boolean().optional(),
  showCustomerNames: z.boolean().optional(),
});

export interface SettingsIssue {
  /** Dotted path of the field, e.g. `targets.atRiskShare` or `targetRules.2`. */
  path: string;
  message: string;
}

/** Every problem in a settings value, by field; an empty list means it can be saved. */
export function validateSettings(value: unknown): SettingsIssue[] {
  const result = settingsSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
