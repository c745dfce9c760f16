import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import {
  importTimelineFile,
  importTimelineFiles,
  listImports,
  readImportedConversations,
  removeImport,
} from '../../../lib/storage/imports';
import { agentTable, loadTeamData, periodRange } from '../../../lib/sidepanel-state/team';
import { summaryContext } from '../../../lib/measure/context';
import { measure } from '../../../lib/measure/context';
import { summarize } from '../../../lib/engine/summary';
import type { Conversation } from '../../../lib/engine/events';
import { toTimelineFile } from '../../../lib/timeline/convert';
import type { StoreName } from '../../../lib/storage/schema';
import { MIN, ORIGIN, T, key, seed, teamSettings } from './team-fixtures';

const DB = 'replyline-imports-test';
let db: ReplylineDb;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await db.put('settings', teamSettings(), 'settings');
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

const SOURCE = { helpdesk: 'demo-desk', origin: ORIGIN };

function conversation(id: string, createdAt: number, events: Conversation['events'], channel = 'chat'): Conversation {
  return { id, channel, createdAt, events };
}

/** Ana's week: two conversations she answered. */
const anaWeek: Conversation[] = [
  conversation('c-1', T - 50 * MIN, [
    { type: 'message', id: 'c1-m1', at: T - 50 * MIN, author: 'customer' },
    { type: 'message', id: 'c1-m2', at: T - 47 * MIN, author: 'agent', agentId: 'a-3' },
    { type: 'status', id: 'c1-s1', at: T - 40 * MIN, status: 'resolved', agentId: 'a-3' },
    { type: 'rating', id: 'c1-r1', at: T - 39 * MIN, csat: 4 },
  ]),
  conversation('c-2', T - 45 * MIN, [
    { type: 'message', id: 'c2-m1', at: T - 45 * MIN, author: 'customer' },
    { type: 'message', id: 'c2-m2', at: T - 44 * MIN, author: 'agent', agentId: 'a-3' },
    { type: 'message', id: 'c2-m3', at: T - 30 * MIN, author: 'customer' },
    { type: 'message', id: 'c2-m4', at: T - 10 * MIN, author: 'agent', agentId: 'a-3' },
    { type: 'activity', id: 'c2-act', at: T - 12 * MIN, until: T - 10 * MIN, agentId: 'a-3', kind: 'typing' },
  ]),
];

function fileText(conversations: Conversation[], agentId = 'a-3'): string {
  return JSON.stringify(
    toTimelineFile({ conversations, source: SOURCE, agentId, generatedAt: T, period: { from: T - 7 * 24 * 60 * MIN, to: T } }),
    null,
    2,
  );
}

async function counts(): Promise<Record<string, number>> {
  const stores: StoreName[] = ['importFiles', 'importedConversations', 'conversations', 'events'];
  const out: Record<string, number> = {};
  for (const store of stores) out[store] = await db.count(store);
  return out;
}

