// @vitest-environment jsdom
/**
 * The contract every helpdesk adapter keeps, checked by looping over the registry: its
 * declaration is what the adapter and the content script's entrypoint use, its route detectors
 * accept and reject the example URLs kept beside them (routes.ts), no other helpdesk's page is
 * one of its routes, and each selector matches exactly the counts it declares on its fixtures
 * (selectors.ts), and the link it declares to a conversation opens a page its routes read as that
 * conversation. Adapter-specific reading is tested in each adapter's own file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatwootAdapter } from '../../../lib/adapters/chatwoot/adapter';
import { chatwootRouteExamples } from '../../../lib/adapters/chatwoot/routes';
import { chatwootSelectors } from '../../../lib/adapters/chatwoot/selectors';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { demoDeskRouteExamples } from '../../../lib/adapters/demodesk/routes';
import { demoDeskSelectors } from '../../../lib/adapters/demodesk/selectors';
import { routeOf } from '../../../lib/adapters/framework/runner';
import type { AdapterDefinition, RouteExamples, SelectorSpec } from '../../../lib/adapters/framework/types';
import { createFreeScoutAdapter } from '../../../lib/adapters/freescout/adapter';
import { freeScoutRouteExamples } from '../../../lib/adapters/freescout/routes';
import { freeScoutSelectors } from '../../../lib/adapters/freescout/selectors';
import { HELPDESKS, type HelpdeskEntry } from '../../../lib/adapters/registry';
import { zammadAdapter } from '../../../lib/adapters/zammad/adapter';
import { zammadRouteExamples } from '../../../lib/adapters/zammad/routes';
import { zammadSelectors } from '../../../lib/adapters/zammad/selectors';
import { zendeskAdapter } from '../../../lib/adapters/zendesk/adapter';
import { zendeskRouteExamples } from '../../../lib/adapters/zendesk/routes';
import { zendeskSelectors } from '../../../lib/adapters/zendesk/selectors';

/** What the contract reads of a content script's definition (WXT's defineContentScript options). */
type ScriptOptions = { matches?: unknown; registration?: unknown };

interface Contract {
  adapter: AdapterDefinition;
  routes: RouteExamples;
  selectors: Record<string, SelectorSpec>;
  /** Folder under test/fixtures with the pages the selector counts refer to. */
  fixtures: string;
  entrypoint: () => Promise<{ default: object }>;
}

/** Per registry id, what the adapter folder provides. A helpdesk added to the registry needs a row here. */
const CONTRACTS: Record<string, Contract> = {
  'demo-desk': {
    adapter: demoDeskAdapter,
    routes: demoDeskRouteExamples,
    selectors: demoDeskSelectors,
    fixtures: 'demodesk',
    entrypoint: () => import('../../../entrypoints/demodesk.content'),
  },
  zendesk: {
    adapter: zendeskAdapter,
    routes: zendeskRouteExamples,
    selectors: zendeskSelectors,
    fixtures: 'zendesk',
    entrypoint: () => import('../../../entrypoints/zendesk.content'),
  },
  chatwoot: {
    adapter: chatwootAdapter,
    routes: chatwootRouteExamples,
    selectors: chatwootSelectors,
    fixtures: 'chatwoot',
    entrypoint: () => import('../../../entrypoints/chatwoot.content'),
  },
  zammad: {
    adapter: zammadAdapter,
    routes: zammadRouteExamples,
    selectors: zammadSelectors,
    fixtures: 'zammad',
    entrypoint: () => import('../../../entrypoints/zammad.content'),
  },
  freescout: {
    adapter: createFreeScoutAdapter({ timeZone: () => 'Europe/Berlin' }),
    routes: freeScoutRouteExamples,
    selectors: freeScoutSelectors,
    fixtures: 'freescout',
    entrypoint: () => import('../../../entrypoints/freescout.content'),
  },
};

const FIXTURES = join(__dirname, '../../fixtures');
const ENTRYPOINTS = join(__dirname, '../../../entrypoints');
const load = (folder: string, name: string) =>
  new DOMParser().parseFromString(readFileSync(join(FIXTURES, folder, name), 'utf8'), 'text/html');
const NO_ROUTE = { kind: null, conversationId: null };
/**
 * Whether a browser would run a content script with these match patterns on the URL (host `*`
 * is any host, `*.x` is x and its subdomains, an unnamed port is any port; the fragment is ignored).
 */
