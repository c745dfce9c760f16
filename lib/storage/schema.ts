/**
 * Record shapes of Replyline's IndexedDB database `replyline`. Only timing metadata, ids,
 * tags and ratings are stored: the protocol carries no message text and neither does this.
 */
import type { DBSchema } from 'idb';
import type { ActivityRecord, ConversationRecord, EventRecord } from '../measure/stored';
import type { Settings } from '../settings/model';
import type { PanelMetricsRecord } from '../measure/compact-metrics';
import type { DurationValues, MetricsRecord, RollupRecord } from '../measure/rollups';

// Derived records are shaped by the measuring layer, which runs without storage.
export type { DurationValues, MetricsRecord, PanelMetricsRecord, RollupRecord };

export const DB_NAME = 'replyline';

export interface BatchRecord {
  /** documentId + '|' + seq */
  key: string;
  documentId: string;
  seq: number;
  appliedAt: number;
}

export interface HealthRecord {
  /** helpdesk + '|' + origin + '|' + route */
  key: string;
  helpdesk: string;
  origin: string;
  route: string;
  at: number;
  found: Record<string, number>;
  missing: string[];
  /** Conversations read on the page (absent in records stored before it was counted). */
  conversations?: number;
  /** When the missing parts were first missing on this page. */
  missingSince?: number;
  /** Missing in probes several seconds apart: a real problem rather than a page still drawing. */
  lasting?: boolean;
  /** A storage or ingest failure to show in the side panel. */
  error?: string;
}

export type ClockKind = 'firstResponse' | 'nextResponse' | 'resolution';

export interface NotificationRecord {
  /** conversationKey + '|' + kind + '|' + startedAt: one notification per clock. */
  key: string;
  conversationKey: string;
  conversationId: string;
  kind: ClockKind;
  startedAt: number;
  atRiskAt: number;
  dueAt: number;
  /** Present (= atRiskAt) while the notification is still to be shown; indexed. */
  pendingAt?: number;
  notifiedAt?: number;
}

/** The conversation in front of the agent, from the latest observation that named one. */
export interface FocusState {
  conversationKey: string;
  helpdesk: string;
  origin: string;
  conversationId: string;
  agentId: string | null;
  at: number;
}

export interface SignedInAgentState {
  helpdesk: string;
  origin: string;
  agentId: string;
  at: number;
}

/**
 * The latest compose-box checks of one conversation (booleans computed in the page; the
 * draft is never stored). Kept in `state` under composeStateKey(conversationKey).
 */
export interface ComposeChecksState {
  conversationKey: string;
  greeting: boolean;
  customerName: boolean;
  closing: boolean;
  answersQuestion: boolean;
  at: number;
}

export function composeStateKey(conversationKey: string): string {
  return `compose|${conversationKey}`;
}

/** What the derived stores were last built with (lib/storage/read-model.ts). */
export interface ReadModelStamp {
  version: number;
  /** The measuring settings they reflect. */
  settings: string;
}

/** The team hub this browser is connected to (Settings → Team); absent when not connected. */
export interface HubConnectionState {
  hubUrl: string;
  origin: string;
  /** Bearer token; deleted with the whole record on disconnect. */
  token: string;
  role: 'agent' | 'supervisor' | 'admin';
  /** The token's display name, as the hub knows it. */
  name: string;
  agentId: string | null;
  tokenId: string;
  connectedAt: number;
  /** Sharing paused: nothing is queued or sent until resumed. */
  paused: boolean;
  /** Which of the hub's alerts become notifications here (supervisors and admins). */
  alerts: HubAlertPreferences;
}

export interface HubAlertPreferences {
  atRisk: boolean;
  breached: boolean;
  clocks: Record<ClockKind, boolean>;
  /** Only these channels; empty = every channel (and conversations without one). */
  channels: string[];
}

export const DEFAULT_HUB_ALERTS: HubAlertPreferences = {
  atRisk: true,
  breached: true,
  clocks: { firstResponse: true, nextResponse: true, resolution: true },
  channels: [],
};

/** The outbox's sending state, shown in Settings → Team. */
export interface HubSyncState {
  /** Last time the hub took a request of queued batches (2xx). */
  lastSyncAt: number | null;
  /** Batches the hub had already (dedupe by documentId + seq), summed since connecting. */
  duplicates: number;
  /** Batches sent and acknowledged since connecting. */
  sent: number;
  lastError: string | null;
  lastErrorAt: number | null;
  /** Failed attempts in a row (the retry backoff grows with it). */
  failures: number;
  nextRetryAt: number | null;
}

/**
 * Display names (lib/storage/names.ts; the worker is their one writer). Agent names are agent
 * metadata: from the hub's `GET /v1/agents` and from helpdesk pages. Customer names only while
 * Settings → Privacy allows them; conversation subjects and message text are never stored.
 */
