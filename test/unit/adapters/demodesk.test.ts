// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { demoDeskSelectors } from '../../../lib/adapters/demodesk/selectors';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { observedConversationSchema } from '../../../lib/messaging/protocol';

const FIXTURES = join(__dirname, '../../fixtures/demodesk');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html');
const iso = (s: string) => Date.parse(s);

describe('Demo Desk page parts', () => {
  it('detects the Demo Desk only by body[data-app]', () => {
    expect(demoDeskAdapter.detect(load('inbox.html'))).toBe(true);
    expect(demoDeskAdapter.detect(new DOMParser().parseFromString('<body data-app="other"></body>', 'text/html'))).toBe(false);
  });
});

describe('Demo Desk inbox extraction', () => {
  const doc = load('inbox.html');
  const rows = demoDeskAdapter.extract.listRows(doc.body) as ReturnType<typeof import('../../../lib/adapters/demodesk/extract').listRows>;

  it('reads every row exactly', () => {
    expect(rows).toEqual([
      {
        conversationId: 'c-17',
        channel: 'chat',
        customerId: 'u-9',
        status: 'open',
        assigneeId: 'a-2',
        createdAt: iso('2026-11-24T08:50:00.000Z'),
        waitingSince: iso('2026-11-24T09:29:58.000Z'),
      },
      {
        conversationId: 'c-18',
        channel: 'email',
        customerId: 'u-10',
        status: 'open',
        assigneeId: null,
        createdAt: iso('2026-11-24T08:30:00.000Z'),
        waitingSince: iso('2026-11-24T08:30:00.000Z'),
      },
      {
        conversationId: 'c-19',
        channel: 'chat',
        customerId: 'u-11',
        status: 'pending',
        assigneeId: 'a-1',
        createdAt: iso('2026-11-23T14:00:00.000Z'),
        waitingSince: null,
      },
      {
        conversationId: 'c-20',
        channel: 'email',
        customerId: 'u-12',
        status: 'resolved',
        assigneeId: 'a-1',
        createdAt: iso('2026-11-22T10:15:00.000Z'),
        waitingSince: null,
      },
      {
        conversationId: 'c-21',
        channel: 'chat',
        customerId: 'u-13',
        status: 'snoozed',
        assigneeId: 'a-3',
        createdAt: iso('2026-11-23T15:45:00.000Z'),
        waitingSince: iso('2026-11-23T16:00:00.000Z'),
      },
      {
        conversationId: 'c-22',
        channel: 'chat',
        customerId: 'u-14',
        status: 'open',
        assigneeId: 'a-1',
        createdAt: iso('2026-11-24T09:40:00.000Z'),
        waitingSince: iso('2026-11-24T09:40:00.000Z'),
      },
    ]);
    expect(iso('2026-11-24T09:29:58.000Z')).toBe(1795512598000);
  });

  it('every row passes the protocol schema', () => {
    for (const row of rows) expect(observedConversationSchema.safeParse(row).success).toBe(true);
  });

  it('reads the signed-in agent and maps row elements to ids', () => {
    expect(demoDeskAdapter.extract.currentAgent(doc.body)).toBe('a-1');
    expect(demoDeskAdapter.extract.listRowElements(doc.body).map((r) => demoDeskAdapter.extract.rowConversationId(r))).toEqual([
      'c-17',
      'c-18',
      'c-19',
      'c-20',
      'c-21',
      'c-22',
    ]);
  });

  it('never reads customer names (no field carries them)', () => {
    expect(JSON.stringify(rows)).not.toContain('Lovelace');
    expect(JSON.stringify(rows)).not.toContain('img');
  });

  it('reports a healthy list page', () => {
    const health = probeHealth(demoDeskSelectors, doc.body, 'list', [], 5);
    expect(health.missing).toEqual([]);
    expect(health.found['inbox.row']).toBe(6);
    expect(health.route).toBe('list');
  });
});

