// Demo Desk client: a small single-page helpdesk, rendered from the JSON API, kept live by
// Server-Sent Events. It changes the DOM in place (rows updated, added, removed; thread items
// appended) the way real helpdesk SPAs do. Page text is always set with textContent.
'use strict';

const STATUS_LABELS = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved', all: 'All' };
const FILTERS = ['open', 'pending', 'snoozed', 'resolved', 'all'];
const CHANNEL_LABELS = { chat: 'Chat', email: 'Email' };
const ACTION_STATUS = { resolve: 'resolved', pending: 'pending', snooze: 'snoozed', reopen: 'open' };
const ACTION_LABELS = { pending: 'Pending', snooze: 'Snooze', resolve: 'Resolve', reopen: 'Reopen' };
const RELATIVE_REFRESH_MS = 30_000;
const CHANGE_DEBOUNCE_MS = 120;

const state = {
  agents: [],
  agentsById: new Map(),
  agentId: '',
  /** Server clock minus browser clock: the desk's clock may be frozen or shifted for tests. */
  serverOffsetMs: 0,
  route: { name: 'inbox', status: 'open' },
  /** Bumped on every navigation so that late responses for an old view are dropped. */
  renderToken: 0,
  counts: null,
  rows: new Map(),
  conversation: null,
};

// ——— small DOM helpers (text only, never HTML strings)

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setAttr(node, name, value) {
  const text = value === null || value === undefined ? '' : String(value);
  if (node.getAttribute(name) !== text) node.setAttribute(name, text);
}

function initials(name) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join('');
}

function agentName(id) {
  return (id && state.agentsById.get(id)?.name) || (id ? id : 'Unassigned');
}

// ——— time

function nowMs() {
  return Date.now() + state.serverOffsetMs;
}

function noteServerNow(iso) {
  const server = Date.parse(iso);
  if (Number.isFinite(server)) state.serverOffsetMs = server - Date.now();
}

