/**
 * Everything Replyline stores, as one JSON file and back: settings, every observed
 * conversation as a `replyline.timeline/1` timeline (one per helpdesk origin), reviews and
 * outcome tags. Timing metadata only, as stored: no message text exists to export.
 * An import is validated whole before anything is written; a bad file writes nothing.
 */
import { z } from 'zod';
import type { ConversationEvent } from '../engine/events';
import type { ObservedEvent } from '../messaging/protocol';
import { conversationKey } from '../messaging/protocol';
import { conversationFromTimeline, toTimelineFile } from '../timeline/convert';
import { timelineSchema, type TimelineFile } from '../timeline/schema';
import { toEngineConversation } from '../measure/input';
import { measure } from '../measure/context';
import { buildDayRollups, daysTouched } from '../measure/rollups';
import type { ReplylineDb } from './db';
import { toPanelMetricsRecord } from '../measure/compact-metrics';
import type { MetricsRecord, OutcomeRecord, ReviewRecord } from './schema';
import type { ConversationRecord, EventRecord } from '../measure/stored';
import { mergeSettings, SETTINGS_KEY, settingsSchema, type Settings } from '../settings/model';

export const BACKUP_FORMAT = 'replyline.backup/1';

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  settings: Settings;
  timelines: TimelineFile[];
  reviews: ReviewRecord[];
  outcomes: OutcomeRecord[];
}

/** Reads every store needed and builds the backup document. */
export async function exportEverything(db: ReplylineDb, now: number): Promise<BackupFile> {
  const tx = db.transaction(['settings', 'conversations', 'events', 'activity', 'reviews', 'outcomes'], 'readonly');
  const settings = mergeSettings(await tx.objectStore('settings').get(SETTINGS_KEY));
  const conversations = await tx.objectStore('conversations').getAll();
  const events = await tx.objectStore('events').getAll();
  const activity = await tx.objectStore('activity').getAll();
  const reviews = await tx.objectStore('reviews').getAll();
  const outcomes = await tx.objectStore('outcomes').getAll();
  await tx.done;

  const eventsBy = groupBy(events, (e) => e.conversationKey);
  const activityBy = groupBy(activity, (a) => a.conversationKey);
  const bySource = new Map<
    string,
    { helpdesk: string; origin: string; conversations: NonNullable<ReturnType<typeof toEngineConversation>>[] }
  >();
  for (const record of conversations.sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const conversation = toEngineConversation(record, eventsBy.get(record.key) ?? [], activityBy.get(record.key) ?? []);
    // List rows never opened have no creation time and no events: nothing to export.
    if (!conversation) continue;
    const sourceKey = `${record.helpdesk}|${record.origin}`;
    let group = bySource.get(sourceKey);
    if (!group) bySource.set(sourceKey, (group = { helpdesk: record.helpdesk, origin: record.origin, conversations: [] }));
    group.conversations.push(conversation);
  }
  const timelines = [...bySource.values()].map((group) =>
    toTimelineFile({
      conversations: group.conversations,
      generatedAt: now,
      source: { helpdesk: group.helpdesk, origin: group.origin },
      profile: settings.profile,
      calendar: settings.calendar,
      targets: settings.targets,
    }),
  );
  return { format: BACKUP_FORMAT, exportedAt: new Date(now).toISOString(), settings, timelines, reviews, outcomes };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const reviewSchema = z.object({
  conversationKey: z.string().min(1),
  templateId: z.string().min(1),
  answers: z.record(z.string(), z.enum(['pass', 'fail', 'na'])),
  score: z.number().min(0).max(1).nullable(),
  criticalFailed: z.boolean(),
  reviewerId: z.string().nullable(),
  reviewedAt: z.number(),
});
const outcomeSchema = z.object({
  conversationKey: z.string().min(1),
  tags: z.array(z.enum(['retention', 'renewal', 'upsell', 'churn-risk'])),
  agentId: z.string().nullable(),
  updatedAt: z.number(),
});
const timelineWithSource = timelineSchema.refine((t) => t.source?.origin !== undefined, {
  error: 'each timeline needs "source": {"helpdesk", "origin"}',
});

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `expected "format": "${BACKUP_FORMAT}"` }),
  exportedAt: z.string().optional(),
  // Older backups lack newer settings fields: validate the settings as they will be stored.
  settings: z.preprocess(
    (value) => (typeof value === 'object' && value !== null ? mergeSettings(value as Partial<Settings>) : value),
    settingsSchema,
  ),
  timelines: z.array(timelineWithSource),
  reviews: z.array(reviewSchema),
  outcomes: z.array(outcomeSchema),
});

export type ImportCheck = { ok: true; backup: z.infer<typeof backupSchema> } | { ok: false; errors: string[] };

/** Parses and validates a backup file; errors name the field path and what is wrong. */
export function checkBackup(text: string): ImportCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = backupSchema.safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues
        .slice(0, 20)
        .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(file)'}: ${issue.message}`),
    };
  }
  return { ok: true, backup: result.data };
}

