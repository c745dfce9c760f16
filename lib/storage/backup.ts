/**
 * Everything Replyline stores, as one JSON file and back: settings, every observed
 * conversation as a `replyline.timeline/1` timeline (one per helpdesk origin), reviews,
 * outcome tags and the imported team exports. Timing metadata only, as stored: no message
 * text exists to export. A restore is validated whole (the schema, then the same consistency
 * rules the Team import and the CLI apply) before anything is written; a bad file writes
 * nothing. A restore writes facts only; the read model then rebuilds every derived store.
 */
import { z } from 'zod';
import { conversationKey } from '../messaging/protocol';
import { toTimelineFile } from '../timeline/convert';
import { conversationSchema, timelineSchema, type TimelineFile } from '../timeline/schema';
import { formatJsonPath } from '../timeline/parse';
import { locateJsonSyntaxError } from '../timeline/json-syntax';
import {
  checkTimelineConversation,
  checkTimelineHead,
  DuplicateIds,
  implausibleEpochMs,
  MAX_HELPDESK_LENGTH,
  MAX_ID_LENGTH,
  MAX_ORIGIN_LENGTH,
  tooLargeMessage,
  type TimelineProblem,
} from '../timeline/consistency';
import { wrongKindMessage } from '../timeline/file-kind';
import { toEngineConversation } from '../measure/input';
import { storedFromTimeline } from '../measure/from-timeline';
import type { ReplylineDb } from './db';
import { READ_MODEL_STATE_KEY, rebuildEverything } from './read-model';
import type { ImportFileRecord, OutcomeRecord, ReviewRecord } from './schema';
import type { StoredImportedConversation } from './imports';
import { calendarSchema } from '../timeline/schema';
import { mergeSettings, SETTINGS_KEY, settingsSchema, targetSettingsSchema, type Settings } from '../settings/model';

export const BACKUP_FORMAT = 'replyline.backup/1';

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  settings: Settings;
  timelines: TimelineFile[];
  reviews: ReviewRecord[];
  outcomes: OutcomeRecord[];
  /** Imported team exports (Team → Imported exports): the files and their merged conversations. */
  imports: { files: ImportFileRecord[]; conversations: StoredImportedConversation[] };
}

/** Reads every store needed and builds the backup document. */
export async function exportEverything(db: ReplylineDb, now: number): Promise<BackupFile> {
  const tx = db.transaction(
    ['settings', 'conversations', 'events', 'activity', 'reviews', 'outcomes', 'importFiles', 'importedConversations'],
    'readonly',
  );
  const settings = mergeSettings(await tx.objectStore('settings').get(SETTINGS_KEY));
  const conversations = await tx.objectStore('conversations').getAll();
  const events = await tx.objectStore('events').getAll();
  const activity = await tx.objectStore('activity').getAll();
  const reviews = await tx.objectStore('reviews').getAll();
  const outcomes = await tx.objectStore('outcomes').getAll();
  const importFiles = await tx.objectStore('importFiles').getAll();
  const importedConversations = (await tx.objectStore('importedConversations').getAll()) as StoredImportedConversation[];
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
  return {
    format: BACKUP_FORMAT,
    exportedAt: new Date(now).toISOString(),
    settings,
    timelines,
    reviews,
    outcomes,
    imports: { files: importFiles, conversations: importedConversations },
  };
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

const id = z.string().min(1).max(MAX_ID_LENGTH);
const epochMs = z.number();

const reviewSchema = z.object({
  conversationKey: z
    .string()
    .min(1)
    .max(MAX_HELPDESK_LENGTH + MAX_ORIGIN_LENGTH + MAX_ID_LENGTH + 2),
  templateId: id,
  answers: z.record(id, z.enum(['pass', 'fail', 'na'])),
  score: z.number().min(0).max(1).nullable(),
  criticalFailed: z.boolean(),
  reviewerId: id.nullable(),
  reviewedAt: epochMs,
});
const outcomeSchema = z.object({
  conversationKey: reviewSchema.shape.conversationKey,
  tags: z.array(z.enum(['retention', 'renewal', 'upsell', 'churn-risk'])).max(4),
  agentId: id.nullable(),
  updatedAt: epochMs,
});
const timelineWithSource = timelineSchema.refine((t) => t.source?.origin !== undefined, {
  error: 'each timeline needs "source": {"helpdesk", "origin"}',
});
const importFileSchema = z.object({
  fileId: z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected the SHA-256 of the file (64 hex digits)' }),
  fileName: z.string().max(1024),
  sourceAgentId: id.nullable(),
  helpdesk: z.string().max(MAX_HELPDESK_LENGTH).nullable(),
  period: z.object({ from: epochMs, to: epochMs }).nullable(),
  conversations: z.number().int().min(0),
  importedAt: epochMs,
});
const importedConversationSchema = z.object({
  key: reviewSchema.shape.conversationKey,
  fileId: importFileSchema.shape.fileId,
  sourceAgentId: id.nullable(),
  conversation: conversationSchema,
  importedAt: epochMs,
  sources: z
    .array(z.object({ fileId: importFileSchema.shape.fileId, sourceAgentId: id.nullable(), conversation: conversationSchema }))
    .min(1)
    .optional(),
});

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `expected "format": "${BACKUP_FORMAT}"` }),
  exportedAt: z.string().optional(),
  // Checked field by field first (checkSettings); older backups lack newer fields, which get defaults.
  settings: z.record(z.string(), z.unknown()),
  timelines: z.array(timelineWithSource),
  reviews: z.array(reviewSchema),
  outcomes: z.array(outcomeSchema),
  // Backups written before imported exports were included have none.
  imports: z.object({ files: z.array(importFileSchema), conversations: z.array(importedConversationSchema) }).optional(),
});

