/**
 * Reads the Demo Desk's markup into observations. Only attributes are read (ids, ISO times,
 * statuses); message bodies and names are never part of an observation (composeContext reads
 * two of them for in-page checks only). A time that is absent or not exact
 * ISO 8601 is never guessed: its field (or event) is left out and named in `missing`.
 */
import type { ObservedConversation, ObservedEvent } from '../../messaging/protocol';
import { numberInOrder } from '../framework/order';
import { attr, intAttr, oneOf, parseIsoTime } from '../framework/parse';
import type { ComposeContext } from '../framework/compose-checks';
import { NamesCollector } from '../framework/names';
import type { PageNames } from '../../messaging/protocol';
import { demoDeskSelectors as sel } from './selectors';

const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
const AUTHORS = ['customer', 'agent', 'bot', 'automation'] as const;
const EVENT_TYPES = ['message', 'note', 'status', 'handoff', 'assignment', 'rating'] as const;

/** Facts shared by inbox rows and the conversation root (same attribute names). */
function readSummary(el: Element, conversationId: string, missing: string[]): ObservedConversation {
  const out: ObservedConversation = { conversationId };
  const channel = attr(el, 'data-channel');
  if (channel) out.channel = channel;
  const customerId = attr(el, 'data-customer-id');
  if (customerId) out.customerId = customerId;
  const status = oneOf(attr(el, 'data-status'), STATUSES);
  if (status) out.status = status;
  else missing.push('status');
  // The attribute present but empty means "unassigned"; absent means unknown.
  if (el.hasAttribute('data-assignee-id')) out.assigneeId = attr(el, 'data-assignee-id');
  const createdRaw = attr(el, 'data-created-at');
  const createdAt = parseIsoTime(createdRaw);
  if (createdAt !== null) out.createdAt = createdAt;
  else missing.push('createdAt');
  return out;
}

function finish(out: ObservedConversation, missing: string[]): ObservedConversation {
  if (missing.length) out.missing = missing;
  return out;
}

export function listRowElements(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(sel.row.selector));
}

export function isListRow(element: Element): boolean {
  return element.matches(sel.row.selector);
}

export function rowConversationId(row: Element): string | null {
  return attr(row, 'data-conversation-id');
}

/** One inbox row, from the row element's own attributes only (listRows is made of these). */
export function readRow(row: Element): ObservedConversation | null {
  const conversationId = rowConversationId(row);
  if (!conversationId) return null;
  const missing: string[] = [];
  const item = readSummary(row, conversationId, missing);
  if (row.hasAttribute('data-waiting-since')) {
    const raw = attr(row, 'data-waiting-since');
    if (raw === null) item.waitingSince = null;
    else {
      const at = parseIsoTime(raw);
      if (at !== null) item.waitingSince = at;
      else missing.push('waitingSince');
    }
  } else missing.push('waitingSince');
  return finish(item, missing);
}

export function listRows(root: ParentNode): ObservedConversation[] {
  const out: ObservedConversation[] = [];
  for (const row of listRowElements(root)) {
    const item = readRow(row);
    if (item) out.push(item);
  }
  return out;
}

function readEvent(li: Element, missing: string[]): ObservedEvent | null {
  const id = attr(li, 'data-event-id');
  if (!id) return null;
  const type = oneOf(attr(li, 'data-type'), EVENT_TYPES);
  if (!type) {
    missing.push(`type:${id}`);
    return null;
  }
  // Messages nest the time in their bubble header; system events place it after the text.
  const time = li.querySelector('time');
  const at = parseIsoTime(time?.getAttribute('datetime'));
  if (at === null) {
    missing.push(`time:${id}`);
    return null;
  }
  const event: ObservedEvent = { id, at, type };
  const agentId = attr(li, 'data-agent-id');
  switch (type) {
    case 'message': {
      const author = oneOf(attr(li, 'data-author'), AUTHORS);
      if (!author) {
        missing.push(`author:${id}`);
        return null;
      }
      event.author = author;
      event.public = true;
      if (agentId) event.agentId = agentId;
      break;
    }
    case 'note':
      event.public = false;
      if (agentId) event.agentId = agentId;
      break;
    case 'status': {
      const status = oneOf(attr(li, 'data-status'), STATUSES);
      if (!status) {
        missing.push(`status:${id}`);
        return null;
      }
      event.status = status;
      if (agentId) event.agentId = agentId;
      break;
    }
    case 'assignment':
      // For assignments agentId is the new assignee; empty = unassigned.
      event.agentId = attr(li, 'data-assignee-id');
      break;
    case 'rating': {
      const csat = intAttr(li, 'data-csat', 1, 5);
      const ces = intAttr(li, 'data-ces', 1, 7);
      if (csat !== null) event.csat = csat;
      if (ces !== null) event.ces = ces;
      if (csat === null && ces === null) {
        missing.push(`rating:${id}`);
        return null;
      }
      if (agentId) event.agentId = agentId;
      break;
    }
    case 'handoff':
      if (agentId) event.agentId = agentId;
      break;
  }
  return event;
}

export function conversation(root: ParentNode): ObservedConversation | null {
  const main = root.querySelector(sel.conversation.selector);
  const conversationId = main ? attr(main, 'data-conversation-id') : null;
  if (!main || !conversationId) return null;
  const missing: string[] = [];
  const item = readSummary(main, conversationId, missing);
  const events: ObservedEvent[] = [];
  for (const li of Array.from(main.querySelectorAll(sel.event.selector))) {
    const event = readEvent(li, missing);
    if (event) events.push(event);
  }
  // The thread lists events oldest first, as the desk stored them.
  item.events = numberInOrder(events);
  return finish(item, missing);
}

export function currentAgent(root: ParentNode): string | null {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const topbar = doc.querySelector(sel.topbar.selector);
  return topbar ? attr(topbar, 'data-agent-id') : null;
}

/**
 * Names the desk shows: every agent in the top bar's agent switch (id = option value), the customer
 * of each inbox row and of the open conversation's heading.
 */
export function names(root: ParentNode): PageNames {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const found = new NamesCollector();
  for (const option of doc.querySelectorAll(sel.agentOption.selector)) found.agent(option.getAttribute('value'), option.textContent);
  for (const name of root.querySelectorAll(sel.rowCustomer.selector))
    found.customer(name.closest(sel.row.selector)?.getAttribute('data-conversation-id'), name.textContent);
  const heading = root.querySelector(sel.customerName.selector);
  if (heading) found.customer(heading.closest(sel.conversation.selector)?.getAttribute('data-conversation-id'), heading.textContent);
  return found.result();
}

export function composeBox(root: ParentNode): Element | null {
  return root.querySelector(sel.composeBox.selector);
}

/** The body of each customer message in the thread (last one = the customer's latest). */
const CUSTOMER_MESSAGE_BODY = `${sel.event.selector}[data-type="message"][data-author="customer"] .dd-body`;

/**
 * The one place this adapter reads visible text: the customer's name and their latest
 * message, only to compare the reply draft with them inside the page (compose-checks.ts).
 * Neither is returned to the runner's observations, sent or stored.
 */
export function composeContext(root: ParentNode): ComposeContext | null {
  const heading = root.querySelector(sel.customerName.selector);
  if (!heading) return null;
  const bodies = root.querySelectorAll(CUSTOMER_MESSAGE_BODY);
  const latest = bodies.length ? bodies[bodies.length - 1] : null;
  return {
    customerName: heading.textContent?.trim() || null,
    customerAsked: (latest?.textContent ?? '').includes('?'),
  };
}
