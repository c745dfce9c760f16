/**
 * The backup restore runs the Team import's consistency rules and its own, reports invalid
 * settings, keeps event keys apart when ids hold "|", and restores imported team exports.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { BackupError, checkBackup, exportEverything, importEverything, type BackupFile } from '../../../lib/storage/backup';
import { importTimelineFile, readImportedConversations } from '../../../lib/storage/imports';
import { deleteEverything } from '../../../lib/storage/retention';
import { mergeSettings } from '../../../lib/settings/model';
import { tooLargeMessage } from '../../../lib/timeline/consistency';
import { MIN, T0, batch, viewC1 } from '../../fixtures/storage/observations';

const DB = 'replyline-backup-checks';
const NOW = T0 + 20 * MIN;
let db: ReplylineDb;
let good: BackupFile;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, NOW);
  await db.put('reviews', {
    conversationKey: 'demo-desk|http://localhost:4400|c-1',
    templateId: 'default',
    answers: { greeting: 'pass' },
    score: 1,
    criticalFailed: false,
    reviewerId: 'a-1',
    reviewedAt: NOW,
  });
  good = await exportEverything(db, NOW);
  await deleteEverything(db);
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

const STORES = [
  'settings',
  'conversations',
  'events',
  'metrics',
  'rollups',
  'reviews',
  'outcomes',
  'importFiles',
  'importedConversations',
] as const;

async function expectNothingWritten(): Promise<void> {
  for (const store of STORES) expect([store, await db.count(store)]).toEqual([store, 0]);
}

/** Restores `bad`; expects exactly `errors`, a BackupError naming the file, and nothing written. */
async function expectRejected(bad: unknown, errors: unknown[]): Promise<void> {
  const text = JSON.stringify(bad);
  const check = checkBackup(text);
  expect(check.ok ? [] : check.errors).toEqual(errors);
  const error = await importEverything(db, text, NOW, 'backup.json').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupError);
  expect((error as Error).message).toMatch(/^backup\.json was not imported: /);
  await expectNothingWritten();
}

const clone = () => structuredClone<BackupFile>(good);
const conv = (b: BackupFile) => b.timelines[0].conversations[0];