type CheckedBackup = Omit<z.infer<typeof backupSchema>, 'settings'> & { settings: Settings };
export type ImportCheck = { ok: true; backup: CheckedBackup } | { ok: false; errors: string[] };

/** Each settings field the file has, checked as it is (an invalid one is reported, never replaced by a default). */
const settingsFieldSchemas: Record<string, z.ZodType> = {
  ...settingsSchema.shape,
  targets: targetSettingsSchema.partial(),
  calendar: calendarSchema.partial(),
  notifications: settingsSchema.shape.notifications.partial(),
};

function checkSettings(raw: Record<string, unknown>): { settings: Settings } | { problems: TimelineProblem[] } {
  const problems: TimelineProblem[] = [];
  for (const [field, schema] of Object.entries(settingsFieldSchemas)) {
    if (!Object.hasOwn(raw, field) || raw[field] === undefined) continue;
    const result = schema.safeParse(raw[field]);
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push({ path: formatJsonPath(['settings', field, ...issue.path]), message: issue.message });
    }
  }
  if (problems.length) return { problems };
  const merged = settingsSchema.safeParse(mergeSettings(raw));
  if (!merged.success) {
    return {
      problems: merged.error.issues.map((issue) => ({ path: formatJsonPath(['settings', ...issue.path]), message: issue.message })),
    };
  }
  // The parsed value keeps only known fields (and capacityPerAgent, longWaitSeconds… as checked).
  return { settings: merged.data };
}

/** Consistency rules across the whole backup: the Team import's and the CLI's, plus the backup's own. */
function checkConsistency(backup: z.infer<typeof backupSchema>): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  const conversations = new DuplicateIds();
  backup.timelines.forEach((timeline, t) => {
    const at = `timelines[${t}]`;
    problems.push(...checkTimelineHead(timeline, at));
    timeline.conversations.forEach((conversation, c) => {
      const path = `${at}.conversations[${c}]`;
      // The same conversation twice (in one timeline or two of one origin) would overwrite itself.
      const duplicate = conversations.check(
        conversationKey(timeline.source!.helpdesk, timeline.source!.origin!, conversation.id),
        conversation.id,
        path,
      );
      if (duplicate) problems.push(duplicate);
      problems.push(...checkTimelineConversation(conversation, path));
    });
  });
  const keyed = (list: readonly { conversationKey: string }[], name: string, time: (item: never) => number, timeField: string) => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const first = seen.get(item.conversationKey);
      if (first !== undefined) {
        problems.push({ path: `${name}[${i}].conversationKey`, message: `a second entry for one conversation (first: ${name}[${first}])` });
      } else seen.set(item.conversationKey, i);
      const bad = implausibleEpochMs(time(item as never));
      if (bad) problems.push({ path: `${name}[${i}].${timeField}`, message: bad });
    });
  };
  keyed(backup.reviews, 'reviews', (r: ReviewRecord) => r.reviewedAt, 'reviewedAt');
  keyed(backup.outcomes, 'outcomes', (o: OutcomeRecord) => o.updatedAt, 'updatedAt');
  if (backup.imports) {
    const fileIds = new Map<string, number>();
    backup.imports.files.forEach((file, i) => {
      const at = `imports.files[${i}]`;
      if (fileIds.has(file.fileId))
        problems.push({ path: `${at}.fileId`, message: `a second entry for one file (first: imports.files[${fileIds.get(file.fileId)}])` });
      else fileIds.set(file.fileId, i);
      const bad = implausibleEpochMs(file.importedAt);
      if (bad) problems.push({ path: `${at}.importedAt`, message: bad });
      if (file.period) {
        const from = implausibleEpochMs(file.period.from);
        const to = implausibleEpochMs(file.period.to);
        if (from) problems.push({ path: `${at}.period.from`, message: from });
        if (to) problems.push({ path: `${at}.period.to`, message: to });
        if (!from && !to && file.period.to <= file.period.from)
          problems.push({ path: `${at}.period.to`, message: 'the period must end after it starts' });
      }
    });
    const keys = new Map<string, number>();
    backup.imports.conversations.forEach((record, i) => {
      const at = `imports.conversations[${i}]`;
      if (keys.has(record.key))
        problems.push({
          path: `${at}.key`,
          message: `a second entry for one conversation (first: imports.conversations[${keys.get(record.key)}])`,
        });
      else keys.set(record.key, i);
      const bad = implausibleEpochMs(record.importedAt);
      if (bad) problems.push({ path: `${at}.importedAt`, message: bad });
      problems.push(...checkTimelineConversation(record.conversation, `${at}.conversation`));
      const files = [record.fileId, ...(record.sources ?? []).map((source) => source.fileId)];
      files.forEach((fileId, f) => {
        if (!fileIds.has(fileId)) {
          problems.push({
            path: f === 0 ? `${at}.fileId` : `${at}.sources[${f - 1}].fileId`,
            message: `no file ${fileId.slice(0, 12)}… in imports.files`,
          });
        }
      });
      record.sources?.forEach((source, s) =>
        problems.push(...checkTimelineConversation(source.conversation, `${at}.sources[${s}].conversation`)),
      );
    });
  }
  return problems;
}

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED = 50;

