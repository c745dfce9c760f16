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
import * as extract from './extract';
import { chatwootRoutes } from './routes';
import { chatwootSelectors as sel } from './selectors';

export function createChatwootAdapter(api = new ChatwootApi()) {
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
    extract: {
      listRows: extract.listRows,
      listRowElements: extract.listRowElements,
      rowConversationId: extract.rowConversationId,
      conversation: extract.conversation,
      // Read once from /api/v1/profile; null until then.
      currentAgent: () => api.agentId,
      composeBox: extract.composeBox,
    },
    overlayAnchors: {
      rowBadge: () => null,
      conversationHeader: (root) => {
        const actions = root.querySelector(sel.headerActions.selector);
        return actions ? { anchor: actions, position: 'afterend' } : null;
      },
    },
  });
}

export const chatwootAdapter = createChatwootAdapter();
