/**
 * The Demo Desk: Replyline's local helpdesk (demo/), whose markup carries stable ids and
 * absolute ISO times. Contract: notes/demo-desk-contract.md.
 *
 * Test URLs / fixtures: routes.ts (demoDeskRouteExamples), test/fixtures/demodesk/*.html.
 */
import { demoDeskDeclaration } from './declaration';
import { defineAdapter } from '../framework/define-adapter';
import * as extract from './extract';
import { demoDeskReconcile } from './reconcile';
import { demoDeskRoutes } from './routes';
import { demoDeskSelectors as sel } from './selectors';

export const demoDeskAdapter = defineAdapter({
  id: demoDeskDeclaration.id,
  name: demoDeskDeclaration.name,
  matches: demoDeskDeclaration.matches,
  detect: (doc) => doc.querySelector(sel.app.selector) !== null,
  // The whole app re-renders inside body (list and conversation views replace each other).
  root: (doc) => doc.body,
  observedAttributes: [
    'data-status',
    'data-assignee-id',
    'data-waiting-since',
    'data-created-at',
    // Read by readRow too: only observed attributes make a row be re-read.
    'data-channel',
    'data-customer-id',
    'data-conversation-id',
    'data-agent-id',
    'datetime',
    'data-csat',
    'data-ces',
  ],
  routes: demoDeskRoutes,
  selectors: sel,
  // Rows and threads come from the markup; conversations no page shows are asked of its API.
  reconcile: demoDeskReconcile,
  extract: {
    listRows: extract.listRows,
    listRowElements: extract.listRowElements,
    isListRow: extract.isListRow,
    rowConversationId: extract.rowConversationId,
    readRow: extract.readRow,
    // Rows carry every fact as attributes of the <tr>; cell text (relative times) is never read.
    readRowScope: 'row-attributes',
    conversation: extract.conversation,
    currentAgent: extract.currentAgent,
    names: extract.names,
    composeBox: extract.composeBox,
    composeContext: extract.composeContext,
  },
  overlayAnchors: {
    rowBadge: (row) => {
      const link = row.querySelector(sel.rowLink.selector);
      return link ? { anchor: link, position: 'beforeend' } : null;
    },
    conversationHeader: (root) => {
      const heading = root.querySelector(sel.customerName.selector);
      return heading ? { anchor: heading, position: 'afterend' } : null;
    },
  },
});
