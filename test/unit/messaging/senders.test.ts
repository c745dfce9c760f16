/** The worker's sender checks with spoofed senders, the router around them, and the tab tracker. */
import { describe, expect, it } from 'vitest';
import { MessageRouter, fromExtension, fromExtensionPage, type MessageSender } from '../../../lib/messaging/router';
import { contentSenderRefusal, grantRefusal, patternCoversOrigin, type GrantSources } from '../../../lib/background/senders';
import { TabTracker, TABS_SESSION_KEY } from '../../../lib/background/tab-tracker';
import type { HelpdeskEntry } from '../../../lib/adapters/registry';
import type { Recipe } from '../../../lib/adapters/recipe/types';

const NO_NAMES: HelpdeskEntry['names'] = { self: { notRead: 'test' }, agents: { notRead: 'test' }, customers: { notRead: 'test' } };

const BASE = 'chrome-extension://abcdefghijklmnop/';
const HELPDESKS: HelpdeskEntry[] = [
  {
    id: 'zendesk',
    name: 'Zendesk',
    access: 'manifest',
    matches: ['https://*.zendesk.com/agent/*'],
    contentScript: 'z.js',
    conversationUrl: () => '',
    names: NO_NAMES,
  },
  {
    id: 'demo-desk',
    name: 'Demo Desk',
    access: 'manifest',
    matches: ['http://localhost/*'],
    contentScript: 'd.js',
    conversationUrl: () => '',
    names: NO_NAMES,
  },
  {
    id: 'zammad',
    name: 'Zammad',
    access: 'runtime',
    matches: ['https://helpdesk.example.org/*'],
    contentScript: 'm.js',
    conversationUrl: () => '',
    names: NO_NAMES,
  },
];

function sources(granted: string[] = [], bindings: GrantSources['bindings'] = async () => [], recipes: Recipe[] = []): GrantSources {
  return { helpdesks: HELPDESKS, bindings, recipes: async () => recipes, containsOrigin: async (pattern) => granted.includes(pattern) };
}

const tab = (url: string, id = 3): MessageSender => ({ id: 'abcdefghijklmnop', url, tab: { id, url }, frameId: 0 });

describe('content-script senders', () => {
  it('match patterns cover origins by scheme, host and port, never by path', () => {
    expect(patternCoversOrigin('https://*.zendesk.com/agent/*', 'https://victim.zendesk.com')).toBe(true);
    expect(patternCoversOrigin('https://*.zendesk.com/agent/*', 'https://zendesk.com.evil.example')).toBe(false);
    expect(patternCoversOrigin('https://*.zendesk.com/agent/*', 'http://victim.zendesk.com')).toBe(false);
    expect(patternCoversOrigin('http://localhost/*', 'http://localhost:5173')).toBe(true);
    expect(patternCoversOrigin('http://localhost:8080/*', 'http://localhost:5173')).toBe(false);
  });

  it('accepts the helpdesk tab of the claimed, granted origin', async () => {
    const sender = tab('https://acme.zendesk.com/agent/tickets/7');
    expect(await contentSenderRefusal(sender, { helpdesk: 'zendesk', origin: 'https://acme.zendesk.com' }, BASE, sources())).toBeNull();
  });

  it('refuses an extension page, a tab of another origin, and an origin not granted for the claimed helpdesk', async () => {
    const claim = { helpdesk: 'zendesk', origin: 'https://victim.zendesk.com' };
    expect(await contentSenderRefusal({ id: 'abcdefghijklmnop', url: `${BASE}sidepanel.html` }, claim, BASE, sources())).toBe(
      'not from a tab',
    );
    expect(await contentSenderRefusal(tab(`${BASE}sidepanel.html`), claim, BASE, sources())).toBe(
      'from an extension page, not a helpdesk page',
    );
    expect(await contentSenderRefusal(tab('https://acme.zendesk.com/agent/'), claim, BASE, sources())).toBe(
      'sent from https://acme.zendesk.com, claims https://victim.zendesk.com',
    );
    // A page of its own origin claiming to be another helpdesk.
    expect(
      await contentSenderRefusal(
        tab('http://localhost:4400/inbox'),
        { helpdesk: 'zendesk', origin: 'http://localhost:4400' },
        BASE,
        sources(),
      ),
    ).toBe('http://localhost:4400 is not granted for zendesk');
  });

  it('self-hosted origins need a binding and a granted permission; recipes their granted pattern', async () => {
    const desk = 'https://desk.acme.org';
    const bound = async () => [{ adapterId: 'zammad', origin: desk, addedAt: 0 }];
    expect(
      await grantRefusal(
        'zammad',
        desk,
        sources([], async () => []),
      ),
    ).toBe('https://desk.acme.org is not granted for zammad');
    expect(await grantRefusal('zammad', desk, sources([], bound))).toBe(
      'https://desk.acme.org is bound to zammad but its permission is not granted',
    );
    expect(await grantRefusal('zammad', desk, sources([`${desk}/*`], bound))).toBeNull();
    const recipe = { id: 'acme', name: 'Acme', matches: ['https://tickets.acme.org/app/*'] } as Recipe;
    expect(await grantRefusal('recipe-acme', 'https://tickets.acme.org', sources([], undefined, [recipe]))).toBe(
      'https://tickets.acme.org is not a granted page of recipe Acme',
    );
    expect(
      await grantRefusal('recipe-acme', 'https://tickets.acme.org', sources(['https://tickets.acme.org/app/*'], undefined, [recipe])),
    ).toBeNull();
    expect(
      await grantRefusal('recipe-acme', 'https://other.acme.org', sources(['https://tickets.acme.org/app/*'], undefined, [recipe])),
    ).toBe('https://other.acme.org is not a granted page of recipe Acme');
  });
});

