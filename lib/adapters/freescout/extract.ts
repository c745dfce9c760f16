/**
 * Reads FreeScout's Blade pages into observations. FreeScout prints no machine-readable time:
 * the only absolute times are tooltips in the user's own date format and time zone, e.g.
 * "Nov 24, 2026 09:50" or, with the 12-hour setting, "Nov 24, 2026 09:50am"
 * (User::dateFormat with "M j, Y H:i", month names from the English locale). Exactly these
 * two formats are parsed, only on English pages, and only once the user's time zone is known;
 * anything else is reported missing, never guessed. Times have minute resolution.
 * Status and assignee changes made from the conversation's menus are line items whose only
 * content is a sentence (Thread::getActionText); the English sentences are matched in the page
 * and dropped, the people they name looked up in the page's own assignee list.
 */
import type { ObservedConversation, ObservedEvent, PageNames } from '../../messaging/protocol';
import { NamesCollector } from '../framework/names';
import { numberInOrder } from '../framework/order';
import { attr } from '../framework/parse';
import { freeScoutSelectors as sel } from './selectors';
import { zonedWallTimeToEpoch } from './zoned-time';

/** Where the user's time zone comes from (see the content script); null = not known yet. */
export interface FreeScoutContext {
  timeZone(): string | null;
}

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Sept: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};
const DATE_TITLE = /^([A-Z][a-z]{2,3}) (\d{1,2}), (\d{4}) (\d{2}):(\d{2})(am|pm)?$/;
const STATUS_CODES: Record<string, 'open' | 'pending' | 'resolved'> = { '1': 'open', '2': 'pending', '3': 'resolved' };
const STATUS_WORDS: Record<string, 'open' | 'pending' | 'resolved'> = { Active: 'open', Pending: 'pending', Closed: 'resolved' };

/** FreeScout's tooltip text: Bootstrap moves `title` into `data-original-title` once it runs. */
export function tooltipOf(el: Element): string | null {
  return attr(el, 'data-original-title') ?? attr(el, 'title');
}

/** "Nov 24, 2026 09:50" (24 h) or "Nov 24, 2026 09:50am" (12 h) in `timeZone` → epoch ms, else null. */
export function parseFreeScoutDate(text: string, timeZone: string): number | null {
  const m = DATE_TITLE.exec(text.trim());
  if (!m) return null;
  const month = MONTHS[m[1]];
  if (!month) return null;
  let hour = Number(m[4]);
  const minute = Number(m[5]);
  if (m[6]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[6] === 'pm' ? 12 : 0);
  } else if (hour > 23) return null;
  if (minute > 59) return null;
  return zonedWallTimeToEpoch({ year: Number(m[3]), month, day: Number(m[2]), hour, minute }, timeZone);
}

/** Dates are English-only: other locales print other month names. */
function isEnglishPage(root: ParentNode): boolean {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  return /^en(-|$)/i.test(doc.documentElement?.getAttribute('lang') ?? '');
}

/** Why times cannot be read on this page at all, or null when they can. */
function timeBlocker(root: ParentNode, context: FreeScoutContext): string | null {
  if (!isEnglishPage(root)) return 'locale';
  return context.timeZone() === null ? 'timezone' : null;
}

export function listRowElements(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(sel.row.selector));
}

export function rowConversationId(row: Element): string | null {
  const id = attr(row, 'data-conversation_id');
  return id !== null && /^\d+$/.test(id) ? id : null;
}

export function listRows(root: ParentNode, context: FreeScoutContext): ObservedConversation[] {
  const blocker = timeBlocker(root, context);
  const timeZone = context.timeZone();
  const out: ObservedConversation[] = [];
  for (const row of listRowElements(root)) {
    const conversationId = rowConversationId(row);
    if (!conversationId) continue;
    const item: ObservedConversation = { conversationId };
    const missing: string[] = [];
    // Only the Active class is exact; its absence could be pending, closed or spam.
    if (row.classList.contains('conv-active')) item.status = 'open';

    const link = row.querySelector(':scope > td.conv-date > a');
    // Closed, Drafts and Deleted folders render the cell without a date tooltip: nothing to read.
    const hasTooltip = link?.getAttribute('data-toggle') === 'tooltip';
    const title = link && hasTooltip ? tooltipOf(link) : null;
    const parts = title?.split('<br/>');
    const head = parts?.length === 2 ? parts[0].trim() : null;
    const kind =
      head === 'Created by Customer' || head === 'Created by User' ? 'created' : head?.startsWith('Last reply by ') ? 'reply' : null;
    const phone = row.querySelector(':scope > td.conv-subject .glyphicon-earphone') !== null;
    if (link && !hasTooltip) {
      // no tooltip by design
    } else if (!parts || kind === null || blocker === 'locale') {
      missing.push('createdAt', 'waitingSince');
    } else {
      const at = timeZone !== null ? parseFreeScoutDate(parts[1], timeZone) : null;
      if (kind === 'created') {
        if (at === null) missing.push(blocker ?? 'createdAt');
        else {
          item.createdAt = at;
          // The customer's first message is the only one: waiting since the creation.
          if (head === 'Created by Customer') item.waitingSince = at;
        }
      } else if (timeZone !== null && at === null) {
        // A date FreeScout no longer prints as expected: the row is not trusted.
        missing.push('waitingSince');
      } else if (head === 'Last reply by User' && !phone) {
        // An agent's reply is the latest message: nobody waits. (Phone notes also count as
        // replies in FreeScout, so phone conversations are left unknown.)
        item.waitingSince = null;
      }
    }
    // "Last reply by Customer": the earliest unanswered message may be older; left unknown.
    if (missing.length) item.missing = [...new Set(missing)];
    out.push(item);
  }
  return out;
}

