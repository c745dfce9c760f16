/**
 * Every message between Replyline's contexts, declared once. Names say the direction:
 * `cs:` content script → background, `sp:` side panel (extension pages) → background or a tab,
 * `bg:` background → pages (side panel, content scripts). `messages` at the end maps each
 * request to its reply; lib/messaging/router.ts routes them, one router per context.
 * Schemas use zod/mini so that content scripts stay within their size budget; every receiver
 * validates what it gets, since content scripts run beside untrusted pages.
 */
import { z } from 'zod/mini';

const epochMs = z.number().check(z.int(), z.gte(0));

/** One event read from the page. `id` is the helpdesk's stable id (the dedupe key). */
export const observedEventSchema = z.object({
  id: z.string().check(z.minLength(1)),
  at: epochMs,
  type: z.enum(['message', 'note', 'status', 'handoff', 'assignment', 'rating', 'activity', 'tag']),
  author: z.optional(z.enum(['customer', 'agent', 'bot', 'automation'])),
  agentId: z.optional(z.nullable(z.string())),
  public: z.optional(z.boolean()),
  status: z.optional(z.enum(['open', 'pending', 'snoozed', 'resolved'])),
  csat: z.optional(z.number().check(z.int(), z.gte(1), z.lte(5))),
  ces: z.optional(z.number().check(z.int(), z.gte(1), z.lte(7))),
  tag: z.optional(z.string()),
  until: z.optional(epochMs),
  /**
   * The event's place in the helpdesk's own order of this conversation (0, 1, 2… oldest first,
   * as the adapter read it). Storage returns events by key, not in this order; measuring puts
   * events of equal time back in it (a reply and "solved" of one update: reply, then resolution).
   */
  position: z.optional(z.number().check(z.int(), z.gte(0))),
});
export type ObservedEvent = z.infer<typeof observedEventSchema>;

/**
 * What an adapter read about one conversation. List rows give summary facts only
 * (`events` absent); the conversation view gives its events. Absent fields are unknown,
 * never zero.
 */
export const observedConversationSchema = z.object({
  conversationId: z.string().check(z.minLength(1)),
  channel: z.optional(z.string()),
  createdAt: z.optional(epochMs),
  customerId: z.optional(z.string()),
  status: z.optional(z.enum(['open', 'pending', 'snoozed', 'resolved'])),
  assigneeId: z.optional(z.nullable(z.string())),
  priority: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
  /** Earliest unanswered customer message as the helpdesk states it; null = not waiting. */
  waitingSince: z.optional(z.nullable(epochMs)),
  /** The helpdesk's own next escalation (SLA due) time, as it states it; null = none set. */
  escalationAt: z.optional(z.nullable(epochMs)),
  events: z.optional(z.array(observedEventSchema)),
  /** Fields the adapter looked for and could not read exactly. */
  missing: z.optional(z.array(z.string())),
});
export type ObservedConversation = z.infer<typeof observedConversationSchema>;

/** Agent activity for handle time: time in front of a conversation with input, idle excluded. */
export const activitySpanSchema = z.object({
  conversationId: z.string(),
  agentId: z.string(),
  start: epochMs,
  end: epochMs,
  kind: z.enum(['viewing', 'typing']),
});
export type ActivitySpan = z.infer<typeof activitySpanSchema>;

/** Adapter health for one page: how many of each probe were found, and what was missing. */
export const adapterHealthSchema = z.object({
  route: z.string(),
  at: epochMs,
  found: z.record(z.string(), z.number()),
  missing: z.array(z.string()),
  /** Conversations read on this page (list rows with a valid reading, or the open one). */
  conversations: z.optional(z.number().check(z.int(), z.gte(0))),
  /** When the parts in `missing` were first missing, in consecutive probes of this page. */
  missingSince: z.optional(epochMs),
  /**
   * The same page has had missing parts in probes at least HEALTH_LASTING_MS apart: a real
   * problem, not a list that had not drawn yet when first counted.
   */
  lasting: z.optional(z.boolean()),
});
export type AdapterHealth = z.infer<typeof adapterHealthSchema>;

