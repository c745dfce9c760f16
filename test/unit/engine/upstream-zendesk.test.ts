/**
 * Zendesk's documented worked examples, measured under the `zendesk` profile.
 *
 * Mapping: ticket created → createdAt; end-user comment → customer message; public agent comment →
 * agent message; internal note → note; Pending → pending; On-hold → snoozed; Solved → resolved.
 */
import { describe, expect, it } from 'vitest';
import { measureConversation } from '../../../lib/engine/conversation';
import { context, conv, ms } from './engine-fixtures';

const now = '2015-08-28T00:00:00Z';

describe('https://support.zendesk.com/hc/en-us/articles/4408821871642 (Calculating first reply time)', () => {
  it('"A customer email creates a ticket": from creation to the first public agent comment', () => {
    const m = measureConversation(
      conv('2015-08-27T08:00:00Z', [
        { type: 'message', author: 'customer', at: '2015-08-27T08:00:00Z' },
        { type: 'note', agentId: 'a-1', at: '2015-08-27T08:10:00Z' }, // not public: no reply
        { type: 'message', author: 'bot', at: '2015-08-27T08:15:00Z' }, // automated: not considered
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T08:45:00Z' },
      ]),
      context('zendesk', { now }),
    );
    expect(m.firstResponse).toMatchObject({ startedAt: ms('2015-08-27T08:00:00Z'), seconds: 2700 });
  });

  it('"An agent creates a ticket": timing ends at the agent\'s next public comment', () => {
    const m = measureConversation(
      conv('2015-08-27T08:00:00Z', [
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T08:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T09:30:00Z' },
      ]),
      context('zendesk', { now }),
    );
    expect(m.firstResponse).toMatchObject({ repliedAt: ms('2015-08-27T09:30:00Z'), seconds: 5400 });
  });

  it('"An agent takes a phone call that creates a ticket and solves it …; the customer re-opens it and the agent responds": first reply time ends at that comment', () => {
    const m = measureConversation(
      conv('2015-08-27T08:00:00Z', [
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T08:00:00Z' },
        { type: 'status', status: 'resolved', agentId: 'a-1', at: '2015-08-27T08:05:00Z' },
        { type: 'message', author: 'customer', at: '2015-08-27T10:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T11:00:00Z' },
      ]),
      context('zendesk', { now }),
    );
    expect(m.firstResponse).toMatchObject({
      startedAt: ms('2015-08-27T08:00:00Z'),
      repliedAt: ms('2015-08-27T11:00:00Z'),
      seconds: 3 * 3600,
    });
  });
});

describe('https://support.zendesk.com/hc/en-us/articles/4408834848154 (native duration metrics)', () => {
  const reopened = conv('2015-08-27T08:00:00Z', [
    { type: 'message', author: 'customer', at: '2015-08-27T08:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T08:30:00Z' },
    { type: 'status', status: 'resolved', agentId: 'a-1', at: '2015-08-27T09:00:00Z' },
    { type: 'message', author: 'customer', at: '2015-08-27T12:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T12:30:00Z' },
    { type: 'status', status: 'resolved', agentId: 'a-1', at: '2015-08-27T13:00:00Z' },
  ]);

  it('full resolution time: creation → latest Solved; first resolution time: creation → first Solved', () => {
    const m = measureConversation(reopened, context('zendesk', { now }));
    expect(m.reported.resolution.map((f) => f.seconds)).toEqual([5 * 3600]);
    expect(m.resolutions[0].fromCreation.seconds).toBe(3600);
    expect(m.reopens).toBe(1);
  });
});

describe('https://developer.zendesk.com/documentation/ticketing/reference-guides/ticket-metric-event-types-reference', () => {
  it('agent_work_time pauses in Pending and On-hold: the pause 08:30 → activate 09:00 example', () => {
    // Activate at creation 08:00, pause (pending) 08:30, activate (open) 09:00; on-hold 10:00–11:00; solved 12:00.
    const m = measureConversation(
      conv('2015-08-27T08:00:00Z', [
        { type: 'message', author: 'customer', at: '2015-08-27T08:00:00Z' },
        { type: 'status', status: 'pending', at: '2015-08-27T08:30:00Z' },
        { type: 'status', status: 'open', at: '2015-08-27T09:00:00Z' },
        { type: 'status', status: 'snoozed', at: '2015-08-27T10:00:00Z' },
        { type: 'status', status: 'open', at: '2015-08-27T11:00:00Z' },
        { type: 'status', status: 'resolved', at: '2015-08-27T12:00:00Z' },
      ]),
      context('zendesk', { now }),
    );
    // Agent work time = New + Open = 30 + 60 + 60 minutes; full resolution on the wall = 4 hours.
    expect(m.reported.resolution.map((f) => [f.seconds, f.businessSeconds])).toEqual([[4 * 3600, 150 * 60]]);
  });
});

describe('https://support.zendesk.com/hc/en-us/articles/4408829459866 (SLA next reply time)', () => {
  it('next reply time starts at the oldest unanswered end-user comment', () => {
    const m = measureConversation(
      conv('2015-08-27T08:00:00Z', [
        { type: 'message', author: 'customer', at: '2015-08-27T08:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T08:10:00Z' },
        { type: 'message', author: 'customer', at: '2015-08-27T09:00:00Z' },
        { type: 'message', author: 'customer', at: '2015-08-27T09:20:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2015-08-27T10:00:00Z' },
      ]),
      context('zendesk', { now, targets: { nextResponseSeconds: 3600 } }),
    );
    expect(m.replies.map((r) => [r.startedAt, r.seconds])).toEqual([[ms('2015-08-27T09:00:00Z'), 3600]]);
    expect(m.targets.nextResponse.map((t) => [t.dueAt, t.state])).toEqual([[ms('2015-08-27T10:00:00Z'), 'met']]);
  });
});
