/**
 * Zammad, legacy desktop app (self-hosted; CoffeeScript + ECO templates). The ticket in front is
 * read from Zammad's own REST API with the agent's session (api.ts: ticket, articles, history);
 * overview tables from the ISO `datetime` attributes Zammad renders. Runs only on origins the
 * user grants (registered at runtime), so the match pattern is a placeholder.
 *
 * Test URLs / fixtures: routes.ts (zammadRouteExamples), test/fixtures/zammad/*.
 */
import { zammadDeclaration } from './declaration';
import { defineAdapter } from '../framework/define-adapter';
import { ZammadApi } from './api';
import * as extract from './extract';
import { zammadRoutes } from './routes';
import { zammadSelectors as sel } from './selectors';

export function createZammadAdapter(api = new ZammadApi()) {
  return defineAdapter({
    id: zammadDeclaration.id,
    name: zammadDeclaration.name,
    // Any origin: the worker registers it only on the origins the user granted.
    matches: ['https://*/*'],
    detect: (doc) => doc.querySelector(sel.app.selector) !== null,
    // Tasks, overviews and zooms all render inside #app; task switches flip `active` classes.
    root: (doc) => doc.querySelector(sel.app.selector),
    observedAttributes: ['class', 'datetime', 'data-id', 'id'],
    routes: zammadRoutes,
    selectors: sel,
    api,
    reconcile: { batch: 1, read: (ids, fetchJson) => api.reconcile(ids, fetchJson) },
    extract: {
      listRows: extract.listRows,
      listRowElements: extract.listRowElements,
      rowConversationId: extract.rowConversationId,
      conversation: extract.conversation,
      currentAgent: extract.currentAgent,
      names: extract.names,
      composeBox: extract.composeBox,
    },
    overlayAnchors: {
      rowBadge: (row) => {
        const cell = extract.rowCell(row, 'title') ?? extract.rowCell(row, 'number');
        return cell ? { anchor: cell, position: 'beforeend' } : null;
      },
      conversationHeader: (root) => {
        const header = root.querySelector(sel.header.selector);
        return header ? { anchor: header, position: 'afterend' } : null;
      },
    },
  });
}

export const zammadAdapter = createZammadAdapter();
