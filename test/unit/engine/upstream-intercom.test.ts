/**
 * Intercom's documented definitions (REST API conversation_statistics, reporting help articles),
 * turned into examples under the `intercom` profile.
 *
 * Mapping: first_contact_reply_at → first customer message; visible human admin part → agent message;
 * Operator / bot parts → bot; close / reopen → status events.
 */
import { describe, expect, it } from 'vitest';
import { measureConversation } from '../../../lib/engine/conversation';
import type { CalendarSpec } from '../../../lib/engine/business-clock';
import { context, conv, ms } from './engine-fixtures';

const now = '2024-01-20T00:00:00Z';

describe('https://intercom.com/help/en/articles/6762778-reporting-metrics-for-rest-api-and-csv-exports', () => {
  const c = conv('2024-01-17T09:50:00Z', [
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2024-01-17T09:50:00Z' }, // outbound before the contact writes
    { type: 'message', author: 'customer', at: '2024-01-17T10:00:00Z' }, // first_contact_reply_at
    { type: 'message', author: 'bot', at: '2024-01-17T10:00:30Z' }, // Operator part: not a human admin part
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2024-01-17T10:20:00Z' }, // first_admin_reply_at
    { type: 'status', status: 'resolved', agentId: 'a-1', at: '2024-01-17T11:00:00Z' }, // first_close_at
    { type: 'message', author: 'customer', at: '2024-01-17T13:00:00Z' }, // reopens
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2024-01-17T13:30:00Z' },
    { type: 'status', status: 'resolved', agentId: 'a-1', at: '2024-01-17T14:00:00Z' }, // last_close_at
  ]);
  const m = measureConversation(c, context('intercom', { now }));

  it('time_to_admin_reply: first_contact_reply_at → first visible human admin part (20 minutes)', () => {
    expect(m.firstResponse).toMatchObject({ startedAt: ms('2024-01-17T10:00:00Z'), repliedAt: ms('2024-01-17T10:20:00Z'), seconds: 1200 });
  });

  it('time_to_last_close: first_contact_reply_at → last close (4 hours), one reopen counted', () => {
    expect(m.reported.resolution.map((f) => [f.startedAt, f.seconds])).toEqual([[ms('2024-01-17T10:00:00Z'), 4 * 3600]]);
    expect(m.reopens).toBe(1);
  });

  it('reply times: every visible human admin part that follows a contact part (median_time_to_reply)', () => {
    expect(m.reported.reply.map((f) => f.seconds)).toEqual([1800]);
  });
});

describe('https://intercom.com/help/en/articles/8425113-how-to-use-office-hours-in-reporting', () => {
  it('"Within office hours": time outside office hours is not counted (Friday 16:30 → Monday 09:30 is 1 h)', () => {
    const officeHours: CalendarSpec = {
      timezone: 'Europe/London',
      week: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
    };
    const m = measureConversation(
      conv('2024-01-19T16:30:00Z', [
        { type: 'message', author: 'customer', at: '2024-01-19T16:30:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2024-01-22T09:30:00Z' },
      ]),
      context('intercom', { calendar: officeHours, now }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 234_000, businessSeconds: 3600 });
  });
});
