/**
 * Every selector the Zammad adapter uses (legacy desktop app), in one place. Structural classes
 * and machine-readable attributes only, never visible text, except the ticket state's name (see
 * `state`). Zammad keeps every open task rendered and hides the inactive ones, so everything is
 * scoped to the one `.content.active`. `fixtures` are exact match counts on
 * test/fixtures/zammad/*.html (checked by test/unit/adapters/zammad.test.ts).
 * Sources: zammad/zammad as stored on 2026-11-27 (paths in each comment).
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
  createdTime: {
    id: 'zoom.createdTime',
    selector: `${ACTIVE} .ticketZoom-header small.task-subline time.humanTimeFromNow[datetime]:not(.escalation)`,
    comment:
      'Ticket creation: `created <time class="humanTimeFromNow" datetime=ISO>` (meta.jst.eco + view_helpers.coffee humanTime). Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 1, 'overview.html': 0 },
  },
  escalationTime: {
    id: 'zoom.escalationTime',
    selector: `${ACTIVE} .ticketZoom-header time.humanTimeFromNow.escalation`,
    comment:
      'Next escalation, rendered only for agents and only when escalation_at is set (meta.jst.eco, humanTime(…, true) adds class escalation). Confirmed 2026-11-27.',
    requiredOn: [],
    fixtures: { 'ticket-zoom.html': 1, 'overview.html': 0 },
  },
  article: {
    id: 'zoom.article',
    selector: `${ACTIVE} .ticket-article-item[data-id]`,
    comment:
      'One article: `ticket-article-item {customer|agent|system}` + `is-internal`, data-id = article id (controllers/ticket_zoom/article_view.coffee render). Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 6, 'ticket-zoom-bad-datetime.html': 6, 'ticket-zoom-renamed-class.html': 0, 'overview.html': 0 },
  },
  articleTime: {
    id: 'zoom.articleTime',
    selector: `${ACTIVE} .ticket-article-item[data-id] > a > small.task-subline > time.humanTimeFromNow[datetime]`,
    comment:
      'Article time, a direct child path so that a <time> inside a message body is never read (views/ticket_zoom/article_view.jst.eco last line). System notifications (article_view_system.jst.eco) carry none. Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 5, 'ticket-zoom-bad-datetime.html': 4, 'ticket-zoom-renamed-class.html': 0 },
  },
  articleAuthor: {
    id: 'zoom.articleAuthor',
    selector: `${ACTIVE} .ticket-article-item[data-id] > .article-content .js-avatar [data-id]`,
    comment:
      'Author avatar with the user id (App.WidgetAvatar with object_id origin_by_id || created_by_id, article_view.coffee). Optional: agent ids for per-agent numbers. Avatar markup from helpdesk-dom.md, not re-checked 2026-11-27.',
    requiredOn: [],
    fixtures: { 'ticket-zoom.html': 5, 'overview.html': 0 },
  },
  owner: {
    id: 'zoom.owner',
    selector: `${ACTIVE} .tabsSidebar select[name="owner_id"]`,
    comment:
      'Sidebar ticket form, owner select: option value = user id, "" = nobody (models/ticket.coffee owner_id tag select). Confirmed 2026-11-27 in the model; form wrapper approximate.',
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 1, 'ticket-zoom-renamed-class.html': 0, 'overview.html': 0 },
  },
  state: {
    id: 'zoom.state',
    selector: `${ACTIVE} .tabsSidebar select[name="state_id"]`,
    comment:
      "Sidebar ticket form, state select. Option values are install-specific ids, so the selected option's name is matched against Zammad's default English state names only; anything else is reported missing. Confirmed 2026-11-27 in the model.",
    requiredOn: ['conversation'],
    fixtures: { 'ticket-zoom.html': 1, 'overview.html': 0 },
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
