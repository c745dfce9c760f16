import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { DAY_MS, deleteEverything, purgeOlderThan } from '../../../lib/storage/retention';
import { isReadModelCurrent, rebuildEverything } from '../../../lib/storage/read-model';
import type { ConversationRecord, EventRecord } from '../../../lib/measure/stored';
import { defaultSettings, mergeSettings } from '../../../lib/settings/model';
import { saveSettings } from '../../../lib/storage/settings';

const DB = 'replyline-retention-test';
// Tuesday 2026-06-30 12:00 UTC; the 30-day cut-off is 2026-05-31 12:00 UTC.
const NOW = Date.UTC(2026, 5, 30, 12, 0, 0);
const OLD = NOW - 31 * DAY_MS; // 2026-05-30 12:00
const RECENT = NOW - 2 * DAY_MS; // 2026-06-28 12:00
const LONG_AGO = OLD - 2 * DAY_MS; // 2026-05-28 12:00
const MIN = 60_000;
// 24/7 in UTC: business time equals wall time.
const settings = { ...defaultSettings(), calendar: { ...defaultSettings().calendar, timezone: 'UTC' } };
let db: ReplylineDb;

function conversation(key: string, createdAt: number, updatedAt: number): ConversationRecord {
  return {
    key,
    helpdesk: 'demo-desk',
    origin: 'http://localhost',
    conversationId: key,
    createdAt,
    status: 'open',
    assigneeId: 'a',
    hasEvents: true,
    missingFromList: [],
    missingFromView: [],
    unverified: false,
    firstSeenAt: createdAt,
    updatedAt,
    // Still shown on a page now (its facts unchanged since updatedAt): its clocks may be announced.
    seenAt: NOW,
  };
}
function message(conversationKey: string, id: string, at: number, author: 'customer' | 'agent'): EventRecord {
  return {
    key: `${conversationKey}|${id}`,
    conversationKey,
    event: { id, at, type: 'message', author, ...(author === 'agent' ? { agentId: 'a' } : {}) },
  };
}
function span(conversationKey: string, start: number, seconds: number) {
  return {
    key: `doc|${start}`,
    documentId: 'doc',
    conversationKey,
    agentId: 'a',
    start,
    end: start + seconds * 1000,
    kind: 'typing' as const,
  };
}

/**
 * Two conversations, measured by the read model as the worker does:
 * - "old": a customer message at OLD answered after 3 min, still open, last updated then (purged);
 * - "new": opened LONG_AGO (answered after 5 min), asked again at RECENT (answered after 2 min),
 *   with a 60 s typing span before the cut-off and a 30 s one after it (kept, the old span goes).
 */