function formatAgo(ms) {
  const seconds = Math.max(0, Math.round((nowMs() - ms) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

function formatWaiting(ms) {
  const minutes = Math.max(0, Math.floor((nowMs() - ms) / 60_000));
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const absoluteFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `<time datetime>` with relative text; `format` is "ago" or "waiting". */
function timeElement(iso, format = 'ago') {
  const node = el('time', { datetime: iso, 'data-format': format, title: absoluteFormat.format(new Date(iso)) });
  refreshTime(node);
  return node;
}

function refreshTime(node) {
  const ms = Date.parse(node.getAttribute('datetime'));
  if (!Number.isFinite(ms)) return;
  setText(node, node.dataset.format === 'waiting' ? formatWaiting(ms) : formatAgo(ms));
}

function refreshAllTimes() {
  for (const node of document.querySelectorAll('time[data-format]')) refreshTime(node);
}

// ——— API

async function api(path, options = {}) {
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers: options.body ? { 'content-type': 'application/json' } : undefined,
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  if (data.now) noteServerNow(data.now);
  return data;
}

function showError(message) {
  const toast = el('div', { className: 'dd-toast', role: 'alert' }, message);
  document.body.append(toast);
  setTimeout(() => toast.remove(), 5000);
}

// ——— routing (history API, no reloads)

function parseRoute() {
  const path = location.pathname;
  const match = /^\/conversations\/([^/]+)$/.exec(path);
  if (match) return { name: 'conversation', id: decodeURIComponent(match[1]) };
  const status = new URLSearchParams(location.search).get('status');
  return { name: 'inbox', status: FILTERS.includes(status) ? status : 'open' };
}

function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function onLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (link) {
    const url = new URL(link.href, location.href);
    if (url.origin === location.origin && (url.pathname === '/inbox' || url.pathname.startsWith('/conversations/'))) {
      event.preventDefault();
      navigate(url.pathname + url.search);
    }
    return;
  }
  // A click anywhere on an inbox row opens the conversation, as in most helpdesks.
  const row = event.target.closest('tr.dd-row');
  if (row && !event.target.closest('button, select, input, textarea')) {
    navigate(`/conversations/${encodeURIComponent(row.dataset.conversationId)}`);
  }
}

function render() {
  state.route = parseRoute();
  state.renderToken++;
  if (location.pathname !== '/inbox' && state.route.name === 'inbox') history.replaceState(null, '', '/inbox');
  updateNav();
  if (state.route.name === 'inbox') void renderInbox(state.renderToken);
  else void renderConversation(state.renderToken);
}

function currentFilter() {
  return state.route.name === 'inbox' ? state.route.status : (state.lastFilter ?? 'open');
}

function updateNav() {
  const filter = state.route.name === 'inbox' ? state.route.status : null;
  for (const link of document.querySelectorAll('.dd-nav-link')) {
    link.classList.toggle('is-active', link.dataset.filter === filter);
    if (link.dataset.filter === filter) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
    if (state.counts) setText(link.querySelector('.dd-count'), String(state.counts[link.dataset.filter] ?? 0));
  }
}

function view() {
  return document.getElementById('dd-view');
}

// ——— inbox

async function renderInbox(token) {
  const status = state.route.status;
  state.lastFilter = status;
  state.conversation = null;
  const data = await api(`/api/conversations?status=${status}`).catch((error) => {
    showError(`Could not load the inbox: ${error.message}`);
    return null;
  });
  if (!data || token !== state.renderToken) return;
  state.counts = data.counts;
  updateNav();

  const rows = el('tbody', { className: 'dd-inbox-rows' });
  state.rows = new Map();
  for (const summary of data.conversations) {
    const row = buildRow(summary);
    state.rows.set(summary.id, row);
    rows.append(row);
  }
  const table = el(
    'table',
    { className: 'dd-inbox' },
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('th', { scope: 'col', className: 'dd-col-customer' }, 'Customer'),
        el('th', { scope: 'col', className: 'dd-col-channel' }, 'Channel'),
        el('th', { scope: 'col', className: 'dd-col-status' }, 'Status'),
        el('th', { scope: 'col', className: 'dd-col-assignee' }, 'Assignee'),
        el('th', { scope: 'col', className: 'dd-col-last' }, 'Last message'),
        el('th', { scope: 'col', className: 'dd-col-waiting' }, 'Waiting'),
      ),
    ),
    rows,
  );
  const main = el(
    'main',
    { className: 'dd-inbox-view', 'data-status-filter': status },
    el(
      'div',
      { className: 'dd-view-header' },
      el('h1', { className: 'dd-view-title' }, STATUS_LABELS[status]),
      el('span', { className: 'dd-view-count' }),
    ),
    el('div', { className: 'dd-table-wrap' }, table, el('p', { className: 'dd-empty', hidden: true }, 'No conversations here. Nice work!')),
  );
  view().replaceChildren(main);
  updateInboxChrome();
}

function updateInboxChrome() {
  const count = state.rows.size;
  const counter = document.querySelector('.dd-view-count');
  if (counter) setText(counter, `${count} conversation${count === 1 ? '' : 's'}`);
  const empty = document.querySelector('.dd-empty');
  if (empty) empty.hidden = count > 0;
}

function buildRow(summary) {
  const row = el('tr', { className: 'dd-row' });
  row.append(
    el(
      'td',
      { className: 'dd-cell-customer' },
      el(
        'a',
        { className: 'dd-row-link', href: `/conversations/${encodeURIComponent(summary.id)}` },
        el('span', { className: 'dd-avatar', 'aria-hidden': 'true' }),
        el('span', { className: 'dd-customer' }),
      ),
    ),
    el('td', { className: 'dd-cell-channel' }),
    el('td', { className: 'dd-cell-status' }, el('span', { className: 'dd-badge' })),
    el('td', { className: 'dd-cell-assignee' }),
    el('td', { className: 'dd-cell-last' }),
    el('td', { className: 'dd-cell-waiting' }),
  );
  updateRow(row, summary);
  return row;
}

/** Touches only what changed, so observers see small, meaningful mutations. */
function updateRow(row, summary) {
  setAttr(row, 'data-conversation-id', summary.id);
  setAttr(row, 'data-status', summary.status);
  setAttr(row, 'data-channel', summary.channel);
  setAttr(row, 'data-assignee-id', summary.assigneeId ?? '');
  setAttr(row, 'data-created-at', summary.createdAt);
  setAttr(row, 'data-waiting-since', summary.waitingSince ?? '');
  setAttr(row, 'data-customer-id', summary.customerId);
  row.classList.toggle('is-waiting', Boolean(summary.waitingSince));
  row.classList.toggle('is-mine', summary.assigneeId === state.agentId);

  const customerCell = row.querySelector('.dd-cell-customer');
  setAttr(customerCell.querySelector('.dd-avatar'), 'data-initials', initials(summary.customerName));
  setText(customerCell.querySelector('.dd-customer'), summary.customerName);

  const channelCell = row.querySelector('.dd-cell-channel');
  setAttr(channelCell, 'data-channel', summary.channel);
  setText(channelCell, CHANNEL_LABELS[summary.channel] ?? summary.channel);

  const badge = row.querySelector('.dd-cell-status .dd-badge');
  setAttr(badge, 'data-status', summary.status);
  setText(badge, STATUS_LABELS[summary.status]);

  const assigneeCell = row.querySelector('.dd-cell-assignee');
  assigneeCell.classList.toggle('is-unassigned', !summary.assigneeId);
  setText(assigneeCell, agentName(summary.assigneeId));

  const lastCell = row.querySelector('.dd-cell-last');
  const last = summary.lastMessage;
  const lastKey = last ? `${last.at}|${last.author}|${last.preview}` : '';
  if (lastCell.dataset.key !== lastKey) {
    lastCell.dataset.key = lastKey;
    if (last) {
      const who = last.author === 'customer' ? '' : last.author === 'bot' ? 'Bot: ' : last.author === 'agent' ? 'You: ' : '';
      const prefix = last.author === 'agent' && last.agentId !== state.agentId ? `${agentName(last.agentId).split(' ')[0]}: ` : who;
      lastCell.replaceChildren(el('span', { className: 'dd-preview' }, prefix + last.preview), timeElement(last.at, 'ago'));
    } else {
      lastCell.replaceChildren();
    }
  }

  const waitingCell = row.querySelector('.dd-cell-waiting');
  const waitingKey = summary.waitingSince ?? '';
  if (waitingCell.dataset.key !== waitingKey) {
    waitingCell.dataset.key = waitingKey;
    if (summary.waitingSince) waitingCell.replaceChildren(timeElement(summary.waitingSince, 'waiting'));
    else waitingCell.replaceChildren(el('span', { className: 'dd-muted' }, '—'));
  }
}

function applyInboxChanges(summaries, requestedIds) {
  const filter = state.route.status;
  const tbody = document.querySelector('tbody.dd-inbox-rows');
  if (!tbody) return;
  const found = new Set();
  for (const summary of summaries) {
    found.add(summary.id);
    const belongs = filter === 'all' || summary.status === filter;
    const existing = state.rows.get(summary.id);
    if (!belongs) {
      if (existing) {
        existing.remove();
        state.rows.delete(summary.id);
      }
      continue;
    }
    if (existing) {
      updateRow(existing, summary);
      continue;
    }
    const row = buildRow(summary);
    state.rows.set(summary.id, row);
    // Newest conversation first; the rows are already in that order.
    let next = null;
    for (const candidate of tbody.children) {
      if (isNewer(summary, candidate)) {
        next = candidate;
        break;
      }
    }
    tbody.insertBefore(row, next);
  }
  for (const id of requestedIds) {
    if (!found.has(id) && state.rows.has(id)) {
      state.rows.get(id).remove();
      state.rows.delete(id);
    }
  }
  updateInboxChrome();
}

function isNewer(summary, row) {
  const created = row.dataset.createdAt;
  if (summary.createdAt !== created) return summary.createdAt > created;
  return summary.id.localeCompare(row.dataset.conversationId, 'en', { numeric: true }) > 0;
}

// ——— conversation view

async function renderConversation(token) {
  const id = state.route.id;
  const data = await api(`/api/conversations/${encodeURIComponent(id)}`).catch((error) => {
    if (token === state.renderToken) {
      view().replaceChildren(
        el(
          'main',
          { className: 'dd-missing' },
          el('h1', null, 'Conversation not found'),
          el('p', null, error.message),
          el('a', { href: '/inbox' }, 'Back to the inbox'),
        ),
      );
    }
    return null;
  });
  if (!data || token !== state.renderToken) return;
  if (!state.counts) void refreshCounts();
  const conversation = data.conversation;
  state.conversation = conversation;
  state.rows = new Map();

  const thread = el('ol', { className: 'dd-thread' });
  const main = el(
    'main',
    { className: 'dd-conversation' },
    el(
      'header',
      { className: 'dd-conv-header' },
      el('a', { className: 'dd-back', href: `/inbox?status=${currentFilter()}`, title: 'Back to the inbox' }, '←'),
      el(
        'div',
        { className: 'dd-conv-title' },
        el('h1', { className: 'dd-customer-name' }),
        el(
          'div',
          { className: 'dd-conv-meta' },
          el('span', { className: 'dd-badge' }),
          el('span', { className: 'dd-conv-channel' }),
          el('span', { className: 'dd-conv-ref' }),
        ),
      ),
      el(
        'div',
        { className: 'dd-conv-actions' },
        el('label', { className: 'dd-assign-label' }, el('span', null, 'Assignee'), buildAssignSelect()),
        el('div', { className: 'dd-status-actions' }),
      ),
    ),
    el(
      'section',
      { className: 'dd-conv-main', 'aria-label': 'Conversation' },
      el('div', { className: 'dd-thread-scroll' }, thread),
      buildComposer(),
    ),
    el('aside', { className: 'dd-sidebar', 'aria-label': 'Details' }),
  );
  view().replaceChildren(main);
  updateConversation(conversation);
  scrollThreadToEnd(true);
}

function buildAssignSelect() {
  const select = el('select', { className: 'dd-assign', 'aria-label': 'Assignee' }, el('option', { value: '' }, 'Unassigned'));
  for (const agent of state.agents) select.append(el('option', { value: agent.id }, agent.name));
  select.addEventListener('change', async () => {
    const conversationId = state.conversation?.id;
    if (!conversationId) return;
    select.disabled = true;
    try {
      await api(`/api/conversations/${encodeURIComponent(conversationId)}/assign`, {
        method: 'POST',
        body: { agentId: select.value || null, byAgentId: state.agentId },
      });
      await refreshConversation();
    } catch (error) {
      showError(`Could not assign: ${error.message}`);
    } finally {
      select.disabled = false;
    }
  });
  return select;
}

function buildComposer() {
  const input = el('textarea', {
    className: 'dd-compose-input',
    name: 'body',
    rows: '3',
    placeholder: 'Write a reply…',
    'aria-label': 'Message',
  });
  const send = el('button', { type: 'submit', className: 'dd-send', 'data-kind': 'reply' }, 'Send');
  const note = el('button', { type: 'submit', className: 'dd-send-note', 'data-kind': 'note' }, 'Add note');
  const hint = el('span', { className: 'dd-compose-hint' });
  const form = el(
    'form',
    { className: 'dd-compose' },
    input,
    el('div', { className: 'dd-compose-bar' }, hint, el('span', { className: 'dd-topbar-spacer' }), note, send),
  );
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit(send);
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const isNote = event.submitter?.dataset.kind === 'note';
    const body = input.value.trim();
    const conversationId = state.conversation?.id;
    if (!body || !conversationId) return;
    send.disabled = note.disabled = true;
    try {
      await api(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
        method: 'POST',
        body: { author: 'agent', agentId: state.agentId, body, private: isNote },
      });
      input.value = '';
      await refreshConversation();
      scrollThreadToEnd(true);
    } catch (error) {
      showError(`Could not send: ${error.message}`);
    } finally {
      send.disabled = note.disabled = false;
    }
  });
  updateComposerHint(hint);
  return form;
}

