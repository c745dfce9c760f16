/** Reviews, outcome tags and compose checks in IndexedDB (fake-indexeddb), through ingest too. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { conversationKey, type CsObservations } from '../../../lib/messaging/protocol';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { conversationsTagged, readComposeChecks, readOutcome, readReview, saveOutcome, saveReview } from '../../../lib/storage/reviews';
import { defaultChecklistTemplate } from '../../../lib/settings/model';
import type { QaItem } from '../../../lib/engine/qa';

const DB = 'replyline-reviews-test';
const KEY = conversationKey('demo-desk', 'http://localhost:4400', 'c-7');
const AT = 1_795_512_600_000;
let db: ReplylineDb;

const ITEMS: QaItem[] = [
  { id: 'greeting', label: 'Greeting', weight: 1, critical: false },
  { id: 'correct', label: 'Correct', weight: 3, critical: true },
  { id: 'tone', label: 'Tone', weight: 2, critical: false },
];

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

describe('reviews', () => {
  it('stores answers with the score computed from the items, and reads them back', async () => {
    const saved = await saveReview(db, {
      conversationKey: KEY,
      templateId: 't-1',
      items: ITEMS,
      answers: { greeting: 'pass', correct: 'pass', tone: 'na' },
      reviewerId: 'a-1',
      at: AT,
    });
    expect(saved).toEqual({
      conversationKey: KEY,
      templateId: 't-1',
      answers: { greeting: 'pass', correct: 'pass', tone: 'na' },
      score: 1,
      criticalFailed: false,
      reviewerId: 'a-1',
      reviewedAt: AT,
    });
    expect(await readReview(db, KEY)).toEqual(saved);
  });

  it('replaces the review on the next save: a failed critical item scores 0', async () => {
    await saveReview(db, {
      conversationKey: KEY,
      templateId: 't-1',
      items: ITEMS,
      answers: { greeting: 'pass' },
      reviewerId: null,
      at: AT,
    });
    await saveReview(db, {
      conversationKey: KEY,
      templateId: 't-1',
      items: ITEMS,
      answers: { greeting: 'pass', correct: 'fail', tone: 'pass' },
      reviewerId: null,
      at: AT + 1,
    });
    expect(await readReview(db, KEY)).toMatchObject({
      score: 0,
      criticalFailed: true,
      reviewedAt: AT + 1,
      answers: { greeting: 'pass', correct: 'fail', tone: 'pass' },
    });
    expect(await db.count('reviews')).toBe(1);
  });

  it('drops answers for items not in the template; every item N/A stores a null score', async () => {
    const saved = await saveReview(db, {
      conversationKey: KEY,
      templateId: 't-1',
      items: ITEMS,
      answers: { greeting: 'na', correct: 'na', tone: 'na', gone: 'pass' },
      reviewerId: null,
      at: AT,
    });
    expect(saved.answers).toEqual({ greeting: 'na', correct: 'na', tone: 'na' });
    expect(saved.score).toBeNull();
  });

  it('scores the settings’ built-in template: all pass but next steps N/A = 1', async () => {
    const template = defaultChecklistTemplate();
    const answers = Object.fromEntries(
      template.items.map((item) => [item.id, item.id === 'next-steps' ? ('na' as const) : ('pass' as const)]),
    );
    expect(
      (await saveReview(db, { conversationKey: KEY, templateId: template.id, items: template.items, answers, reviewerId: null, at: AT }))
        .score,
    ).toBe(1);
  });

  it('is null for a conversation never reviewed', async () => {
    expect(await readReview(db, KEY)).toBeNull();
  });
});

describe('outcomes', () => {
  it('stores known tags in a fixed order without duplicates, indexed by tag', async () => {
    const saved = await saveOutcome(db, KEY, ['upsell', 'retention', 'upsell'], 'a-2', AT);
    expect(saved).toEqual({ conversationKey: KEY, tags: ['retention', 'upsell'], agentId: 'a-2', updatedAt: AT });
    expect(await readOutcome(db, KEY)).toEqual(saved);
    expect(await conversationsTagged(db, 'upsell')).toEqual([KEY]);
    expect(await conversationsTagged(db, 'churn-risk')).toEqual([]);
    await saveOutcome(db, KEY, [], 'a-2', AT + 1);
    expect(await readOutcome(db, KEY)).toEqual({ conversationKey: KEY, tags: [], agentId: 'a-2', updatedAt: AT + 1 });
    expect(await conversationsTagged(db, 'upsell')).toEqual([]);
  });
});

describe('compose checks through ingest', () => {
  it('keeps the latest booleans per conversation in state and reports the conversation as changed', async () => {
    const message: CsObservations = {
      type: 'cs:observations',
      documentId: 'doc-0123456789abcdef',
      helpdesk: 'demo-desk',
      origin: 'http://localhost:4400',
      seq: 0,
      url: 'http://localhost:4400/conversations/c-7',
      focusedConversationId: 'c-7',
      conversations: [],
      activity: [],
      compose: { conversationId: 'c-7', greeting: true, customerName: true, closing: false, answersQuestion: false, at: AT },
    };
    const { reply, changed } = await handleContentMessage(message, db, AT + 5);
    expect(reply.ok).toBe(true);
    expect(changed).toEqual([KEY]);
    expect(await readComposeChecks(db, KEY)).toEqual({
      conversationKey: KEY,
      greeting: true,
      customerName: true,
      closing: false,
      answersQuestion: false,
      at: AT,
    });
    await handleContentMessage({ ...message, seq: 1, compose: { ...message.compose!, closing: true, at: AT + 9 } }, db, AT + 10);
    expect(await readComposeChecks(db, KEY)).toMatchObject({ closing: true, at: AT + 9 });
    expect(await readComposeChecks(db, conversationKey('demo-desk', 'http://localhost:4400', 'c-8'))).toBeNull();
  });

  it('rejects a compose field carrying text', async () => {
    const { reply } = await handleContentMessage(
      {
        type: 'cs:observations',
        documentId: 'doc-0123456789abcdef',
        helpdesk: 'demo-desk',
        origin: 'http://localhost:4400',
        seq: 0,
        url: 'http://localhost:4400/',
        conversations: [],
        activity: [],
        compose: { conversationId: 'c-7', greeting: 'Hello Maya', customerName: true, closing: false, answersQuestion: true, at: AT },
      },
      db,
      AT,
    );
    expect(reply.ok).toBe(false);
    expect(await db.count('state')).toBe(0);
  });
});
