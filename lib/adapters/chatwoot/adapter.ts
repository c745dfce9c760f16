/**
 * Chatwoot (cloud app.chatwoot.com and self-hosted). Its page has minute-resolution relative
 * times and no ids on list cards, so every fact comes from its own dashboard API with the
 * agent's session (api.ts); the page only hosts the timer strip and the reply box.
 *
 * Test URLs / fixtures: routes.ts (chatwootRouteExamples), test/fixtures/chatwoot/*.
 */
import { chatwootDeclaration } from './declaration';
import { defineAdapter } from '../framework/define-adapter';
import { ChatwootApi } from './api';
import { CARD_SELECTOR, type CardPairing } from './card-pairing';
import * as extract from './extract';
import { chatwootRoutes } from './routes';
import { chatwootSelectors as sel } from './selectors';

export function createChatwootAdapter(api = new ChatwootApi()) {
  let pairing: CardPairing = { pairs: new Map(), problems: [] };
  return defineAdapter({
    id: chatwootDeclaration.id,
    name: chatwootDeclaration.name,
    matches: chatwootDeclaration.matches,
    detect: (doc) => doc.querySelector(sel.app.selector) !== null,
    // The Vue app re-renders inside body; a new message bubble is the cue to re-read the API.
    root: (doc) => doc.body,
    observedAttributes: ['data-message-id'],
    routes: chatwootRoutes,
    selectors: sel,
    api,
    reconcile: { batch: 1, read: (ids, fetchJson) => api.reconcile(ids, fetchJson) },
    extract: {
      listRows: extract.listRows,
      // Cards name no conversation: only cards the API lists prove are paired (card-pairing.ts).
      listRowElements: (root) => {
        pairing = api.pairCards(Array.from(root.querySelectorAll(CARD_SELECTOR)));
        return [...pairing.pairs.keys()];
      },
      rowConversationId: (row) => pairing.pairs.get(row) ?? null,
      listProblems: () => pairing.problems,
      conversation: extract.conversation,
      // Read once from /api/v1/profile; null until then.
      currentAgent: () => api.agentId,
      names: () => api.names(),
      composeBox: extract.composeBox,
    },
    overlayAnchors: {
      // After the contact's name: the card's first line is truncated at its right edge.
      rowBadge: (row) => {
        const name = row.querySelector('.conversation--user');
        return name ? { anchor: name, position: 'afterend' } : null;
      },
      conversationHeader: (root) => {
        const actions = root.querySelector(sel.headerActions.selector);
        return actions ? { anchor: actions, position: 'afterend' } : null;
      },
    },
  });
}

export const chatwootAdapter = createChatwootAdapter();