/**
 * Checks of the reply being written, computed in the page (adapters/framework/compose-checks.ts).
 * Booleans only: the draft's text never leaves the page.
 */
export const composeChecksSchema = z.object({
  conversationId: z.string().check(z.minLength(1)),
  greeting: z.boolean(),
  customerName: z.boolean(),
  closing: z.boolean(),
  answersQuestion: z.boolean(),
  at: epochMs,
});
export type ComposeChecksObservation = z.infer<typeof composeChecksSchema>;

/** The longest display name kept; adapters cut longer ones (lib/adapters/framework/names.ts). */
export const MAX_DISPLAY_NAME_LENGTH = 200;

/** A display name read from the page: trimmed, one line, short (a page's name is data, never markup). */
const displayName = z.string().check(z.minLength(1), z.maxLength(MAX_DISPLAY_NAME_LENGTH));

/**
 * Names the page shows (each adapter's declaration.ts says where): agents' display names by their
 * helpdesk id, and customers' display names by conversation id. Customer names are kept only while
 * the user allows it (Settings → Privacy) and never sent to the hub; conversation subjects are
 * message text and are never read.
 */
export const pageNamesSchema = z.object({
  agents: z.array(z.object({ agentId: z.string().check(z.minLength(1)), name: displayName })),
  customers: z.array(z.object({ conversationId: z.string().check(z.minLength(1)), name: displayName })),
});
export type PageNames = z.infer<typeof pageNamesSchema>;

const pageIdentity = {
  /** Random per page load; with `seq` it makes every batch idempotent. */
  documentId: z.string().check(z.minLength(8)),
  helpdesk: z.string(),
  origin: z.string(),
};

export const csObservationsSchema = z.object({
  type: z.literal('cs:observations'),
  ...pageIdentity,
  seq: z.number().check(z.int(), z.gte(0)),
  url: z.string(),
  /** The signed-in agent, when the page shows who it is. */
  agentId: z.optional(z.nullable(z.string())),
  /** The conversation in front, or null on a list page. */
  focusedConversationId: z.optional(z.nullable(z.string())),
  conversations: z.array(observedConversationSchema),
  activity: z.array(activitySpanSchema),
  health: z.optional(adapterHealthSchema),
  /** The latest compose-box checks of the focused conversation (booleans only). */
  compose: z.optional(composeChecksSchema),
  /**
   * Conversations the page shows now whose reading did not change (so are not in
   * `conversations`): the worker notes them as seen (lib/measure/freshness.ts).
   */
  seen: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** Display names the page shows, when they changed since the page last sent them. */
  names: z.optional(pageNamesSchema),
});
export type CsObservations = z.infer<typeof csObservationsSchema>;

export const csGetClockPlansSchema = z.object({
  type: z.literal('cs:get-clock-plans'),
  helpdesk: z.string(),
  origin: z.string(),
  conversationIds: z.array(z.string()),
});
export type CsGetClockPlans = z.infer<typeof csGetClockPlansSchema>;

export const clockKind = z.enum(['firstResponse', 'nextResponse', 'resolution']);
export const targetState = z.enum(['on_track', 'at_risk', 'breached', 'met', 'missed']);

/**
 * Everything the overlay needs to draw a conversation's timers without the engine:
 * the worker computes due and at-risk times on the business calendar; the page only
 * compares them with its 1-second tick.
 */
export const clockPlanSchema = z.object({
  conversationId: z.string(),
  unverified: z.boolean(),
  /** Earliest unanswered customer message; null = nobody waiting; absent = not known exactly. */
  waitingSince: z.optional(z.nullable(epochMs)),
  clocks: z.array(
    z.object({
      kind: clockKind,
      startedAt: epochMs,
      dueAt: z.nullable(epochMs),
      atRiskAt: z.nullable(epochMs),
      stoppedAt: z.nullable(epochMs),
      /** State at the time the plan was made; the overlay re-derives it as time passes. */
      state: z.nullable(targetState),
    }),
  ),
  cues: z.object({
    unansweredFollowUps: z.number(),
    reopens: z.number(),
    transfers: z.number(),
    longWait: z.boolean(),
    score: z.number(),
  }),
  /**
   * Breach forecast of the running response clock (lib/engine/analytics/forecast.ts), made when
   * the plan was; absent when there is no forecast. `text` as describeForecast words it.
   */
  forecast: z.optional(
    z.object({
      likely: z.boolean(),
      expectedReplyAt: z.nullable(epochMs),
      text: z.string(),
    }),
  ),
});
export type ClockPlan = z.infer<typeof clockPlanSchema>;

