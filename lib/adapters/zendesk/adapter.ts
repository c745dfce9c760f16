/**
 * Zendesk Support, agent workspace on `*.zendesk.com`. Exact times, authors, public/private
 * and status changes come from Zendesk's REST API with the agent's own session (api.ts);
 * the page only says which ticket is in front, which view rows are on screen and where the
 * reply box is (selectors.ts).
 *
 * Test URLs / fixtures: routes.ts (zendeskRouteExamples), test/fixtures/zendesk/*.
 */
import { zendeskDeclaration } from './declaration';
import { defineAdapter } from '../framework/define-adapter';
import { SHOW_MANY_LIMIT, ZendeskApi } from './api';
import * as extract from './extract';
import { zendeskRoutes } from './routes';
import { zendeskSelectors as sel } from './selectors';

export function createZendeskAdapter(api = new ZendeskApi()) {
  return defineAdapter({
    id: zendeskDeclaration.id,
    name: zendeskDeclaration.name,
    matches: zendeskDeclaration.matches,
    detect: (doc) => /\.zendesk\.com$/.test(doc.location?.hostname ?? ''),
    // Tabs, views and tickets all render inside body; the observer is throttled by the runner.
    root: (doc) => doc.body,
    observedAttributes: ['data-is-active', 'data-test-id', 'data-side-conversations-anchor-id', 'href'],
    routes: zendeskRoutes,
    selectors: sel,
    api,
    reconcile: { batch: SHOW_MANY_LIMIT, read: (ids, fetchJson) => api.reconcile(ids, fetchJson) },
    extract: {
      listRows: extract.listRows,
      listRowElements: extract.listRowElements,
      rowConversationId: extract.rowConversationId,
      conversation: extract.conversation,
      // Read once from /api/v2/users/me.json; null until then (no activity is recorded before).
      currentAgent: () => api.agentId,
      names: () => api.names(),
      composeBox: extract.composeBox,
    },
    overlayAnchors: {
      rowBadge: extract.rowTicketAnchor,
      conversationHeader: extract.stripPlacement,
    },
  });
}

export const zendeskAdapter = createZendeskAdapter();
