// @vitest-environment jsdom
/**
 * Display names read from helpdesk pages (each adapter's `names`), on fixture pages shaped like
 * the real products, and what each declaration says about where names are read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as demoDesk from '../../../lib/adapters/demodesk/extract';
import * as freeScout from '../../../lib/adapters/freescout/extract';
import * as zammad from '../../../lib/adapters/zammad/extract';
import { cleanName } from '../../../lib/adapters/framework/names';
import { HELPDESKS } from '../../../lib/adapters/registry';
import { pageNamesSchema } from '../../../lib/messaging/protocol';

const load = (helpdesk: string, name: string) =>
  new DOMParser().parseFromString(readFileSync(join(__dirname, '../../fixtures', helpdesk, name), 'utf8'), 'text/html');

afterEach(() => {
  zammad.zammadSession.userId = null;
  zammad.zammadSession.userName = null;
});

describe('Demo Desk names', () => {
  it('reads every agent from the agent switch and each inbox row’s customer, markup kept as text', () => {
    const names = demoDesk.names(load('demodesk', 'inbox.html').body);
    expect(names.agents).toEqual([
      { agentId: 'a-1', name: 'Alex' },
      { agentId: 'a-2', name: 'Bea' },
      { agentId: 'a-3', name: 'Cem' },
    ]);
    expect(names.customers.slice(0, 3)).toEqual([
      { conversationId: 'c-17', name: 'Ada Lovelace' },
      // A name that looks like markup is read as its text, never parsed.
      { conversationId: 'c-18', name: '<img src=x onerror=alert(1)>' },
      { conversationId: 'c-19', name: 'Grace Hopper' },
    ]);
    expect(names.customers).toHaveLength(6);
    expect(pageNamesSchema.safeParse(names).success).toBe(true);
  });

  it('reads the open conversation’s customer from its heading', () => {
    const names = demoDesk.names(load('demodesk', 'conversation.html').body);
    expect(names.customers).toEqual([{ conversationId: 'c-17', name: 'Ada Lovelace' }]);
    expect(names.agents.map((a) => a.agentId)).toEqual(['a-1', 'a-2', 'a-3']);
  });
});

describe('FreeScout names', () => {
  it('reads assignable users by id from the assignee list, leaving out "Anyone" and the signed-in user ("Me")', () => {
    const names = freeScout.names(load('freescout', 'conversation.html').body);
    expect(names.agents).toEqual([{ agentId: '9', name: 'Sam Agent' }]);
  });

  it('reads each row’s customer without the e-mail address beside it', () => {
    const names = freeScout.names(load('freescout', 'mailbox.html').body);
    expect(names.customers[0]).toEqual({ conversationId: '1207', name: 'Ada Lovelace' });
    expect(names.customers).toHaveLength(6);
    for (const { name } of names.customers) expect(name).not.toContain('@');
  });
});

describe('Zammad names', () => {
  it('names the signed-in agent from /api/v1/users/me and reads the overview’s customer column', () => {
    zammad.zammadSession.userId = '3';
    zammad.zammadSession.userName = 'Nicole Braun';
    const names = zammad.names(load('zammad', 'overview.html').body);
    expect(names.agents).toEqual([{ agentId: '3', name: 'Nicole Braun' }]);
    expect(names.customers.slice(0, 2)).toEqual([
      { conversationId: '42', name: 'Ada Lovelace' },
      { conversationId: '43', name: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('reads no agent name before users/me answered', () => {
    expect(zammad.names(load('zammad', 'overview.html').body).agents).toEqual([]);
  });
});

describe('declarations', () => {
  it.each(HELPDESKS.map((h) => [h.name, h] as const))('%s says where each kind of name is read, or why not', (_name, entry) => {
    for (const source of [entry.names.self, entry.names.agents, entry.names.customers]) {
      const text = 'readFrom' in source ? source.readFrom : source.notRead;
      expect(text.length).toBeGreaterThan(20);
    }
  });
});

describe('cleanName', () => {
  it('keeps one trimmed line, drops dash placeholders and cuts long names', () => {
    expect(cleanName('  Ada\n   Lovelace ')).toBe('Ada Lovelace');
    expect(cleanName('—')).toBeNull();
    expect(cleanName('-')).toBeNull();
    expect(cleanName('')).toBeNull();
    expect(cleanName('x'.repeat(300))).toHaveLength(200);
  });
});