describe('import of an agent’s export', () => {
  it('stores a valid file, identified by the SHA-256 of its content', async () => {
    const text = fileText(anaWeek);
    const outcome = await importTimelineFile(db, { fileName: 'ana-week.json', text }, T);
    const fileId = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(outcome).toEqual({
      status: 'imported',
      fileName: 'ana-week.json',
      file: {
        fileId,
        fileName: 'ana-week.json',
        sourceAgentId: 'a-3',
        helpdesk: 'demo-desk',
        period: { from: T - 7 * 24 * 60 * MIN, to: T },
        conversations: 2,
        importedAt: T,
      },
      added: 2,
      merged: 0,
      skippedObserved: 0,
    });
    expect(await counts()).toEqual({ importFiles: 1, importedConversations: 2, conversations: 0, events: 0 });
    const stored = await readImportedConversations(db);
    expect(stored.map((r) => [r.key, r.fileId, r.sourceAgentId, r.conversation.events.length])).toEqual([
      [key('c-1'), fileId, 'a-3', 4],
      [key('c-2'), fileId, 'a-3', 5],
    ]);
    expect((await listImports(db)).map((f) => f.fileName)).toEqual(['ana-week.json']);
  });

  const good = JSON.parse(fileText(anaWeek));
  const bad: Array<[string, string, { path: string; message: string }]> = [
    [
      'a bad time',
      JSON.stringify({
        ...good,
        conversations: [
          good.conversations[0],
          { ...good.conversations[1], events: [good.conversations[1].events[0], { ...good.conversations[1].events[1], at: 'yesterday' }] },
        ],
      }),
      {
        path: 'conversations[1].events[1].at',
        message: 'expected an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00Z; got "yesterday"',
      },
    ],
    [
      'an unknown event type',
      JSON.stringify({
        ...good,
        conversations: [{ ...good.conversations[0], events: [{ type: 'call', at: good.conversations[0].events[0].at }] }],
      }),
      {
        path: 'conversations[0].events[0].type',
        message: 'unknown event type "call" (expected one of message, note, status, handoff, assignment, rating, activity, tag)',
      },
    ],
    [
      'a wrong format string',
      JSON.stringify({ ...good, format: 'replyline.timeline/2' }),
      { path: 'format', message: 'expected "format": "replyline.timeline/1"; got "replyline.timeline/2"' },
    ],
    [
      'invalid JSON',
      '{"format": "replyline.timeline/1", "conversations": [}',
      { path: '', message: 'invalid JSON at line 1, column 54: unexpected "}"' },
    ],
  ];
  for (const [what, text, problem] of bad) {
    it(`rejects a file with ${what}: the path and reason are named, nothing is written`, async () => {
      const outcome = await importTimelineFile(db, { fileName: 'broken.json', text }, T);
      expect(outcome).toEqual({ status: 'invalid', fileName: 'broken.json', problems: [problem] });
      expect(await counts()).toEqual({ importFiles: 0, importedConversations: 0, conversations: 0, events: 0 });
    });
  }

  it('a bad file among good ones stops only itself', async () => {
    const outcomes = await importTimelineFiles(db, [
      { fileName: 'ana.json', text: fileText(anaWeek.slice(0, 1)) },
      { fileName: 'broken.json', text: '{' },
      { fileName: 'ana-2.json', text: fileText(anaWeek.slice(1)) },
    ]);
    expect(outcomes.map((o) => [o.fileName, o.status])).toEqual([
      ['ana.json', 'imported'],
      ['broken.json', 'invalid'],
      ['ana-2.json', 'imported'],
    ]);
    expect(await counts()).toMatchObject({ importFiles: 2, importedConversations: 2 });
  });

  it('the same file twice is "already imported" and nothing is doubled', async () => {
    const text = fileText(anaWeek);
    await importTimelineFile(db, { fileName: 'ana-week.json', text }, T);
    const again = await importTimelineFile(db, { fileName: 'copy of ana-week.json', text }, T + MIN);
    expect(again.status).toBe('duplicate');
    expect(again.status === 'duplicate' && [again.previous.fileName, again.previous.importedAt]).toEqual(['ana-week.json', T]);
    expect(await counts()).toEqual({ importFiles: 1, importedConversations: 2, conversations: 0, events: 0 });
  });

  it('the same conversation in two files is stored once, events merged by id; removing a file undoes its share', async () => {
    // Bruno's export has c-2 too (he saw it up to his own reply), and one conversation of his own.
    const brunoC2 = conversation('c-2', T - 45 * MIN, [
      { type: 'message', id: 'c2-m1', at: T - 45 * MIN, author: 'customer' },
      { type: 'message', id: 'c2-m2', at: T - 44 * MIN, author: 'agent', agentId: 'a-3' },
      { type: 'note', id: 'c2-n1', at: T - 43 * MIN, agentId: 'a-4' },
    ]);
    const brunoC5 = conversation('c-5', T - 20 * MIN, [{ type: 'message', id: 'c5-m1', at: T - 20 * MIN, author: 'customer' }]);
    const ana = await importTimelineFile(db, { fileName: 'ana.json', text: fileText(anaWeek) }, T);
    const bruno = await importTimelineFile(db, { fileName: 'bruno.json', text: fileText([brunoC2, brunoC5], 'a-4') }, T + MIN);
    expect(bruno).toMatchObject({ status: 'imported', added: 1, merged: 1, skippedObserved: 0 });
    const byKey = async () =>
      new Map((await readImportedConversations(db)).map((r) => [r.conversation.id, r.conversation.events.map((e) => e.id)]));
    expect(await byKey()).toEqual(
      new Map([
        ['c-1', ['c1-m1', 'c1-m2', 'c1-s1', 'c1-r1']],
        ['c-2', ['c2-m1', 'c2-m2', 'c2-n1', 'c2-m3', 'c2-act', 'c2-m4']],
        ['c-5', ['c5-m1']],
      ]),
    );

    if (ana.status !== 'imported') throw new Error('ana not imported');
    expect(await removeImport(db, ana.file.fileId)).toEqual({ removed: true, deleted: 1, updated: 1 });
    expect(await byKey()).toEqual(
      new Map([
        ['c-2', ['c2-m1', 'c2-m2', 'c2-n1']],
        ['c-5', ['c5-m1']],
      ]),
    );
    expect((await listImports(db)).map((f) => f.fileName)).toEqual(['bruno.json']);
    if (bruno.status !== 'imported') throw new Error('bruno not imported');
    await removeImport(db, bruno.file.fileId);
    expect(await counts()).toEqual({ importFiles: 0, importedConversations: 0, conversations: 0, events: 0 });
  });

  it('a conversation observed in this browser wins over an imported copy', async () => {
    await seed(db);
    const observedCopy = conversation('answered', T - 30 * MIN, [{ type: 'message', id: 'x-1', at: T - 30 * MIN, author: 'customer' }]);
    const outcome = await importTimelineFile(db, { fileName: 'ana.json', text: fileText([observedCopy, ...anaWeek]) }, T);
    expect(outcome).toMatchObject({ status: 'imported', added: 2, merged: 0, skippedObserved: 1 });
    expect((await readImportedConversations(db)).map((r) => r.conversation.id)).toEqual(['c-1', 'c-2']);

    // Observed after the import: the Team view still counts the observed conversation only.
    await db.put('importedConversations', {
      key: key('risk'),
      fileId: 'f',
      sourceAgentId: 'a-3',
      importedAt: T,
      conversation: { id: 'risk', createdAt: new Date(T - 8 * MIN).toISOString(), events: [] },
    });
    const data = await loadTeamData(db, T);
    const risk = data.conversations.filter((c) => c.conversationId === 'risk');
    expect(risk.map((c) => c.source)).toEqual(['observed']);
    expect(data.conversations.filter((c) => c.source === 'imported').map((c) => c.conversationId)).toEqual(['c-1', 'c-2']);
  });
});

