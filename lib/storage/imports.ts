/**
 * Team imports: agents' exported weeks (`replyline.timeline/1` files) merged into this
 * browser's database, kept apart from what it observed itself.
 *
 * Rules:
 * - a file that does not parse is rejected whole, with every problem named by JSON path;
 * - a file is identified by the SHA-256 of its content: the same file twice is "already imported";
 * - a conversation this browser observed (same helpdesk, origin and id) wins: the imported copy is skipped;
 * - the same conversation in two files is stored once, its events merged by event id;
 * - each file is written in one transaction, so an import is all or nothing.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { conversationKey } from '../messaging/protocol';
import { readTimelineFile, type TimelineProblem } from '../timeline/parse';
import { tooLargeMessage } from '../timeline/consistency';
import { peekHead, streamChunks } from '../timeline/chunks';
import { wrongKindMessage } from '../timeline/file-kind';
import type { TimelineConversation, TimelineEvent, TimelineFile } from '../timeline/schema';
import type { ReplylineDb } from './db';
import type { ImportedConversationRecord, ImportFileRecord } from './schema';

/** The helpdesk of a file that does not say where its data came from. */
export const UNKNOWN_HELPDESK = 'unknown';

/** One file's copy of a conversation, kept so that removing that file can undo its share. */
export interface ImportContribution {
  fileId: string;
  sourceAgentId: string | null;
  conversation: TimelineConversation;
}

/** The stored record: the merged conversation plus what each file contributed. */
export interface StoredImportedConversation extends ImportedConversationRecord {
  sources: ImportContribution[];
}

/** A file chosen in the Team view (read as a stream), or a text (tests, scripts). */
export type ImportInput = { fileName: string; file: Blob } | { fileName: string; text: string };

export type ImportOutcome =
  | {
      status: 'imported';
      fileName: string;
      file: ImportFileRecord;
      /** Conversations new to the database. */
      added: number;
      /** Conversations already imported from another file, their events merged. */
      merged: number;
      /** Conversations this browser observed itself (the observed copy wins). */
      skippedObserved: number;
    }
  | { status: 'duplicate'; fileName: string; fileId: string; previous: ImportFileRecord }
  | { status: 'invalid'; fileName: string; problems: TimelineProblem[] }
  | { status: 'failed'; fileName: string; message: string };

/** Where an imported conversation is stored: keyed like an observed one, so they can meet. */
export function importedKey(timeline: Pick<TimelineFile, 'source'>, conversationId: string): string {
  return conversationKey(timeline.source?.helpdesk ?? UNKNOWN_HELPDESK, timeline.source?.origin ?? '', conversationId);
}

/** An event's identity for merging: its id, or (without one) its whole content. */
function eventIdentity(event: TimelineEvent): string {
  return event.id !== undefined ? `id:${event.id}` : `content:${JSON.stringify(event)}`;
}

/** One conversation from several files: earliest creation, every event once (by id), in time order. */
export function mergeConversations(copies: readonly TimelineConversation[]): TimelineConversation {
  const [first, ...rest] = copies;
  if (!first) throw new Error('nothing to merge');
  let createdAt = first.createdAt;
  const seen = new Set<string>();
  const events: TimelineEvent[] = [];
  const tags = new Set<string>(first.tags ?? []);
  let hasTags = first.tags !== undefined;
  let unverified = first.unverified;
  const out: TimelineConversation = { ...first, events };
  for (const copy of copies) {
    if (Date.parse(copy.createdAt) < Date.parse(createdAt)) createdAt = copy.createdAt;
    for (const event of copy.events) {
      const identity = eventIdentity(event);
      if (seen.has(identity)) continue;
      seen.add(identity);
      events.push(event);
    }
  }
  for (const copy of rest) {
    if (out.channel === undefined && copy.channel !== undefined) out.channel = copy.channel;
    if (out.customerId === undefined && copy.customerId !== undefined) out.customerId = copy.customerId;
    if (out.priority === undefined && copy.priority !== undefined) out.priority = copy.priority;
    if (copy.tags !== undefined) {
      hasTags = true;
      for (const tag of copy.tags) tags.add(tag);
    }
    // One copy that could not read its times exactly makes the merge untrustworthy too.
    if (copy.unverified !== undefined) unverified = Boolean(unverified) || copy.unverified;
  }
  out.createdAt = createdAt;
  if (hasTags) out.tags = [...tags];
  if (unverified !== undefined) out.unverified = unverified;
  // Stable sort: equal times keep the order of the first file that had them.
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return out;
}