describe('Demo Desk conversation extraction', () => {
  it('reads every event with exact times, authors, statuses and assignees', () => {
    const conversation = demoDeskAdapter.extract.conversation(load('conversation.html').body);
    expect(conversation).toEqual({
      conversationId: 'c-17',
      channel: 'chat',
      customerId: 'u-9',
      status: 'open',
      assigneeId: 'a-2',
      createdAt: iso('2026-11-24T08:50:00.000Z'),
      events: [
        { id: 'e-101', at: iso('2026-11-24T08:50:00.000Z'), type: 'message', author: 'customer', public: true, position: 0 },
        { id: 'e-102', at: iso('2026-11-24T08:50:05.000Z'), type: 'message', author: 'bot', public: true, position: 1 },
        { id: 'e-103', at: iso('2026-11-24T08:51:00.000Z'), type: 'handoff', position: 2 },
        { id: 'e-104', at: iso('2026-11-24T08:51:30.000Z'), type: 'assignment', agentId: 'a-2', position: 3 },
        { id: 'e-105', at: iso('2026-11-24T08:55:00.000Z'), type: 'note', public: false, agentId: 'a-2', position: 4 },
        { id: 'e-106', at: iso('2026-11-24T09:02:00.000Z'), type: 'message', author: 'agent', public: true, agentId: 'a-2', position: 5 },
        { id: 'e-107', at: iso('2026-11-24T09:05:00.000Z'), type: 'message', author: 'customer', public: true, position: 6 },
        { id: 'e-108', at: iso('2026-11-24T09:06:30.000Z'), type: 'message', author: 'agent', public: true, agentId: 'a-2', position: 7 },
        { id: 'e-109', at: iso('2026-11-24T09:07:00.000Z'), type: 'status', status: 'resolved', agentId: 'a-2', position: 8 },
        { id: 'e-110', at: iso('2026-11-24T09:10:00.000Z'), type: 'rating', csat: 5, ces: 6, position: 9 },
        { id: 'e-111', at: iso('2026-11-24T09:29:58.000Z'), type: 'status', status: 'open', position: 10 },
        { id: 'e-112', at: iso('2026-11-24T09:29:58.000Z'), type: 'message', author: 'customer', public: true, position: 11 },
      ],
    });
    expect(observedConversationSchema.safeParse(conversation).success).toBe(true);
  });

  it('finds the compose box and the strip anchor', () => {
    const doc = load('conversation.html');
    expect(demoDeskAdapter.extract.composeBox(doc.body)?.getAttribute('name')).toBe('body');
    const placement = demoDeskAdapter.overlayAnchors.conversationHeader(doc.body);
    expect(placement?.anchor.className).toBe('dd-customer-name');
    expect(placement?.position).toBe('afterend');
  });

  it('returns null on the inbox', () => {
    expect(demoDeskAdapter.extract.conversation(load('inbox.html').body)).toBeNull();
  });
});

describe('Demo Desk broken pages: reported, never guessed', () => {
  it('renamed row class: no rows, row selectors reported missing', () => {
    const doc = load('inbox-renamed-class.html');
    expect(demoDeskAdapter.extract.listRows(doc.body)).toEqual([]);
    const health = probeHealth(demoDeskSelectors, doc.body, 'list', [], 7);
    expect(health.missing).toEqual(['inbox.row', 'inbox.rowLink']);
    expect(health.found['inbox.row']).toBe(0);
    expect(health.found['inbox.rowLink']).toBe(0);
  });

  it('missing datetime attribute: the event is left out and named', () => {
    const conversation = demoDeskAdapter.extract.conversation(load('conversation-missing-datetime.html').body) as {
      events: Array<{ id: string }>;
      missing: string[];
    };
    expect(conversation.missing).toEqual(['time:e-106']);
    expect(conversation.events.map((e) => e.id)).toEqual([
      'e-101',
      'e-102',
      'e-103',
      'e-104',
      'e-105',
      'e-107',
      'e-108',
      'e-109',
      'e-110',
      'e-111',
      'e-112',
    ]);
    const health = probeHealth(
      demoDeskSelectors,
      load('conversation-missing-datetime.html').body,
      'conversation',
      conversation.missing.map((m) => `c-17:${m}`),
      9,
    );
    expect(health.missing).toEqual(['c-17:time:e-106']);
    expect(health.found['conversation.eventTime']).toBe(11);
  });

  it('unparseable datetimes (local format, 31 November): both events left out and named', () => {
    const conversation = demoDeskAdapter.extract.conversation(load('conversation-unparseable-datetime.html').body) as {
      events: Array<{ id: string }>;
      missing: string[];
    };
    expect(conversation.missing).toEqual(['time:e-107', 'time:e-108']);
    expect(conversation.events).toHaveLength(10);
    expect(conversation.events.some((e) => e.id === 'e-107' || e.id === 'e-108')).toBe(false);
  });

  it('unparseable row times: the field is left out (unknown), not zero or null', () => {
    const rows = demoDeskAdapter.extract.listRows(load('inbox-unparseable-datetime.html').body);
    expect(rows).toEqual([
      {
        conversationId: 'c-30',
        channel: 'chat',
        customerId: 'u-30',
        status: 'open',
        assigneeId: 'a-1',
        createdAt: iso('2026-11-24T08:00:00.000Z'),
        missing: ['waitingSince'],
      },
      {
        conversationId: 'c-31',
        channel: 'email',
        customerId: 'u-31',
        status: 'open',
        assigneeId: null,
        waitingSince: iso('2026-11-24T09:10:00.000Z'),
        missing: ['createdAt'],
      },
    ]);
  });
});
