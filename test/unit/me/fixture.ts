/**
 * A small stored fixture for the Me view: six conversations over ISO weeks 2026-W47 and W48
 * (Europe/Berlin, open all day, so business time = calendar time), stored through the
 * worker's own ingest, plus three QA reviews. The worked figures are in week-figures.test.ts.
 */
import { handleContentMessage } from '../../../lib/background/ingest';
import type { ReplylineDb } from '../../../lib/storage/db';
import { saveSettings } from '../../../lib/storage/settings';
import { conversationKey, type ObservedConversation, type ObservedEvent } from '../../../lib/messaging/protocol';
import { HELPDESK, ORIGIN, batch } from '../../fixtures/storage/observations';

export const MIN = 60_000;
export const TZ = 'Europe/Berlin';
const ALL_DAY: [string, string][] = [['00:00', '24:00']];
/** The Demo Desk's targets (defaults): 10 min first response, 15 min next response, 2 h resolution. */
export const AT = Date.parse('2026-11-26T12:00:00Z');
/** When the worker stored everything: before c-4's first-response target breached at 11:10. */
export const INGESTED = Date.parse('2026-11-26T11:05:00Z');

export const key = (id: string) => conversationKey(HELPDESK, ORIGIN, id);

function conversation(
  id: string,
  created: string,
  status: 'open' | 'resolved',
  events: Array<[number, Omit<ObservedEvent, 'id' | 'at'>]>,
): ObservedConversation {
  const t0 = Date.parse(created);
  return {
    conversationId: id,
    channel: 'chat',
    createdAt: t0,
    status,
    events: [
      { id: `${id}-0`, at: t0, type: 'message', author: 'customer' },
      ...events.map(([minutes, event], i) => ({ id: `${id}-${i + 1}`, at: t0 + minutes * MIN, ...event })),
    ],
  };
}

const agentReply = (agentId: string) => ({ type: 'message' as const, author: 'agent' as const, agentId, public: true });
const customer = { type: 'message' as const, author: 'customer' as const };
const resolved = (agentId: string) => ({ type: 'status' as const, status: 'resolved' as const, agentId });

export const CONVERSATIONS: ObservedConversation[] = [
  // W48, Monday: first response 4 min, next response 6 min, resolved after 20 min, CSAT 5.
  conversation('c-1', '2026-11-23T09:00:00Z', 'resolved', [
    [4, agentReply('a-1')],
    [10, customer],
    [16, agentReply('a-1')],
    [20, resolved('a-1')],
    [30, { type: 'rating', csat: 5 }],
  ]),
  // W48, Monday, overlapping c-1: a-2 replies after 12 min (target missed), resolved after 60 min.
  conversation('c-2', '2026-11-23T09:10:00Z', 'resolved', [
    [12, agentReply('a-2')],
    [60, resolved('a-2')],
  ]),
  // W48, Wednesday: first response 2 min, resolved after 130 min (target missed), CSAT 3.
  conversation('c-3', '2026-11-25T08:00:00Z', 'resolved', [
    [2, agentReply('a-1')],
    [130, resolved('a-1')],
    [140, { type: 'rating', csat: 3 }],
  ]),
  // W48, Thursday: assigned to a-1, nobody replied; the 10 min target breaches at 11:10.
  conversation('c-4', '2026-11-26T11:00:00Z', 'open', [[1, { type: 'assignment', agentId: 'a-1' }]]),
  // W47: first responses 5 and 20 min, resolutions 30 and 90 min.
  conversation('c-5', '2026-11-17T09:00:00Z', 'resolved', [
    [5, agentReply('a-1')],
    [30, resolved('a-1')],
  ]),
  conversation('c-6', '2026-11-18T09:00:00Z', 'resolved', [
    [20, agentReply('a-1')],
    [90, resolved('a-1')],
  ]),
];

export async function seedMeFixture(db: ReplylineDb): Promise<void> {
  await saveSettings(db, {
    calendar: {
      timezone: TZ,
      week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      holidays: [],
    },
  });
  const activity = [
    {
      conversationId: 'c-1',
      agentId: 'a-1',
      start: Date.parse('2026-11-23T09:03:00Z'),
      end: Date.parse('2026-11-23T09:05:00Z'),
      kind: 'viewing' as const,
    },
    {
      conversationId: 'c-3',
      agentId: 'a-1',
      start: Date.parse('2026-11-25T08:01:00Z'),
      end: Date.parse('2026-11-25T08:04:00Z'),
      kind: 'typing' as const,
    },
  ];
  const { reply } = await handleContentMessage(batch('doc-me-week', 0, CONVERSATIONS, { activity }), db, INGESTED);
  if (!reply.ok) throw new Error(reply.error);
  const review = (id: string, score: number | null, at: string) => ({
    conversationKey: key(id),
    templateId: 'default',
    answers: {},
    score,
    criticalFailed: false,
    reviewerId: 'lead-1',
    reviewedAt: Date.parse(at),
  });
  await db.put('reviews', review('c-1', 0.8, '2026-11-23T12:00:00Z'));
  await db.put('reviews', review('c-2', 0.5, '2026-11-24T12:00:00Z'));
  await db.put('reviews', review('c-3', null, '2026-11-25T12:00:00Z'));
}
