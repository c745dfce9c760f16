/**
 * Every selector the Zendesk adapter uses, in one place. Zendesk's agent workspace is React
 * with the Garden design system: `data-test-id` / `data-garden-id` attributes are its most
 * stable hooks (Toggl switched to them in 2021 after localized aria-labels broke, #2207);
 * hashed class names are never used. Times are NOT read from the page (it shows relative
 * times): they come from the REST API (api.ts). `fixtures` are exact match counts on
 * test/fixtures/zendesk/*.html (checked by test/unit/adapters/zendesk.test.ts).
 *
 * Sources: Toggl track-extension src/content/zendesk.js (generations 2021–2023); a live
 * inventory of the agent workspace published in a support-toolkit extension spec, verified
 * 2026-06-22 (`main[data-garden-id="navigation.main"]`, `ticket-<id>-custom-layout`,
 * `column-1..3`, `generic-table-row`); omnicomposer test ids used by several extensions and
 * Cypress suites. Not confirmed against a live tenant by us: see `rowTicketLink`.
 */
import { defineSelectors } from '../framework/define-adapter';

export const zendeskSelectors = defineSelectors({
  main: {
    id: 'main',
    selector: 'main[data-garden-id="navigation.main"]',
    comment: 'Routed content area of the agent workspace (home, views, tickets). Live inventory 2026-06-22.',
    requiredOn: ['list', 'conversation'],
    fixtures: { 'ticket.html': 1, 'view.html': 1, 'ticket-missing-composer.html': 1 },
  },
  ticketLayout: {
    id: 'ticket.layout',
    selector: 'div.ticket-panes-grid-layout[data-test-id$="-custom-layout"]',
    comment:
      'One grid per open ticket tab (`ticket-<id>-custom-layout`, `.active` on the one in front); the current ticket is found by its id from the URL. Agent workspace since Sept 2023 (Toggl), inventory 2026-06-22.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket.html': 2, 'view.html': 0 },
  },
  conversationPane: {
    id: 'ticket.conversationPane',
    selector: 'div.ticket-panes-grid-layout [data-test-id="column-2"]',
    comment: 'Conversation column of each ticket grid (MainConversationPane); the timer strip goes at its end. Inventory 2026-06-22.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket.html': 2, 'view.html': 0 },
  },
  composeBox: {
    id: 'ticket.compose',
    selector: '[data-test-id="omnicomposer-rich-text-ckeditor"]',
    comment:
      'CKEditor reply box (contenteditable) of each open ticket; key presses inside count as typing, its text is never read. Used by several extensions and Cypress suites, 2023–2026.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket.html': 2, 'ticket-missing-composer.html': 0, 'view.html': 0 },
  },
  viewRow: {
    id: 'view.row',
    selector: 'table[data-test-id="generic-table"] tr[data-test-id="generic-table-row"]',
    comment:
      'One row per ticket in a view table (Garden `tables.row`). Optional: the dashboard/home has no such table, so absence is not reported.',
    requiredOn: [],
    fixtures: { 'view.html': 4, 'ticket.html': 0 },
  },
  rowTicketLink: {
    id: 'view.rowTicketLink',
    selector: 'tr[data-test-id="generic-table-row"] a[href*="/agent/tickets/"]',
    comment:
      'Link to the ticket inside a view row: the only place a row names its ticket id. UNCONFIRMED on a live tenant: rows without it get no badge (list badges are optional).',
    requiredOn: [],
    fixtures: { 'view.html': 3, 'ticket.html': 0 },
  },
});

/** The grid of one open ticket (several tickets can be open as tabs). */
export function ticketLayoutSelector(ticketId: string): string {
  return `div.ticket-panes-grid-layout[data-test-id="ticket-${ticketId}-custom-layout"]`;
}
