/**
 * Zendesk Support REST API, read with the agent's own session (same origin, cookies; GET needs
 * no CSRF token). Field names and shapes confirmed in developer.zendesk.com on 2026-11-26:
 * - Tickets `GET /api/v2/tickets/{id}.json` → `ticket`: id, status (new|open|pending|hold|
 *   solved|closed), assignee_id, requester_id, created_at, updated_at (ISO 8601), priority,
 *   tags, via.channel, satisfaction_rating.score (good|bad|offered|unoffered).
 * - Ticket Audits `GET /api/v2/tickets/{id}/audits.json` → `audits[]`: id, created_at,
 *   author_id, via.channel, events[] (Comment: id, public, author_id; Create/Change: field_name,
 *   value, previous_value; SatisfactionRating: score), `next_page` (offset pagination, 100/page).
 * - Users `GET /api/v2/users/show_many.json?ids=` and `/api/v2/users/me.json` → role
 *   (end-user|agent|admin).
 * - Ticket Metrics `GET /api/v2/tickets/{id}/metrics.json` → `ticket_metric`: reopens,
 *   replies, solved_at, reply_time_in_minutes {calendar, business}… (cross-checks only).
 * - Views `GET /api/v2/views/{id}/tickets.json` → `tickets[]` (list summaries).
 * Mapping (as in the engine's Zendesk profile): new/open → open, pending → pending, hold
 * (on-hold) → snoozed, solved/closed → resolved; a good/bad satisfaction rating → CSAT 5/1.
 * No message text is read: comment bodies are not part of the schemas and are dropped.
 */
import { z } from 'zod/mini';
import type { ObservedConversation, ObservedEvent, PageNames } from '../../messaging/protocol';
import { parseShape, type AdapterApi, type FetchJson } from '../framework/api-source';
import { NamesCollector } from '../framework/names';
import { numberInOrder } from '../framework/order';
import { parseIsoTime } from '../framework/parse';
import { zendeskViewId } from './routes';

const zid = z.number().check(z.int());
const via = z.optional(z.nullable(z.object({ channel: z.optional(z.nullable(z.union([z.string(), z.number()]))) })));

const ticketFields = {
  id: zid,
  status: z.string(),
  assignee_id: z.nullable(zid),
  requester_id: z.optional(z.nullable(zid)),
  created_at: z.string(),
  updated_at: z.string(),
  priority: z.nullable(z.string()),
  tags: z.array(z.string()),
  via,
};
const ticketSchema = z.object({
  ticket: z.object({
    ...ticketFields,
    satisfaction_rating: z.optional(z.nullable(z.object({ score: z.string() }))),
  }),
});

/** Every event has an id and a type; the fields a type needs are checked per type below. */
const auditEventSchema = z.looseObject({ id: zid, type: z.string() });
const auditsSchema = z.object({
  audits: z.array(
    z.object({
      id: zid,
      created_at: z.string(),
      author_id: zid,
      via,
      events: z.array(auditEventSchema),
    }),
  ),
  next_page: z.optional(z.nullable(z.string())),
});
const commentEventSchema = z.object({ id: zid, type: z.literal('Comment'), public: z.boolean(), author_id: zid });
const fieldValue = z.nullable(z.union([z.string(), z.number()]));
const changeEventSchema = z.object({
  id: zid,
  type: z.enum(['Create', 'Change']),
  field_name: z.string(),
  value: z.optional(z.union([fieldValue, z.array(z.string())])),
  previous_value: z.optional(z.union([fieldValue, z.array(z.string())])),
});
const ratingEventSchema = z.object({ id: zid, type: z.literal('SatisfactionRating'), score: z.string() });

// `name`: the user's display name (Users API); only agents' names are kept, customers' are not read.
const usersSchema = z.object({ users: z.array(z.object({ id: zid, role: z.string(), name: z.optional(z.nullable(z.string())) })) });
const meSchema = z.object({ user: z.object({ id: zid, role: z.string(), name: z.optional(z.nullable(z.string())) }) });
const metricsSchema = z.object({
  ticket_metric: z.object({
    reopens: z.number().check(z.int()),
    replies: z.number().check(z.int()),
    solved_at: z.nullable(z.string()),
  }),
});
const viewTicketsSchema = z.object({ tickets: z.array(z.object(ticketFields)) });

