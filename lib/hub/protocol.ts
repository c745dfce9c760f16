/**
 * The team hub's HTTP API, declared once: the hub validates what it receives with these
 * schemas and the extension validates what the hub answers with the same ones. Every path is
 * under `/v1`; every request but `GET /v1/health` and `GET /join` carries
 * `Authorization: Bearer <token>`. Errors are `{ error: { code, message, path? } }`.
 *
 * Times are epoch milliseconds, as in the extension's own messages; the report and settings
 * use the timeline format's shapes (`replyline.report/1`, `calendar`, `targets`, `profile`).
 */
import { z } from 'zod';
import { csObservationsSchema } from '../messaging/protocol';
import { calendarSchema, isoInstant, targetsSchema } from '../timeline/schema';

const epochMs = z.number().int().nonnegative();

export const HUB_API_VERSION = 'v1';

export const roleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type HubRole = z.infer<typeof roleSchema>;

/** `{ error }` body of every 4xx/5xx answer; `path` names the JSON path of a bad input. */
export const hubErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), path: z.optional(z.string()) }),
});
export type HubError = z.infer<typeof hubErrorSchema>;

// --- Tokens (admin) -------------------------------------------------------------------------

/** `POST /v1/tokens` */
export const createTokenRequestSchema = z.strictObject({
  role: roleSchema,
  name: z.string().min(1).max(200),
  /** The agent's id in the helpdesks (required for agents: their observations carry it). */
  agentId: z.optional(z.string().min(1).max(200)),
});
/**
 * `invite` is `<hub url>/join#token=<token>`: pasted into Settings → Team, or opened as a
 * link (the fragment never reaches the server).
 */
export const createTokenResponseSchema = z.object({ id: z.string(), token: z.string(), invite: z.string() });

/** `GET /v1/me`: who the token is, so the extension can show it after connecting. */
export const meResponseSchema = z.object({
  tokenId: z.string(),
  role: roleSchema,
  name: z.string(),
  agentId: z.nullable(z.string()),
});
export type HubMe = z.infer<typeof meResponseSchema>;

// --- Ingest ---------------------------------------------------------------------------------

/**
 * `POST /v1/observations` (agent): the content scripts' own `cs:observations` batches, as the
 * worker received them, from the extension's outbox. Idempotent by `documentId` + `seq`;
 * events deduplicated by helpdesk + origin + conversation + event id, so two agents seeing one
 * conversation count it once. The hub takes the agent from the token, never from the body.
 */
