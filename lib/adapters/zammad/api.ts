/**
 * Zammad's REST API, read the way its own legacy desktop app reads it: same origin, with the
 * agent's session cookie. Shapes as served by zammad/zammad (read 2026-12-02):
 * - `GET /api/v1/ticket_states?expand=true` (TicketStatesController#index → model_index_render,
 *   `attributes_with_association_names`): id, name, state_type (new | open | pending reminder |
 *   pending action | closed | merged | removed, db/seeds/ticket_state_types.rb). States are
 *   classified by their type, so renamed and translated states read the same.
 * - `GET /api/v1/tickets/{id}?expand=true` (TicketsController#show): state_id, owner_id (1 = the
 *   "-" nobody user), customer_id, created_at, close_at (first close) and last_close_at
 *   (Ticket::SetsCloseTime), escalation_at, last_contact_customer_at / last_contact_agent_at,
 *   priority, create_article_type.
 * - `GET /api/v1/ticket_articles/by_ticket/{id}` (TicketArticlesController#index_by_ticket):
 *   id, created_at, sender (Agent | Customer | System), internal, created_by_id, origin_by_id.
 * - `GET /api/v1/ticket_history/{id}` (TicketsController#ticket_history → HasHistory#history_get,
 *   History.list ordered `created_at ASC, id ASC`): `history[]` of object (Ticket |
 *   Ticket::Article…), type (created | updated…), o_id, attribute (state | owner…), id_from /
 *   id_to, created_by_id, created_at.
 * Times are ISO 8601 with milliseconds. Article bodies, names and addresses arrive in these
 * answers and are dropped by the schemas.
 */
import { z } from 'zod/mini';
import type { ObservedConversation, ObservedEvent } from '../../messaging/protocol';
import { parseShape, type AdapterApi, type FetchJson } from '../framework/api-source';
import { numberInOrder } from '../framework/order';
import { parseIsoTime } from '../framework/parse';

type Status = NonNullable<ObservedConversation['status']>;

const zid = z.number().check(z.int());
const optionalTime = z.optional(z.nullable(z.string()));

const statesSchema = z.array(z.object({ id: zid, name: z.string(), state_type: z.string() }));
const ticketSchema = z.object({
  id: zid,
  state_id: zid,
  owner_id: z.nullable(zid),
  customer_id: z.nullable(zid),
  created_at: z.string(),
  close_at: optionalTime,
  escalation_at: optionalTime,
  last_contact_customer_at: optionalTime,
  last_contact_agent_at: optionalTime,
  priority: z.optional(z.nullable(z.string())),
  create_article_type: z.optional(z.nullable(z.string())),
});
const articlesSchema = z.array(
  z.object({
    id: zid,
    created_at: z.string(),
    sender: z.string(),
    internal: z.boolean(),
    created_by_id: zid,
    origin_by_id: z.optional(z.nullable(zid)),
  }),
);
const historySchema = z.object({
  history: z.array(
    z.object({
      id: zid,
      object: z.string(),
      type: z.string(),
      o_id: zid,
      attribute: z.optional(z.nullable(z.string())),
      id_to: z.optional(z.nullable(zid)),
      created_by_id: z.optional(z.nullable(zid)),
      created_at: z.string(),
    }),
  ),
});

type Ticket = z.infer<typeof ticketSchema>;
type Article = z.infer<typeof articlesSchema>[number];
type HistoryEntry = z.infer<typeof historySchema>['history'][number];

/** State types (db/seeds/ticket_state_types.rb) as statuses; merged and removed tickets are finished too. */
const STATE_TYPES: Record<string, Status> = {
  new: 'open',
  open: 'open',
  'pending reminder': 'pending',
  'pending action': 'pending',
  closed: 'resolved',
  merged: 'resolved',
  removed: 'resolved',
};
/** Zammad's "-" user (id 1) owns unassigned tickets. */
const NOBODY = 1;
/**
 * One ticket update (TicketsController#update) saves the ticket, then creates the article, a few
 * milliseconds later: a state or owner change and an article by the same user this close belong
 * to one submit ("reply and close").
 */
export const ONE_UPDATE_MS = 1_000;
/** Ticket::SetsCloseTime takes its clock before the save that stamps the history entry. */
export const CLOSE_AT_TOLERANCE_MS = 2_000;

interface Timed {
  event: ObservedEvent;
  /** The user who made it, to pair a change with the article of the same submit. */
  by: number | null;
  kind: 'article' | 'change';
}

export class ZammadApi implements AdapterApi {
  readonly minIntervalMs = 5_000;
  readonly pollMs = 30_000;
  /** State id → status, read once per page. */
  private states: Map<number, { status: Status; closed: boolean }> | null = null;

  private async statesOf(fetchJson: FetchJson): Promise<Map<number, { status: Status; closed: boolean }>> {
    if (!this.states) {
      const states = parseShape(statesSchema, await fetchJson('/api/v1/ticket_states?expand=true'), 'states');
      const byId = new Map<number, { status: Status; closed: boolean }>();
      for (const state of states) {
        const status = STATE_TYPES[state.state_type];
        if (status) byId.set(state.id, { status, closed: state.state_type === 'closed' });
      }
      this.states = byId;
    }
    return this.states;
  }