export interface NamesState {
  /** The hub's team (agentId → name); deleted on disconnect. */
  hub: Record<string, string>;
  /** Read from helpdesk pages (agentId → name). */
  page: Record<string, string>;
  /** conversationKey → the customer's display name and when it was read. */
  customers: Record<string, { name: string; at: number }>;
}

/** Alerts from the hub already shown as notifications (supervisors). */
export interface HubAlertsState {
  /** `firedAt` of the newest alert read; the next poll asks for alerts after it. */
  since: number;
  /** Ids shown recently (bounded), so an alert is never shown twice. */
  shown: string[];
}

export interface StateValues {
  focus: FocusState;
  agent: SignedInAgentState;
  compose: ComposeChecksState;
  readModel: ReadModelStamp;
  hub: HubConnectionState;
  hubSync: HubSyncState;
  names: NamesState;
  /** Path each helpdesk installation lives under on its origin (siteKey → '' or '/helpdesk'), from its pages. */
  sites: Record<string, string>;
  hubAlerts: HubAlertsState;
  /** Saved recipes (lib/storage/recipes.ts): raw, validated again on every read. */
  recipes: unknown[];
}
export type StateKey = keyof StateValues;

/** A quality review of one conversation: checklist answers and score, never message text. */
export interface ReviewRecord {
  conversationKey: string;
  templateId: string;
  /** Item id → answer; 'na' items are left out of the score. */
  answers: Record<string, 'pass' | 'fail' | 'na'>;
  /** 0–1 after weights, N/A and critical items; null when every item is N/A. */
  score: number | null;
  criticalFailed: boolean;
  reviewerId: string | null;
  reviewedAt: number;
}

export type OutcomeTag = 'retention' | 'renewal' | 'upsell' | 'churn-risk';

export interface OutcomeRecord {
  conversationKey: string;
  tags: OutcomeTag[];
  agentId: string | null;
  updatedAt: number;
}

/** One imported export file (an agent's week), identified by the hash of its content. */
export interface ImportFileRecord {
  fileId: string;
  fileName: string;
  sourceAgentId: string | null;
  helpdesk: string | null;
  period: { from: number; to: number } | null;
  conversations: number;
  importedAt: number;
}

/** A conversation merged from an import, in the timeline format (ISO times), keyed like observed ones. */
export interface ImportedConversationRecord {
  /** conversationKey(helpdesk, origin, id) */
  key: string;
  fileId: string;
  sourceAgentId: string | null;
  conversation: import('../timeline/schema').TimelineConversation;
  importedAt: number;
}

export interface ReplylineDB extends DBSchema {
  conversations: {
    key: string;
    value: ConversationRecord;
    indexes: { 'by-helpdesk': string; 'by-updatedAt': number; 'by-status': string };
  };
  events: { key: string; value: EventRecord; indexes: { 'by-conversation': string } };
  batches: { key: string; value: BatchRecord; indexes: { 'by-appliedAt': number } };
  activity: { key: string; value: ActivityRecord; indexes: { 'by-conversation': string } };
  metrics: { key: string; value: MetricsRecord; indexes: { 'by-day': string } };
  rollups: { key: string; value: RollupRecord; indexes: { 'by-day': string } };
  health: { key: string; value: HealthRecord; indexes: { 'by-helpdesk': string } };
  settings: { key: string; value: Settings };
  state: { key: string; value: StateValues[StateKey] };
  notifications: { key: string; value: NotificationRecord; indexes: { 'by-pending': number; 'by-conversation': string } };
  reviews: { key: string; value: ReviewRecord; indexes: { 'by-reviewedAt': number } };
  outcomes: { key: string; value: OutcomeRecord; indexes: { 'by-tag': string } };
  importFiles: { key: string; value: ImportFileRecord; indexes: { 'by-importedAt': number } };
  importedConversations: { key: string; value: ImportedConversationRecord; indexes: { 'by-file': string; 'by-agent': string } };
  /** The side panel's compact copy of `metrics` (migration 003). */
  panelMetrics: { key: string; value: PanelMetricsRecord; indexes: { 'by-week': number; 'by-running': number } };
  /** Observation batches waiting to be sent to the team hub, in order (migration 005). */
  hubOutbox: { key: number; value: OutboxRecord };
}

/** One accepted `cs:observations` batch, as it will be sent to the hub (only what is shared). */
export interface OutboxRecord {
  /** Auto-incremented: the sending order. */
  id?: number;
  /** documentId + '|' + seq: the hub's idempotency key. */
  batchKey: string;
  batch: import('../messaging/protocol').CsObservations;
  queuedAt: number;
}

export type StoreName =
  | 'conversations'
  | 'events'
  | 'batches'
  | 'activity'
  | 'metrics'
  | 'rollups'
  | 'health'
  | 'settings'
  | 'state'
  | 'notifications'
  | 'reviews'
  | 'outcomes'
  | 'importFiles'
  | 'importedConversations'
  | 'panelMetrics'
  | 'hubOutbox';