function fileRecord(fileId: string, fileName: string, timeline: TimelineFile, importedAt: number): ImportFileRecord {
  return {
    fileId,
    fileName,
    sourceAgentId: timeline.agentId ?? null,
    helpdesk: timeline.source?.helpdesk ?? null,
    period: timeline.period ? { from: Date.parse(timeline.period.from), to: Date.parse(timeline.period.to) } : null,
    conversations: timeline.conversations.length,
    importedAt,
  };
}

export type ImportRead = { ok: true; timeline: TimelineFile; fileId: string } | { ok: false; problems: TimelineProblem[] };

/** The file's chunks, hashed as they pass: the file id is the SHA-256 of its text's UTF-8 bytes. */
async function* hashedChunks(input: ImportInput, hash: ReturnType<typeof sha256.create>): AsyncGenerator<Uint8Array | string> {
  if ('text' in input) {
    hash.update(new TextEncoder().encode(input.text));
    yield input.text;
    return;
  }
  let first = true;
  for await (const chunk of streamChunks(input.file.stream())) {
    // Blob.text() dropped a byte-order mark, so files imported before were hashed without it.
    const bom = first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    first = false;
    hash.update(bom ? chunk.subarray(3) : chunk);
    yield chunk;
  }
}

/**
 * Reads, validates and checks one file as a stream (the text and the parsed document are never
 * held whole), and hashes it on the way: what an import stores, or every problem found.
 */
export async function readImportFile(input: ImportInput): Promise<ImportRead> {
  const large = tooLargeMessage('text' in input ? input.text.length : input.file.size);
  if (large) return { ok: false, problems: [{ path: '', message: large }] };
  const hash = sha256.create();
  try {
    const { head, chunks } = await peekHead(hashedChunks(input, hash));
    const wrongKind = wrongKindMessage(head, 'team-import');
    if (wrongKind) return { ok: false, problems: [{ path: '', message: wrongKind }] };
    const parsed = await readTimelineFile(chunks);
    if (!parsed.ok) return { ok: false, problems: parsed.errors };
    return { ok: true, timeline: parsed.timeline, fileId: bytesToHex(hash.digest()) };
  } catch (error) {
    // The reader reports every problem of the content itself; anything else (the file could not
    // be read) is still this file's, and nothing is written.
    return { ok: false, problems: [{ path: '', message: `could not be read: ${(error as Error).message}` }] };
  }
}