function updateComposerHint(hint = document.querySelector('.dd-compose-hint')) {
  if (hint) setText(hint, `Replying as ${agentName(state.agentId)} · Ctrl+Enter to send`);
}

function updateConversation(conversation) {
  const main = document.querySelector('main.dd-conversation');
  if (!main) return;
  state.conversation = conversation;
  setAttr(main, 'data-conversation-id', conversation.id);
  setAttr(main, 'data-status', conversation.status);
  setAttr(main, 'data-channel', conversation.channel);
  setAttr(main, 'data-created-at', conversation.createdAt);
  setAttr(main, 'data-assignee-id', conversation.assigneeId ?? '');
  setAttr(main, 'data-customer-id', conversation.customerId);
  setAttr(main, 'data-waiting-since', conversation.waitingSince ?? '');

  setText(main.querySelector('.dd-customer-name'), conversation.customerName);
  const badge = main.querySelector('.dd-conv-meta .dd-badge');
  setAttr(badge, 'data-status', conversation.status);
  setText(badge, STATUS_LABELS[conversation.status]);
  setText(main.querySelector('.dd-conv-channel'), CHANNEL_LABELS[conversation.channel] ?? conversation.channel);
  setText(main.querySelector('.dd-conv-ref'), `#${conversation.id}`);

  const select = main.querySelector('select.dd-assign');
  if (select.value !== (conversation.assigneeId ?? '')) select.value = conversation.assigneeId ?? '';

  updateStatusActions(main.querySelector('.dd-status-actions'), conversation.status);
  updateThread(main.querySelector('ol.dd-thread'), conversation);
  updateSidebar(main.querySelector('.dd-sidebar'), conversation);
}