  /**
   * Reconciling (framework/reconcile.ts): tickets no page shows, one `GET /api/v1/tickets/{id}`
   * each (Zammad has no batch read by ids); their state by state type, owner, creation and
   * waiting facts as the ticket states them. A ticket the agent may not see (403/404) fails the
   * request and is reported in health.
   */
  async reconcile(ticketIds: string[], fetchJson: FetchJson): Promise<ObservedConversation[]> {
    const states = await this.statesOf(fetchJson);
    const out: ObservedConversation[] = [];
    for (const ticketId of ticketIds) {
      if (!/^\d{1,12}$/.test(ticketId)) continue;
      const ticket = parseShape(ticketSchema, await fetchJson(`/api/v1/tickets/${ticketId}`), 'ticket');
      const missing: string[] = [];
      const summary = readTicket(ticket, states, missing);
      if (missing.length) summary.missing = missing;
      out.push(summary);
    }
    return out;
  }

  async conversation(ticketId: string, fetchJson: FetchJson): Promise<ObservedConversation> {
    const states = await this.statesOf(fetchJson);
    const ticket = parseShape(ticketSchema, await fetchJson(`/api/v1/tickets/${ticketId}?expand=true`), 'ticket');
    const articles = parseShape(articlesSchema, await fetchJson(`/api/v1/ticket_articles/by_ticket/${ticketId}`), 'articles');
    const { history } = parseShape(historySchema, await fetchJson(`/api/v1/ticket_history/${ticketId}`), 'history');

    const missing: string[] = [];
    const out = readTicket(ticket, states, missing);
    const agents = knownAgents(ticket, articles, history);
    const timed = readEvents(ticket, articles, history, states, agents, missing);
    const events = numberInOrder(oneUpdateFirst(timed).map((item) => item.event));
    out.events = events;
    checkClose(ticket, timed, states, history, missing);
    checkStatus(out.status, events, missing);
    if (missing.length) out.missing = missing;
    return out;
  }
}

function time(value: string | null | undefined, field: string, missing: string[]): number | null {
  const at = parseIsoTime(value);
  if (at === null) missing.push(field);
  return at;
}

function readTicket(ticket: Ticket, states: Map<number, { status: Status }>, missing: string[]): ObservedConversation {
  const out: ObservedConversation = { conversationId: String(ticket.id) };
  const createdAt = time(ticket.created_at, 'createdAt', missing);
  if (createdAt !== null) out.createdAt = createdAt;
  const state = states.get(ticket.state_id);
  if (state) out.status = state.status;
  else missing.push('status');
  out.assigneeId = ticket.owner_id === null || ticket.owner_id === NOBODY ? null : String(ticket.owner_id);
  if (ticket.customer_id !== null) out.customerId = String(ticket.customer_id);
  if (ticket.priority) out.priority = ticket.priority;
  if (ticket.create_article_type) out.channel = ticket.create_article_type;
  if (ticket.escalation_at == null) out.escalationAt = null;
  else {
    const escalationAt = time(ticket.escalation_at, 'escalationAt', missing);
    if (escalationAt !== null) out.escalationAt = escalationAt;
  }
  // Nobody waits when the agent's last contact is not older than the customer's, or the customer
  // never wrote; when the customer wrote last, the earliest unanswered message may be older.
  const customer = ticket.last_contact_customer_at == null ? null : parseIsoTime(ticket.last_contact_customer_at);
  const agent = ticket.last_contact_agent_at == null ? null : parseIsoTime(ticket.last_contact_agent_at);
  if (customer === null && ticket.last_contact_customer_at == null) out.waitingSince = null;
  else if (customer !== null && agent !== null && agent >= customer) out.waitingSince = null;
  return out;
}

/** Users seen acting as agents: article senders "Agent" and owners. A status change is credited only to them. */
function knownAgents(ticket: Ticket, articles: Article[], history: HistoryEntry[]): Set<number> {
  const agents = new Set<number>();
  for (const article of articles) if (article.sender === 'Agent') agents.add(article.created_by_id);
  if (ticket.owner_id !== null) agents.add(ticket.owner_id);
  for (const entry of history) if (entry.attribute === 'owner' && entry.id_to != null) agents.add(entry.id_to);
  agents.delete(NOBODY);
  return agents;
}

function readArticle(article: Article, missing: string[]): ObservedEvent | null {
  const id = String(article.id);
  const at = time(article.created_at, `time:${id}`, missing);
  if (at === null) return null;
  const author = article.origin_by_id ?? article.created_by_id;
  switch (article.sender) {
    case 'Customer':
      return article.internal ? { id, at, type: 'note', public: false } : { id, at, type: 'message', author: 'customer', public: true };
    case 'Agent':
      return article.internal
        ? { id, at, type: 'note', public: false, agentId: String(author) }
        : { id, at, type: 'message', author: 'agent', public: true, agentId: String(author) };
    case 'System':
      // Trigger mails and other system articles.
      return article.internal ? { id, at, type: 'note', public: false } : { id, at, type: 'message', author: 'automation', public: true };
    default:
      missing.push(`sender:${id}`);
      return null;
  }
}

