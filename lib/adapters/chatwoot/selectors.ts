/**
 * Every selector the Chatwoot adapter uses, in one place. Chatwoot's page has no absolute
 * times and no ids on list cards (notes: helpdesk-dom.md §1), so the DOM is used only to
 * place the overlay and find the reply box; all facts come from the API (api.ts).
 * Sources: chatwoot/chatwoot `ConversationHeader.vue` (`conversation--header--actions`, in
 * every release 2022–2026), `ReplyBox.vue` (`reply-box`), `ConversationCard.vue` and
 * `ResolveAction.vue` (`.conversations-list .conversation`), `components-next/message/Message.vue`
 * (`data-message-id`). Confirmed in the source on 2026-11-26. `fixtures` are exact counts on
 * test/fixtures/chatwoot/*.html.
 */
import { defineSelectors } from '../framework/define-adapter';

export const chatwootSelectors = defineSelectors({
  app: {
    id: 'app',
    selector: 'body #app',
    comment: 'Vue mount point of the dashboard (app/views/layouts/vueapp.html.erb).',
    requiredOn: ['list', 'conversation'],
    fixtures: {
      'conversation.html': 1,
      'dashboard.html': 1,
      'conversation-missing-header.html': 1,
      'dashboard-2025-mine.html': 1,
      'dashboard-2025-all.html': 1,
      'dashboard-2025-shifted.html': 1,
    },
  },
  conversationList: {
    id: 'list',
    selector: '.conversations-list',
    comment: 'The conversation list column (also beside an open conversation on wide screens).',
    requiredOn: ['list'],
    fixtures: { 'dashboard.html': 1, 'conversation.html': 1, 'dashboard-2025-mine.html': 1 },
  },
  listCard: {
    id: 'list.card',
    selector: '.conversations-list .conversation',
    comment:
      'List cards (ConversationCard.vue root, 2020–2025). They name no conversation; card-pairing.ts pairs them with the API lists by data-index and contact name where that proves the pair.',
    requiredOn: [],
    fixtures: {
      'dashboard.html': 3,
      'conversation.html': 3,
      'dashboard-2025-mine.html': 2,
      'dashboard-2025-all.html': 4,
      'dashboard-2025-shifted.html': 3,
    },
  },
  headerActions: {
    id: 'conversation.headerActions',
    selector: '.conversation--header--actions',
    comment: 'Line under the contact name in the conversation header; the timer strip goes right after it.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'conversation-missing-header.html': 0, 'dashboard.html': 0 },
  },
  messageBubble: {
    id: 'conversation.message',
    selector: '[data-message-id]',
    comment: 'Message bubbles (Vue 3 bubbles, late 2024+); counted for health only, times come from the API.',
    requiredOn: [],
    fixtures: { 'conversation.html': 6, 'dashboard.html': 0 },
  },
  composeBox: {
    id: 'conversation.compose',
    selector: '.reply-box',
    comment: 'Reply box (ReplyBox.vue root): key presses inside count as typing; its text is never read.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'conversation-missing-header.html': 1, 'dashboard.html': 0 },
  },
});