function updateStatusActions(container, status) {
  const actions = status === 'open' ? ['pending', 'snooze', 'resolve'] : status === 'resolved' ? ['reopen'] : ['reopen', 'resolve'];
  const key = actions.join(',');
  if (container.dataset.key === key) return;
  container.dataset.key = key;
  container.replaceChildren(
    ...actions.map((action) => {
      const button = el(
        'button',
        { type: 'button', className: `dd-action${action === 'resolve' ? ' is-primary' : ''}`, 'data-action': action },
        ACTION_LABELS[action],
      );
      button.addEventListener('click', () => void changeStatus(action, button));
      return button;
    }),
  );
}

async function changeStatus(action, button) {
  const conversationId = state.conversation?.id;
  if (!conversationId) return;
  button.disabled = true;
  try {
    await api(`/api/conversations/${encodeURIComponent(conversationId)}/status`, {
      method: 'POST',
      body: { status: ACTION_STATUS[action], agentId: state.agentId },
    });
    await refreshConversation();
  } catch (error) {
    showError(`Could not change the status: ${error.message}`);
    button.disabled = false;
  }
}

function updateThread(thread, conversation) {
  const existing = new Map();
  for (const item of thread.children) existing.set(item.dataset.eventId, item);
  const wanted = new Set(conversation.events.map((event) => event.id));
  for (const [id, item] of existing) {
    if (!wanted.has(id)) {
      item.remove();
      existing.delete(id);
    }
  }
  // Walk the events in time order, inserting the missing ones where they belong (usually at the end).
  let cursor = thread.firstElementChild;
  for (const event of conversation.events) {
    const item = existing.get(event.id);
    if (item) {
      if (item === cursor) cursor = cursor.nextElementSibling;
      continue;
    }
    thread.insertBefore(buildThreadItem(event, conversation), cursor);
  }
}

