// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFreeScoutAdapter, fetchUserTimeZone } from '../../../lib/adapters/freescout/adapter';
import * as extract from '../../../lib/adapters/freescout/extract';
import { freeScoutSelectors } from '../../../lib/adapters/freescout/selectors';
import { isKnownTimeZone, zonedWallTimeToEpoch } from '../../../lib/adapters/freescout/zoned-time';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { measure } from '../../../lib/measure/context';
import { toEngineConversation } from '../../../lib/measure/input';
import { defaultSettings } from '../../../lib/settings/model';
import { observedConversationSchema, type ObservedConversation } from '../../../lib/messaging/protocol';

const FIXTURES = join(__dirname, '../../fixtures/freescout');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html');
const iso = (s: string) => Date.parse(s);
const berlin: extract.FreeScoutContext = { timeZone: () => 'Europe/Berlin' };
const unknownZone: extract.FreeScoutContext = { timeZone: () => null };
const adapter = createFreeScoutAdapter(berlin);

describe('FreeScout page parts', () => {
  it('detects FreeScout by the signed-in user and the CSRF meta tag', () => {
    expect(adapter.detect(load('mailbox.html'))).toBe(true);
    expect(adapter.detect(new DOMParser().parseFromString('<body data-auth_user_id="1"></body>', 'text/html'))).toBe(false);
  });
});