describe('the router', () => {
  function panelRouter(seen: string[], refused: string[]) {
    return new MessageRouter({ onRefused: (type, reason) => refused.push(`${type}: ${reason}`) }).on('sp:data-changed', {
      accept: fromExtensionPage(BASE),
      handle: (message, sender) => {
        seen.push(`${message.conversationKeys.join(',')} from ${sender.url}`);
        return { ok: true };
      },
    });
  }

  it('hands a valid request from an allowed sender to its handler, with the sender', async () => {
    const seen: string[] = [];
    const router = panelRouter(seen, []);
    const reply = await router.dispatch(
      { type: 'sp:data-changed', conversationKeys: ['a|b|c'] },
      { id: 'x', url: `${BASE}sidepanel.html` },
    );
    expect(reply).toEqual({ handled: true, reply: { ok: true } });
    expect(seen).toEqual([`a|b|c from ${BASE}sidepanel.html`]);
  });

  it('refuses spoofed senders and invalid bodies without calling the handler; leaves other types alone', async () => {
    const seen: string[] = [];
    const refused: string[] = [];
    const router = panelRouter(seen, refused);
    const message = { type: 'sp:data-changed', conversationKeys: [] };
    expect(await router.dispatch(message, tab('https://acme.zendesk.com/agent/'))).toEqual({
      handled: true,
      reply: { ok: false, error: 'not from an extension page (https://acme.zendesk.com/agent/)' },
    });
    // An extension URL in a web page's tab (a frame of the extension embedded in a page).
    expect(await router.dispatch(message, { url: `${BASE}sidepanel.html`, tab: { id: 2, url: 'https://evil.example/' } })).toEqual({
      handled: true,
      reply: { ok: false, error: 'from a web page tab' },
    });
    expect(await router.dispatch({ type: 'sp:data-changed', conversationKeys: 'all' }, { url: `${BASE}x.html` })).toEqual({
      handled: true,
      reply: {
        ok: false,
        error: 'invalid sp:data-changed: conversationKeys: invalid_type',
      },
    });
    expect(await router.dispatch({ type: 'cs:get-clock-plans' }, { url: `${BASE}x.html` })).toEqual({ handled: false });
    expect(await router.dispatch({ type: '__proto__' }, { url: `${BASE}x.html` })).toEqual({ handled: false });
    expect(seen).toEqual([]);
    expect(refused).toHaveLength(3);
  });

  it('a content script accepts the extension only', () => {
    const check = fromExtension(BASE, 'abcdefghijklmnop');
    const message = { type: 'bg:data-changed' as const, conversationKeys: [] };
    expect(check({ id: 'abcdefghijklmnop', url: `${BASE}background.js` }, message)).toBeNull();
    expect(check({ id: 'abcdefghijklmnop' }, message)).toBeNull();
    expect(check({ id: 'otherextension' }, message)).toBe('not from this extension');
    expect(check({ id: 'abcdefghijklmnop', url: 'https://evil.example/' }, message)).toBe(
      "not from the extension's worker or pages (https://evil.example/)",
    );
  });

  it('one handler per type and context', () => {
    const router = panelRouter([], []);
    expect(() => router.on('sp:data-changed', { accept: () => null, handle: () => ({ ok: true }) })).toThrow(
      'Replyline: sp:data-changed already has a handler here',
    );
  });
});

describe('the tab tracker', () => {
  function memorySession() {
    const data: Record<string, unknown> = {};
    return {
      data,
      get: async (key: string) => ({ [key]: data[key] }),
      set: async (items: Record<string, unknown>) => void Object.assign(data, items),
    };
  }

  it('tells each tab only the changed keys it observed, survives a worker restart, forgets closed tabs and new pages', async () => {
    const session = memorySession();
    const tracker = new TabTracker(session);
    await tracker.note(1, 0, 'doc-a', ['k1', 'k2']);
    await tracker.note(2, 0, 'doc-b', ['k2', 'k3']);
    expect(await tracker.targets(['k1'])).toEqual([{ tabId: 1, frameId: 0, keys: ['k1'] }]);
    expect(await tracker.targets(['k2', 'k9'])).toEqual([
      { tabId: 1, frameId: 0, keys: ['k2'] },
      { tabId: 2, frameId: 0, keys: ['k2'] },
    ]);
    expect(await tracker.targets([])).toEqual([
      { tabId: 1, frameId: 0, keys: [] },
      { tabId: 2, frameId: 0, keys: [] },
    ]);

    // A new worker reads the same session storage.
    const restarted = new TabTracker(session);
    expect(await restarted.targets(['k3'])).toEqual([{ tabId: 2, frameId: 0, keys: ['k3'] }]);
    // Tab 2 loads another page: what the old page observed no longer concerns it.
    await restarted.note(2, 0, 'doc-c', ['k4']);
    expect(await restarted.targets(['k3'])).toEqual([]);
    await restarted.forgetTab(1);
    expect(await restarted.targets([])).toEqual([{ tabId: 2, frameId: 0, keys: [] }]);
    expect((session.data[TABS_SESSION_KEY] as unknown[]).length).toBe(1);
  });
});
