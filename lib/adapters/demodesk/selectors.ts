/**
 * Every selector the Demo Desk adapter uses, in one place. Machine-readable attributes and
 * structural classes only, never visible text. `fixtures` are the exact match counts on the
 * files in test/fixtures/demodesk/ (checked by test/unit/adapters/demodesk.test.ts).
 */
import { defineSelectors } from '../framework/define-adapter';

export const demoDeskSelectors = defineSelectors({
  app: {
    id: 'app',
    selector: 'body[data-app="demo-desk"]',
    comment: 'Marks the document as the Demo Desk. Contract "Global", confirmed 2026-11-26.',
    requiredOn: [],
    fixtures: { 'inbox.html': 1, 'inbox-renamed-class.html': 1, 'conversation.html': 1 },
  },
  topbar: {
    id: 'topbar',
    selector: 'header.dd-topbar[data-agent-id]',
    comment: 'Top bar carrying the signed-in agent id. Contract "Global", confirmed 2026-11-26.',
    requiredOn: ['list', 'conversation'],
    fixtures: { 'inbox.html': 1, 'conversation.html': 1 },
  },
  agentOption: {
    id: 'names.agent',
    selector: 'header.dd-topbar select.dd-agent-switch option[value]',
    comment:
      'The agent switch: one option per agent, its value the agent id and its text the display name (demo/public/app.js, renderAgents). Names only; confirmed 2026-12-02.',
    requiredOn: [],
    fixtures: { 'inbox.html': 3, 'conversation.html': 3 },
  },
  rowCustomer: {
    id: 'names.rowCustomer',
    selector: 'tr.dd-row[data-conversation-id] .dd-customer',
    comment:
      "The row's customer display name (demo/public/app.js, updateRow). Read only when Settings → Privacy allows customer names. Confirmed 2026-12-02.",
    requiredOn: [],
    fixtures: { 'inbox.html': 6, 'conversation.html': 0 },
  },
  row: {
    id: 'inbox.row',
    selector: 'tr.dd-row[data-conversation-id]',
    comment: 'One inbox row per conversation, with status/assignee/waiting-since attributes. Contract "Inbox list", confirmed 2026-11-26.',
    requiredOn: ['list'],
    fixtures: { 'inbox.html': 6, 'inbox-renamed-class.html': 0, 'conversation.html': 0 },
  },
  rowLink: {
    id: 'inbox.rowLink',
    selector: 'tr.dd-row a.dd-row-link[href]',
    comment:
      "The row's link (avatar + customer name, a flex box); the badge is placed at its end. The narrow waiting column clips extra content. Confirmed on the running Demo Desk 2026-11-26.",
    requiredOn: ['list'],
    fixtures: { 'inbox.html': 6, 'inbox-renamed-class.html': 0, 'conversation.html': 0 },
  },
  conversation: {
    id: 'conversation.root',
    selector: 'main.dd-conversation[data-conversation-id]',
    comment:
      'Conversation view root with status/channel/created-at/assignee attributes. Contract "Conversation view", confirmed 2026-11-26.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'inbox.html': 0 },
  },
  customerName: {
    id: 'conversation.header',
    selector: 'main.dd-conversation h1.dd-customer-name',
    comment: 'Conversation heading; the timer strip is placed right after it (its text is never read). Confirmed 2026-11-26.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'inbox.html': 0 },
  },
  event: {
    id: 'conversation.event',
    selector: 'ol.dd-thread > li.dd-event[data-event-id]',
    comment: 'One thread item per event (message, note, status, handoff, assignment, rating). Confirmed 2026-11-26.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 12, 'conversation-missing-datetime.html': 12, 'inbox.html': 0 },
  },
  eventTime: {
    id: 'conversation.eventTime',
    selector: 'ol.dd-thread > li.dd-event time[datetime]',
    comment:
      'Absolute ISO time of each event (inside .dd-meta for messages and notes, after .dd-body otherwise). Confirmed on the running Demo Desk 2026-11-26.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 12, 'conversation-missing-datetime.html': 11, 'conversation-unparseable-datetime.html': 12 },
  },
  composeBox: {
    id: 'conversation.compose',
    selector: 'form.dd-compose textarea.dd-compose-input',
    comment: 'Reply box: key presses inside count as typing; its value is never read. Confirmed 2026-11-26.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'inbox.html': 0 },
  },
});

export type DemoDeskSelectorKey = keyof typeof demoDeskSelectors;
