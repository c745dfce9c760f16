/**
 * Settings → Team's state: the hub connection (never showing its token), the outbox's sending
 * state, and the connect / pause / disconnect actions. Connecting checks the invite with
 * `GET /v1/me` before anything is stored; the worker is told of every change (`sp:hub-changed`).
 */
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import { createHubClient, HubRequestError, parseInvite, type FetchLike, type HubInvite } from '../hub/client';
import type { SpHubChanged } from '../messaging/protocol';
import { getDb, type ReplylineDb } from '../storage/db';
import {
  deleteHubConnection,
  getHubConnection,
  getHubSync,
  outboxSize,
  saveHubConnection,
  setSharingPaused,
  updateHubConnection,
} from '../storage/hub';
import { getSettings } from '../storage/settings';
import { DEFAULT_HUB_ALERTS, type HubAlertPreferences, type HubConnectionState, type HubSyncState } from '../storage/schema';

/** What the panel shows of a connection: everything but the token. */
export type HubConnectionView = Omit<HubConnectionState, 'token'>;

export function connectionView(connection: HubConnectionState | null): HubConnectionView | null {
  if (!connection) return null;
  const { token: _token, ...view } = connection;
  return view;
}

/** The host permission asked for: the hub's origin only. */
export function hubOriginPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * Checks an invite with the hub and stores the connection. `fetch` is the panel's; the host
 * permission must already be granted (asked for from the user's click).
 */
export async function connectWithInvite(db: ReplylineDb, invite: HubInvite, fetch: FetchLike, now: number): Promise<HubConnectionState> {
  const me = await createHubClient({ hubUrl: invite.hubUrl, token: invite.token, fetch }).me();
  const connection: HubConnectionState = {
    hubUrl: invite.hubUrl,
    origin: invite.origin,
    token: invite.token,
    role: me.role,
    name: me.name,
    agentId: me.agentId,
    tokenId: me.tokenId,
    connectedAt: now,
    paused: false,
    alerts: DEFAULT_HUB_ALERTS,
  };
  await saveHubConnection(db, connection);
  return connection;
}

async function tellWorker(): Promise<void> {
  const message: SpHubChanged = { type: 'sp:hub-changed' };
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // The worker starts with the next event and reads the stored connection then.
  }
}

/**
 * Asks for the hub's origin. Must be called synchronously from the user's click (the browser
 * shows the prompt only for a user gesture); resolves false when refused.
 */
export function requestHubOrigin(origin: string): Promise<boolean> {
  try {
    return Promise.resolve(browser.permissions.request({ origins: [hubOriginPattern(origin)] })).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

interface HubState {
  connection: HubConnectionView | null;
  sync: HubSyncState | null;
  queued: number;
  loaded: boolean;
  busy: boolean;
  error: string | null;
  load: () => Promise<void>;
  /** Connects with an invite whose origin permission request is already under way (`granted`). */
  connect: (invite: HubInvite, granted: Promise<boolean>) => Promise<boolean>;
  setPaused: (paused: boolean) => Promise<void>;
  setAlerts: (alerts: HubAlertPreferences) => Promise<void>;
  disconnect: () => Promise<void>;
  sendNow: () => Promise<void>;
}

export const useHub = create<HubState>((set, get) => ({
  connection: null,
  sync: null,
  queued: 0,
  loaded: false,
  busy: false,
  error: null,
  async load() {
    const db = await getDb();
    const [connection, sync, queued] = await Promise.all([getHubConnection(db), getHubSync(db), outboxSize(db)]);
    set({ connection: connectionView(connection), sync, queued, loaded: true });
  },
  async connect(invite, granted) {
    set({ busy: true, error: null });
    try {
      if (!(await granted)) {
        set({ error: `Replyline needs your permission to reach ${invite.origin}. Nothing was stored; try again and allow it.` });
        return false;
      }
      const db = await getDb();
      await connectWithInvite(db, invite, (input, init) => fetch(input, init), Date.now());
      await tellWorker();
      await get().load();
      return true;
    } catch (error) {
      set({ error: error instanceof HubRequestError ? error.message : `Could not connect: ${String(error)}` });
      return false;
    } finally {
      set({ busy: false });
    }
  },
  async setPaused(paused) {
    const db = await getDb();
    await setSharingPaused(db, paused);
    await tellWorker();
    await get().load();
  },
  async setAlerts(alerts) {
    const db = await getDb();
    await updateHubConnection(db, { alerts });
    await get().load();
  },
  async disconnect() {
    const db = await getDb();
    const connection = await getHubConnection(db);
    await deleteHubConnection(db);
    const helpdeskOrigins = (await getSettings(db)).helpdeskBindings.map((binding) => binding.origin);
    if (connection && !helpdeskOrigins.includes(connection.origin)) {
      try {
        // The origin was asked for the hub only (a helpdesk bound to the same origin keeps it).
        await browser.permissions.remove({ origins: [hubOriginPattern(connection.origin)] });
      } catch {
        // Origins granted by the manifest (the Demo Desk's localhost) cannot be removed.
      }
    }
    await tellWorker();
    await get().load();
  },
  async sendNow() {
    await tellWorker();
    await get().load();
  },
}));

export { parseInvite };
export type { HubInvite };
