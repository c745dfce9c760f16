/**
 * Chatwoot's dashboard API, read the way the dashboard itself reads it: same origin, with the
 * devise_token_auth headers (`access-token`, `token-type`, `client`, `expiry`, `uid`) that the
 * dashboard keeps as JSON in the `cw_d_session_info` cookie and sends on every request
 * (`app/javascript/dashboard/helper/APIHelper.js`). Shapes confirmed in chatwoot/chatwoot on
 * 2026-11-26:
 * - `GET /api/v1/accounts/{a}/conversations/{id}` (`api/v1/conversations/partials/_conversation`):
 *   id (display id), status, inbox_id, created_at, waiting_since, first_reply_created_at
 *   (unix seconds; `.to_i` turns "none" into 0), labels, priority, meta.sender.id,
 *   meta.assignee.id (absent when unassigned), meta.channel.
 * - `GET …/conversations/{id}/messages[?before={id}]` (`messages/index` + `models/_message`):
 *   payload[] of id, message_type (0 incoming, 1 outgoing, 2 activity, 3 template),
 *   created_at (unix seconds), private, sender.type (contact | user | agent_bot |
 *   captain_assistant), newest page first.
 * - `GET /api/v1/accounts/{a}/conversations?status=open…` → data.meta counts, data.payload[].
 * - `GET /api/v1/profile` → the signed-in user's id (optional: without it no activity is timed).
 * - `GET /api/v1/accounts/{a}/agents` (`agents/index` + `models/_agent`: id, name) and
 *   `GET /api/v1/accounts/{a}/teams` (id, name): optional, to know whom an activity sentence names.
 * Status changes, reopens and assignments exist only as activity messages (type 2) whose content
 * is a sentence (activity.ts); content is matched in the page and never kept.
 */
import { z } from 'zod/mini';
import type { ObservedConversation, ObservedEvent, PageNames } from '../../messaging/protocol';
import { ApiError, parseShape, reportOf, type AdapterApi, type FetchJson } from '../framework/api-source';
import { NamesCollector } from '../framework/names';
import { numberInOrder } from '../framework/order';
import { readActivity } from './activity';
import { pairCards, type CardPairing, type NamedRow } from './card-pairing';
import { chatwootListFilter, splitConversationId } from './routes';

const cid = z.number().check(z.int(), z.gte(0));
const unixSeconds = z.number().check(z.int(), z.gte(0));

const conversationFields = {
  id: cid,
  status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
  inbox_id: cid,
  created_at: unixSeconds,
  // Older releases (before 2023) do not serve these two: absent = unknown.
  waiting_since: z.optional(unixSeconds),
  first_reply_created_at: z.optional(unixSeconds),
  labels: z.array(z.string()),
  priority: z.optional(z.nullable(z.string())),
  meta: z.object({
    // The name is compared with list cards in the page (card-pairing.ts), never kept.
    sender: z.optional(z.object({ id: cid, name: z.optional(z.nullable(z.string())) })),
    assignee: z.optional(z.object({ id: cid })),
    channel: z.optional(z.nullable(z.string())),
  }),
};
const conversationSchema = z.object(conversationFields);
const messagesSchema = z.object({
  payload: z.array(
    z.object({
      id: cid,
      message_type: z.number().check(z.int()),
      created_at: unixSeconds,
      private: z.boolean(),
      sender: z.optional(z.nullable(z.object({ id: cid, type: z.string() }))),
      // Read for activity messages only (activity.ts), and only in the page.
      content: z.optional(z.nullable(z.string())),
    }),
  ),
});
const listSchema = z.object({ data: z.object({ payload: z.array(z.object(conversationFields)) }) });
// `name`: the signed-in user's display name (profile), kept as agent metadata.
const profileSchema = z.object({ id: cid, name: z.optional(z.nullable(z.string())) });
const namedSchema = z.array(z.object({ id: cid, name: z.string() }));

type Conversation = z.infer<typeof conversationSchema>;
type Message = z.infer<typeof messagesSchema>['payload'][number];

/** Older messages are followed over at most this many pages. */
export const MAX_MESSAGE_PAGES = 25;
export const SESSION_COOKIE = 'cw_d_session_info';
const SESSION_HEADERS = ['access-token', 'token-type', 'client', 'expiry', 'uid'] as const;