function readThread(thread: Element, timeZone: string, missing: string[]): ObservedEvent[] {
  const id = attr(thread, 'data-thread_id');
  if (!id || !/^\d+$/.test(id)) return [];
  const type = thread.classList.contains('thread-type-customer')
    ? 'customer'
    : thread.classList.contains('thread-type-message')
      ? 'message'
      : thread.classList.contains('thread-type-note')
        ? 'note'
        : null;
  // Drafts and anything unknown are not part of the conversation's timing.
  if (!type) return [];
  const dateLink = thread.querySelector(':scope > .thread-message > .thread-header > .thread-info > a.thread-date');
  const title = dateLink ? tooltipOf(dateLink) : null;
  const at = title !== null ? parseFreeScoutDate(title, timeZone) : null;
  if (at === null) {
    missing.push(`time:${id}`);
    return [];
  }
  const authorHref = type === 'customer' ? null : thread.querySelector(':scope .thread-person a[href]')?.getAttribute('href');
  const agentId = authorHref ? /\/users\/profile\/(\d+)(?:[/?#]|$)/.exec(authorHref)?.[1] : undefined;
  const event: ObservedEvent = { id, at, type: type === 'note' ? 'note' : 'message' };
  if (type === 'note') event.public = false;
  else {
    event.author = type === 'customer' ? 'customer' : 'agent';
    event.public = true;
  }
  if (agentId) event.agentId = agentId;
  const events = [event];
  // "{assignee}, {status}": the status word is the last part when the status changed here.
  const statusText = thread.querySelector(':scope .thread-status')?.textContent?.replace(/\s+/g, ' ').trim();
  const word = statusText ? statusText.slice(statusText.lastIndexOf(',') + 1).trim() : '';
  const status = STATUS_WORDS[word];
  if (status) {
    const change: ObservedEvent = { id: `${id}:status`, at, type: 'status', status };
    if (agentId) change.agentId = agentId;
    events.push(change);
  }
  return events;
}

/** The page's people by the names line items print: "you" (the signed-in user) and the assignee list's full names. */
interface People {
  me: string | null;
  byName: Map<string, string[]>;
}

function peopleOf(root: ParentNode, me: string | null): People {
  const byName = new Map<string, string[]>();
  for (const option of Array.from(root.querySelectorAll(sel.assigneeOption.selector))) {
    const id = option.getAttribute('data-user_id');
    const name = option.textContent?.replace(/\s+/g, ' ').trim();
    // -1 "Anyone", and the signed-in user listed as "Me" (named "you" in line items).
    if (!id || !/^\d+$/.test(id) || id === me || !name) continue;
    byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  return { me, byName };
}

/** The one user a line item names; undefined when none or several. */
function personId(people: People, name: string): string | undefined {
  if (name === 'you' || name === 'yourself') return people.me ?? undefined;
  const ids = people.byName.get(name);
  return ids && ids.length === 1 ? ids[0] : undefined;
}

const MARKED_AS = /^(.*) marked as (Active|Pending|Closed|Spam)$/;
const ASSIGNED_TO = ' assigned to ';
/** Line items that change neither status nor assignee (Thread::getActionText, English). */
const OTHER_LINE_ITEMS = [
  / changed the customer to .+$/,
  / deleted$/,
  / restored$/,
  / moved conversation from another mailbox$/,
  / merged with another conversation$/,
  / merged into conversation #\S*$/,
];

/** A status or assignee line item as an event; anything else it may say is named in `missing`. */
function readLineItem(item: Element, timeZone: string, people: People, missing: string[]): ObservedEvent | null {
  const id = /^thread-(\d+)$/.exec(item.id)?.[1];
  if (!id) return null;
  const title =
    item.querySelector(':scope > .thread-message > .thread-header > .thread-title')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const status = MARKED_AS.exec(title);
  const assigned = status ? -1 : title.indexOf(ASSIGNED_TO);
  if (!status && assigned < 0) {
    if (!OTHER_LINE_ITEMS.some((pattern) => pattern.test(title))) missing.push(`lineitem:${id}`);
    return null;
  }
  const dateLink = item.querySelector(':scope > .thread-message > .thread-header > .thread-info > a.thread-date');
  const at = dateLink ? parseFreeScoutDate(tooltipOf(dateLink) ?? '', timeZone) : null;
  if (at === null) {
    missing.push(`time:${id}`);
    return null;
  }
  if (status) {
    const value = STATUS_WORDS[status[2]];
    // Spam has no Replyline status; the conversation leaves the measured ones.
    if (!value) return null;
    const event: ObservedEvent = { id, at, type: 'status', status: value };
    const by = personId(people, status[1]);
    if (by) event.agentId = by;
    return event;
  }
  // "{person} assigned to {assignee}": a name may hold " assigned to " itself, so every reading is tried.
  const readings = new Set<string | null>();
  for (let at2 = assigned; at2 >= 0; at2 = title.indexOf(ASSIGNED_TO, at2 + 1)) {
    const assignee = title.slice(at2 + ASSIGNED_TO.length);
    if (assignee === 'anyone') readings.add(null);
    else {
      const user = personId(people, assignee);
      if (user) readings.add(user);
    }
  }
  if (readings.size !== 1) {
    missing.push(`assignee:${id}`);
    return null;
  }
  return { id, at, type: 'assignment', agentId: [...readings][0] };
}

export function conversation(root: ParentNode, context: FreeScoutContext): ObservedConversation | null {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const body = doc.querySelector(sel.conversationBody.selector);
  const conversationId = body ? attr(body, 'data-conversation_id') : null;
  if (!body || !conversationId || !/^\d+$/.test(conversationId)) return null;
  const item: ObservedConversation = { conversationId };
  const missing: string[] = [];

  const statusCode = root.querySelector(sel.status.selector)?.getAttribute('data-status');
  const status = statusCode ? STATUS_CODES[statusCode] : undefined;
  if (status) item.status = status;
  else if (statusCode !== '4') missing.push('status'); // spam has no Replyline status

  const assignee = root.querySelector(sel.assignee.selector)?.getAttribute('data-user_id');
  if (assignee && /^(-1|\d+)$/.test(assignee)) item.assigneeId = assignee === '-1' ? null : assignee;
  else missing.push('assigneeId');

  const blocker = timeBlocker(root, context);
  const timeZone = context.timeZone();
  // Threads and line items in page order (newest first).
  const threads = Array.from(root.querySelectorAll(`${sel.thread.selector}, ${sel.lineItem.selector}`));
  const events: ObservedEvent[] = [];
  if (blocker !== null || timeZone === null) {
    if (threads.length) missing.push(blocker ?? 'timezone');
  } else {
    const people = peopleOf(root, currentAgent(root));
    for (const thread of threads) {
      if (thread.classList.contains('thread-type-lineitem')) {
        const event = readLineItem(thread, timeZone, people, missing);
        if (event) events.push(event);
      } else events.push(...readThread(thread, timeZone, missing));
    }
    // The conversation is created with its first thread (Conversation::create, Thread::createExtended):
    // the oldest message or note. Its minute is the creation minute; unread, creation stays unknown.
    const first = threads.filter((thread) => thread.matches(sel.thread.selector) && !thread.classList.contains('thread-type-draft')).at(-1);
    const firstId = first ? attr(first, 'data-thread_id') : null;
    const created = firstId ? events.find((event) => event.id === firstId) : undefined;
    if (created) item.createdAt = created.at;
    else if (first) missing.push('createdAt');
  }
  // FreeScout lists the newest first; times have minute resolution, so ties are ordered by
  // thread id (ids of threads and line items grow with creation), a thread's status after it.
  events.sort(
    (a, b) =>
      a.at - b.at || Number.parseInt(a.id, 10) - Number.parseInt(b.id, 10) || (a.type === 'status' ? 1 : 0) - (b.type === 'status' ? 1 : 0),
  );
  item.events = numberInOrder(events);
  if (missing.length) item.missing = missing;
  return item;
}

export function currentAgent(root: ParentNode): string | null {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const body = doc.querySelector(sel.signedIn.selector);
  const id = body ? attr(body, 'data-auth_user_id') : null;
  return id !== null && /^\d+$/.test(id) ? id : null;
}

/**
 * Names: the mailbox's assignable users from the conversation's assignee list (by user id; the
 * signed-in user is listed as "Me", so their own name is not read), and each list row's customer
 * (the link's own text, without the e-mail address beside it).
 */
export function names(root: ParentNode): PageNames {
  const found = new NamesCollector();
  const me = currentAgent(root);
  for (const option of Array.from(root.querySelectorAll(sel.assigneeOption.selector))) {
    const id = option.getAttribute('data-user_id');
    if (id && /^\d+$/.test(id) && id !== me) found.agent(id, option.textContent);
  }
  for (const link of Array.from(root.querySelectorAll(sel.rowCustomer.selector))) {
    const ownText = Array.from(link.childNodes)
      .filter((node) => node.nodeType === 3)
      .map((node) => node.textContent)
      .join(' ');
    found.customer(link.closest('tr')?.getAttribute('data-conversation_id'), ownText);
  }
  return found.result();
}

export function composeBox(root: ParentNode): Element | null {
  return root.querySelector(sel.composeBox.selector);
}
