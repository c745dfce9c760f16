import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { BackupError, checkBackup, exportEverything, importEverything } from '../../../lib/storage/backup';
import { deleteEverything } from '../../../lib/storage/retention';
import { getSettings, saveSettings } from '../../../lib/storage/settings';
import { MIN, T0, batch, viewC1 } from '../../fixtures/storage/observations';

const DB = 'replyline-backup-test';
const NOW = T0 + 20 * MIN;
const KEY = 'demo-desk|http://localhost:4400|c-1';
let db: ReplylineDb;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await saveSettings(db, {
    calendar: {
      timezone: 'UTC',
      week: {
        mon: [['00:00', '24:00']],
        tue: [['00:00', '24:00']],
        wed: [['00:00', '24:00']],
        thu: [['00:00', '24:00']],
        fri: [['00:00', '24:00']],
        sat: [['00:00', '24:00']],
        sun: [['00:00', '24:00']],
      },
      holidays: [],
    },
    retentionDays: 90,
    targetRules: [{ channel: 'chat', firstResponseSeconds: 120 }],
  });
  await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, NOW);
  await db.put('reviews', {
    conversationKey: KEY,
    templateId: 'default',
    answers: { greeting: 'pass', tone: 'na' },
    score: 1,
    criticalFailed: false,
    reviewerId: 'a-1',
    reviewedAt: NOW,
  });
  await db.put('outcomes', { conversationKey: KEY, tags: ['renewal'], agentId: 'a-1', updatedAt: NOW });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

describe('export and import of everything', () => {
  it('exports settings, a timeline per helpdesk origin, reviews and outcomes', async () => {
    const backup = await exportEverything(db, NOW);
    expect(backup.format).toBe('replyline.backup/1');
    expect(backup.exportedAt).toBe('2026-11-24T09:20:00.000Z');
    expect(backup.settings.retentionDays).toBe(90);
    expect(backup.timelines).toHaveLength(1);
    expect(backup.timelines[0].source).toEqual({ helpdesk: 'demo-desk', origin: 'http://localhost:4400' });
    expect(backup.timelines[0].conversations).toEqual([
      {
        id: 'c-1',
        channel: 'chat',
        createdAt: '2026-11-24T09:00:00.000Z',
        unverified: false,
        events: [
          { type: 'message', at: '2026-11-24T09:00:00.000Z', id: 'e-1', author: 'customer' },
          { type: 'message', at: '2026-11-24T09:04:00.000Z', id: 'e-2', author: 'agent', agentId: 'a-1', public: true },
          { type: 'message', at: '2026-11-24T09:10:00.000Z', id: 'e-3', author: 'customer' },
        ],
      },
    ]);
    expect(backup.reviews.map((r) => r.conversationKey)).toEqual([KEY]);
    expect(backup.outcomes.map((o) => o.tags)).toEqual([['renewal']]);
    expect(checkBackup(JSON.stringify(backup))).toMatchObject({ ok: true });
  });

  it('round-trips: export, delete everything, import, export again gives the same file', async () => {
    const first = await exportEverything(db, NOW);
    const metricsBefore = (await db.get('metrics', KEY))?.metrics;
    await deleteEverything(db);
    expect(await db.count('conversations')).toBe(0);

    const result = await importEverything(db, JSON.stringify(first), NOW);
    expect(result).toEqual({ conversations: 1, reviews: 1, outcomes: 1, importedFiles: 0 });
    expect(await exportEverything(db, NOW)).toEqual(first);
    expect((await getSettings(db)).targetRules).toEqual([{ channel: 'chat', firstResponseSeconds: 120 }]);
    // Metrics recomputed with the imported settings (the chat rule's 2-minute first-response target).
    const metricsAfter = (await db.get('metrics', KEY))?.metrics;
    expect(metricsAfter?.firstResponse).toEqual(metricsBefore?.firstResponse);
    expect(metricsAfter?.targets.firstResponse?.dueAt).toBe(T0 + 2 * MIN);
    expect((await db.getAll('rollups')).map((r) => [r.key, r.replies])).toEqual([
      ['2026-11-24|*', 1],
      ['2026-11-24|a-1', 1],
    ]);
  });

  it('a corrupt file writes nothing and names what is wrong', async () => {
    const good = await exportEverything(db, NOW);
    await deleteEverything(db);
    const bad = structuredClone(good) as unknown as Record<string, unknown>;
    (bad.settings as { targets: { atRiskShare: number } }).targets.atRiskShare = 2;
    (bad.timelines as Array<{ conversations: Array<{ createdAt: string }> }>)[0].conversations[0].createdAt = 'yesterday';
    (bad.outcomes as Array<{ tags: string[] }>)[0].tags = ['happy'];

    const check = checkBackup(JSON.stringify(bad));
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.errors).toEqual([
      'settings.targets.atRiskShare: must be less than 100 %',
      expect.stringMatching(/^timelines\[0\]\.conversations\[0\]\.createdAt: /),
      expect.stringMatching(/^outcomes\[0\]\.tags\[0\]: /),
    ]);
    await expect(importEverything(db, JSON.stringify(bad), NOW)).rejects.toBeInstanceOf(BackupError);
    await expect(importEverything(db, '{"format": "replyline.backup/1"', NOW, 'b.json')).rejects.toThrow(
      /^b\.json was not imported: not JSON: /,
    );
    await expect(importEverything(db, '{"format": "replyline.other/1"}', NOW, 'b.json')).rejects.toThrow(
      'b.json was not imported: format: expected "format": "replyline.backup/1"',
    );
    for (const store of ['settings', 'conversations', 'events', 'metrics', 'rollups', 'reviews', 'outcomes'] as const)
      expect(await db.count(store)).toBe(0);
  });
});