function withinMatches(patterns: readonly string[], href: string): boolean {
  const url = new URL(href);
  return patterns.some((pattern) => {
    const [, scheme, host, path] = /^(https?|\*):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
    const hostOk =
      host === '*' ||
      url.hostname === host ||
      (host.startsWith('*.') && (url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1))));
    const pathSource = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    const schemeOk = scheme === '*' ? /^https?:$/.test(url.protocol) : url.protocol === `${scheme}:`;
    return schemeOk && hostOk && new RegExp(`^${pathSource}$`).test(url.pathname + url.search);
  });
}
const pages = (examples: RouteExamples) => [...examples.list.positive, ...examples.conversation.positive.map(([url]) => url)];

describe('the registry', () => {
  it('lists every helpdesk once (the Demo Desk included outside production builds), each with its contract', () => {
    expect(HELPDESKS.map((h) => h.id)).toEqual(['demo-desk', 'zendesk', 'chatwoot', 'zammad', 'freescout']);
    expect(Object.keys(CONTRACTS).sort()).toEqual(HELPDESKS.map((h) => h.id).sort());
  });

  it('names every adapter content script in entrypoints/ (the recipe script is registered by recipes, not the registry)', () => {
    const scripts = readdirSync(ENTRYPOINTS)
      .filter((file) => file.endsWith('.content.ts') && file !== 'recipe.content.ts')
      .map((file) => `content-scripts/${file.replace('.content.ts', '.js')}`)
      .sort();
    expect(HELPDESKS.map((h) => h.contentScript).sort()).toEqual(scripts);
  });
});

describe.each(HELPDESKS.map((entry): [string, HelpdeskEntry, Contract] => [entry.name, entry, CONTRACTS[entry.id]]))(
  '%s',
  (_name, entry, contract) => {
    const { adapter, routes, selectors } = contract;

    it('the adapter and the entrypoint use the declaration', async () => {
      expect([adapter.id, adapter.name]).toEqual([entry.id, entry.name]);
      const script = (await contract.entrypoint()).default as ScriptOptions;
      if (entry.access === 'manifest') {
        expect(adapter.matches).toEqual(entry.matches);
        expect(script.matches).toEqual(entry.matches);
        expect(script.registration).toBeUndefined();
      } else {
        // Registered at runtime on granted origins: no manifest patterns, and the adapter runs on the example origin.
        expect(script.registration).toBe('runtime');
        expect(script.matches).toBeUndefined();
        for (const example of entry.matches) expect(withinMatches(adapter.matches, example.replace(/\*$/, '')), example).toBe(true);
      }
    });

    it.each(routes.list.positive)('list: %s', (url) => {
      expect(routeOf(adapter, url)).toEqual({ kind: 'list', conversationId: null });
    });
    it.each(routes.list.negative)('not a list: %s', (url) => {
      expect(adapter.routes.list(new URL(url))).toBe(false);
    });
    it.each(routes.conversation.positive)('conversation: %s → %s', (url, id) => {
      expect(routeOf(adapter, url)).toEqual({ kind: 'conversation', conversationId: id });
    });
    it.each(routes.conversation.negative)('not a conversation: %s', (url) => {
      expect(adapter.routes.conversation(new URL(url))).toBeNull();
    });
    it.each(routes.conversation.positive)("the declaration's link to %s's conversation is that conversation's page", (url, id) => {
      expect(routeOf(adapter, entry.conversationUrl(new URL(url).origin, id))).toEqual({ kind: 'conversation', conversationId: id });
    });
    it('an unparseable URL is no route', () => {
      expect(routeOf(adapter, 'not a url')).toEqual(NO_ROUTE);
    });

    // Other helpdesks' pages this adapter's content script could be loaded on (their near misses may be its own pages).
    const others = HELPDESKS.filter((other) => other.id !== entry.id)
      .flatMap((other) => pages(CONTRACTS[other.id].routes))
      .filter((url) => withinMatches(adapter.matches, url));
    it.each(others)("another helpdesk's page its script can load on is none of its routes: %s", (url) => {
      expect(routeOf(adapter, url)).toEqual(NO_ROUTE);
    });

    it('every selector declares at least one fixture on which it matches', () => {
      for (const spec of Object.values(selectors))
        expect(
          Object.values(spec.fixtures).some((n) => n > 0),
          spec.id,
        ).toBe(true);
    });
    const cases = Object.values(selectors).flatMap((spec) =>
      Object.entries(spec.fixtures).map(([file, count]) => [spec.id, file, count, spec.selector] as const),
    );
    it.each(cases)('selector %s matches exactly on %s', (_id, file, count, selector) => {
      expect(load(contract.fixtures, file).querySelectorAll(selector).length).toBe(count);
    });
  },
);