/** Articles and ticket changes in the order History.list gives them; articles it does not list follow by time. */
function readEvents(
  ticket: Ticket,
  articles: Article[],
  history: HistoryEntry[],
  states: Map<number, { status: Status }>,
  agents: Set<number>,
  missing: string[],
): Timed[] {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const used = new Set<number>();
  const out: Timed[] = [];
  const entries = history
    .map((entry, index) => ({ entry, index, at: parseIsoTime(entry.created_at) }))
    .sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || a.index - b.index);
  for (const { entry, at } of entries) {
    if (entry.object === 'Ticket::Article' && entry.type === 'created') {
      const article = byId.get(entry.o_id);
      if (!article || used.has(article.id)) continue;
      used.add(article.id);
      const event = readArticle(article, missing);
      if (event) out.push({ event, by: article.created_by_id, kind: 'article' });
      continue;
    }
    if (entry.object !== 'Ticket' || entry.type !== 'updated' || entry.o_id !== ticket.id) continue;
    if (entry.attribute !== 'state' && entry.attribute !== 'owner') continue;
    const id = `history-${entry.id}`;
    if (at === null) {
      missing.push(`time:${id}`);
      continue;
    }
    const by = entry.created_by_id ?? null;
    if (entry.attribute === 'state') {
      const state = entry.id_to == null ? undefined : states.get(entry.id_to);
      if (!state) {
        missing.push(`state:${id}`);
        continue;
      }
      const event: ObservedEvent = { id, at, type: 'status', status: state.status };
      if (by !== null && agents.has(by)) event.agentId = String(by);
      out.push({ event, by, kind: 'change' });
    } else {
      const owner = entry.id_to == null || entry.id_to === NOBODY ? null : String(entry.id_to);
      out.push({ event: { id, at, type: 'assignment', agentId: owner }, by, kind: 'change' });
    }
  }
  const rest = articles.filter((article) => !used.has(article.id)).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  for (const article of rest) {
    const event = readArticle(article, missing);
    if (event) out.push({ event, by: article.created_by_id, kind: 'article' });
  }
  // Stable: equal times keep the history's order.
  return out.sort((a, b) => a.event.at - b.event.at);
}

/**
 * A submit that changes the ticket and adds an article is saved ticket first (TicketsController#
 * update), so its state change would come before its reply. Changes directly followed, within
 * ONE_UPDATE_MS, by an article of the same user are put after that article, at its time: the
 * reply of a "reply and close" is a reply, then the ticket is closed.
 */
function oneUpdateFirst(timed: Timed[]): Timed[] {
  const out = [...timed];
  for (let i = 0; i < out.length; i++) {
    if (out[i].kind !== 'change') continue;
    let j = i;
    while (j < out.length && out[j].kind === 'change' && out[j].by === out[i].by) j++;
    const article = out[j];
    if (!article || article.kind !== 'article' || article.by !== out[i].by || out[i].by === null) continue;
    if (article.event.at - out[j - 1].event.at > ONE_UPDATE_MS || article.event.at - out[i].event.at > ONE_UPDATE_MS) continue;
    const changes = out.slice(i, j).map((change) => ({ ...change, event: { ...change.event, at: article.event.at } }));
    out.splice(i, j - i + 1, article, ...changes);
    i = j;
  }
  return out;
}

/** Zammad's own first close time (close_at) must be one of the closes read from the history. */
function checkClose(
  ticket: Ticket,
  timed: Timed[],
  states: Map<number, { closed: boolean }>,
  history: HistoryEntry[],
  missing: string[],
): void {
  if (ticket.close_at == null) return;
  const closeAt = parseIsoTime(ticket.close_at);
  if (closeAt === null) return void missing.push('closeAt');
  const closedStates = new Set(
    history
      .filter((entry) => entry.attribute === 'state' && entry.id_to != null && states.get(entry.id_to)?.closed)
      .map((entry) => `history-${entry.id}`),
  );
  const firstClose = timed.find((item) => closedStates.has(item.event.id));
  if (!firstClose || Math.abs(firstClose.event.at - closeAt) > CLOSE_AT_TOLERANCE_MS) missing.push('check:close_at');
}

/** The ticket's state now against what the events end with (a customer article reopens, as the engine reads it). */
function checkStatus(current: Status | undefined, events: ObservedEvent[], missing: string[]): void {
  if (current === undefined) return;
  let status: Status = 'open';
  for (const event of events) {
    if (event.type === 'status' && event.status) status = event.status;
    else if (event.type === 'message' && event.author === 'customer' && status === 'resolved') status = 'open';
  }
  if ((current === 'resolved') !== (status === 'resolved')) missing.push('check:status');
}
