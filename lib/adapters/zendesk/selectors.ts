/**
 * Every selector the Zendesk adapter uses, in one place. Zendesk's agent workspace is React with
 * the Garden design system: `data-test-id` / `data-garden-id` attributes are its most stable hooks
 * (Toggl switched to them in 2021 after localized aria-labels broke, #2207); hashed class names
 * are never used. Times are NOT read from the page (it shows relative times): they come from the
 * REST API (api.ts). `fixtures` are exact match counts on test/fixtures/zendesk/*.html (checked by
 * test/unit/adapters/zendesk.test.ts).
 *
 * The ticket page has changed shape several times, and tenants do not all get a change at once,
 * so the generations found in public code are supported side by side, newest evidence first
 * (refined-github style: each candidate with what it targets and on what evidence). Not confirmed
 * against a live tenant by us; every fixture is a reconstruction from the sources named.
 * - G-layout: `div.ticket-panes-grid-layout[data-test-id="ticket-{id}-custom-layout"]` with
 *   `[data-test-id="column-1..3"]`: a Zendesk customizer extension's selector inventory "verified
 *   live 2026-06-22" (ZDZendeskSelectors, stored public copy). Fixture ticket.html.
 * - G-anchor: `div[data-side-conversations-anchor-id="{id}"]`, the ticket's conversation keyed by
 *   its id, with `div[data-test-id="ticket-call-controls-action-bar"]` as header:
 *   holatuwol/liferay-zendesk-userscript src/main.ts (2025-08-22, 90ee874), and Toggl's agent
 *   workspace integration. Fixture ticket-2025-side-conversations.html.
 * - G-active: `.ticket-panes-grid-layout[data-is-active="true"]` (Toggl b4e7f367, 2024-10-24;
 *   `.active` before, Sept 2023) with the pane `[data-support-suite-trial-onboarding-id=
 *   "conversationPane"]` (Toggl 855543ea, 2023-10-16). Fixture ticket-2024-active-grid.html.
 * View rows: `tr[data-test-id="generic-table-row"]` (liferay src/view_columns.ts, 2025-06-10);
 * a row names its ticket by a subject link `a[href="tickets/{id}"]` (relative, liferay 2024-06-03;
 * older fixtures have `/agent/tickets/{id}`) or an id cell "#{id}"
 * (`td[data-test-id="generic-table-cells-id"]`, liferay 2024-10-05).
 */
import { defineSelectors } from '../framework/define-adapter';

const GRID = 'div.ticket-panes-grid-layout';
const CONVERSATION_ANCHOR = 'div[data-side-conversations-anchor-id]';
const COLUMN_2 = '[data-test-id="column-2"]';
const CONVERSATION_PANE = '[data-support-suite-trial-onboarding-id="conversationPane"]';
const ANCHOR_HEADER = 'div[data-test-id="ticket-call-controls-action-bar"]';
const COMPOSERS = '[data-test-id="omnicomposer-rich-text-ckeditor"], [data-test-id="ticket-rich-text-editor"]';

