/**
 * Turns a recipe into an adapter declaration the runner uses unchanged. Reads attributes only
 * (and, for times, optionally the text of a time element); message bodies are never read.
 * Whatever the recipe names but the page does not give exactly is left out and listed in
 * `missing`, never guessed.
 */
import type { ObservedConversation, ObservedEvent } from '../../messaging/protocol';
import { defineAdapter } from '../framework/define-adapter';
import type { AdapterDefinition, AdapterExtract, OverlayPlacement, SelectorSpec } from '../framework/types';
import { timeReader } from './time';
import { numberInPageOrder } from '../framework/order';
import {
  recipeHelpdeskId,
  type Recipe,
  type RecipeAuthor,
  type RecipeEventType,
  type RecipeStatus,
  type RecipeSummaryFields,
  type TimeSource,
  type ValueSource,
} from './types';

/** Told about every time the recipe tried to read (the side panel's "Test on the open page"). */
export interface TimeProbe {
  (field: string, raw: string | null, at: number | null): void;
}

export interface CompileOptions {
  /** The page, for routes decided by a selector (default: the global document). */
  document?: Document;
  probe?: TimeProbe;
}

const STATUS_IDENTITY: Record<string, RecipeStatus> = { open: 'open', pending: 'pending', snoozed: 'snoozed', resolved: 'resolved' };
const EVENT_TYPES: readonly RecipeEventType[] = ['message', 'note', 'status', 'handoff', 'assignment', 'rating'];

/** Own keys only: a page value such as "constructor" must not find Object.prototype. */
function lookup<T>(values: Record<string, T>, key: string | null): T | null {
  return key !== null && Object.prototype.hasOwnProperty.call(values, key) ? values[key] : null;
}

/** The value a source points at: null when the element or attribute is absent, '' when empty. */
function readValue(el: Element, source: ValueSource | TimeSource): string | null {
  const spec = typeof source === 'string' ? { attribute: source } : source;
  const target = spec.selector ? el.querySelector(spec.selector) : el;
  if (!target) return null;
  if (spec.attribute === undefined) return target.textContent?.trim() ?? null;
  return target.getAttribute(spec.attribute);
}