async function seed(): Promise<void> {
  await db.put('conversations', conversation('old', OLD, OLD));
  await db.put('events', message('old', 'e1', OLD, 'customer'));
  await db.put('events', message('old', 'e2', OLD + 3 * MIN, 'agent'));
  await db.put('activity', span('old', OLD + MIN, 20));
  await db.put('conversations', conversation('new', LONG_AGO, RECENT + 2 * MIN));
  await db.put('events', message('new', 'e1', LONG_AGO, 'customer'));
  await db.put('events', message('new', 'e2', LONG_AGO + 5 * MIN, 'agent'));
  await db.put('events', message('new', 'e3', RECENT, 'customer'));
  await db.put('events', message('new', 'e4', RECENT + 2 * MIN, 'agent'));
  await db.put('activity', span('new', LONG_AGO + MIN, 60));
  await db.put('activity', span('new', RECENT + MIN, 30));
  for (const [key, at] of [
    ['old', OLD],
    ['new', RECENT],
  ] as const) {
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
  await rebuildEverything(db, settings, NOW);
}

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

const replies = (first: number[], next: number[]) => ({
  firstResponse: { calendar: first, business: first },
  nextResponse: { calendar: next, business: next },
});
async function derived() {
  return {
    metrics: (await db.getAll('metrics')).map((r) => [r.key, r.days, r.metrics.handleSeconds]),
    panelMetrics: await db.getAllKeys('panelMetrics'),
    rollups: (await db.getAll('rollups')).map((r) => ({
      key: r.key,
      replies: r.replies,
      ...replies(r.firstResponse.calendar, r.nextResponse.calendar),
    })),
    notifications: await db.getAllKeys('notifications'),
  };
}

describe('retention purge', () => {
  it('deletes observed data older than the retention period; what was derived from it follows', async () => {
    await seed();
    // As the read model measured it: 60 + 30 s of typing on "new", 20 s on "old"; a resolution
    // clock runs on both (open), each a pending notification.
    expect(await derived()).toEqual({
      metrics: [
        ['new', ['2026-05-28', '2026-06-28'], 90],
        ['old', ['2026-05-30'], 20],
      ],
      panelMetrics: ['new', 'old'],
      rollups: [
        { key: '2026-05-28|*', replies: 1, ...replies([300], []) },
        { key: '2026-05-28|a', replies: 1, ...replies([300], []) },
        { key: '2026-05-30|*', replies: 1, ...replies([180], []) },
        { key: '2026-05-30|a', replies: 1, ...replies([180], []) },
        { key: '2026-06-28|*', replies: 1, ...replies([], [120]) },
        { key: '2026-06-28|a', replies: 1, ...replies([], [120]) },
      ],
      notifications: [`new|resolution|${LONG_AGO}`, `old|resolution|${OLD}`],
    });

    const counts = await purgeOlderThan(db, 30, NOW, settings);
    expect(counts).toEqual({
      conversations: 1,
      events: 2,
      // The old conversation's span and the kept conversation's span that ended before the cut-off.
      activity: 2,
      metrics: 1,
      panelMetrics: 1,
      notifications: 1,
      batches: 1,
      reviews: 1,
      outcomes: 1,
      importedConversations: 1,
      importFiles: 1,
    });
    expect(await db.getAllKeys('conversations')).toEqual(['new']);
    expect(await db.getAllKeys('events')).toEqual(['new|e1', 'new|e2', 'new|e3', 'new|e4']);
    expect(await db.getAllKeys('activity')).toEqual([`doc|${RECENT + MIN}`]);
    expect(await derived()).toEqual({
      // "new" measured again without its old span: 30 s of handle time left.
      metrics: [['new', ['2026-05-28', '2026-06-28'], 30]],
      panelMetrics: ['new'],
      // The old conversation's day is gone; the kept conversation's first reply still counts on its day.
      rollups: [
        { key: '2026-05-28|*', replies: 1, ...replies([300], []) },
        { key: '2026-05-28|a', replies: 1, ...replies([300], []) },
        { key: '2026-06-28|*', replies: 1, ...replies([], [120]) },
        { key: '2026-06-28|a', replies: 1, ...replies([], [120]) },
      ],
      notifications: [`new|resolution|${LONG_AGO}`],
    });
    expect(await db.getAllKeys('reviews')).toEqual(['new']);
    expect(await db.getAllKeys('outcomes')).toEqual(['new']);
    expect(await db.getAllKeys('importedConversations')).toEqual(['imp-new']);
    expect(await db.getAllKeys('importFiles')).toEqual(['f-new']);
  });

  it('deletes nothing when everything is within the period, and refuses a period under a day', async () => {
    await seed();
    const before = await derived();
    expect(await purgeOlderThan(db, 60, NOW, settings)).toEqual({});
    expect(await db.count('conversations')).toBe(2);
    expect(await derived()).toEqual(before);
    await expect(purgeOlderThan(db, 0, NOW, settings)).rejects.toThrow('retention must be at least 1 day, got 0');
  });

  it('delete everything empties every store, settings included, and leaves a current (empty) read model', async () => {
    await seed();
    await saveSettings(db, { retentionDays: 7 });
    await deleteEverything(db);
    for (const store of [
      'conversations',
      'events',
      'activity',
      'metrics',
      'panelMetrics',
      'rollups',
      'notifications',
      'batches',
      'reviews',
      'outcomes',
      'importedConversations',
      'importFiles',
      'settings',
    ] as const) {
      expect(await db.count(store)).toBe(0);
    }
    expect(await db.getAllKeys('state')).toEqual(['readModel']);
    expect(await isReadModelCurrent(db, mergeSettings(undefined))).toBe(true);
  });
});
