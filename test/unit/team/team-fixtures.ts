/**
 * A small team's stored data around one instant, T = Wednesday 2026-11-25 12:00 UTC, with the
 * Demo Desk's targets (first response 10 min, next response 15 min, resolution 2 h, at risk
 * from 75 %) on a 24/7 UTC calendar, so business time equals wall time.
 */
import { conversationKey, type ObservedEvent } from '../../../lib/messaging/protocol';
import type { ReplylineDb } from '../../../lib/storage/db';
import type { ReviewRecord } from '../../../lib/storage/schema';
import type { ActivityRecord, ConversationRecord, EventRecord } from '../../../lib/measure/stored';
import { defaultSettings, type Settings } from '../../../lib/settings/model';
import { rebuildEverything } from '../../../lib/storage/read-model';

export const T = Date.parse('2026-11-25T12:00:00Z');
export const MIN = 60_000;
export const ORIGIN = 'http://desk.test';
export const key = (id: string) => conversationKey('demo-desk', ORIGIN, id);

export function teamSettings(patch: Partial<Settings> = {}): Settings {
  const settings = defaultSettings();
  return { ...settings, calendar: { ...settings.calendar, timezone: 'UTC' }, ...patch };
}

interface Spec {
  id: string;
  createdAt: number;
  status: ConversationRecord['status'];
  assigneeId: string | null;
  channel?: string;
  events: Array<Omit<ObservedEvent, 'id'> & { id?: string }>;
  /** List-only: the thread was never read. */
  listOnly?: { waitingSince: number | null };
}

const customer = (at: number): Spec['events'][number] => ({ type: 'message', author: 'customer', at });
const agent = (at: number, agentId: string): Spec['events'][number] => ({ type: 'message', author: 'agent', at, agentId });
const assign = (at: number, agentId: string): Spec['events'][number] => ({ type: 'assignment', at, agentId });

/** Every conversation of the fixture; the comments state what the live queue must say at T. */
export const SPECS: Spec[] = [
  // Waiting 12 min, never answered, nobody assigned: unattended, breached (due T−2 min), unassigned.
  { id: 'wait-long', createdAt: T - 12 * MIN, status: 'open', assigneeId: null, events: [customer(T - 12 * MIN)] },
  // Waiting 8 min: first response at risk from 7 min 30 s, due T+2 min.
  { id: 'risk', createdAt: T - 8 * MIN, status: 'open', assigneeId: 'a-1', events: [customer(T - 8 * MIN), assign(T - 7 * MIN, 'a-1')] },
  // Waiting 3 min: on track.
  {
    id: 'fresh',
    createdAt: T - 3 * MIN,
    status: 'open',
    assigneeId: 'a-2',
    channel: 'email',
    events: [customer(T - 3 * MIN), assign(T - 2 * MIN, 'a-2')],
  },
  // Answered after 2 min; nobody waits; its resolution clock runs on track.
  {
    id: 'answered',
    createdAt: T - 30 * MIN,
    status: 'open',
    assigneeId: 'a-1',
    events: [
      customer(T - 30 * MIN),
      assign(T - 29 * MIN, 'a-1'),
      agent(T - 28 * MIN, 'a-1'),
      { type: 'rating', at: T - 20 * MIN, csat: 2 },
    ],
  },
  // First reply after 2 min; the customer wrote again 14 min ago: next response at risk (due T+1 min).
  {
    id: 'next',
    createdAt: T - 40 * MIN,
    status: 'open',
    assigneeId: 'a-2',
    events: [customer(T - 40 * MIN), assign(T - 39 * MIN, 'a-2'), agent(T - 38 * MIN, 'a-2'), customer(T - 14 * MIN)],
  },
  // Answered after 5 min, then set pending.
  {
    id: 'pending',
    createdAt: T - 60 * MIN,
    status: 'pending',
    assigneeId: 'a-1',
    events: [
      customer(T - 60 * MIN),
      assign(T - 59 * MIN, 'a-1'),
      agent(T - 55 * MIN, 'a-1'),
      { type: 'status', at: T - 54 * MIN, status: 'pending', agentId: 'a-1' },
    ],
  },
  // Resolved: first response 4 min, a next response of 18 min (missed), resolved after 29 min, rated 5.
  {
    id: 'resolved',
    createdAt: T - 90 * MIN,
    status: 'resolved',
    assigneeId: 'a-1',
    events: [
      customer(T - 90 * MIN),
      assign(T - 89 * MIN, 'a-1'),
      agent(T - 86 * MIN, 'a-1'),
      customer(T - 80 * MIN),
      agent(T - 62 * MIN, 'a-1'),
      { type: 'status', at: T - 61 * MIN, status: 'resolved', agentId: 'a-1' },
      { type: 'rating', at: T - 60 * MIN, csat: 5 },
    ],
  },
  // Seen only in the inbox list: waiting 5 min since its creation, unassigned.
  { id: 'list-only', createdAt: T - 5 * MIN, status: 'open', assigneeId: null, events: [], listOnly: { waitingSince: T - 5 * MIN } },
];

