/** Inputs shared by the hub's tests. */
import type { CsObservations } from '../../lib/messaging/protocol';

/** Tue 24 Nov 2026 09:00 UTC. */
export const T0 = Date.UTC(2026, 10, 24, 9, 0);

export function batch(
  documentId: string,
  seq: number,
  conversations: CsObservations['conversations'],
  activity: CsObservations['activity'] = [],
): CsObservations {
  return {
    type: 'cs:observations',
    documentId,
    seq,
    helpdesk: 'demo-desk',
    origin: 'http://desk.test',
    url: 'http://desk.test/inbox',
    conversations,
    activity,
  };
}

/** c-1 waits for a first reply since T0, assigned to a-1. */
export const waiting = {
  conversationId: 'c-1',
  status: 'open' as const,
  assigneeId: 'a-1',
  channel: 'email',
  createdAt: T0,
  events: [{ id: 'e1', at: T0, type: 'message' as const, author: 'customer' as const }],
};

/** A week of a team in Berlin (2026-W48, Thursday 26 Nov a holiday), with the features the report reads. */
export const TEAM_TIMELINE = {
  format: 'replyline.timeline/1',
  generatedAt: '2026-11-27T16:00:00Z',
  source: { helpdesk: 'zendesk', origin: 'https://acme.zendesk.com' },
  profile: 'zendesk',
  calendar: {
    timezone: 'Europe/Berlin',
    week: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [
        ['09:00', '13:00'],
        ['14:00', '17:00'],
      ],
    },
    holidays: ['2026-11-26'],
  },
  targets: { firstResponseSeconds: 3600, nextResponseSeconds: 7200, resolutionSeconds: 86400, atRiskShare: 0.8 },
  conversations: [
    {
      id: 'c-1',
      channel: 'email',
      createdAt: '2026-11-23T07:30:00Z',
      events: [
        { id: 'm1', type: 'message', at: '2026-11-23T07:30:00Z', author: 'customer' },
        { id: 'act1', type: 'activity', at: '2026-11-23T09:20:00Z', until: '2026-11-23T09:30:00Z', agentId: 'a-1', kind: 'typing' },
        { id: 'm2', type: 'message', at: '2026-11-23T09:30:00Z', author: 'agent', agentId: 'a-1', public: true },
        { id: 's1', type: 'status', at: '2026-11-23T10:00:00Z', status: 'resolved', agentId: 'a-1' },
        { id: 'r1', type: 'rating', at: '2026-11-23T11:00:00Z', csat: 5 },
      ],
    },
    {
      id: 'c-2',
      channel: 'chat',
      createdAt: '2026-11-24T14:00:00Z',
      events: [
        { type: 'message', at: '2026-11-24T14:00:00Z', author: 'customer' },
        { type: 'tag', at: '2026-11-24T14:00:00Z', tag: 'billing' },
        { type: 'tag', at: '2026-11-24T14:00:00Z', tag: 'billing' },
        { type: 'message', at: '2026-11-24T14:10:00Z', author: 'agent', agentId: 'a-2' },
        { type: 'message', at: '2026-11-24T15:00:00Z', author: 'customer' },
      ],
    },
    {
      id: 'c-3',
      channel: 'email',
      priority: 'high',
      createdAt: '2026-11-25T10:00:00Z',
      events: [
        { id: 'x1', type: 'message', at: '2026-11-25T10:00:00Z', author: 'customer' },
        { id: 'x2', type: 'assignment', at: '2026-11-25T10:01:00Z', agentId: 'a-1' },
        { id: 'x3', type: 'message', at: '2026-11-25T10:05:00Z', author: 'agent', agentId: 'a-1' },
        { id: 'x4', type: 'status', at: '2026-11-25T10:06:00Z', status: 'resolved', agentId: 'a-1' },
        { id: 'x5', type: 'message', at: '2026-11-25T12:00:00Z', author: 'customer' },
        { id: 'x6', type: 'status', at: '2026-11-25T12:00:00Z', status: 'open' },
        { id: 'x7', type: 'message', at: '2026-11-25T12:30:00Z', author: 'agent', agentId: 'a-1' },
        { id: 'x8', type: 'status', at: '2026-11-25T12:30:00Z', status: 'resolved', agentId: 'a-1' },
      ],
    },
    {
      id: 'c-4',
      channel: 'phone',
      createdAt: '2026-11-16T08:00:00Z',
      unverified: true,
      events: [
        { id: 'y1', type: 'message', at: '2026-11-16T08:00:00Z', author: 'customer' },
        { id: 'y2', type: 'message', at: '2026-11-16T08:30:00Z', author: 'agent', agentId: 'a-2' },
        { id: 'y3', type: 'status', at: '2026-11-16T09:00:00Z', status: 'resolved' },
      ],
    },
  ],
};