export const observationsRequestSchema = z.strictObject({
  batches: z.array(csObservationsSchema).min(1).max(500),
});
export const ingestResponseSchema = z.object({
  /** Batches stored now. */
  accepted: z.number().int(),
  /** Batches the hub had already (same documentId + seq): not stored again. */
  duplicates: z.number().int(),
  /** Events newly stored (events already known do not count). */
  events: z.number().int(),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

// `POST /v1/timeline` takes a `replyline.timeline/1` document (lib/timeline/schema.ts) and answers
// with `ingestResponseSchema` (`accepted` 1 or 0, `duplicates` 0 or 1).

// --- Team settings (supervisor, admin) -----------------------------------------------------

/** `GET /v1/settings` answers it; `PUT /v1/settings` takes it. */
export const teamSettingsSchema = z.strictObject({
  calendar: calendarSchema,
  targets: targetsSchema,
  /** Metric profile name, as the timeline's `profile` (e.g. "replyline", "zendesk"). */
  profile: z.string().min(1),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

// --- Queue and stream -----------------------------------------------------------------------

export const clockKindSchema = z.enum(['firstResponse', 'nextResponse', 'resolution']);
export const targetStateSchema = z.enum(['on_track', 'at_risk', 'breached', 'met', 'missed']);

/** One running clock of a queue row, planned on the team's calendar. */
export const queueClockSchema = z.object({
  kind: clockKindSchema,
  startedAt: epochMs,
  dueAt: z.nullable(epochMs),
  atRiskAt: z.nullable(epochMs),
  /** At `asOf`; a client re-derives it from dueAt/atRiskAt as time passes. */
  state: z.nullable(targetStateSchema),
});

export const queueRowSchema = z.object({
  /** `helpdesk|origin|conversationId`, the key the extension stores conversations under. */
  key: z.string(),
  helpdesk: z.string(),
  origin: z.string(),
  conversationId: z.string(),
  channel: z.nullable(z.string()),
  priority: z.nullable(z.string()),
  status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
  /**
   * `known`: an observation in the freshness window says so. `unknown`: nobody has seen it
   * for longer than that; such rows are shown apart and never counted at risk or breached.
   */
  statusKnown: z.enum(['known', 'unknown']),
  assigneeId: z.nullable(z.string()),
  /** The assignee's display name from the hub's agents, when known. */
  assigneeName: z.nullable(z.string()),
  createdAt: epochMs,
  waitingSince: z.nullable(epochMs),
  /** When any agent last observed this conversation (the row's freshness). */
  lastSeenAt: epochMs,
  clocks: z.array(queueClockSchema),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

/** `GET /v1/queue` (supervisor: the team's; agent: their own assigned conversations). */
export const queueResponseSchema = z.object({ asOf: epochMs, rows: z.array(queueRowSchema) });
export type QueueResponse = z.infer<typeof queueResponseSchema>;

export const alertSchema = z.object({
  /** Stable: one alert per conversation, clock, cycle and kind, stored once. */
  id: z.string(),
  kind: z.enum(['at_risk', 'breached']),
  clock: clockKindSchema,
  key: z.string(),
  helpdesk: z.string(),
  origin: z.string(),
  conversationId: z.string(),
  channel: z.nullable(z.string()),
  assigneeId: z.nullable(z.string()),
  dueAt: epochMs,
  firedAt: epochMs,
});
export type HubAlert = z.infer<typeof alertSchema>;

/** `GET /v1/alerts?since=<epoch ms>` (supervisor): alerts fired after `since`, oldest first. */
export const alertsResponseSchema = z.object({ alerts: z.array(alertSchema) });

/**
 * `GET /v1/stream` is server-sent events; each `data:` line is one of these JSON objects.
 * `queue` carries rows that changed (upserts) and keys that left the queue (removed);
 * a client that (re)connects first reads `GET /v1/queue`, then applies stream events.
 */
export const streamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue'), asOf: epochMs, upserts: z.array(queueRowSchema), removed: z.array(z.string()) }),
  z.object({ type: z.literal('alert'), alert: alertSchema }),
  z.object({ type: z.literal('settings'), asOf: epochMs }),
]);
export type HubStreamEvent = z.infer<typeof streamEventSchema>;

// --- Agents ---------------------------------------------------------------------------------

/** `GET /v1/agents`: display names and roles of the team's tokens (no tokens). */
export const agentsResponseSchema = z.object({
  agents: z.array(z.object({ agentId: z.nullable(z.string()), name: z.string(), role: roleSchema, tokenId: z.string() })),
});
export type HubAgents = z.infer<typeof agentsResponseSchema>;

// `GET /v1/report?week=YYYY-Www&profile=NAME[&agent=ID][&now=ISO]` answers exactly the
// `replyline.report/1` JSON of `replyline report --format json` (lib/export/json.ts).

/** The query of `GET /v1/report` (all optional; an agent token may only name itself as `agent`). */
export const reportQuerySchema = z.strictObject({
  week: z.optional(z.string().regex(/^\d{4}-W\d{2}$/, 'expected an ISO week "YYYY-Www", e.g. 2026-W48')),
  profile: z.optional(z.string().min(1)),
  agent: z.optional(z.string().min(1)),
  /** Only conversations of this channel / priority (as the helpdesk states them, exactly). */
  channel: z.optional(z.string().min(1)),
  priority: z.optional(z.string().min(1)),
  /** One local day (team time zone) instead of a week: the figures of that day. */
  day: z.optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD", e.g. 2026-11-24')),
  now: z.optional(isoInstant),
});

/** The query of `GET /v1/alerts`. */
export const alertsQuerySchema = z.strictObject({ since: z.optional(z.coerce.number().int().nonnegative()) });

/** `GET /v1/health` (no token). */
export const healthResponseSchema = z.object({ ok: z.boolean(), engine: z.enum(['pglite', 'postgres']), version: z.string() });