export const bgClockPlansSchema = z.object({
  ok: z.boolean(),
  /** The batch sequence acknowledged (for cs:observations). */
  seq: z.optional(z.number()),
  error: z.optional(z.string()),
  plans: z.array(clockPlanSchema),
});
export type BgClockPlans = z.infer<typeof bgClockPlansSchema>;

/**
 * A worker reply as content scripts check it: the envelope and each plan's identity, without
 * zod. Parsing every plan of a busy inbox with `clockPlanSchema` was the largest part of the
 * content script's work in a page (and building the schema a part of its start). The reply
 * comes from the extension's own worker, which builds it with these types; what can differ is
 * an absent answer (a stopped worker) or another shape (an extension updated under an open page).
 */
export function asBgClockPlans(value: unknown): BgClockPlans | null {
  if (typeof value !== 'object' || value === null) return null;
  const reply = value as Record<string, unknown>;
  if (typeof reply.ok !== 'boolean' || !Array.isArray(reply.plans)) return null;
  if (reply.seq !== undefined && typeof reply.seq !== 'number') return null;
  if (reply.error !== undefined && typeof reply.error !== 'string') return null;
  for (const plan of reply.plans as unknown[]) {
    if (typeof plan !== 'object' || plan === null) return null;
    const { conversationId, clocks, cues } = plan as Record<string, unknown>;
    if (typeof conversationId !== 'string' || !Array.isArray(clocks) || typeof cues !== 'object' || cues === null) return null;
  }
  return value as BgClockPlans;
}

/**
 * Stored data changed; re-read it. A hint only. The worker sends it with `runtime.sendMessage`,
 * which reaches extension pages (the side panel) but not content scripts; content scripts get it
 * from the side panel's `tabs.sendMessage` after a settings save.
 */
export const bgDataChangedSchema = z.object({
  type: z.literal('bg:data-changed'),
  conversationKeys: z.array(z.string()),
});
export type BgDataChanged = z.infer<typeof bgDataChangedSchema>;

/** Side panel → background: helpdesk bindings or origin permissions changed; re-sync content scripts. */
export const spHelpdeskAccessChangedSchema = z.object({
  type: z.literal('sp:helpdesk-access-changed'),
});
export type SpHelpdeskAccessChanged = z.infer<typeof spHelpdeskAccessChangedSchema>;

/**
 * Side panel → background: settings were saved. When they change what is measured (targets,
 * calendar, profile) the worker re-measures everything stored, then replies with how many
 * conversations it measured (0: nothing measuring-related changed) and broadcasts bg:data-changed.
 */
export const spSettingsChangedSchema = z.object({
  type: z.literal('sp:settings-changed'),
});
export type SpSettingsChanged = z.infer<typeof spSettingsChangedSchema>;