function listProblems(problems: readonly TimelineProblem[]): string[] {
  const lines = problems.slice(0, MAX_LISTED).map((p) => `${p.path || '(file)'}: ${p.message}`);
  if (problems.length > MAX_LISTED) lines.push(`…and ${problems.length - MAX_LISTED} more problems`);
  return lines;
}

/** Parses and validates a backup file; errors name the JSON path and what is wrong. */
export function checkBackup(text: string): ImportCheck {
  const large = tooLargeMessage(text.length);
  if (large) return { ok: false, errors: [large] };
  const wrongKind = wrongKindMessage(text.slice(0, 65_536), 'backup-restore');
  if (wrongKind) return { ok: false, errors: [wrongKind] };
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const located = locateJsonSyntaxError(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return {
      ok: false,
      errors: [
        located
          ? `not JSON: line ${located.line}, column ${located.column}: ${located.message}`
          : `not JSON: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  }
  const result = backupSchema.safeParse(raw);
  const rawSettings = (raw as { settings?: unknown } | null)?.settings;
  const settings =
    typeof rawSettings === 'object' && rawSettings !== null && !Array.isArray(rawSettings)
      ? checkSettings(rawSettings as Record<string, unknown>)
      : null;
  const problems = settings && 'problems' in settings ? [...settings.problems] : [];
  if (!result.success) {
    problems.push(...result.error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message })));
    return { ok: false, errors: listProblems(problems) };
  }
  problems.push(...checkConsistency(result.data));
  if (problems.length > 0 || !settings || !('settings' in settings)) return { ok: false, errors: listProblems(problems) };
  return { ok: true, backup: { ...result.data, settings: settings.settings } };
}

export interface ImportResult {
  conversations: number;
  reviews: number;
  outcomes: number;
  importedFiles: number;
}

/**
 * Restores a checked backup. Facts only, in one transaction: settings replaced; conversations and
 * their events merged over what is stored; reviews, outcomes and imported exports put. The read
 * model's stamp is dropped in the same transaction, then `rebuildEverything` (the one writer of
 * derived stores) measures everything again: a worker stopped in between rebuilds at its next start.
 */
export async function importEverything(db: ReplylineDb, text: string, now: number, fileName = 'the file'): Promise<ImportResult> {
  const check = checkBackup(text);
  if (!check.ok) throw new BackupError(check.errors, fileName);
  const { backup } = check;
  const { settings } = backup;
  const stored = backup.timelines.flatMap((timeline) =>
    timeline.conversations.map((conversation) =>
      storedFromTimeline({
        key: conversationKey(timeline.source!.helpdesk, timeline.source!.origin!, conversation.id),
        helpdesk: timeline.source!.helpdesk,
        origin: timeline.source!.origin!,
        conversation,
        at: now,
      }),
    ),
  );

  const tx = db.transaction(
    ['settings', 'conversations', 'events', 'reviews', 'outcomes', 'importFiles', 'importedConversations', 'state'],
    'readwrite',
  );
  await tx.objectStore('settings').put(settings, SETTINGS_KEY);
  for (const { record, events } of stored) {
    await tx.objectStore('conversations').put(record);
    // One put per event (a spread of a million events into push() would overflow the stack).
    for (const event of events) await tx.objectStore('events').put(event);
  }
  for (const review of backup.reviews) await tx.objectStore('reviews').put(review);
  for (const outcome of backup.outcomes) await tx.objectStore('outcomes').put(outcome);
  for (const file of backup.imports?.files ?? []) await tx.objectStore('importFiles').put(file);
  for (const record of backup.imports?.conversations ?? []) await tx.objectStore('importedConversations').put(record);
  await tx.objectStore('state').delete(READ_MODEL_STATE_KEY);
  await tx.done;
  await rebuildEverything(db, settings, now);
  return {
    conversations: stored.length,
    reviews: backup.reviews.length,
    outcomes: backup.outcomes.length,
    importedFiles: backup.imports?.files.length ?? 0,
  };
}

export class BackupError extends Error {
  constructor(
    readonly errors: string[],
    readonly fileName = 'the file',
  ) {
    super(`${fileName} was not imported: ${errors.join('; ')}`);
    this.name = 'BackupError';
  }
}