function buildThreadItem(event, conversation) {
  const item = el('li', {
    className: `dd-event dd-event-${event.type}`,
    'data-event-id': event.id,
    'data-type': event.type,
    'data-author': event.type === 'message' ? event.author : undefined,
    'data-agent-id': event.agentId && event.type !== 'rating' ? event.agentId : undefined,
    'data-status': event.type === 'status' ? event.status : undefined,
    'data-assignee-id': event.type === 'assignment' ? (event.assigneeId ?? '') : undefined,
    'data-csat': event.type === 'rating' && event.csat !== undefined ? event.csat : undefined,
    'data-ces': event.type === 'rating' && event.ces !== undefined ? event.ces : undefined,
  });
  const time = timeElement(event.at, 'ago');
  if (event.type === 'message' || event.type === 'note') {
    const side = event.type === 'note' ? 'note' : event.author;
    item.classList.add(`dd-from-${side}`);
    const who =
      event.type === 'note'
        ? agentName(event.agentId)
        : event.author === 'customer'
          ? conversation.customerName
          : event.author === 'bot'
            ? 'Demo Desk Bot'
            : event.author === 'automation'
              ? 'Automation'
              : agentName(event.agentId);
    const meta = el('div', { className: 'dd-meta' });
    if (event.type === 'note') meta.append(el('span', { className: 'dd-lock' }, 'Private note'));
    if (event.author === 'bot') meta.append(el('span', { className: 'dd-bot-tag' }, 'Bot'));
    meta.append(el('span', { className: 'dd-author' }, who), time);
    item.append(el('div', { className: 'dd-bubble' }, meta, el('div', { className: 'dd-body' }, event.body ?? '')));
    return item;
  }
  item.classList.add('dd-system');
  const body = el('div', { className: 'dd-body' }, systemText(event));
  if (event.type === 'rating' && event.csat !== undefined) {
    body.append(
      el('span', { className: 'dd-stars', 'aria-label': `${event.csat} out of 5` }, '★'.repeat(event.csat) + '☆'.repeat(5 - event.csat)),
    );
  }
  item.append(body, time);
  return item;
}