/** The dashboard's auth headers from its session cookie; null when signed out or unreadable. */
export function sessionHeaders(cookie: string): Record<string, string> | null {
  const entry = cookie.split('; ').find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  if (!entry) return null;
  let data: unknown;
  try {
    data = JSON.parse(decodeURIComponent(entry.slice(SESSION_COOKIE.length + 1)));
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const headers: Record<string, string> = {};
  for (const name of SESSION_HEADERS) {
    const value = (data as Record<string, unknown>)[name];
    if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
  }
  return headers['access-token'] && headers.client && headers.uid ? headers : null;
}

function readSummary(accountId: string, conversation: Conversation): ObservedConversation {
  const out: ObservedConversation = {
    conversationId: `${accountId}:${conversation.id}`,
    status: conversation.status,
    createdAt: conversation.created_at * 1000,
    assigneeId: conversation.meta.assignee ? String(conversation.meta.assignee.id) : null,
    tags: [...conversation.labels],
  };
  if (conversation.meta.channel) out.channel = conversation.meta.channel;
  if (conversation.meta.sender) out.customerId = String(conversation.meta.sender.id);
  if (conversation.priority) out.priority = conversation.priority;
  if (conversation.waiting_since !== undefined)
    out.waitingSince = conversation.waiting_since === 0 ? null : conversation.waiting_since * 1000;
  return out;
}

/** Who an activity sentence names: the account's agents and teams by name (null = not readable). */
interface Names {
  agents: Map<string, string[]> | null;
  teams: Set<string> | null;
}

/** The one agent id with this name; null when no agent or several agents have it. */
function agentNamed(names: Names, name: string): string | null {
  const ids = names.agents?.get(name);
  return ids && ids.length === 1 ? ids[0] : null;
}

/**
 * One message as an event (null: nothing to measure). Activity messages are read by their
 * sentence: one that says nothing known is named in `missing` (it may be a status change in
 * another language); an assignment whose agent cannot be told is named in `degraded` (health).
 */
function readMessage(message: Message, names: Names, missing: string[], degraded: string[]): ObservedEvent | null {
  const id = String(message.id);
  const at = message.created_at * 1000;
  const senderType = message.sender?.type;
  const agentId = senderType === 'user' ? String(message.sender!.id) : undefined;
  switch (message.message_type) {
    case 0:
      return { id, at, type: 'message', author: 'customer', public: !message.private };
    case 1: {
      if (message.private) return agentId ? { id, at, type: 'note', public: false, agentId } : { id, at, type: 'note', public: false };
      if (senderType === 'user') return { id, at, type: 'message', author: 'agent', public: true, agentId };
      if (senderType === 'agent_bot' || senderType === 'captain_assistant') return { id, at, type: 'message', author: 'bot', public: true };
      // No sender: automation rules, campaigns and system replies (Chatwoot's own "human reply" excludes them).
      if (senderType === undefined) return { id, at, type: 'message', author: 'automation', public: true };
      missing.push(`author:${id}`);
      return null;
    }
    case 2: {
      const meaning = readActivity(message.content);
      if (meaning === null) {
        missing.push(`activity:${id}`);
        return null;
      }
      switch (meaning.kind) {
        case 'status': {
          const event: ObservedEvent = { id, at, type: 'status', status: meaning.status };
          const by = meaning.by !== undefined ? agentNamed(names, meaning.by) : null;
          if (by !== null) event.agentId = by;
          return event;
        }
        case 'unassigned':
          return { id, at, type: 'assignment', agentId: null };
        case 'assignment':
        case 'assigned-to': {
          const agents = [...new Set(meaning.names.map((name) => agentNamed(names, name)).filter((agent) => agent !== null))];
          const teams = meaning.kind === 'assigned-to' ? meaning.names.filter((name) => names.teams?.has(name)) : [];
          if (agents.length === 1 && teams.length === 0) return { id, at, type: 'assignment', agentId: agents[0] };
          // Only a team of that name: a team assignment, which the metrics do not use.
          if (agents.length === 0 && teams.length > 0 && names.agents !== null) return null;
          degraded.push(`assignment:${id}`);
          return null;
        }
        case 'other':
          return null;
      }
      return null;
    }
    case 3:
      // Templates (cards, forms, CSAT survey requests) are sent by bots or the system.
      return {
        id,
        at,
        type: 'message',
        author: senderType === 'agent_bot' || senderType === 'captain_assistant' ? 'bot' : 'automation',
        public: true,
      };
    default:
      missing.push(`type:${id}`);
      return null;
  }
}

/**
 * Chatwoot's own status against what the events say. Chatwoot changes some statuses without an
 * activity message: a contact's message reopens a resolved or snoozed conversation (app/models/
 * message.rb `reopen_conversation`, silent outside API inboxes), a bot inbox starts and reopens
 * conversations as pending, and a snooze ends by a job. So only resolved-or-not is compared, and a
 * snooze that ended without a trace is named: when it ended is not known.
 */
function checkStatus(current: Conversation['status'], events: ObservedEvent[], missing: string[]): void {
  let status: ObservedConversation['status'] = 'open';
  for (const event of events) {
    if (event.type === 'status' && event.status) status = event.status;
    else if (event.type === 'message' && event.author === 'customer' && event.public && (status === 'resolved' || status === 'snoozed'))
      status = 'open';
  }
  if ((current === 'resolved') !== (status === 'resolved')) missing.push('check:status');
  else if (status === 'snoozed' && current !== 'snoozed') missing.push('status:snooze-ended');
}

export class ChatwootApi implements AdapterApi {
  readonly minIntervalMs = 5_000;
  readonly pollMs = 30_000;
  private me: string | null = null;
  /** The profile, agents and teams are asked for once per page; a failure is reported on every read after. */
  private meFailure: string | null | undefined;
  private readonly namesByAccount = new Map<string, Names & { failures: string[] }>();
  private lastDegraded: string[] = [];
  /** The latest list read per assignee tab (all, me, unassigned), with contact names: in the page only. */
  private namedLists: NamedRow[][] = [];
  private listFailures: string[] = [];
  /** Agents' display names by id: the signed-in user's (profile) and the account's agents list when read. */
  private readonly agentNames = new NamesCollector();

  get agentId(): string | null {
    return this.me;
  }

  /** Agents' display names read so far; customers' (contacts') names are compared with cards in the page only, never sent. */
  names(): PageNames {
    return { agents: this.agentNames.result().agents, customers: [] };
  }

  /** Parts of the latest conversation read that failed without spoiling it (for health only). */
  degraded(): string[] {
    return this.lastDegraded;
  }

  requestHeaders(doc: Document): Record<string, string> | null {
    return sessionHeaders(doc.cookie);
  }

  async conversation(conversationId: string, fetchJson: FetchJson): Promise<ObservedConversation> {
    const ids = splitConversationId(conversationId);
    if (!ids) throw new ApiError('shape', 'route:conversation-id');
    const base = `/api/v1/accounts/${ids.accountId}/conversations/${ids.displayId}`;
    const degraded: string[] = [];
    this.lastDegraded = degraded;
    if (this.meFailure === undefined) {
      try {
        const profile = parseShape(profileSchema, await fetchJson('/api/v1/profile'), 'profile');
        this.me = String(profile.id);
        this.agentNames.agent(this.me, profile.name);
        this.meFailure = null;
      } catch (error) {
        // Who is signed in only times the agent's activity; the conversation is read all the same.
        this.meFailure = `profile:${reportOf(error)}`;
      }
    }
    if (this.meFailure) degraded.push(this.meFailure);
    const conversation = parseShape(conversationSchema, await fetchJson(base), 'conversation');
    const out = readSummary(ids.accountId, conversation);
    const missing: string[] = [];
    const messages = await readAllMessages(base, fetchJson, missing);
    const names: Names = messages.some((m) => m.message_type === 2)
      ? await this.namesOf(ids.accountId, fetchJson, degraded)
      : { agents: null, teams: null };
    const events: ObservedEvent[] = [];
    for (const message of messages) {
      const event = readMessage(message, names, missing, degraded);
      if (event) events.push(event);
    }
    // Messages are in Chatwoot's order (time, then id): activity written after the change it records.
    out.events = numberInOrder(events);
    // Chatwoot's own first-reply time must be one of the human replies read.
    const firstReply = conversation.first_reply_created_at;
    if (firstReply && !missing.includes('events:truncated')) {
      const found = events.some((e) => e.type === 'message' && e.author === 'agent' && e.at === firstReply * 1000);
      if (!found) missing.push('check:first_reply_created_at');
    }
    if (!missing.includes('events:truncated')) checkStatus(conversation.status, events, missing);
    if (missing.length) out.missing = missing;
    return out;
  }

  /**
   * Reconciling (framework/reconcile.ts): conversations no page shows, one
   * `GET /api/v1/accounts/{a}/conversations/{id}` each (Chatwoot has no batch read by ids), read
   * as list rows are: status, assignee, waiting_since. A 404 (deleted, no access) fails the
   * request and is reported in health.
   */
  async reconcile(conversationIds: string[], fetchJson: FetchJson): Promise<ObservedConversation[]> {
    const out: ObservedConversation[] = [];
    for (const conversationId of conversationIds) {
      const ids = splitConversationId(conversationId);
      if (!ids) continue;
      const conversation = parseShape(
        conversationSchema,
        await fetchJson(`/api/v1/accounts/${ids.accountId}/conversations/${ids.displayId}`),
        'conversation',
      );
      out.push(readSummary(ids.accountId, conversation));
    }
    return out;
  }

  async list(url: URL, fetchJson: FetchJson): Promise<ObservedConversation[]> {
    const filter = chatwootListFilter(url);
    this.namedLists = [];
    if (!filter) return [];
    const read = async (query: string) =>
      parseShape(listSchema, await fetchJson(`/api/v1/accounts/${filter.accountId}/conversations?${query}`), 'list').data.payload;
    const all = await read(filter.query);
    // The dashboard shows one assignee tab ("me" by default), which the URL does not name: its
    // cards are paired with each tab's list (card-pairing.ts). Those reads are optional.
    const named = (rows: typeof all): NamedRow[] =>
      rows.map((c) => ({ conversationId: `${filter.accountId}:${c.id}`, name: c.meta.sender?.name ?? null }));
    this.namedLists = [named(all)];
    this.listFailures = [];
    for (const tab of ['me', 'unassigned']) {
      try {
        this.namedLists.push(named(await read(filter.query.replace('assignee_type=all', `assignee_type=${tab}`))));
      } catch (error) {
        this.listFailures.push(`list.${tab}:${reportOf(error)}`);
      }
    }
    return all.map((conversation) => readSummary(filter.accountId, conversation));
  }

  /** List cards paired with the lists read last (see card-pairing.ts); problems go to health. */
  pairCards(cards: readonly Element[]): CardPairing {
    const pairing = pairCards(cards, this.namedLists);
    return { pairs: pairing.pairs, problems: [...this.listFailures, ...pairing.problems] };
  }

  /** The account's agents and teams by name, read once per page; a failed read is named in `degraded`. */
  private async namesOf(accountId: string, fetchJson: FetchJson, degraded: string[]): Promise<Names> {
    let known = this.namesByAccount.get(accountId);
    if (!known) {
      known = { agents: null, teams: null, failures: [] };
      try {
        const agents = new Map<string, string[]>();
        for (const agent of parseShape(namedSchema, await fetchJson(`/api/v1/accounts/${accountId}/agents`), 'agents')) {
          agents.set(agent.name, [...(agents.get(agent.name) ?? []), String(agent.id)]);
          this.agentNames.agent(String(agent.id), agent.name);
        }
        known.agents = agents;
      } catch (error) {
        known.failures.push(`agents:${reportOf(error)}`);
      }
      try {
        known.teams = new Set(parseShape(namedSchema, await fetchJson(`/api/v1/accounts/${accountId}/teams`), 'teams').map((t) => t.name));
      } catch (error) {
        known.failures.push(`teams:${reportOf(error)}`);
      }
      this.namesByAccount.set(accountId, known);
    }
    degraded.push(...known.failures);
    return known;
  }
}

/** Newest page first; older pages with `?before={oldest id}` until a page brings nothing new. */
async function readAllMessages(base: string, fetchJson: FetchJson, missing: string[]): Promise<Message[]> {
  const byId = new Map<number, Message>();
  let path = `${base}/messages`;
  for (let page = 0; ; page++) {
    if (page === MAX_MESSAGE_PAGES) {
      missing.push('events:truncated');
      break;
    }
    const { payload } = parseShape(messagesSchema, await fetchJson(path), 'messages');
    const before = byId.size;
    for (const message of payload) byId.set(message.id, message);
    if (payload.length === 0 || byId.size === before) break;
    const oldest = Math.min(...payload.map((m) => m.id));
    path = `${base}/messages?before=${oldest}`;
  }
  return [...byId.values()].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
}
