/**
 * Reads Zammad's legacy desktop app into observations. Times come only from the ISO `datetime`
 * attribute Zammad writes on every `time.humanTimeFromNow` (the localized title and the relative
 * text are never read). Article bodies and names are never touched. Anything absent or not
 * exact is left out and named in `missing`.
 */
import type { ObservedConversation, ObservedEvent } from '../../messaging/protocol';
import { attr, parseIsoTime } from '../framework/parse';
import { zammadSelectors as sel } from './selectors';

const TICKET_TASK_ID = /^content_permanent_Ticket-(\d+)$/;

/**
 * Zammad's default state names (db/seeds/ticket_states.rb) as the English UI prints them in the
 * state select. Installs can rename states or add their own; those are reported missing.
 */
const DEFAULT_STATES: Record<string, 'open' | 'pending' | 'resolved'> = {
  new: 'open',
  open: 'open',
  'pending reminder': 'pending',
  'pending close': 'pending',
  closed: 'resolved',
  merged: 'resolved',
};

/** The signed-in agent's id, filled in by the content script from same-origin `/api/v1/users/me`. */
export const zammadSession: { userId: string | null } = { userId: null };

type TimeCell = { kind: 'none' } | { kind: 'at'; at: number } | { kind: 'bad' };

/** A date cell: no time element = no value; a time element must carry an exact ISO datetime. */
function readTimeCell(cell: Element | undefined): TimeCell {
  const time = cell?.querySelector('time.humanTimeFromNow');
  if (!time) return { kind: 'none' };
  const at = parseIsoTime(time.getAttribute('datetime'));
  return at === null ? { kind: 'bad' } : { kind: 'at', at };
}

export function listRowElements(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(sel.row.selector));
}

export function rowConversationId(row: Element): string | null {
  const id = attr(row, 'data-id');
  return id !== null && /^\d+$/.test(id) ? id : null;
}

/** Column attribute names by cell position (the checkbox column has no key). */
function columnKeys(root: ParentNode): Array<string | null> {
  const headerRow =
    root instanceof Element && root.matches('table')
      ? root.querySelector(':scope > thead > tr')
      : root.querySelector(`${sel.overviewTable.selector} > thead > tr`);
  return headerRow ? Array.from(headerRow.children, (th) => th.getAttribute('data-column-key')) : [];
}

/** A row's cell under the column with this attribute name, for the badge. */
export function rowCell(row: Element, key: string): Element | null {
  const table = row.closest('table');
  const index = table ? columnKeys(table).indexOf(key) : -1;
  return index >= 0 ? (row.children[index] ?? null) : null;
}

export function listRows(root: ParentNode): ObservedConversation[] {
  const keys = columnKeys(root);
  const out: ObservedConversation[] = [];
  for (const row of listRowElements(root)) {
    const conversationId = rowConversationId(row);
    if (!conversationId) continue;
    const cells = new Map<string, Element>();
    Array.from(row.children).forEach((cell, index) => {
      const key = keys[index];
      if (key) cells.set(key, cell);
    });
    const item: ObservedConversation = { conversationId };
    const missing: string[] = [];

    if (cells.has('created_at')) {
      const created = readTimeCell(cells.get('created_at'));
      // Every ticket has a creation time: an empty cell is as unreadable as a bad one.
      if (created.kind === 'at') item.createdAt = created.at;
      else missing.push('createdAt');
    }
    if (cells.has('escalation_at')) {
      const escalation = readTimeCell(cells.get('escalation_at'));
      if (escalation.kind === 'bad') missing.push('escalationAt');
      else item.escalationAt = escalation.kind === 'at' ? escalation.at : null;
    }
    // Waiting-since is stated exactly only when nobody waits: the agent's last contact is not
    // older than the customer's, or the customer never wrote. When the customer wrote last, the
    // earliest unanswered message may be older than the last contact: left unknown.
    if (cells.has('last_contact_customer_at') && cells.has('last_contact_agent_at')) {
      const customer = readTimeCell(cells.get('last_contact_customer_at'));
      const agent = readTimeCell(cells.get('last_contact_agent_at'));
      if (customer.kind === 'bad' || agent.kind === 'bad') missing.push('waitingSince');
      else if (customer.kind === 'none' || (agent.kind === 'at' && agent.at >= customer.at)) item.waitingSince = null;
    }
    if (missing.length) item.missing = missing;
    out.push(item);
  }
  return out;
}