function systemText(event) {
  const actor = event.agentId ? agentName(event.agentId) : null;
  switch (event.type) {
    case 'status': {
      const verbs = {
        open: 'reopened the conversation',
        pending: 'set the conversation to pending',
        snoozed: 'snoozed the conversation',
        resolved: 'resolved the conversation',
      };
      if (actor) return `${actor} ${verbs[event.status]}`;
      if (event.status === 'open') return 'Conversation reopened by the customer’s reply';
      return event.status === 'resolved' ? 'Resolved by the bot' : `Status set to ${STATUS_LABELS[event.status].toLowerCase()}`;
    }
    case 'assignment':
      if (!event.assigneeId) return actor ? `${actor} unassigned the conversation` : 'Conversation unassigned';
      return actor && actor !== agentName(event.assigneeId)
        ? `${actor} assigned the conversation to ${agentName(event.assigneeId)}`
        : `Assigned to ${agentName(event.assigneeId)}`;
    case 'handoff':
      return 'The bot handed the conversation over to the team';
    case 'rating':
      return event.csat !== undefined ? `Customer rated the conversation ${event.csat}/5 ` : `Customer effort score ${event.ces}/7`;
    default:
      return event.type;
  }
}

function updateSidebar(aside, conversation) {
  const customer = conversation.customer;
  const rows = [
    ['Customer ID', conversation.customerId],
    ['Channel', CHANNEL_LABELS[conversation.channel] ?? conversation.channel],
    ['Assignee', agentName(conversation.assigneeId)],
  ];
  const key = JSON.stringify([
    customer,
    rows,
    conversation.createdAt,
    conversation.waitingSince,
    conversation.csat,
    conversation.messageCount,
  ]);
  if (aside.dataset.key === key) return;
  aside.dataset.key = key;
  const details = el('dl', { className: 'dd-details' });
  for (const [term, value] of rows) details.append(el('dt', null, term), el('dd', null, value));
  details.append(el('dt', null, 'Created'), el('dd', null, timeElement(conversation.createdAt, 'ago')));
  details.append(
    el('dt', null, 'Waiting'),
    el(
      'dd',
      null,
      conversation.waitingSince ? timeElement(conversation.waitingSince, 'waiting') : el('span', { className: 'dd-muted' }, 'Not waiting'),
    ),
  );
  details.append(el('dt', null, 'Messages'), el('dd', null, String(conversation.messageCount)));
  const cards = [
    el(
      'section',
      { className: 'dd-card dd-customer-card' },
      el('div', { className: 'dd-card-avatar', 'data-initials': initials(conversation.customerName), 'aria-hidden': 'true' }),
      el('div', { className: 'dd-card-name' }, conversation.customerName),
      customer?.email ? el('div', { className: 'dd-card-sub' }, customer.email) : null,
    ),
    el('section', { className: 'dd-card' }, el('h2', null, 'Details'), details),
  ];
  if (conversation.csat !== null && conversation.csat !== undefined) {
    cards.push(
      el(
        'section',
        { className: 'dd-card dd-csat-card', 'data-csat': conversation.csat },
        el('h2', null, 'Customer satisfaction'),
        el(
          'div',
          { className: 'dd-stars is-large', 'aria-label': `${conversation.csat} out of 5` },
          '★'.repeat(conversation.csat) + '☆'.repeat(5 - conversation.csat),
        ),
        el('div', { className: 'dd-card-sub' }, `${conversation.csat} / 5`),
      ),
    );
  }
  aside.replaceChildren(...cards);
}

