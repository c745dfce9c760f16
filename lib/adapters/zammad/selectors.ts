/**
 * Every selector the Zammad adapter uses (legacy desktop app), in one place. Structural classes
 * and machine-readable attributes only, never visible text. The ticket in front is read through
 * the API (api.ts); on a zoom the DOM only places the timer strip and the reply box, and its
 * articles are counted for health. Overviews are read from the DOM. Zammad keeps every open task
 * rendered and hides the inactive ones, so everything is scoped to the one `.content.active`.
 * `fixtures` are exact match counts on test/fixtures/zammad/*.html (checked by
 * test/unit/adapters/zammad.test.ts). Sources: zammad/zammad as stored on 2026-11-27 (paths in
 * each comment).
 */
import { defineSelectors } from '../framework/define-adapter';

const ACTIVE = '#app > .content.active';

export const zammadSelectors = defineSelectors({
  app: {
    id: 'app',
    selector: 'body > #app',
    comment: 'The legacy app root (app/views/init/index.html.erb renders <div id="app">); the runner observes it. Confirmed 2026-11-27.',
    requiredOn: [],
    fixtures: { 'ticket-zoom.html': 1, 'overview.html': 1 },
  },
  activeTicket: {
    id: 'zoom.activeTask',
    selector: `${ACTIVE}[id^="content_permanent_Ticket-"]`,
    comment:
      'The shown ticket task; its id `content_permanent_Ticket-{ticket_id}` gives the ticket id (task_manager.coffee, key "Ticket-#{ticket_id}" in ticket_zoom.coffee). Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 1, 'ticket-zoom-renamed-class.html': 1, 'overview.html': 0 },
  },
  header: {
    id: 'zoom.header',
    selector: `${ACTIVE} .ticketZoom-header`,
    comment:
      "Ticket header (title + meta); the timer strip goes right after it. Class used by Zammad's own browser tests and Toggl's integration. Confirmed 2026-11-27.",
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 1, 'overview.html': 0 },
  },
  ticketNumber: {
    id: 'zoom.ticketNumber',
    selector: `${ACTIVE} .ticketZoom-header .ticket-number[data-number]`,
    comment:
      'span.ticket-number.js-objectNumber[data-number] (views/ticket_zoom/meta.jst.eco). Probed only, to tell a changed header from a missing one. Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 1, 'overview.html': 0 },
  },

  article: {
    id: 'zoom.article',
    selector: `${ACTIVE} .ticket-article-item[data-id]`,
    comment:
      'One article: `ticket-article-item {customer|agent|system}` + `is-internal`, data-id = article id (controllers/ticket_zoom/article_view.coffee render). Counted for health only: articles are read through the API. Confirmed 2026-11-27.',
    requiredOn: [],
    fixtures: { 'ticket-zoom.html': 6, 'ticket-zoom-renamed-class.html': 0, 'overview.html': 0 },
  },

  composeBox: {
    id: 'zoom.compose',
    selector: `${ACTIVE} .article-add [contenteditable="true"]`,
    comment:
      'Reply editor; key presses inside count as typing, its content is never read. Markup approximate (not re-checked 2026-11-27), so not required.',
    requiredOn: [],
    fixtures: { 'ticket-zoom.html': 1, 'overview.html': 0 },
  },
  overviewTable: {
    id: 'overview.table',
    selector: `${ACTIVE} table.table`,
    comment: 'Overview table (views/generic/table.jst.eco `table.table table-hover`). Confirmed 2026-11-27.',
    requiredOn: ['list'],
    fixtures: { 'overview.html': 1, 'overview-renamed-class.html': 1, 'ticket-zoom.html': 0 },
  },
  columnKey: {
    id: 'overview.columnKey',
    selector: `${ACTIVE} table.table > thead th[data-column-key]`,
    comment:
      'Column headers carry the attribute name (number, title, created_at, escalation_at, last_contact_*_at…); cells are mapped by position (generic/table.jst.eco). Confirmed 2026-11-27.',
    requiredOn: ['list'],
    fixtures: { 'overview.html': 9, 'ticket-zoom.html': 0 },
  },
  row: {
    id: 'overview.row',
    selector: `${ACTIVE} table.table > tbody > tr.item[data-id]`,
    comment: 'One row per ticket, data-id = ticket id (generic/table.jst.eco); group-by rows have no class item. Confirmed 2026-11-27.',
    requiredOn: ['list'],
    fixtures: { 'overview.html': 4, 'overview-bad-datetime.html': 4, 'overview-renamed-class.html': 0, 'ticket-zoom.html': 0 },
  },
  rowTime: {
    id: 'overview.rowTime',
    selector: `${ACTIVE} table.table > tbody > tr.item[data-id] time.humanTimeFromNow[datetime]`,
    comment:
      'Date cells: App.viewPrint renders `time.humanTimeFromNow[datetime=ISO][title]` (escalation_at adds class escalation; text filled in later). Confirmed 2026-11-27.',
    requiredOn: [],
    fixtures: { 'overview.html': 12, 'overview-bad-datetime.html': 11, 'overview-renamed-class.html': 0 },
  },
});

export type ZammadSelectorKey = keyof typeof zammadSelectors;