function activeTicket(root: ParentNode): { element: Element; ticketId: string } | null {
  const element = root.querySelector(sel.activeTicket.selector);
  const ticketId = element ? TICKET_TASK_ID.exec(element.id)?.[1] : undefined;
  return element && ticketId ? { element, ticketId } : null;
}

function readArticle(article: Element, missing: string[]): ObservedEvent | null {
  const id = attr(article, 'data-id');
  if (!id || !/^\d+$/.test(id)) return null;
  const sender = article.classList.contains('customer')
    ? 'customer'
    : article.classList.contains('agent')
      ? 'agent'
      : article.classList.contains('system')
        ? 'system'
        : null;
  if (!sender) {
    missing.push(`sender:${id}`);
    return null;
  }
  const time = article.querySelector(':scope > a > small.task-subline > time.humanTimeFromNow');
  // System notifications (trigger mails, article_view_system.jst.eco) are rendered without a time.
  if (!time && sender === 'system') return null;
  const at = parseIsoTime(time?.getAttribute('datetime'));
  if (at === null) {
    missing.push(`time:${id}`);
    return null;
  }
  const event: ObservedEvent = { id, at, type: 'message' };
  const authorId = article.querySelector(':scope > .article-content .js-avatar [data-id]')?.getAttribute('data-id');
  if (article.classList.contains('is-internal')) {
    event.type = 'note';
    event.public = false;
  } else {
    event.author = sender === 'system' ? 'automation' : sender;
    event.public = true;
  }
  if (sender === 'agent' && authorId && /^\d+$/.test(authorId)) event.agentId = authorId;
  return event;
}

export function conversation(root: ParentNode): ObservedConversation | null {
  const ticket = activeTicket(root);
  if (!ticket) return null;
  const scope = ticket.element;
  const item: ObservedConversation = { conversationId: ticket.ticketId };
  const missing: string[] = [];

  const created = parseIsoTime(root.querySelector(sel.createdTime.selector)?.getAttribute('datetime'));
  if (created !== null) item.createdAt = created;
  else missing.push('createdAt');

  // Rendered only when the ticket has an escalation time: absence means none.
  const escalationTime = root.querySelector(sel.escalationTime.selector);
  if (!escalationTime) item.escalationAt = null;
  else {
    const escalation = parseIsoTime(escalationTime.getAttribute('datetime'));
    if (escalation !== null) item.escalationAt = escalation;
    else missing.push('escalationAt');
  }

  const owner = root.querySelector<HTMLSelectElement>(sel.owner.selector);
  if (owner) item.assigneeId = selectedValue(owner) || null;
  else missing.push('assigneeId');

  const state = root.querySelector<HTMLSelectElement>(sel.state.selector);
  const stateName = state ? selectedOption(state)?.textContent?.trim().toLowerCase() : undefined;
  const status = stateName !== undefined ? DEFAULT_STATES[stateName] : undefined;
  if (status) item.status = status;
  else missing.push('status');

  const events: ObservedEvent[] = [];
  for (const article of Array.from(scope.querySelectorAll('.ticket-article-item[data-id]'))) {
    const event = readArticle(article, missing);
    if (event) events.push(event);
  }
  item.events = events;
  if (missing.length) item.missing = missing;
  return item;
}

/** The selected option as the form holds it (live `selected` property, not only the attribute). */
function selectedOption(select: HTMLSelectElement): HTMLOptionElement | null {
  return select.selectedOptions?.[0] ?? select.querySelector('option[selected]');
}

function selectedValue(select: HTMLSelectElement): string {
  return selectedOption(select)?.value ?? '';
}

export function currentAgent(): string | null {
  return zammadSession.userId;
}

export function composeBox(root: ParentNode): Element | null {
  return root.querySelector(sel.composeBox.selector);
}
