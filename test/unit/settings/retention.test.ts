import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { DAY_MS, deleteEverything, purgeOlderThan } from '../../../lib/storage/retention';
import type { RollupRecord } from '../../../lib/storage/schema';
import type { ConversationRecord } from '../../../lib/measure/stored';
import { saveSettings } from '../../../lib/storage/settings';

const DB = 'replyline-retention-test';
const NOW = Date.UTC(2026, 5, 30, 12, 0, 0);
const OLD = NOW - 31 * DAY_MS;
const RECENT = NOW - 2 * DAY_MS;
let db: ReplylineDb;

function conversation(key: string, updatedAt: number): ConversationRecord {
  return {
    key,
    helpdesk: 'demo-desk',
    origin: 'http://localhost',
    conversationId: key,
    hasEvents: true,
    missingFromList: [],
    missingFromView: [],
    unverified: false,
    firstSeenAt: updatedAt,
    updatedAt,
  };
}
function rollup(day: string): RollupRecord {
  const empty = { calendar: [], business: [] };
  return {
    key: `${day}|*`,
    day,
    agentId: '*',
    conversations: 1,
    replies: 0,
    resolutions: 0,
    firstResponse: empty,
    nextResponse: empty,
    resolution: empty,
    repliesByHour: new Array(24).fill(0),
    updatedAt: NOW,
  };
}

async function seed(): Promise<void> {
  for (const [key, at] of [
    ['old', OLD],
    ['new', RECENT],
  ] as const) {
    await db.put('conversations', conversation(key, at));
    await db.put('events', { key: `${key}|e1`, conversationKey: key, event: { id: 'e1', at, type: 'message', author: 'customer' } });
    await db.put('activity', {
      key: `doc|${at}`,
      documentId: 'doc',
      conversationKey: key,
      agentId: 'a',
      start: at,
      end: at + 1000,
      kind: 'viewing',
    });
    await db.put('metrics', { key, helpdesk: 'demo-desk', origin: 'http://localhost', metrics: {} as never, measuredAt: at, days: [] });
    await db.put('batches', { key: `doc|${at}`, documentId: 'doc', seq: 0, appliedAt: at });
    await db.put('reviews', {
      conversationKey: key,
      templateId: 'default',
      answers: {},
      score: null,
      criticalFailed: false,
      reviewerId: null,
      reviewedAt: at,
    });
    await db.put('outcomes', { conversationKey: key, tags: ['renewal'], agentId: null, updatedAt: at });
    await db.put('importedConversations', {
      key: `imp-${key}`,
      fileId: `f-${key}`,
      sourceAgentId: null,
      conversation: { id: key, createdAt: '2026-01-01T00:00:00Z', events: [] },
      importedAt: at,
    });
    await db.put('importFiles', {
      fileId: `f-${key}`,
      fileName: `${key}.json`,
      sourceAgentId: null,
      helpdesk: null,
      period: null,
      conversations: 1,
      importedAt: at,
    });
  }
  // A long-running conversation kept for its recent update, with an old activity span of its own.
  await db.put('activity', {
    key: 'doc|ancient',
    documentId: 'doc',
    conversationKey: 'new',
    agentId: 'a',
    start: OLD - DAY_MS,
    end: OLD - DAY_MS + 1000,
    kind: 'typing',
  });
  await db.put('rollups', rollup('2026-05-29'));
  await db.put('rollups', rollup('2026-05-31'));
  await db.put('rollups', rollup('2026-06-28'));
}

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

describe('retention purge', () => {
  it('deletes observed data older than the retention period and keeps the rest', async () => {
    await seed();
    const counts = await purgeOlderThan(db, 30, NOW, 'UTC');
    expect(counts).toEqual({
      conversations: 1,
      events: 1,
      activity: 2,
      metrics: 1,
      rollups: 1,
      batches: 1,
      reviews: 1,
      outcomes: 1,
      importedConversations: 1,
      importFiles: 1,
    });
    expect(await db.getAllKeys('conversations')).toEqual(['new']);
    expect(await db.getAllKeys('events')).toEqual(['new|e1']);
    expect(await db.getAllKeys('activity')).toEqual([`doc|${RECENT}`]);
    expect(await db.getAllKeys('metrics')).toEqual(['new']);
    // The cut-off is 2026-05-31 12:00 UTC: days before 2026-05-31 go, the cut-off's own day stays.
    expect(await db.getAllKeys('rollups')).toEqual(['2026-05-31|*', '2026-06-28|*']);
    expect(await db.getAllKeys('reviews')).toEqual(['new']);
    expect(await db.getAllKeys('outcomes')).toEqual(['new']);
    expect(await db.getAllKeys('importedConversations')).toEqual(['imp-new']);
    expect(await db.getAllKeys('importFiles')).toEqual(['f-new']);
  });

  it('deletes nothing when everything is within the period, and refuses a period under a day', async () => {
    await seed();
    expect(await purgeOlderThan(db, 60, NOW, 'UTC')).toEqual({});
    expect(await db.count('conversations')).toBe(2);
    await expect(purgeOlderThan(db, 0, NOW, 'UTC')).rejects.toThrow('retention must be at least 1 day, got 0');
  });

  it('delete everything empties every store, settings included', async () => {
    await seed();
    await saveSettings(db, { retentionDays: 7 });
    await deleteEverything(db);
    for (const store of [
      'conversations',
      'events',
      'activity',
      'metrics',
      'rollups',
      'batches',
      'reviews',
      'outcomes',
      'importedConversations',
      'importFiles',
      'settings',
    ] as const) {
      expect(await db.count(store)).toBe(0);
    }
  });
});