export function records(): {
  conversations: ConversationRecord[];
  events: EventRecord[];
  activity: ActivityRecord[];
  reviews: ReviewRecord[];
} {
  const conversations: ConversationRecord[] = [];
  const events: EventRecord[] = [];
  for (const spec of SPECS) {
    const k = key(spec.id);
    conversations.push({
      key: k,
      helpdesk: 'demo-desk',
      origin: ORIGIN,
      conversationId: spec.id,
      channel: spec.channel ?? 'chat',
      createdAt: spec.createdAt,
      status: spec.status,
      assigneeId: spec.assigneeId,
      ...(spec.listOnly ? { waitingSince: spec.listOnly.waitingSince } : {}),
      hasEvents: !spec.listOnly,
      missingFromList: [],
      missingFromView: [],
      unverified: false,
      firstSeenAt: spec.createdAt,
      updatedAt: T,
    });
    spec.events.forEach((event, index) => {
      const id = event.id ?? `${spec.id}-e${index}`;
      events.push({ key: `${k}|${id}`, conversationKey: k, event: { ...event, id } });
    });
  }
  const span = (conversation: string, start: number, end: number): ActivityRecord => ({
    key: `doc-1|${start}`,
    documentId: 'doc-1',
    conversationKey: key(conversation),
    agentId: 'a-1',
    start,
    end,
    kind: 'typing',
  });
  const activity = [span('answered', T - 29 * MIN, T - 27 * MIN), span('resolved', T - 63 * MIN, T - 62 * MIN)];
  const review = (conversation: string, score: number | null, reviewedAt: number): ReviewRecord => ({
    conversationKey: key(conversation),
    templateId: 'default',
    answers: {},
    score,
    criticalFailed: false,
    reviewerId: 'lead-1',
    reviewedAt,
  });
  const reviews = [
    review('resolved', 0.9, T - 30 * MIN),
    review('answered', 0.7, T - 10 * MIN),
    // Every item N/A: no score, never counted as 0.
    review('pending', null, T - 5 * MIN),
    // Reviewed yesterday: outside "today".
    review('next', 0.2, T - 24 * 60 * MIN),
  ];
  return { conversations, events, activity, reviews };
}

export async function seed(db: ReplylineDb, settings: Settings = teamSettings()): Promise<void> {
  const { conversations, events, activity, reviews } = records();
  const tx = db.transaction(['conversations', 'events', 'activity', 'reviews', 'settings'], 'readwrite');
  for (const r of conversations) await tx.objectStore('conversations').put(r);
  for (const r of events) await tx.objectStore('events').put(r);
  for (const r of activity) await tx.objectStore('activity').put(r);
  for (const r of reviews) await tx.objectStore('reviews').put(r);
  await tx.objectStore('settings').put(settings, 'settings');
  await tx.done;
  // The worker derives metrics and plans from the facts; the Team view reads what it derived.
  await rebuildEverything(db, settings, T);
}
