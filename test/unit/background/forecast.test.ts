import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { clearForecastCache, withStatesAt } from '../../../lib/background/forecast';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { saveSettings } from '../../../lib/storage/settings';
import type { ConversationMetrics } from '../../../lib/engine/types';
import { MIN, T0, batch, viewC1 } from '../../fixtures/storage/observations';

const DB = 'replyline-forecast-test';
// A whole minute, so that NOW + 10 s falls in the same cached minute.
const NOW = T0 + 20 * MIN;
const ALL_DAY: [string, string][] = [['00:00', '24:00']];
let db: ReplylineDb;

beforeEach(async () => {
  clearForecastCache();
  db = await openReplylineDb({ name: DB });
  await saveSettings(db, {
    calendar: {
      timezone: 'UTC',
      week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      holidays: [],
    },
  });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

describe('breach forecast in clock plans', () => {
  it('adds the forecast of a waiting conversation: one reply in the last hour, next response due in 5 min', async () => {
    // c-1: replied at T0+4 min (the hour's only reply: 1 per 60 working minutes), waiting since T0+10,
    // next response due T0+25. First in the queue: expected reply NOW + 60 min, after the due time.
    // No recent waits to compare: 10 of the target's 15 min have elapsed (≥ half) → likely to breach.
    const { reply } = await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, NOW);
    expect(reply.plans[0].forecast).toEqual({ likely: true, expectedReplyAt: NOW + 60 * MIN, text: 'likely to breach in ~5 min' });
  });

  it('counts a conversation the batch just stored while the stored metrics are cached for the minute', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, NOW);
    const at = NOW + 10_000;
    // c-2 waits since NOW − 1 min (first response due NOW + 9 min); second in the queue behind c-1.
    // The queue model expects its reply after the due time, but with no recent waits to compare
    // (fewer than 10) the elapsed-share rule decides: 70 s of 10 min is under half → on time.
    const c2 = {
      conversationId: 'c-2',
      channel: 'chat',
      createdAt: NOW - MIN,
      status: 'open' as const,
      assigneeId: null,
      waitingSince: NOW - MIN,
      events: [{ id: 'c2-1', at: NOW - MIN, type: 'message' as const, author: 'customer' as const }],
    };
    const { reply } = await handleContentMessage(batch('doc-bbbbbbbb', 0, [c2]), db, at);
    expect(reply.plans.map((p) => p.conversationId)).toEqual(['c-2']);
    expect(reply.plans[0].forecast).toEqual({ likely: false, expectedReplyAt: at + 120 * MIN, text: 'likely on time' });
  });

  it('says nothing for a conversation nobody waits on, and answers plan requests with the forecast too', async () => {
    const resolved = viewC1({
      status: 'resolved',
      waitingSince: null,
      events: [
        ...viewC1().events!,
        { id: 'e-4', at: T0 + 12 * MIN, type: 'message', author: 'agent', agentId: 'a-1', public: true },
        { id: 'e-5', at: T0 + 13 * MIN, type: 'status', status: 'resolved', agentId: 'a-1' },
      ],
    });
    const { reply } = await handleContentMessage(batch('doc-aaaaaaaa', 0, [resolved]), db, NOW);
    expect(reply.plans[0].forecast).toBeUndefined();

    clearForecastCache();
    await handleContentMessage(
      batch('doc-cccccccc', 0, [viewC1({ conversationId: 'c-9', events: viewC1().events!.map((e) => ({ ...e, id: `9${e.id}` })) })]),
      db,
      NOW,
    );
    const asked = await handleContentMessage(
      { type: 'cs:get-clock-plans', helpdesk: 'demo-desk', origin: 'http://localhost:4400', conversationIds: ['c-9'] },
      db,
      NOW,
    );
    // Replies in the hour: c-1's at T0+4 and T0+12, c-9's at T0+4 → 3 per 60 working minutes; c-9 alone
    // waits (c-1 is resolved): expected NOW + 20 min, after its due time T0+25.
    expect(asked.reply.plans[0].forecast).toEqual({ likely: true, expectedReplyAt: NOW + 20 * MIN, text: 'likely to breach in ~5 min' });
  });

  it('treats a stored running target past its due time as breached now', () => {
    const m = {
      open: [
        {
          kind: 'firstResponse',
          startedAt: 0,
          elapsed: { seconds: 0, businessSeconds: 0 },
          target: { state: 'on_track', dueAt: 1000, startedAt: 0 },
        },
      ],
    } as unknown as ConversationMetrics;
    expect(withStatesAt(m, 999)).toBe(m);
    expect(withStatesAt(m, 1001).open[0].target?.state).toBe('breached');
  });
});