describe('FreeScout dates', () => {
  it('parses the 24-hour and 12-hour forms of "M j, Y H:i" in the user\'s zone', () => {
    expect(extract.parseFreeScoutDate('Nov 24, 2026 09:50', 'Europe/Berlin')).toBe(iso('2026-11-24T08:50:00.000Z'));
    expect(extract.parseFreeScoutDate('Nov 24, 2026 09:50am', 'Europe/Berlin')).toBe(iso('2026-11-24T08:50:00.000Z'));
    expect(extract.parseFreeScoutDate('Nov 24, 2026 12:05am', 'Europe/Berlin')).toBe(iso('2026-11-23T23:05:00.000Z'));
    expect(extract.parseFreeScoutDate('Nov 24, 2026 12:30pm', 'Europe/Berlin')).toBe(iso('2026-11-24T11:30:00.000Z'));
    expect(extract.parseFreeScoutDate('Jul 4, 2026 16:00', 'America/New_York')).toBe(iso('2026-07-04T20:00:00.000Z'));
    expect(extract.parseFreeScoutDate('Sept 1, 2026 00:00', 'UTC')).toBe(iso('2026-09-01T00:00:00.000Z'));
  });

  it('refuses anything else instead of guessing', () => {
    for (const text of [
      '24.11.2026 10:05',
      'Nov 24, 2026 13:00pm',
      'Nov 24, 2026 00:10am',
      'Nov 24, 2026 24:00',
      'Nov 31, 2026 10:00',
      'Mrz 24, 2026 10:00',
      'Nov 24 2026 10:00',
      'Nov 24, 2026 10:00:00',
      '',
    ]) {
      expect(extract.parseFreeScoutDate(text, 'Europe/Berlin'), text).toBeNull();
    }
    expect(extract.parseFreeScoutDate('Nov 24, 2026 09:50', 'Mars/Olympus_Mons')).toBeNull();
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('a wall time in a DST gap or an ambiguous DST hour is not converted', () => {
    // Europe/Berlin 2026: clocks go forward on 29 March at 02:00, back on 25 October at 03:00.
    expect(zonedWallTimeToEpoch({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBeNull();
    expect(zonedWallTimeToEpoch({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBeNull();
    expect(zonedWallTimeToEpoch({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, 'Europe/Berlin')).toBe(
      iso('2026-03-29T01:30:00.000Z'),
    );
    expect(zonedWallTimeToEpoch({ year: 2026, month: 10, day: 25, hour: 3, minute: 30 }, 'Europe/Berlin')).toBe(
      iso('2026-10-25T02:30:00.000Z'),
    );
  });
});

describe('FreeScout mailbox list', () => {
  const doc = load('mailbox.html');

  it('reads every row: creation and waiting-since only where the tooltip states them exactly', () => {
    const rows = extract.listRows(doc.documentElement, berlin);
    expect(rows).toEqual([
      { conversationId: '1207', status: 'open', createdAt: iso('2026-11-24T08:50:00.000Z'), waitingSince: iso('2026-11-24T08:50:00.000Z') },
      { conversationId: '1208', status: 'open' },
      { conversationId: '1209', waitingSince: null },
      { conversationId: '1210', status: 'open', createdAt: iso('2026-11-24T09:40:00.000Z') },
      { conversationId: '1211', status: 'open', createdAt: iso('2026-11-24T09:30:00.000Z'), waitingSince: iso('2026-11-24T09:30:00.000Z') },
      { conversationId: '1212', status: 'open' },
    ]);
    for (const row of rows) expect(observedConversationSchema.safeParse(row).success).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('img');
  });

  it("without the user's time zone, times are missing and only zone-free facts remain", () => {
    expect(extract.listRows(doc.documentElement, unknownZone)).toEqual([
      { conversationId: '1207', status: 'open', missing: ['timezone'] },
      { conversationId: '1208', status: 'open' },
      { conversationId: '1209', waitingSince: null },
      { conversationId: '1210', status: 'open', missing: ['timezone'] },
      { conversationId: '1211', status: 'open', missing: ['timezone'] },
      { conversationId: '1212', status: 'open' },
    ]);
  });

  it('a Closed folder (no date tooltips) reports nothing missing', () => {
    const closed = load('mailbox.html');
    for (const link of Array.from(closed.querySelectorAll('td.conv-date > a'))) {
      for (const name of ['data-toggle', 'data-html', 'data-placement', 'data-original-title', 'aria-description'])
        link.removeAttribute(name);
      link.setAttribute('title', 'View conversation');
    }
    expect(extract.listRows(closed.documentElement, berlin).filter((row) => row.missing)).toEqual([]);
  });

  it('maps rows, reads the agent, places badges in the date cell, reports healthy', () => {
    expect(extract.listRowElements(doc.documentElement).map((row) => extract.rowConversationId(row))).toEqual([
      '1207',
      '1208',
      '1209',
      '1210',
      '1211',
      '1212',
    ]);
    expect(adapter.extract.currentAgent(doc.documentElement)).toBe('7');
    const placement = adapter.overlayAnchors.rowBadge(extract.listRowElements(doc.documentElement)[0]);
    expect(placement?.anchor.className).toBe('conv-date');
    const health = probeHealth(freeScoutSelectors, doc.documentElement, 'list', [], 2);
    expect(health.missing).toEqual([]);
    expect(health.found['list.row']).toBe(6);
  });
});

describe('FreeScout conversation', () => {
  const doc = load('conversation.html');

  it('reads threads and line items oldest first with exact minutes: status changes, closes, reopens, assignments', () => {
    const read = extract.conversation(doc.documentElement, berlin);
    expect(read).toEqual({
      conversationId: '1208',
      status: 'open',
      assigneeId: '7',
      // The first thread's minute (Nov 24, 2026 09:50 in Berlin).
      createdAt: iso('2026-11-24T08:50:00.000Z'),
      events: [
        { id: '5512', at: iso('2026-11-24T08:50:00.000Z'), type: 'message', author: 'customer', public: true, position: 0 },
        { id: '5512:status', at: iso('2026-11-24T08:50:00.000Z'), type: 'status', status: 'open', position: 1 },
        // Line item "Sam Agent assigned to you": you = the signed-in user, 7.
        { id: '5513', at: iso('2026-11-24T08:51:00.000Z'), type: 'assignment', agentId: '7', position: 2 },
        { id: '5514', at: iso('2026-11-24T08:55:00.000Z'), type: 'note', public: false, agentId: '7', position: 3 },
        { id: '5515', at: iso('2026-11-24T09:02:00.000Z'), type: 'message', author: 'agent', public: true, agentId: '7', position: 4 },
        { id: '5515:status', at: iso('2026-11-24T09:02:00.000Z'), type: 'status', status: 'pending', agentId: '7', position: 5 },
        { id: '5516', at: iso('2026-11-24T09:05:00.000Z'), type: 'message', author: 'customer', public: true, position: 6 },
        { id: '5516:status', at: iso('2026-11-24T09:05:00.000Z'), type: 'status', status: 'open', position: 7 },
        { id: '5517', at: iso('2026-11-24T09:06:00.000Z'), type: 'message', author: 'agent', public: true, agentId: '7', position: 8 },
        { id: '5517:status', at: iso('2026-11-24T09:06:00.000Z'), type: 'status', status: 'resolved', agentId: '7', position: 9 },
        { id: '5518', at: iso('2026-11-24T09:29:00.000Z'), type: 'message', author: 'customer', public: true, position: 10 },
        { id: '5518:status', at: iso('2026-11-24T09:29:00.000Z'), type: 'status', status: 'open', position: 11 },
        // Line item "Sam Agent marked as Closed": Sam Agent is user 9 in the assignee list.
        { id: '5520', at: iso('2026-11-24T09:40:00.000Z'), type: 'status', status: 'resolved', agentId: '9', position: 12 },
        // Line item "you marked as Active": reopened by the signed-in user.
        { id: '5521', at: iso('2026-11-24T09:45:00.000Z'), type: 'status', status: 'open', agentId: '7', position: 13 },
      ],
    });
    expect(observedConversationSchema.safeParse(read).success).toBe(true);
    expect(JSON.stringify(read)).not.toMatch(/Ada|Nicole|Sam|Printer|Message text|Draft|marked/);
  });

  it('measured, the line items give two resolutions and two reopens', () => {
    const read = extract.conversation(doc.documentElement, berlin)!;
    const key = 'freescout|https://helpdesk.example.org|1208';
    const record = {
      key,
      helpdesk: 'freescout',
      origin: 'https://helpdesk.example.org',
      conversationId: '1208',
      createdAt: read.createdAt,
      hasEvents: true,
      missingFromList: [],
      missingFromView: [],
      unverified: false,
      firstSeenAt: 0,
      updatedAt: 0,
    };
    const stored = read.events!.map((event) => ({ key: `${key}|${event.id}`, conversationKey: key, event }));
    const metrics = measure(toEngineConversation(record, stored, [])!, defaultSettings(), iso('2026-11-24T12:00:00Z'));
    expect(metrics.status).toBe('open');
    expect(metrics.reopens).toBe(2);
    expect(metrics.resolutions.map((r) => [r.startedAt, r.resolvedAt, r.agentId ?? null])).toEqual([
      [iso('2026-11-24T08:50:00.000Z'), iso('2026-11-24T09:06:00.000Z'), '7'],
      [iso('2026-11-24T09:29:00.000Z'), iso('2026-11-24T09:40:00.000Z'), '9'],
    ]);
  });

  it('an unassigned pending conversation', () => {
    const variant = load('conversation.html');
    for (const li of Array.from(variant.querySelectorAll('ul.conv-user > li, ul.conv-status > li'))) li.classList.remove('active');
    variant.querySelector('ul.conv-user a[data-user_id="-1"]')!.parentElement!.classList.add('active');
    variant.querySelector('ul.conv-status a[data-status="2"]')!.parentElement!.classList.add('active');
    const read = extract.conversation(variant.documentElement, berlin)!;
    expect(read.assigneeId).toBeNull();
    expect(read.status).toBe('pending');
    expect(read.missing).toBeUndefined();
  });

  it('anchors the strip after the subject block and finds the reply body', () => {
    const placement = adapter.overlayAnchors.conversationHeader(doc.documentElement);
    expect(placement?.anchor.className).toBe('conv-subj-block');
    expect(placement?.position).toBe('afterend');
    expect(adapter.extract.composeBox(doc.documentElement)?.querySelector('textarea')?.id).toBe('body');
    expect(probeHealth(freeScoutSelectors, doc.documentElement, 'conversation', [], 1).missing).toEqual([]);
  });

  it('is no conversation on a mailbox page', () => {
    expect(extract.conversation(load('mailbox.html').documentElement, berlin)).toBeNull();
  });
});

describe('FreeScout broken pages and unknown context: reported, never guessed', () => {
  it('without the time zone: no events, "timezone" missing', () => {
    const read = extract.conversation(load('conversation.html').documentElement, unknownZone)!;
    expect(read.events).toEqual([]);
    expect(read.missing).toEqual(['timezone']);
  });

  it('a non-English page: no events, "locale" missing', () => {
    const doc = load('conversation.html');
    doc.documentElement.setAttribute('lang', 'de');
    const read = extract.conversation(doc.documentElement, berlin)!;
    expect(read.events).toEqual([]);
    expect(read.missing).toEqual(['locale']);
    expect(
      extract.listRows(
        (() => {
          const m = load('mailbox.html');
          m.documentElement.setAttribute('lang', 'de');
          return m.documentElement;
        })(),
        berlin,
      )[0],
    ).toEqual({
      conversationId: '1207',
      status: 'open',
      missing: ['createdAt', 'waitingSince'],
    });
  });

  it('a missing and a changed thread date: those threads left out and named', () => {
    const read = extract.conversation(load('conversation-bad-title.html').documentElement, berlin) as ObservedConversation;
    expect(read.missing).toEqual(['time:5516', 'time:5515']);
    expect(read.events!.map((e) => e.id)).toEqual([
      '5512',
      '5512:status',
      '5513',
      '5514',
      '5517',
      '5517:status',
      '5518',
      '5518:status',
      '5520',
      '5521',
    ]);
  });

  it('a line item with a status word of a module and one naming an unlisted assignee: named, not guessed', () => {
    const read = extract.conversation(load('conversation-unknown-lineitems.html').documentElement, berlin)!;
    expect(read.missing).toEqual(['lineitem:5520', 'assignee:5513']);
    expect(read.events!.some((e) => e.id === '5520' || e.id === '5513')).toBe(false);
    expect(read.events!.map((e) => e.id)).toContain('5521');
  });

  it('the first thread unreadable: creation is named missing, not taken from a later thread', () => {
    const variant = load('conversation.html');
    variant.querySelector('#thread-5512 a.thread-date')!.setAttribute('data-original-title', '24.11.2026 09:50');
    const read = extract.conversation(variant.documentElement, berlin)!;
    expect(read.createdAt).toBeUndefined();
    expect(read.missing).toEqual(['time:5512', 'createdAt']);
  });

  it('renamed thread classes: no events, threads reported missing by health', () => {
    const doc = load('conversation-renamed-class.html');
    const read = extract.conversation(doc.documentElement, berlin)!;
    expect(read.events).toEqual([]);
    expect(probeHealth(freeScoutSelectors, doc.documentElement, 'conversation', [], 4).missing).toEqual([
      'conversation.thread',
      'conversation.threadDate',
    ]);
  });

  it('renamed row class: no rows, rows reported missing', () => {
    const doc = load('mailbox-renamed-class.html');
    expect(extract.listRows(doc.documentElement, berlin)).toEqual([]);
    expect(probeHealth(freeScoutSelectors, doc.documentElement, 'list', [], 4).missing).toEqual(['list.row', 'list.rowDate']);
  });

  it('a lost tooltip and a changed date format in the list: those rows flagged', () => {
    const rows = extract.listRows(load('mailbox-bad-title.html').documentElement, berlin);
    expect(rows.slice(0, 2)).toEqual([
      { conversationId: '1207', status: 'open', missing: ['createdAt', 'waitingSince'] },
      { conversationId: '1208', status: 'open', missing: ['waitingSince'] },
    ]);
    expect(rows.slice(2).every((row) => row.missing === undefined)).toBe(true);
  });
});

describe('FreeScout user time zone', () => {
  const profile = `<!DOCTYPE html><html lang="en"><body data-auth_user_id="7"><form>
    <select id="timezone" class="form-control input-sized" name="timezone" required autofocus>
      <option value="UTC" >(GMT+00:00) UTC</option>
      <option value="Europe/London" >(GMT+01:00) British Time (London)</option>
      <option value="Europe/Berlin" selected="selected">(GMT+02:00) Central European Time</option>
    </select></form></body></html>`;

  it("reads the selected zone from the user's own profile page, under the same base path", async () => {
    const doc = load('conversation.html');
    const requested: string[] = [];
    const zone = await fetchUserTimeZone(doc, async (url) => (requested.push(url), profile), isKnownTimeZone);
    expect(zone).toBe('Europe/Berlin');
    expect(requested).toEqual(['/users/profile/7']);
  });

  it('an unreadable profile, an unknown zone or a failed request give null', async () => {
    const doc = load('conversation.html');
    expect(await fetchUserTimeZone(doc, async () => '<html><body>Forbidden</body></html>', isKnownTimeZone)).toBeNull();
    expect(await fetchUserTimeZone(doc, async () => profile.replace('Europe/Berlin', 'Mars/Base'), isKnownTimeZone)).toBeNull();
    expect(
      await fetchUserTimeZone(
        doc,
        async () => {
          throw new Error('offline');
        },
        isKnownTimeZone,
      ),
    ).toBeNull();
  });
});