type Ticket = z.infer<typeof ticketSchema>['ticket'];
type Audit = z.infer<typeof auditsSchema>['audits'][number];

const STATUS_MAP: Record<string, ObservedConversation['status']> = {
  new: 'open',
  open: 'open',
  pending: 'pending',
  hold: 'snoozed',
  solved: 'resolved',
  closed: 'resolved',
};
const CSAT_MAP: Record<string, number> = { good: 5, bad: 1 };
/** Show Multiple Tickets accepts at most 100 ids per request. */
export const SHOW_MANY_LIMIT = 100;
/** Audits are followed over at most this many pages (100 audits each). */
export const MAX_AUDIT_PAGES = 10;

export type ZendeskRole = 'customer' | 'agent';

function roleOf(role: string): ZendeskRole | null {
  if (role === 'end-user') return 'customer';
  if (role === 'agent' || role === 'admin') return 'agent';
  return null;
}

/** Summary facts shared by the ticket and view rows. */
function readTicket(ticket: Omit<Ticket, 'satisfaction_rating'>, missing: string[]): ObservedConversation {
  const out: ObservedConversation = { conversationId: String(ticket.id) };
  const status = STATUS_MAP[ticket.status];
  if (status) out.status = status;
  else missing.push('status');
  out.assigneeId = ticket.assignee_id === null ? null : String(ticket.assignee_id);
  const createdAt = parseIsoTime(ticket.created_at);
  if (createdAt !== null) out.createdAt = createdAt;
  else missing.push('createdAt');
  if (ticket.requester_id != null) out.customerId = String(ticket.requester_id);
  if (ticket.via?.channel != null) out.channel = String(ticket.via.channel);
  if (ticket.priority !== null) out.priority = ticket.priority;
  out.tags = [...ticket.tags];
  return out;
}

/**
 * One Zendesk API reader per page: it remembers user roles, the signed-in agent and the
 * last reading (a ticket whose `updated_at` did not change is not read again).
 */
export class ZendeskApi implements AdapterApi {
  readonly minIntervalMs = 5_000;
  readonly pollMs = 30_000;
  private readonly roles = new Map<number, ZendeskRole>();
  private me: string | null = null;
  private meRead = false;
  /** Agents' and admins' display names by id, from the users the API answered about. */
  private readonly agentNames = new NamesCollector();
  private last: { ticketId: string; updatedAt: string; value: ObservedConversation } | null = null;

  /** The signed-in agent's id, once `/api/v2/users/me.json` has been read. */
  get agentId(): string | null {
    return this.me;
  }

  /** Agents' display names the Users API answered with so far (the signed-in agent's and the authors'). */
  names(): PageNames {
    return { agents: this.agentNames.result().agents, customers: [] };
  }

  async conversation(ticketId: string, fetchJson: FetchJson): Promise<ObservedConversation> {
    if (!this.meRead) {
      this.meRead = true;
      const me = parseShape(meSchema, await fetchJson('/api/v2/users/me.json'), 'me');
      if (roleOf(me.user.role) === 'agent') {
        this.me = String(me.user.id);
        this.agentNames.agent(this.me, me.user.name);
      }
    }
    const { ticket } = parseShape(ticketSchema, await fetchJson(`/api/v2/tickets/${ticketId}.json`), 'ticket');
    if (this.last && this.last.ticketId === ticketId && this.last.updatedAt === ticket.updated_at) return this.last.value;

    const missing: string[] = [];
    const out = readTicket(ticket, missing);
    const audits = await this.readAudits(ticketId, fetchJson, missing);
    await this.learnRoles(audits, fetchJson);
    const events: ObservedEvent[] = [];
    // Oldest audit first (audit ids grow with time, so they order audits of the same second),
    // and an audit's events in the order Zendesk lists them: one audit's events share its time,
    // and this order is what tells a reply-then-solve apart downstream.
    const chronological = audits.map((audit, index) => ({ audit, index, at: parseIsoTime(audit.created_at) ?? 0 }));
    chronological.sort((a, b) => a.at - b.at || a.audit.id - b.audit.id);
    for (const { audit, index } of chronological) readAudit(audit, index, this.roles, events, missing);
    out.events = numberInOrder(events);

    const metrics = parseShape(metricsSchema, await fetchJson(`/api/v2/tickets/${ticketId}/metrics.json`), 'metrics').ticket_metric;
    crossCheck(ticket, audits, events, metrics, missing);
    if (missing.length) out.missing = missing;
    this.last = { ticketId, updatedAt: ticket.updated_at, value: out };
    return out;
  }