export const settingsChangedReplySchema = z.union([
  z.object({ ok: z.literal(true), remeasured: z.number().check(z.int(), z.gte(0)) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type SettingsChangedReply = z.infer<typeof settingsChangedReplySchema>;

/**
 * Side panel → background: delete what is older than the retention period now (Settings →
 * Privacy, the storage-full banner). The worker purges, as on its daily alarm, so that it stays
 * the one writer of what is derived (the read model, the names store), and replies how many
 * records it deleted.
 */
export const spPurgeNowSchema = z.object({
  type: z.literal('sp:purge-now'),
});
export type SpPurgeNow = z.infer<typeof spPurgeNowSchema>;

export const purgeNowReplySchema = z.union([
  z.object({ ok: z.literal(true), deleted: z.number().check(z.int(), z.gte(0)) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type PurgeNowReply = z.infer<typeof purgeNowReplySchema>;

/**
 * Side panel → background: the team hub connection changed (connected, paused, resumed,
 * disconnected) or the user asked to send now; the worker sends the outbox and reads alerts.
 */
export const spHubChangedSchema = z.object({
  type: z.literal('sp:hub-changed'),
});
export type SpHubChanged = z.infer<typeof spHubChangedSchema>;

/**
 * Side panel → the recipe content script of a tab: try this draft recipe on the page once.
 * The recipe is validated by the side panel before it is sent.
 */
export const spTryRecipeSchema = z.object({
  type: z.literal('sp:test-recipe'),
  recipe: z.record(z.string(), z.unknown()),
});
export type SpTryRecipe = z.infer<typeof spTryRecipeSchema>;

/** What a draft recipe found on the page: counts, and the raw values of the first unreadable times. */
export const recipeTrialResultSchema = z.object({
  detected: z.boolean(),
  route: z.nullable(z.enum(['list', 'conversation'])),
  conversationId: z.nullable(z.string()),
  conversations: z.number(),
  events: z.number(),
  timestampsParsed: z.number(),
  timestampsFailed: z.number(),
  failures: z.array(z.object({ field: z.string(), value: z.string() })),
  /** Selectors that matched nothing where required, and fields read inexactly. */
  missing: z.array(z.string()),
  agentId: z.nullable(z.string()),
});
export type RecipeTrialResult = z.infer<typeof recipeTrialResultSchema>;

export const recipeTrialReplySchema = z.object({
  ok: z.boolean(),
  error: z.optional(z.string()),
  origin: z.optional(z.string()),
  result: z.optional(recipeTrialResultSchema),
});
export type RecipeTrialReply = z.infer<typeof recipeTrialReplySchema>;

/**
 * Content script → background: which conversations should this page ask its helpdesk about?
 * The worker answers from storage (lib/background/reconcile.ts) with conversations believed
 * open (open, pending, snoozed) that no page showed for a while, the page's `departed` ones
 * first, never one of its `visible` ones. The page then asks the helpdesk's same-origin API
 * (lib/adapters/framework/reconcile.ts) and sends what it answered as observations.
 */
export const csStaleOpenSchema = z.object({
  type: z.literal('cs:get-stale-open'),
  helpdesk: z.string(),
  origin: z.string(),
  /** Shown on this page before and not any more: asked about now when believed open. */
  departed: z.array(z.string()),
  /** Shown on this page now: never stale. */
  visible: z.array(z.string()),
  limit: z.number().check(z.int(), z.gte(1), z.lte(500)),
});
export type CsStaleOpen = z.infer<typeof csStaleOpenSchema>;

export const bgStaleOpenSchema = z.object({
  ok: z.boolean(),
  error: z.optional(z.string()),
  conversationIds: z.array(z.string()),
});
export type BgStaleOpen = z.infer<typeof bgStaleOpenSchema>;

export const contentToBackgroundSchema = z.discriminatedUnion('type', [csObservationsSchema, csGetClockPlansSchema]);
/** Everything a content script sends (the stale-open question is answered apart: its reply differs). */
export type ContentToBackground = z.infer<typeof contentToBackgroundSchema> | CsStaleOpen;

/** Side panel → background: the panel changed stored conversations (import, restore, delete-all); tell the tabs. */
export const spDataChangedSchema = z.object({
  type: z.literal('sp:data-changed'),
  /** Keys of the changed conversations; empty = any of them may have changed. */
  conversationKeys: z.array(z.string()),
});
export type SpDataChanged = z.infer<typeof spDataChangedSchema>;

/** A plain acknowledgement (or why the request was not done). */
export const okReplySchema = z.object({ ok: z.boolean(), error: z.optional(z.string()) });
export type OkReply = z.infer<typeof okReplySchema>;

/** What the worker's content-script sync did (lib/background/helpdesk-access.ts). */
export const accessSyncReplySchema = z.object({
  ok: z.boolean(),
  error: z.optional(z.string()),
  result: z.optional(z.nullable(z.object({ registered: z.array(z.string()), unregistered: z.array(z.string()) }))),
});
export type AccessSyncReply = z.infer<typeof accessSyncReplySchema>;

/** The recipe content script → background: the saved recipe for this page, if any (chosen by the sender's URL). */
export const csGetRecipeSchema = z.object({ type: z.literal('cs:get-recipe') });
/** The recipe, validated by the worker on this very read (the content script carries no validator). */
export const recipeReplySchema = z.object({
  ok: z.boolean(),
  error: z.optional(z.string()),
  recipe: z.optional(z.record(z.string(), z.unknown())),
});
export type RecipeReply = z.infer<typeof recipeReplySchema>;
export type CsGetRecipe = z.infer<typeof csGetRecipeSchema>;

/**
 * Every request and its reply. A context answers only the types it registers a handler for;
 * `bg:data-changed` is a hint that gets no reply.
 */
export const messages = {
  'cs:observations': { request: csObservationsSchema, reply: bgClockPlansSchema },
  'cs:get-clock-plans': { request: csGetClockPlansSchema, reply: bgClockPlansSchema },
  'cs:get-recipe': { request: csGetRecipeSchema, reply: recipeReplySchema },
  'cs:get-stale-open': { request: csStaleOpenSchema, reply: bgStaleOpenSchema },
  'sp:settings-changed': { request: spSettingsChangedSchema, reply: settingsChangedReplySchema },
  'sp:hub-changed': { request: spHubChangedSchema, reply: okReplySchema },
  'sp:purge-now': { request: spPurgeNowSchema, reply: purgeNowReplySchema },
  'sp:helpdesk-access-changed': { request: spHelpdeskAccessChangedSchema, reply: accessSyncReplySchema },
  'sp:data-changed': { request: spDataChangedSchema, reply: okReplySchema },
  'sp:test-recipe': { request: spTryRecipeSchema, reply: recipeTrialReplySchema },
  'bg:data-changed': { request: bgDataChangedSchema, reply: z.undefined() },
} as const;
export type MessageType = keyof typeof messages;
export type RequestOf<T extends MessageType> = z.infer<(typeof messages)[T]['request']>;
export type ReplyOf<T extends MessageType> = z.infer<(typeof messages)[T]['reply']>;

/** The reply saying a request was not done (refused sender, invalid body, a failure), in the shape its type's reply has. */
export function failureReply<T extends MessageType>(type: T, error: string): ReplyOf<T> {
  if (type === 'bg:data-changed') return undefined as ReplyOf<T>;
  if (type === 'cs:observations' || type === 'cs:get-clock-plans') return { ok: false, error, plans: [] } as ReplyOf<T>;
  if (type === 'cs:get-stale-open') return { ok: false, error, conversationIds: [] } as ReplyOf<T>;
  return { ok: false, error } as ReplyOf<T>;
}

/** The storage key of a conversation: helpdesk + origin + the helpdesk's id. */
export function conversationKey(helpdesk: string, origin: string, conversationId: string): string {
  return `${helpdesk}|${origin}|${conversationId}`;
}

/**
 * Background → side panel, through `storage.session` (STORAGE_FAULT_KEY): the worker could not
 * save observations. Open helpdesk pages keep what they observed and retry until it is saved;
 * the panel shows this with what to do, and the worker removes it after the next save.
 */
export const STORAGE_FAULT_KEY = 'replyline.storageFault';
export const storageFaultSchema = z.object({
  /** First failure of this outage, and the latest. */
  since: epochMs,
  at: epochMs,
  failures: z.number().check(z.int(), z.gte(1)),
  /** QuotaExceededError: the disk or the browser's quota is full (a retention purge frees space). */
  quota: z.boolean(),
  error: z.string(),
});
export type StorageFault = z.infer<typeof storageFaultSchema>;

/** What the user should do about a storage fault, as the panel and the notification say it. */
export function storageFaultAdvice(fault: Pick<StorageFault, 'quota'>): string {
  return fault.quota
    ? 'Storage is full. Open helpdesk pages keep what they observed and retry. Free disk space, or delete data past the retention period (below, or Settings → Privacy).'
    : 'Open helpdesk pages keep what they observed and retry every few seconds; nothing is lost while they stay open. If this lasts, restart the browser.';
}