describe('backup restore checks', () => {
  it('rejects an event before the conversation was created', async () => {
    const bad = clone();
    conv(bad).events[0].at = '2026-11-24T08:00:00.000Z';
    await expectRejected(bad, [
      "timelines[0].conversations[0].events[0].at: 2026-11-24T08:00:00.000Z is before the conversation's createdAt 2026-11-24T09:00:00.000Z",
    ]);
  });

  it('rejects duplicate conversation ids instead of letting the second overwrite the first', async () => {
    const bad = clone();
    bad.timelines[0].conversations.push(structuredClone(conv(bad)));
    // The same origin again in a second timeline counts as well.
    bad.timelines.push({ ...structuredClone(bad.timelines[0]), conversations: [structuredClone(conv(bad))] });
    await expectRejected(bad, [
      'timelines[0].conversations[1].id: duplicate conversation id "c-1" (first used by timelines[0].conversations[0])',
      'timelines[1].conversations[0].id: duplicate conversation id "c-1" (first used by timelines[0].conversations[0])',
    ]);
  });

  it('rejects duplicate event ids', async () => {
    const bad = clone();
    conv(bad).events[2].id = 'e-1';
    await expectRejected(bad, ['timelines[0].conversations[0].events[2].id: duplicate event id "e-1" (first used by events[0])']);
  });

  it('rejects absurd times: reviewedAt 1e308, a period ending before it starts, a year-9999 event', async () => {
    const bad = clone();
    bad.reviews[0].reviewedAt = 1e308;
    bad.timelines[0].period = { from: '2026-11-25T00:00:00Z', to: '2026-11-24T00:00:00Z' };
    conv(bad).events[2].at = '9999-01-01T00:00:00.000Z';
    await expectRejected(bad, [
      'timelines[0].period.to: the period must end after it starts',
      'timelines[0].conversations[0].events[2].at: "9999-01-01T00:00:00.000Z" is outside 2000–2099; not a plausible time',
      'reviews[0].reviewedAt: 1e+308 is not a plausible time (epoch milliseconds between 2000 and 2099)',
    ]);
  });

  it('reports invalid settings instead of replacing them with defaults', async () => {
    const bad = clone() as unknown as { settings: Record<string, unknown> };
    bad.settings.checklistTemplates = [null];
    bad.settings.targetRules = 'none';
    bad.settings.targets = 'fast';
    await expectRejected(bad, [
      'settings.targets: Invalid input: expected object, received string',
      'settings.targetRules: Invalid input: expected array, received string',
      'settings.checklistTemplates[0]: Invalid input: expected object, received null',
    ]);
  });

  it('mergeSettings survives malformed stored settings without crashing', () => {
    const merged = mergeSettings({ checklistTemplates: [null], targets: 'fast', calendar: 7 } as never);
    expect(merged.checklistTemplates.map((t) => t?.id ?? null)).toEqual(['default', null]);
    expect(merged.targets.firstResponseSeconds).toBe(600);
    expect(merged.calendar.week.mon).toEqual([['00:00', '24:00']]);
  });

  it('limits the length of ids and the size of the file', async () => {
    const bad = clone();
    conv(bad).events[1].id = 'x'.repeat(300);
    await expectRejected(bad, ['timelines[0].conversations[0].events[1].id: 300 characters long; at most 256 are accepted']);
    expect(tooLargeMessage(200 * 1024 * 1024)).toBe('the file is 200.0 MB; files up to 128.0 MB are accepted (export a shorter period)');
    expect(tooLargeMessage(1024)).toBeNull();
  });

  it('names a file of the wrong kind and where it belongs', async () => {
    const timeline = good.timelines[0];
    await expectRejected(timeline, [
      'this file is a Replyline timeline (replyline.timeline/1, e.g. a weekly export from Me → Export JSON), not a backup; report on it with `npx replyline report FILE`, or merge it into the Team view with Team → Imported exports → Import exports….',
    ]);
  });

  it('keeps two events apart whose conversation and event ids would meet at a "|"', async () => {
    const backup = clone();
    const base = conv(backup);
    backup.timelines[0].conversations = [
      { ...base, id: 'a|b', events: [{ type: 'note', id: 'c', at: base.createdAt }] },
      { ...base, id: 'a', events: [{ type: 'note', id: 'b|c', at: base.createdAt }] },
    ];
    await importEverything(db, JSON.stringify(backup), NOW);
    expect(await db.getAllKeys('events')).toEqual(
      ['demo-desk|http://localhost:4400|a', 'demo-desk|http://localhost:4400|a|b|c'].map((k, i) => (i === 0 ? `${k}|b%7Cc` : k)),
    );
  });

  it('writes facts, rebuilds the derived stores through the read model, and stamps it', async () => {
    await importEverything(db, JSON.stringify(good), NOW);
    expect(await db.count('conversations')).toBe(1);
    expect(await db.count('events')).toBe(3);
    expect((await db.get('metrics', 'demo-desk|http://localhost:4400|c-1'))?.metrics.firstResponse?.seconds).toBe(240);
    expect(await db.count('panelMetrics')).toBe(1);
    expect((await db.get('state', 'readModel')) as unknown).toMatchObject({ version: expect.any(Number) });
  });

  it('exports imported team exports and restores them (round trip)', async () => {
    const team = {
      format: 'replyline.timeline/1',
      source: { helpdesk: 'zendesk', origin: 'https://acme.zendesk.com' },
      agentId: 'ana',
      conversations: [
        {
          id: '17',
          createdAt: '2026-11-23T10:00:00Z',
          events: [{ type: 'message', id: 'm1', at: '2026-11-23T10:00:00Z', author: 'customer' }],
        },
      ],
    };
    const outcome = await importTimelineFile(db, { fileName: 'ana.json', text: JSON.stringify(team) }, NOW);
    expect(outcome.status).toBe('imported');
    const exported = await exportEverything(db, NOW);
    expect(exported.imports.files.map((f) => [f.fileName, f.sourceAgentId, f.conversations])).toEqual([['ana.json', 'ana', 1]]);
    expect(exported.imports.conversations.map((c) => c.key)).toEqual(['zendesk|https://acme.zendesk.com|17']);
    await deleteEverything(db);
    expect(await db.count('importedConversations')).toBe(0);

    const result = await importEverything(db, JSON.stringify(exported), NOW);
    expect(result.importedFiles).toBe(1);
    expect(await db.getAll('importFiles')).toEqual(exported.imports.files);
    expect(await readImportedConversations(db)).toEqual(exported.imports.conversations);
  });
});