  /**
   * Reconciling (framework/reconcile.ts): up to 100 tickets no page shows, in one
   * `GET /api/v2/tickets/show_many.json?ids=…` (Show Multiple Tickets; tickets the agent cannot
   * see are left out of the answer), read as view rows are.
   */
  async reconcile(ticketIds: string[], fetchJson: FetchJson): Promise<ObservedConversation[]> {
    const ids = ticketIds.filter((id) => /^\d{1,15}$/.test(id)).slice(0, SHOW_MANY_LIMIT);
    if (ids.length === 0) return [];
    const { tickets } = parseShape(viewTicketsSchema, await fetchJson(`/api/v2/tickets/show_many.json?ids=${ids.join(',')}`), 'show_many');
    return tickets.map((ticket) => {
      const missing: string[] = [];
      const out = readTicket(ticket, missing);
      if (missing.length) out.missing = missing;
      return out;
    });
  }

  async list(url: URL, fetchJson: FetchJson): Promise<ObservedConversation[]> {
    const viewId = zendeskViewId(url);
    if (viewId === null) return [];
    const { tickets } = parseShape(viewTicketsSchema, await fetchJson(`/api/v2/views/${viewId}/tickets.json`), 'view');
    return tickets.map((ticket) => {
      const missing: string[] = [];
      const out = readTicket(ticket, missing);
      if (missing.length) out.missing = missing;
      return out;
    });
  }

  private async readAudits(ticketId: string, fetchJson: FetchJson, missing: string[]): Promise<Audit[]> {
    const audits: Audit[] = [];
    let next: string | null = `/api/v2/tickets/${ticketId}/audits.json`;
    for (let page = 0; next !== null; page++) {
      if (page === MAX_AUDIT_PAGES) {
        missing.push('events:truncated');
        break;
      }
      // next_page is an absolute URL; fetchJson refuses it unless it is on this origin.
      const body: z.infer<typeof auditsSchema> = parseShape(auditsSchema, await fetchJson(next), 'audits');
      audits.push(...body.audits);
      next = body.next_page ?? null;
    }
    return audits;
  }

  private async learnRoles(audits: Audit[], fetchJson: FetchJson): Promise<void> {
    const unknown = new Set<number>();
    for (const audit of audits) {
      for (const event of audit.events) {
        const comment = commentEventSchema.safeParse(event);
        if (comment.success && !this.roles.has(comment.data.author_id)) unknown.add(comment.data.author_id);
      }
      if (!this.roles.has(audit.author_id)) unknown.add(audit.author_id);
    }
    // show_many accepts up to 100 ids per request.
    const ids = [...unknown].filter((id) => id > 0);
    for (let i = 0; i < ids.length; i += 100) {
      const body = parseShape(usersSchema, await fetchJson(`/api/v2/users/show_many.json?ids=${ids.slice(i, i + 100).join(',')}`), 'users');
      for (const user of body.users) {
        const role = roleOf(user.role);
        if (role) this.roles.set(user.id, role);
        if (role === 'agent') this.agentNames.agent(String(user.id), user.name);
      }
    }
  }
}