/** Validates one file and writes it in one transaction; nothing of a bad file is written. */
export async function importTimelineFile(db: ReplylineDb, input: ImportInput, importedAt = Date.now()): Promise<ImportOutcome> {
  const { fileName } = input;
  const read = await readImportFile(input);
  if (!read.ok) return { status: 'invalid', fileName, problems: read.problems };
  const { timeline, fileId } = read;
  const file = fileRecord(fileId, fileName, timeline, importedAt);
  const sourceAgentId = timeline.agentId ?? null;

  // Only IDB requests are awaited inside the transaction (anything else would close it).
  const tx = db.transaction(['importFiles', 'importedConversations', 'conversations'], 'readwrite');
  try {
    const previous = await tx.objectStore('importFiles').get(fileId);
    if (previous) {
      await tx.done;
      return { status: 'duplicate', fileName, fileId, previous };
    }
    const imported = tx.objectStore('importedConversations');
    const observed = tx.objectStore('conversations');
    let added = 0;
    let merged = 0;
    let skippedObserved = 0;
    for (const conversation of timeline.conversations) {
      const key = importedKey(timeline, conversation.id);
      if ((await observed.getKey(key)) !== undefined) {
        skippedObserved++;
        continue;
      }
      const existing = (await imported.get(key)) as StoredImportedConversation | undefined;
      const contribution: ImportContribution = { fileId, sourceAgentId, conversation };
      if (existing) {
        const sources = [...(existing.sources ?? legacySources(existing)), contribution];
        const record: StoredImportedConversation = {
          ...existing,
          sources,
          conversation: mergeConversations(sources.map((s) => s.conversation)),
        };
        await imported.put(record);
        merged++;
      } else {
        const record: StoredImportedConversation = { key, fileId, sourceAgentId, conversation, importedAt, sources: [contribution] };
        await imported.put(record);
        added++;
      }
    }
    await tx.objectStore('importFiles').put(file);
    await tx.done;
    return { status: 'imported', fileName, file, added, merged, skippedObserved };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing was committed.
    }
    await tx.done.catch(() => undefined);
    return { status: 'failed', fileName, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A record written without per-file sources: all of it belongs to its one file. */
function legacySources(record: ImportedConversationRecord): ImportContribution[] {
  return [{ fileId: record.fileId, sourceAgentId: record.sourceAgentId, conversation: record.conversation }];
}

/** Several files, one transaction each, in order (a later file can merge into an earlier one). */
export async function importTimelineFiles(
  db: ReplylineDb,
  inputs: readonly ImportInput[],
  importedAt = Date.now(),
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const input of inputs) outcomes.push(await importTimelineFile(db, input, importedAt));
  return outcomes;
}

/** Every import, newest first. */
export async function listImports(db: ReplylineDb): Promise<ImportFileRecord[]> {
  const files = await db.getAll('importFiles');
  return files.sort((a, b) => b.importedAt - a.importedAt || a.fileName.localeCompare(b.fileName));
}

export async function readImportedConversations(db: ReplylineDb): Promise<StoredImportedConversation[]> {
  return (await db.getAll('importedConversations')) as StoredImportedConversation[];
}

/**
 * Removes one import: its file record, and its share of every conversation (a conversation only
 * this file brought is deleted; one shared with other files is merged again from theirs).
 */
export async function removeImport(db: ReplylineDb, fileId: string): Promise<{ removed: boolean; deleted: number; updated: number }> {
  const tx = db.transaction(['importFiles', 'importedConversations'], 'readwrite');
  const files = tx.objectStore('importFiles');
  const exists = (await files.getKey(fileId)) !== undefined;
  let deleted = 0;
  let updated = 0;
  let cursor = await tx.objectStore('importedConversations').openCursor();
  while (cursor) {
    const record = cursor.value as StoredImportedConversation;
    const sources = record.sources ?? legacySources(record);
    if (sources.some((s) => s.fileId === fileId)) {
      const remaining = sources.filter((s) => s.fileId !== fileId);
      if (remaining.length === 0) {
        await cursor.delete();
        deleted++;
      } else {
        const next: StoredImportedConversation = {
          ...record,
          fileId: remaining[0].fileId,
          sourceAgentId: remaining[0].sourceAgentId,
          sources: remaining,
          conversation: mergeConversations(remaining.map((s) => s.conversation)),
        };
        await cursor.update(next);
        updated++;
      }
    }
    cursor = await cursor.continue();
  }
  if (exists) await files.delete(fileId);
  await tx.done;
  return { removed: exists, deleted, updated };
}

/** "file.json: conversations[0].events[3].at: expected an ISO 8601 time…" lines for people. */
export function describeOutcome(outcome: ImportOutcome): string {
  switch (outcome.status) {
    case 'imported': {
      const parts = [`${outcome.added} new`];
      if (outcome.merged) parts.push(`${outcome.merged} merged with earlier imports`);
      if (outcome.skippedObserved) parts.push(`${outcome.skippedObserved} skipped (observed in this browser)`);
      return `${outcome.fileName}: imported ${outcome.file.conversations} conversation${outcome.file.conversations === 1 ? '' : 's'} (${parts.join(', ')}).`;
    }
    case 'duplicate':
      return `${outcome.fileName}: already imported (as ${outcome.previous.fileName}); nothing changed.`;
    case 'invalid':
      return `${outcome.fileName} is not a valid Replyline export; nothing was imported.`;
    case 'failed':
      return `${outcome.fileName} could not be stored (${outcome.message}); nothing was imported.`;
  }
}