/** A file's event as stored; its place in the file's array (the engine's order) is kept as `position`. */
function observedEvent(event: ConversationEvent, index: number): ObservedEvent {
  const base = { id: event.id ?? `import-${index}`, at: event.at, position: index };
  switch (event.type) {
    case 'message':
      return {
        ...base,
        type: 'message',
        author: event.author,
        ...(event.agentId !== undefined && { agentId: event.agentId }),
        ...(event.public !== undefined && { public: event.public }),
      };
    case 'note':
      return { ...base, type: 'note', ...(event.agentId !== undefined && { agentId: event.agentId }) };
    case 'status':
      return { ...base, type: 'status', status: event.status, ...(event.agentId !== undefined && { agentId: event.agentId }) };
    case 'handoff':
      return { ...base, type: 'handoff', ...(event.agentId !== undefined && { agentId: event.agentId }) };
    case 'assignment':
      return { ...base, type: 'assignment', agentId: event.agentId };
    case 'rating':
      return {
        ...base,
        type: 'rating',
        ...(event.csat !== undefined && { csat: event.csat }),
        ...(event.ces !== undefined && { ces: event.ces }),
        ...(event.agentId !== undefined && { agentId: event.agentId }),
      };
    case 'activity':
      return { ...base, type: 'activity', until: event.until, agentId: event.agentId };
    case 'tag':
      return { ...base, type: 'tag', tag: event.tag };
  }
}

export interface ImportResult {
  conversations: number;
  reviews: number;
  outcomes: number;
}

/**
 * Writes a checked backup: settings replaced, conversations (with events and fresh metrics and
 * day rollups) merged over what is stored, reviews and outcomes put. One transaction.
 */
export async function importEverything(db: ReplylineDb, text: string, now: number): Promise<ImportResult> {
  const check = checkBackup(text);
  if (!check.ok) throw new BackupError(check.errors);
  const { backup } = check;
  const settings = backup.settings as Settings;
  // Everything is computed before the transaction opens: nothing but IDB requests inside it.
  const conversations: ConversationRecord[] = [];
  const events: EventRecord[] = [];
  const metrics: MetricsRecord[] = [];
  for (const timeline of backup.timelines) {
    const helpdesk = timeline.source!.helpdesk;
    const origin = timeline.source!.origin!;
    for (const item of timeline.conversations) {
      const engine = conversationFromTimeline(item);
      const key = conversationKey(helpdesk, origin, item.id);
      const record: ConversationRecord = {
        key,
        helpdesk,
        origin,
        conversationId: item.id,
        ...(engine.channel !== undefined && { channel: engine.channel }),
        createdAt: engine.createdAt,
        ...(engine.customerId !== undefined && { customerId: engine.customerId }),
        ...(engine.priority !== undefined && { priority: engine.priority }),
        ...(engine.tags !== undefined && { tags: engine.tags }),
        hasEvents: true,
        missingFromList: [],
        missingFromView: [],
        unverified: engine.unverified ?? false,
        firstSeenAt: now,
        updatedAt: now,
      };
      const stored = engine.events.map((event, index) => ({
        key: `${key}|${event.id ?? `import-${index}`}`,
        conversationKey: key,
        event: observedEvent(event, index),
      }));
      conversations.push(record);
      events.push(...stored);
      const input = toEngineConversation(record, stored, []);
      if (input) {
        try {
          const measured = measure(input, settings, now);
          metrics.push({
            key,
            helpdesk,
            origin,
            metrics: measured,
            measuredAt: now,
            days: daysTouched(measured, settings.calendar.timezone),
          });
        } catch (error) {
          console.warn('Replyline: could not measure imported', key, error);
        }
      }
    }
  }

  const tx = db.transaction(
    ['settings', 'conversations', 'events', 'metrics', 'panelMetrics', 'rollups', 'reviews', 'outcomes'],
    'readwrite',
  );
  await tx.objectStore('settings').put(settings, SETTINGS_KEY);
  const days = new Set<string>();
  for (const record of conversations) {
    const previous = await tx.objectStore('metrics').get(record.key);
    for (const day of previous?.days ?? []) days.add(day);
    await tx.objectStore('conversations').put(record);
  }
  for (const event of events) await tx.objectStore('events').put(event);
  for (const record of metrics) {
    for (const day of record.days) days.add(day);
    await tx.objectStore('metrics').put(record);
    // Keep the side panel's compact copy in step with the full record.
    await tx.objectStore('panelMetrics').put(toPanelMetricsRecord(record));
  }
  for (const day of [...days].sort()) {
    const records = await tx.objectStore('metrics').index('by-day').getAll(day);
    for (const oldKey of await tx.objectStore('rollups').index('by-day').getAllKeys(day)) await tx.objectStore('rollups').delete(oldKey);
    for (const rollup of buildDayRollups(day, records, settings.calendar.timezone, now)) await tx.objectStore('rollups').put(rollup);
  }
  for (const review of backup.reviews) await tx.objectStore('reviews').put(review);
  for (const outcome of backup.outcomes) await tx.objectStore('outcomes').put(outcome);
  await tx.done;
  return { conversations: conversations.length, reviews: backup.reviews.length, outcomes: backup.outcomes.length };
}

export class BackupError extends Error {
  constructor(readonly errors: string[]) {
    super(`The file was not imported: ${errors.join('; ')}`);
    this.name = 'BackupError';
  }
}