/** Adds the events of one audit; an event whose fields changed is named in `missing`, never guessed. */
function readAudit(audit: Audit, index: number, roles: Map<number, ZendeskRole>, events: ObservedEvent[], missing: string[]): void {
  const at = parseIsoTime(audit.created_at);
  if (at === null) {
    missing.push(`time:audit-${audit.id}`);
    return;
  }
  const auditAuthor = roles.get(audit.author_id);
  const auditAgentId = auditAuthor === 'agent' ? String(audit.author_id) : undefined;
  // Comments added by triggers and automations come through the "rule" channel.
  const byRule = audit.via?.channel === 'rule';
  audit.events.forEach((raw, eventIndex) => {
    const where = `shape:audits.${index}.events.${eventIndex}`;
    if (raw.type === 'Comment') {
      const parsed = commentEventSchema.safeParse(raw);
      if (!parsed.success) return void missing.push(`${where}.${issuePath(parsed.error)}`);
      const comment = parsed.data;
      const id = String(comment.id);
      const role = roles.get(comment.author_id);
      if (!role && !byRule) return void missing.push(`author:${id}`);
      if (!comment.public && role === 'agent') {
        events.push({ id, at, type: 'note', public: false, agentId: String(comment.author_id) });
        return;
      }
      const event: ObservedEvent = { id, at, type: 'message', author: byRule ? 'automation' : role!, public: comment.public };
      if (role === 'agent' && !byRule) event.agentId = String(comment.author_id);
      events.push(event);
      return;
    }
    if (raw.type === 'Create' || raw.type === 'Change') {
      const parsed = changeEventSchema.safeParse(raw);
      if (!parsed.success) return void missing.push(`${where}.${issuePath(parsed.error)}`);
      const change = parsed.data;
      const id = String(change.id);
      if (change.field_name === 'status') {
        const status = typeof change.value === 'string' ? STATUS_MAP[change.value] : undefined;
        if (!status) return void missing.push(`status:${id}`);
        const event: ObservedEvent = { id, at, type: 'status', status };
        if (auditAgentId) event.agentId = auditAgentId;
        events.push(event);
      } else if (change.field_name === 'assignee_id') {
        const value = change.value;
        if (value === null || value === '' || value === undefined) events.push({ id, at, type: 'assignment', agentId: null });
        else if ((typeof value === 'string' && /^\d+$/.test(value)) || typeof value === 'number')
          events.push({ id, at, type: 'assignment', agentId: String(value) });
        else missing.push(`assignee:${id}`);
      }
      return;
    }
    if (raw.type === 'SatisfactionRating') {
      const parsed = ratingEventSchema.safeParse(raw);
      if (!parsed.success) return void missing.push(`${where}.${issuePath(parsed.error)}`);
      const csat = CSAT_MAP[parsed.data.score];
      // "offered" / "unoffered" are not ratings.
      if (csat !== undefined) events.push({ id: String(parsed.data.id), at, type: 'rating', csat });
    }
    // Other event types (notifications, CCs, SLA…) carry nothing the metrics use.
  });
}

function issuePath(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }> }): string {
  return error.issues[0]?.path.map(String).join('.') ?? '';
}

/**
 * Zendesk's own numbers against what the audits say. A disagreement means the audits were
 * not read completely or were read wrongly: it is named in `missing` (conversation unverified).
 * - reopens: status changes from solved to an unsolved status;
 * - solved_at: the time of the latest change to solved;
 * - the ticket's satisfaction score: the latest SatisfactionRating event's.
 * `replies` is not compared: Zendesk's counting rules (first comment, API-created comments)
 * are not documented exactly enough to be checked without guessing.
 */
function crossCheck(
  ticket: Ticket,
  audits: Audit[],
  events: ObservedEvent[],
  metrics: z.infer<typeof metricsSchema>['ticket_metric'],
  missing: string[],
): void {
  if (missing.includes('events:truncated')) return;
  let reopens = 0;
  let solvedAt: string | null = null;
  for (const audit of audits) {
    for (const raw of audit.events) {
      const change = changeEventSchema.safeParse(raw);
      if (!change.success || change.data.field_name !== 'status') continue;
      if (change.data.previous_value === 'solved' && change.data.value !== 'closed' && change.data.value !== 'solved') reopens++;
      if (change.data.value === 'solved') solvedAt = audit.created_at;
    }
  }
  if (reopens !== metrics.reopens) missing.push('check:reopens');
  if (metrics.solved_at !== null && (solvedAt === null || parseIsoTime(solvedAt) !== parseIsoTime(metrics.solved_at)))
    missing.push('check:solved_at');
  const score = ticket.satisfaction_rating?.score;
  const rated = events.filter((e) => e.type === 'rating').at(-1);
  if (score !== undefined && CSAT_MAP[score] !== undefined && rated?.csat !== CSAT_MAP[score]) missing.push('check:satisfaction_rating');
}