function scrollThreadToEnd(force) {
  const scroller = document.querySelector('.dd-thread-scroll');
  if (!scroller) return;
  const nearEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  if (force || nearEnd) scroller.scrollTop = scroller.scrollHeight;
}

async function refreshConversation() {
  const id = state.route.name === 'conversation' ? state.route.id : null;
  if (!id) return;
  const token = state.renderToken;
  const scroller = document.querySelector('.dd-thread-scroll');
  const wasNearEnd = scroller ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120 : false;
  const data = await api(`/api/conversations/${encodeURIComponent(id)}`).catch(() => null);
  if (!data || token !== state.renderToken) return;
  updateConversation(data.conversation);
  if (wasNearEnd) scrollThreadToEnd(true);
}

async function refreshCounts() {
  const data = await api('/api/conversations?ids=').catch(() => null);
  if (!data) return;
  state.counts = data.counts;
  updateNav();
}

// ——— live updates

let stream = null;
let pendingIds = new Set();
let pendingTimer = null;

function connectStream() {
  stream?.close();
  const live = document.querySelector('.dd-live');
  stream = new EventSource(`/events?agentId=${encodeURIComponent(state.agentId)}`);
  let hadError = false;
  stream.addEventListener('open', () => {
    live.dataset.state = 'live';
    // After a reconnect, changes may have been missed: load the view again.
    if (hadError) render();
    hadError = false;
  });
  stream.addEventListener('error', () => {
    live.dataset.state = 'offline';
    hadError = true;
  });
  stream.addEventListener('message', (message) => {
    let payload;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return;
    }
    if (payload.type !== 'changed' || !Array.isArray(payload.conversationIds)) return;
    for (const id of payload.conversationIds) pendingIds.add(id);
    pendingTimer ??= setTimeout(flushChanges, CHANGE_DEBOUNCE_MS);
  });
}

async function flushChanges() {
  pendingTimer = null;
  const ids = [...pendingIds];
  pendingIds = new Set();
  if (ids.length === 0) return;
  const token = state.renderToken;
  const route = state.route;
  const data = await api(`/api/conversations?ids=${ids.map(encodeURIComponent).join(',')}`).catch(() => null);
  if (!data || token !== state.renderToken) return;
  state.counts = data.counts;
  updateNav();
  if (route.name === 'inbox') applyInboxChanges(data.conversations, ids);
  else if (ids.includes(route.id)) await refreshConversation();
}

// ——— agent switch

function setAgent(agentId) {
  state.agentId = agentId;
  localStorage.setItem('demo-desk.agent', agentId);
  const topbar = document.querySelector('header.dd-topbar');
  setAttr(topbar, 'data-agent-id', agentId);
  const agent = state.agentsById.get(agentId);
  const avatar = topbar.querySelector('.dd-agent-avatar');
  setAttr(avatar, 'data-initials', agent?.initials ?? initials(agentName(agentId)));
  avatar.style.background = agent?.color ?? '#64748b';
  updateComposerHint();
  for (const row of state.rows.values()) row.classList.toggle('is-mine', row.dataset.assigneeId === agentId);
}

async function boot() {
  document.addEventListener('click', onLinkClick);
  window.addEventListener('popstate', render);
  let agents;
  try {
    agents = (await api('/api/agents')).agents;
  } catch (error) {
    showError(`The Demo Desk server is not reachable: ${error.message}`);
    return;
  }
  state.agents = agents;
  state.agentsById = new Map(agents.map((agent) => [agent.id, agent]));
  const select = document.querySelector('select.dd-agent-switch');
  for (const agent of agents) select.append(el('option', { value: agent.id }, agent.name));
  const saved = localStorage.getItem('demo-desk.agent');
  const agentId = state.agentsById.has(saved) ? saved : (agents[0]?.id ?? '');
  select.value = agentId;
  setAgent(agentId);
  select.addEventListener('change', () => {
    setAgent(select.value);
    connectStream();
    if (state.route.name === 'conversation') void refreshConversation();
  });
  if (location.pathname === '/') history.replaceState(null, '', '/inbox');
  render();
  connectStream();
  setInterval(refreshAllTimes, RELATIVE_REFRESH_MS);
}

void boot();