describe('round trip', () => {
  it('an export imported into an empty database gives the same team numbers as the conversations themselves', async () => {
    const settings = teamSettings();
    const team: Conversation[] = [
      ...anaWeek,
      conversation(
        'c-3',
        T - 200 * MIN,
        [
          { type: 'message', id: 'c3-m1', at: T - 200 * MIN, author: 'customer' },
          { type: 'assignment', id: 'c3-a1', at: T - 199 * MIN, agentId: 'a-4' },
          { type: 'message', id: 'c3-m2', at: T - 185 * MIN, author: 'agent', agentId: 'a-4' },
          { type: 'message', id: 'c3-m3', at: T - 100 * MIN, author: 'customer' },
          { type: 'message', id: 'c3-m4', at: T - 95 * MIN, author: 'agent', agentId: 'a-4' },
          { type: 'status', id: 'c3-s1', at: T - 90 * MIN, status: 'resolved', agentId: 'a-4' },
          { type: 'rating', id: 'c3-r1', at: T - 80 * MIN, csat: 2 },
          { type: 'activity', id: 'c3-act', at: T - 190 * MIN, until: T - 185 * MIN, agentId: 'a-4', kind: 'typing' },
        ],
        'email',
      ),
      conversation('c-4', T - 25 * MIN, [
        { type: 'message', id: 'c4-m1', at: T - 25 * MIN, author: 'customer' },
        { type: 'assignment', id: 'c4-a1', at: T - 24 * MIN, agentId: 'a-4' },
      ]),
    ];
    const period = periodRange('today', T, 'UTC');
    const ctx = summaryContext(settings);
    const metrics = team.map((c) => measure(c, settings, T));
    const direct = ['a-3', 'a-4'].map((agentId) => {
      const s = summarize(metrics, ctx, period, { agentId });
      return {
        agentId,
        firstResponse: { value: s.firstResponse.business.median, n: s.firstResponse.business.n },
        nextResponse: { value: s.reply.business.median, n: s.reply.business.n },
        hitRate: { value: s.targets.all.rate, n: s.targets.all.n },
        csat: { value: s.csat.score, n: s.csat.n },
        handle: { value: s.handleSeconds.median, n: s.handleSeconds.n },
      };
    });
    // The worked values, so that an empty computation cannot pass. a-3: first responses 3 and
    // 1 min (met), a 20-min next response (missed), a resolution in 10 min (met). a-4: a 15-min
    // first response (missed), a 5-min next response and a 110-min resolution (met), and c-4's
    // first response breached since T−15 min.
    expect(direct.map((d) => [d.agentId, d.firstResponse, d.nextResponse, d.hitRate])).toEqual([
      ['a-3', { value: 120, n: 2 }, { value: 1200, n: 1 }, { value: 0.75, n: 4 }],
      ['a-4', { value: 900, n: 1 }, { value: 300, n: 1 }, { value: 0.5, n: 4 }],
    ]);

    const outcome = await importTimelineFile(db, { fileName: 'team.json', text: fileText(team) }, T);
    expect(outcome).toMatchObject({ status: 'imported', added: 4 });
    const data = await loadTeamData(db, T);
    const rows = agentTable(data, period, { channel: null, agent: null });
    expect(
      rows.map(({ agentId, firstResponse, nextResponse, hitRate, csat, handle }) => ({
        agentId,
        firstResponse,
        nextResponse,
        hitRate,
        csat,
        handle,
      })),
    ).toEqual(direct);
    // Load is "now": c-4 is open and assigned to a-4; c-2 is open but its export names no assignee.
    expect(rows.map((r) => [r.agentId, r.open])).toEqual([
      ['a-3', 0],
      ['a-4', 1],
    ]);
  });
});