export const zendeskSelectors = defineSelectors({
  main: {
    id: 'main',
    selector: 'main[data-garden-id="navigation.main"]',
    comment: 'Routed content area of the agent workspace (home, views, tickets). Live inventory 2026-06-22.',
    requiredOn: ['list', 'conversation'],
    fixtures: { 'ticket.html': 1, 'view.html': 1, 'ticket-missing-composer.html': 1, 'ticket-2025-side-conversations.html': 1 },
  },
  ticketScope: {
    id: 'ticket.scope',
    selector: `${GRID}, ${CONVERSATION_ANCHOR}`,
    comment:
      'Any generation of the per-ticket container (one per open ticket tab): the grid (G-layout, G-active) or the conversation keyed by ticket id (G-anchor). The one of the ticket in the URL is picked by ticketScopeCandidates.',
    requiredOn: ['conversation'],
    fixtures: {
      'ticket.html': 2,
      'ticket-2024-active-grid.html': 2,
      'ticket-2025-side-conversations.html': 2,
      'view.html': 0,
    },
  },
  layoutGrid: {
    id: 'ticket.layout',
    selector: `${GRID}[data-test-id$="-custom-layout"]`,
    comment: 'G-layout: `ticket-<id>-custom-layout` grids (live inventory 2026-06-22). Counted: tells which generation the page is.',
    requiredOn: [],
    fixtures: { 'ticket.html': 2, 'ticket-2024-active-grid.html': 0, 'ticket-2025-side-conversations.html': 0 },
  },
  activeGrid: {
    id: 'ticket.activeGrid',
    selector: `${GRID}[data-is-active="true"], ${GRID}.active`,
    comment: 'G-active: the grid in front, `data-is-active="true"` (Toggl, Oct 2024) or `.active` (Sept 2023). Counted.',
    requiredOn: [],
    fixtures: { 'ticket.html': 1, 'ticket-2024-active-grid.html': 1, 'ticket-2025-side-conversations.html': 0 },
  },
  conversationAnchor: {
    id: 'ticket.conversationAnchor',
    selector: CONVERSATION_ANCHOR,
    comment: 'G-anchor: the conversation keyed by ticket id (liferay userscript, Aug 2025; Toggl agent workspace). Counted.',
    requiredOn: [],
    fixtures: { 'ticket.html': 0, 'ticket-2024-active-grid.html': 0, 'ticket-2025-side-conversations.html': 2 },
  },
  stripAnchor: {
    id: 'ticket.conversationPane',
    selector: `${GRID} ${COLUMN_2}, ${GRID} ${CONVERSATION_PANE}, ${CONVERSATION_ANCHOR} ${ANCHOR_HEADER}`,
    comment:
      'Where the timer strip goes, per generation: the end of the conversation column (`column-2`, MainConversationPane, G-layout), the end of the conversation pane (`conversationPane`, G-active), or right after the conversation header (`ticket-call-controls-action-bar`, G-anchor).',
    requiredOn: ['conversation'],
    fixtures: {
      'ticket.html': 2,
      'ticket-2024-active-grid.html': 2,
      'ticket-2025-side-conversations.html': 2,
      'view.html': 0,
    },
  },
  composeBox: {
    id: 'ticket.compose',
    selector: COMPOSERS,
    comment:
      'CKEditor reply box of each open ticket: `omnicomposer-rich-text-ckeditor` (liferay userscript src/reply.ts 2022–2025, Cypress suites), older `ticket-rich-text-editor` (same source, 2022). Key presses inside count as typing; its text is never read.',
    requiredOn: ['conversation'],
    fixtures: {
      'ticket.html': 2,
      'ticket-missing-composer.html': 0,
      'ticket-2024-active-grid.html': 2,
      'ticket-2025-side-conversations.html': 2,
      'view.html': 0,
    },
  },
  viewRow: {
    id: 'view.row',
    selector: 'table[data-test-id="generic-table"] tr[data-test-id="generic-table-row"]',
    comment:
      'One row per ticket in a view table (Garden `tables.row`; liferay userscript 2025-06-10). Optional: the dashboard/home has no such table, so absence is not reported.',
    requiredOn: [],
    fixtures: { 'view.html': 4, 'view-2025.html': 4, 'ticket.html': 0 },
  },
  rowTicketLink: {
    id: 'view.rowTicketLink',
    selector: 'tr[data-test-id="generic-table-row"] a[href*="tickets/"]',
    comment:
      'Link to the ticket inside a view row: `/agent/tickets/{id}` or the relative `tickets/{id}` of the subject cell (`ticket-table-cells-subject`, liferay userscript 2024-06-03). Rows with neither this nor an id cell get no badge.',
    requiredOn: [],
    fixtures: { 'view.html': 3, 'view-2025.html': 2, 'ticket.html': 0 },
  },
  rowIdCell: {
    id: 'view.rowIdCell',
    selector: 'tr[data-test-id="generic-table-row"] td[data-test-id="generic-table-cells-id"]',
    comment:
      'The "#{id}" cell of a view row (liferay userscript src/view_columns.ts, 2024-10-05): names the ticket when the subject has no link.',
    requiredOn: [],
    fixtures: { 'view.html': 0, 'view-2025.html': 4 },
  },
});

/**
 * The container of one open ticket, per generation, most precise first: the grid or conversation
 * keyed by the ticket's id, then the grid marked as the one in front (other open tabs stay in
 * the DOM, hidden).
 */
export function ticketScopeCandidates(ticketId: string): string[] {
  return [
    `${GRID}[data-test-id="ticket-${ticketId}-custom-layout"]`,
    `${CONVERSATION_ANCHOR.slice(0, -1)}="${ticketId}"]`,
    `${GRID}[data-is-active="true"]`,
    `${GRID}.active`,
  ];
}

/** Inside a ticket's container: where the strip goes, per generation, and how. */
export const STRIP_PLACEMENTS: ReadonlyArray<{ selector: string; position: 'beforeend' | 'afterend' }> = [
  { selector: COLUMN_2, position: 'beforeend' },
  { selector: CONVERSATION_PANE, position: 'beforeend' },
  { selector: ANCHOR_HEADER, position: 'afterend' },
];

export const COMPOSE_BOX = COMPOSERS;