function nonEmpty(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

function wholeNumber(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** Every selector the recipe names, by the field it came from (for errors and health). */
export function recipeSelectors(recipe: Recipe): Array<[field: string, selector: string]> {
  const out: Array<[string, string]> = [];
  const add = (field: string, selector: string | undefined) => {
    if (selector) out.push([field, selector]);
  };
  const addSource = (field: string, source: ValueSource | TimeSource | undefined) => {
    if (source && typeof source !== 'string') add(`${field}.selector`, source.selector);
  };
  add('detect', recipe.detect);
  add('routes.list.selector', recipe.routes.list.selector);
  add('routes.conversation.selector', recipe.routes.conversation.selector);
  add('list.row', recipe.list.row);
  add('list.badgeAnchor', recipe.list.badgeAnchor);
  for (const key of ['status', 'assignee', 'createdAt', 'channel', 'customer', 'waitingSince'] as const)
    addSource(`list.${key}`, recipe.list[key]);
  add('conversation.root', recipe.conversation.root);
  add('conversation.header', recipe.conversation.header);
  for (const key of ['status', 'assignee', 'createdAt', 'channel', 'customer'] as const)
    addSource(`conversation.${key}`, recipe.conversation[key]);
  add('conversation.events.item', recipe.conversation.events.item);
  addSource('conversation.events.time', recipe.conversation.events.time);
  add('compose', recipe.compose);
  add('agent.selector', recipe.agent?.selector);
  return out;
}

/** The first selector the browser refuses, as "field: selector", else null. */
export function invalidSelector(recipe: Recipe, doc: Document): string | null {
  const probe = doc.createDocumentFragment();
  for (const [field, selector] of recipeSelectors(recipe)) {
    try {
      probe.querySelector(selector);
    } catch {
      return `${field}: "${selector}" is not a valid CSS selector`;
    }
  }
  return null;
}

function compileRegex(source: string | undefined, field: string): RegExp | null {
  if (source === undefined) return null;
  try {
    return new RegExp(source);
  } catch {
    throw new Error(`${field}: not a valid regular expression`);
  }
}

/** The part of a URL route regexes are tested against. */
export function routeTarget(url: URL): string {
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A recipe's adapter: the DOM is read synchronously. */
export interface RecipeAdapter extends AdapterDefinition {
  extract: Omit<AdapterExtract, 'listRows' | 'conversation'> & {
    listRows(root: ParentNode): ObservedConversation[];
    conversation(root: ParentNode): ObservedConversation | null;
  };
}

export function compileRecipe(recipe: Recipe, options: CompileOptions = {}): RecipeAdapter {
  const pageDoc = (): Document | null => options.document ?? (typeof document !== 'undefined' ? document : null);
  const probe = options.probe;
  const readTime = timeReader(recipe.time);
  const statusValues = recipe.status?.values ?? STATUS_IDENTITY;
  const listUrl = compileRegex(recipe.routes.list.url, 'routes.list.url');
  const conversationUrl = compileRegex(recipe.routes.conversation.url, 'routes.conversation.url');
  const events = recipe.conversation.events;

  function time(field: string, el: Element, source: TimeSource): number | null {
    const raw = readValue(el, source);
    const at = raw === null ? null : readTime(raw);
    probe?.(field, raw, at);
    return at;
  }

  function readSummary(el: Element, fields: RecipeSummaryFields, conversationId: string, missing: string[]): ObservedConversation {
    // Field order and `missing` entries as the built-in adapters produce them.
    const out: ObservedConversation = { conversationId };
    if (fields.channel) {
      const channel = nonEmpty(readValue(el, fields.channel));
      if (channel) out.channel = channel;
    }
    if (fields.customer) {
      const customerId = nonEmpty(readValue(el, fields.customer));
      if (customerId) out.customerId = customerId;
    }
    if (fields.status) {
      const status = lookup(statusValues, readValue(el, fields.status));
      if (status) out.status = status;
      else missing.push('status');
    }
    if (fields.assignee) {
      // Present but empty means "unassigned"; absent means unknown.
      const assignee = readValue(el, fields.assignee);
      if (assignee !== null) out.assigneeId = nonEmpty(assignee);
    }
    if (fields.createdAt) {
      const createdAt = time('createdAt', el, fields.createdAt);
      if (createdAt !== null) out.createdAt = createdAt;
      else missing.push('createdAt');
    }
    return out;
  }

  function finish(out: ObservedConversation, missing: string[]): ObservedConversation {
    if (missing.length) out.missing = missing;
    return out;
  }

  function listRowElements(root: ParentNode): Element[] {
    return Array.from(root.querySelectorAll(recipe.list.row));
  }

  function rowConversationId(row: Element): string | null {
    return nonEmpty(row.getAttribute(recipe.list.id));
  }

  function listRows(root: ParentNode): ObservedConversation[] {
    const out: ObservedConversation[] = [];
    for (const row of listRowElements(root)) {
      const conversationId = rowConversationId(row);
      if (!conversationId) continue;
      const missing: string[] = [];
      const item = readSummary(row, recipe.list, conversationId, missing);
      if (recipe.list.waitingSince) {
        const raw = readValue(row, recipe.list.waitingSince);
        if (raw === '') item.waitingSince = null;
        else {
          const at = time('waitingSince', row, recipe.list.waitingSince);
          if (at !== null) item.waitingSince = at;
          else missing.push('waitingSince');
        }
      }
      out.push(finish(item, missing));
    }
    return out;
  }

  function readEvent(item: Element, missing: string[]): ObservedEvent | null {
    const id = nonEmpty(item.getAttribute(events.id));
    if (!id) return null;
    let type: RecipeEventType = 'message';
    if (events.type) {
      const mapped = lookup(events.type.values, item.getAttribute(events.type.attribute));
      if (!mapped || !EVENT_TYPES.includes(mapped)) {
        missing.push(`type:${id}`);
        return null;
      }
      type = mapped;
    }
    const at = time('event time', item, events.time);
    if (at === null) {
      missing.push(`time:${id}`);
      return null;
    }
    const agentId = events.agent ? nonEmpty(item.getAttribute(events.agent)) : null;
    let author: RecipeAuthor | null = null;
    if (type === 'message') {
      author = lookup(events.author.values, item.getAttribute(events.author.attribute));
      if (!author) {
        missing.push(`author:${id}`);
        return null;
      }
      if (author === 'note') type = 'note';
    }
    const event: ObservedEvent = { id, at, type };
    switch (type) {
      case 'message':
        event.author = author as Exclude<RecipeAuthor, 'note'>;
        event.public = true;
        if (agentId) event.agentId = agentId;
        break;
      case 'note':
        event.public = false;
        if (agentId) event.agentId = agentId;
        break;
      case 'status': {
        const status = events.status ? lookup(statusValues, item.getAttribute(events.status)) : null;
        if (!status) {
          missing.push(`status:${id}`);
          return null;
        }
        event.status = status;
        if (agentId) event.agentId = agentId;
        break;
      }
      case 'assignment':
        // The new assignee; empty = unassigned.
        if (events.assignee) event.agentId = nonEmpty(item.getAttribute(events.assignee));
        else if (agentId) event.agentId = agentId;
        break;
      case 'rating': {
        const csat = events.csat ? wholeNumber(item.getAttribute(events.csat), 1, 5) : null;
        const ces = events.ces ? wholeNumber(item.getAttribute(events.ces), 1, 7) : null;
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

  function routeConversationId(url: URL): string | null {
    const rule = recipe.routes.conversation;
    if (conversationUrl) {
      const m = conversationUrl.exec(routeTarget(url));
      if (!m) return null;
      if (!rule.idAttribute) return nonEmpty(m.groups?.id ?? m[1] ?? null);
    }
    if (rule.selector) {
      const el = pageDoc()?.querySelector(rule.selector) ?? null;
      if (!el) return null;
      return rule.idAttribute ? nonEmpty(el.getAttribute(rule.idAttribute)) : null;
    }
    return null;
  }

  function conversation(root: ParentNode): ObservedConversation | null {
    const main = root.querySelector(recipe.conversation.root);
    if (!main) return null;
    let conversationId: string | null = null;
    if (recipe.conversation.id) conversationId = nonEmpty(main.getAttribute(recipe.conversation.id));
    else {
      const href = ((root as Node).ownerDocument ?? (root as Document)).defaultView?.location.href;
      conversationId = href ? routeConversationId(new URL(href)) : null;
    }
    if (!conversationId) return null;
    const missing: string[] = [];
    const item = readSummary(main, recipe.conversation, conversationId, missing);
    const out: ObservedEvent[] = [];
    for (const li of Array.from(main.querySelectorAll(events.item))) {
      const event = readEvent(li, missing);
      if (event) out.push(event);
    }
    item.events = numberInPageOrder(out);
    return finish(item, missing);
  }

  const comment = `From the recipe "${recipe.name}".`;
  const spec = (id: string, selector: string, requiredOn: SelectorSpec['requiredOn']): SelectorSpec => ({
    id,
    selector,
    comment,
    requiredOn,
    fixtures: {},
  });
  const selectors: Record<string, SelectorSpec> = {
    row: spec('list.row', recipe.list.row, ['list']),
    conversation: spec('conversation.root', recipe.conversation.root, ['conversation']),
    event: spec('conversation.event', events.item, ['conversation']),
  };
  if (recipe.list.badgeAnchor) selectors.badgeAnchor = spec('list.badgeAnchor', recipe.list.badgeAnchor, ['list']);
  if (recipe.conversation.header) selectors.header = spec('conversation.header', recipe.conversation.header, ['conversation']);
  if (recipe.compose) selectors.compose = spec('conversation.compose', recipe.compose, ['conversation']);
  if (recipe.agent) selectors.agent = spec('agent', recipe.agent.selector, ['list', 'conversation']);

  const observedAttributes = new Set<string>([recipe.list.id, events.id]);
  const addAttr = (source: ValueSource | TimeSource | string | undefined) => {
    if (source === undefined) return;
    const attribute = typeof source === 'string' ? source : source.attribute;
    if (attribute) observedAttributes.add(attribute);
  };
  for (const fields of [recipe.list, recipe.conversation] as RecipeSummaryFields[]) {
    for (const key of ['status', 'assignee', 'createdAt', 'channel', 'customer'] as const) addAttr(fields[key]);
  }
  addAttr(recipe.list.waitingSince);
  addAttr(recipe.conversation.id);
  addAttr(recipe.routes.conversation.idAttribute);
  addAttr(events.type?.attribute);
  addAttr(events.author.attribute);
  for (const key of ['agent', 'time', 'status', 'assignee', 'csat', 'ces'] as const) addAttr(events[key]);
  addAttr(recipe.agent?.attribute);

  const adapter: RecipeAdapter = {
    id: recipeHelpdeskId(recipe),
    name: recipe.name,
    matches: recipe.matches,
    detect: (doc) => !recipe.detect || doc.querySelector(recipe.detect) !== null,
    root: (doc) => doc.body,
    observedAttributes: [...observedAttributes],
    routes: {
      list: (url) => {
        if (listUrl && !listUrl.test(routeTarget(url))) return false;
        if (recipe.routes.list.selector) return (pageDoc()?.querySelector(recipe.routes.list.selector) ?? null) !== null;
        return listUrl !== null;
      },
      conversation: routeConversationId,
    },
    selectors,
    extract: {
      listRows,
      listRowElements,
      rowConversationId,
      conversation,
      currentAgent: (root) => {
        if (!recipe.agent) return null;
        const doc = (root as Node).ownerDocument ?? (root as Document);
        const el = doc.querySelector(recipe.agent.selector);
        return el ? nonEmpty(el.getAttribute(recipe.agent.attribute)) : null;
      },
      composeBox: (root) => (recipe.compose ? root.querySelector(recipe.compose) : null),
    },
    overlayAnchors: {
      rowBadge: (row): OverlayPlacement | null => {
        const anchor = recipe.list.badgeAnchor ? row.querySelector(recipe.list.badgeAnchor) : (row.firstElementChild ?? row);
        return anchor ? { anchor, position: 'beforeend' } : null;
      },
      conversationHeader: (root): OverlayPlacement | null => {
        const heading = recipe.conversation.header ? root.querySelector(recipe.conversation.header) : null;
        return heading ? { anchor: heading, position: 'afterend' } : null;
      },
    },
  };
  defineAdapter(adapter);
  return adapter;
}
