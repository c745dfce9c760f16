/**
 * Every selector the FreeScout adapter uses, in one place. Classes and data attributes from the
 * Blade templates; visible text is read in two places only, both English-only and exact: the
 * date tooltips (FreeScout has no machine-readable time) and the status word of `.thread-status`.
 * `fixtures` are exact match counts on test/fixtures/freescout/*.html (checked by
 * test/unit/adapters/freescout.test.ts). Sources: freescout-help-desk/freescout@ab27725
 * (1.8.235, 2026-08-15), confirmed 2026-11-27.
 */
import { defineSelectors } from '../framework/define-adapter';

export const freeScoutSelectors = defineSelectors({
  signedIn: {
    id: 'app.user',
    selector: 'body[data-auth_user_id]',
    comment: 'Signed-in agent id on body (layouts/app.blade.php). Confirmed 2026-11-27.',
    requiredOn: ['list', 'conversation'],
    fixtures: { 'mailbox.html': 1, 'conversation.html': 1 },
  },
  table: {
    id: 'list.table',
    selector: 'table.table-conversations',
    comment: 'Conversation list (conversations/conversations_table.blade.php). Confirmed 2026-11-27.',
    requiredOn: ['list'],
    fixtures: { 'mailbox.html': 1, 'mailbox-renamed-class.html': 1, 'conversation.html': 0 },
  },
  row: {
    id: 'list.row',
    selector: 'table.table-conversations > tbody > tr.conv-row[data-conversation_id]',
    comment:
      'One row per conversation, data-conversation_id = id; conv-active when status is Active (conversations_table.blade.php). Confirmed 2026-11-27.',
    requiredOn: ['list'],
    fixtures: { 'mailbox.html': 6, 'mailbox-bad-title.html': 6, 'mailbox-renamed-class.html': 0, 'conversation.html': 0 },
  },
  rowDate: {
    id: 'list.rowDate',
    selector: 'table.table-conversations > tbody > tr.conv-row[data-conversation_id] > td.conv-date > a',
    comment:
      '"Waiting Since" cell; its tooltip (title, or data-original-title once Bootstrap ran) is getDateTitle(): "Created by|Last reply by {person}<br/>{M j, Y H:i}". Absent tooltip in Closed/Drafts/Deleted folders. Confirmed 2026-11-27.',
    requiredOn: ['list'],
    fixtures: { 'mailbox.html': 6, 'mailbox-renamed-class.html': 0, 'conversation.html': 0 },
  },
  rowNumber: {
    id: 'list.rowNumber',
    selector: 'table.table-conversations > tbody > tr.conv-row[data-conversation_id] > td.conv-number',
    comment: 'Conversation number cell ("#1007"); probed only, the badge goes into the date cell. Confirmed 2026-11-27.',
    requiredOn: [],
    fixtures: { 'mailbox.html': 6, 'conversation.html': 0 },
  },
  conversationBody: {
    id: 'conversation.root',
    selector: 'body.body-conv[data-conversation_id]',
    comment:
      'Conversation page: body_attrs adds data-conversation_id, body_class body-conv (conversations/view.blade.php). Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'mailbox.html': 0 },
  },
  subject: {
    id: 'conversation.header',
    selector: '#conv-subject .conv-subj-block',
    comment: 'Subject block; the timer strip goes right after it (its text is never read). Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'mailbox.html': 0 },
  },
  status: {
    id: 'conversation.status',
    selector: '#conv-status ul.conv-status > li.active > a[data-status]',
    comment:
      'Current status code: 1 Active, 2 Pending, 3 Closed, 4 Spam (Conversation::STATUS_*); not rendered for spam or deleted. Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'mailbox.html': 0 },
  },
  assignee: {
    id: 'conversation.assignee',
    selector: '#conv-assignee ul.conv-user > li.active > a[data-user_id]',
    comment: 'Current assignee: user id, -1 = Anyone (unassigned). Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 1, 'mailbox.html': 0 },
  },
  thread: {
    id: 'conversation.thread',
    selector: '#conv-layout-main div.thread[data-thread_id]',
    comment:
      'Threads with an id: customer, message (agent reply), note, draft; line items carry only id="thread-{id}" (see lineItem) (partials/thread.blade.php). Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 7, 'conversation-bad-title.html': 7, 'conversation-renamed-class.html': 0, 'mailbox.html': 0 },
  },
  lineItem: {
    id: 'conversation.lineItem',
    selector: '#conv-layout-main div.thread.thread-type-lineitem[id^="thread-"]',
    comment:
      'Line items (status and assignee changes, merges…): `div.thread.thread-type-lineitem.thread-state-{state}#thread-{id}`, no data-thread_id; `.thread-title` holds Thread::getActionText (":person marked as :status_name", ":person assigned to :assignee"), `a.thread-date` its time (partials/thread.blade.php, Thread.php ACTION_TYPE_STATUS_CHANGED / USER_CHANGED, freescout@ab27725). Optional: a conversation may have none. Confirmed 2026-12-02.',
    requiredOn: [],
    fixtures: { 'conversation.html': 3, 'conversation-renamed-class.html': 0, 'mailbox.html': 0 },
  },
  rowCustomer: {
    id: 'names.rowCustomer',
    selector: 'table.table-conversations > tbody > tr.conv-row[data-conversation_id] > td.conv-customer > a',
    comment: 'Row customer: own text only, never span.conv-email (conversations_table.blade.php). 2026-12-02.',
    requiredOn: [],
    fixtures: { 'mailbox.html': 6, 'conversation.html': 0 },
  },
  assigneeOption: {
    id: 'conversation.assigneeOption',
    selector: '#conv-assignee ul.conv-user > li > a[data-user_id]',
    comment:
      'Assignee list: -1 "Anyone", the signed-in user as "Me", then the mailbox\'s assignable users by full name (view.blade.php). Names a line item\'s people by their id; read in the page only. Confirmed 2026-12-02.',
    requiredOn: [],
    fixtures: { 'conversation.html': 3, 'mailbox.html': 0 },
  },
  threadDate: {
    id: 'conversation.threadDate',
    selector: '#conv-layout-main div.thread[data-thread_id] > .thread-message > .thread-header > .thread-info > a.thread-date',
    comment:
      'Thread time: tooltip = User::dateFormat(created_at), "M j, Y H:i" in the user\'s time zone and 12/24-hour setting. Confirmed 2026-11-27.',
    requiredOn: ['conversation'],
    fixtures: { 'conversation.html': 7, 'conversation-renamed-class.html': 0 },
  },
  threadStatus: {
    id: 'conversation.threadStatus',
    selector: '#conv-layout-main div.thread[data-thread_id] span.thread-status',
    comment:
      '"{assignee}, {status}" after customer, reply and note threads; the status word appears when it changed with that thread. Confirmed 2026-11-27.',
    requiredOn: [],
    fixtures: { 'conversation.html': 6, 'conversation-renamed-class.html': 0 },
  },
  composeBox: {
    id: 'conversation.compose',
    selector: 'form.form-reply .conv-reply-body',
    comment:
      'Reply body group: textarea#body plus the summernote editor FreeScout inserts beside it; key presses inside count as typing, nothing typed is read. Confirmed 2026-11-27.',
    requiredOn: [],
    fixtures: { 'conversation.html': 1, 'mailbox.html': 0 },
  },
});

export type FreeScoutSelectorKey = keyof typeof freeScoutSelectors;
