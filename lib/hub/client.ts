/**
 * The extension's client of the team hub: every request and answer checked against the API's one
 * declaration (./protocol.ts). Pure (fetch is passed in), so the worker, the side panel and the
 * tests share it. Every failure is a HubRequestError whose message is plain words a user can act on.
 */
import { createParser } from 'eventsource-parser';
import type { z } from 'zod';
import type { CsObservations } from '../messaging/protocol';
import {
  agentsResponseSchema,
  alertsResponseSchema,
  hubErrorSchema,
  ingestResponseSchema,
  meResponseSchema,
  queueResponseSchema,
  streamEventSchema,
  teamSettingsSchema,
  type TeamSettings,
  type HubAgents,
  type HubAlert,
  type HubMe,
  type HubStreamEvent,
  type IngestResponse,
  type QueueResponse,
} from './protocol';
import { reportJsonCheck, type HubReport } from './report-schema';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What went wrong, for callers that act on it (retry, stop, ask for a new invite). */
export type HubFailure =
  | 'network' // the hub could not be reached
  | 'unauthorized' // 401: token unknown or revoked
  | 'forbidden' // 403: the token's role may not do this
  | 'too-large' // 413
  | 'rate-limited' // 429
  | 'rejected' // other 4xx: the hub refused the input
  | 'server' // 5xx
  | 'bad-answer'; // the answer is not what the API declares

export class HubRequestError extends Error {
  constructor(
    readonly failure: HubFailure,
    message: string,
    readonly status: number | null = null,
    /** Seconds the hub asked to wait (Retry-After), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'HubRequestError';
  }

  /** Worth trying again later as it is (the same request may succeed). */
  get retryable(): boolean {
    return this.failure === 'network' || this.failure === 'rate-limited' || this.failure === 'server';
  }
}

// ---------------------------------------------------------------------------------------------
// Invites

export interface HubInvite {
  /** The hub's base URL without a trailing slash (`https://hub.example.com` or with a path prefix). */
  hubUrl: string;
  /** Its origin: what the extension asks host permission for. */
  origin: string;
  token: string;
}

/**
 * Reads an invite, `<hub url>/join#token=<token>` (as the hub's `POST /v1/tokens` makes it).
 * Throws an Error saying what is wrong with the text.
 */
export function parseInvite(text: string): HubInvite {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('Paste the invite link your supervisor or admin sent you.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error('This is not a link. An invite looks like https://hub.example.com/join#token=…');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`An invite link starts with https:// (this one: ${url.protocol}).`);
  if (url.username || url.password) throw new Error('An invite link carries no user name or password before the host.');
  if (!/\/join\/?$/.test(url.pathname)) throw new Error('This link is not an invite: its path must end in /join.');
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  if (!token) throw new Error('The invite has no token: the part after #token= is missing (was the link cut off?).');
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new Error('The hub must be reached over https:// (plain http:// is accepted only for a hub on this computer).');
  const base = url.pathname.replace(/\/join\/?$/, '');
  return { hubUrl: `${url.origin}${base}`, origin: url.origin, token };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface HubClientOptions {
  hubUrl: string;
  token: string;
  fetch: FetchLike;
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(answer)'}: ${issue.message}`)
    .join('; ');
}

function retryAfter(response: Response): number | null {
  const value = response.headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** The hub's own words from an error body, when it sent the declared `{ error }` shape. */
async function hubMessage(response: Response): Promise<string | null> {
  try {
    const parsed = hubErrorSchema.safeParse(await response.json());
    if (!parsed.success) return null;
    const { message, path } = parsed.data.error;
    return path ? `${message} (at ${path})` : message;
  } catch {
    return null;
  }
}

async function failureOf(response: Response, what: string): Promise<HubRequestError> {
  const said = await hubMessage(response);
  const detail = said ? `: ${said}` : '';
  const status = response.status;
  switch (true) {
    case status === 401:
      return new HubRequestError(
        'unauthorized',
        `The hub did not accept this connection's token (it may have been revoked). Ask for a new invite and connect again.`,
        status,
      );
    case status === 403:
      return new HubRequestError('forbidden', `This connection's role may not ${what}${detail}.`, status);
    case status === 413:
      return new HubRequestError('too-large', `The hub refused the request as too large${detail}.`, status);
    case status === 429:
      return new HubRequestError('rate-limited', `The hub asked to slow down (too many requests)${detail}.`, status, retryAfter(response));
    case status >= 500:
      return new HubRequestError(
        'server',
        `The hub failed while trying to ${what} (HTTP ${status})${detail}.`,
        status,
        retryAfter(response),
      );
    default:
      return new HubRequestError('rejected', `The hub refused to ${what} (HTTP ${status})${detail}.`, status);
  }
}

export interface HubClient {
  readonly hubUrl: string;
  me(): Promise<HubMe>;
  agents(): Promise<HubAgents>;
  queue(): Promise<QueueResponse>;
  settings(): Promise<TeamSettings>;
  alerts(since: number): Promise<HubAlert[]>;
  report(params: {
    week?: string;
    day?: string;
    profile: string;
    agent?: string;
    channel?: string;
    priority?: string;
    now?: number;
  }): Promise<HubReport>;
  postObservations(batches: CsObservations[]): Promise<IngestResponse>;
  /**
   * Opens `GET /v1/stream` and calls `onEvent` for each event until the hub closes it or `signal`
   * aborts. Resolves when the stream ends; rejects with a HubRequestError when it cannot open.
   * An event that does not match the API is reported through `onBadEvent` and skipped.
   */
  stream(options: {
    signal: AbortSignal;
    onOpen?: () => void;
    onEvent: (event: HubStreamEvent) => void;
    onBadEvent?: (reason: string) => void;
  }): Promise<void>;
}

export function createHubClient({ hubUrl, token, fetch }: HubClientOptions): HubClient {
  const base = hubUrl.replace(/\/+$/, '');
  const host = (() => {
    try {
      return new URL(base).host;
    } catch {
      return base;
    }
  })();

  async function send(path: string, what: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new HubRequestError('network', `Could not reach the hub at ${host} (offline, or the hub is down).`);
    }
    if (!response.ok) throw await failureOf(response, what);
    return response;
  }

  async function json<S extends z.ZodType>(path: string, what: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
    const response = await send(path, what, init);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new HubRequestError(
        'bad-answer',
        `The hub's answer to ${what} was not JSON: is ${host} really a Replyline hub?`,
        response.status,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new HubRequestError(
        'bad-answer',
        `The hub's answer to ${what} is not what this version of Replyline expects (${issuesText(parsed.error)}). The hub and the extension may be of different versions.`,
        response.status,
      );
    return parsed.data;
  }

  return {
    hubUrl: base,
    me: () => json('/v1/me', 'check the connection', meResponseSchema),
    agents: () => json('/v1/agents', 'list the team', agentsResponseSchema),
    queue: () => json('/v1/queue', 'read the queue', queueResponseSchema),
    settings: () => json('/v1/settings', 'read the team settings', teamSettingsSchema),
    alerts: async (since) => (await json(`/v1/alerts?since=${Math.max(0, Math.floor(since))}`, 'read alerts', alertsResponseSchema)).alerts,
    report: ({ week, day, profile, agent, channel, priority, now }) => {
      const query = new URLSearchParams({ profile });
      if (week) query.set('week', week);
      if (day) query.set('day', day);
      if (agent) query.set('agent', agent);
      if (channel) query.set('channel', channel);
      if (priority) query.set('priority', priority);
      if (now !== undefined) query.set('now', new Date(now).toISOString());
      return json(`/v1/report?${query.toString()}`, 'make the report', reportJsonCheck);
    },
    postObservations: (batches) =>
      json('/v1/observations', 'take the queued observations', ingestResponseSchema, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ batches }),
      }),
    async stream({ signal, onOpen, onEvent, onBadEvent }) {
      const response = await send('/v1/stream', 'open the live stream', { signal, headers: { Accept: 'text/event-stream' } });
      if (!response.body) throw new HubRequestError('bad-answer', 'The hub opened the live stream without a body.', response.status);
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream'))
        throw new HubRequestError(
          'bad-answer',
          `The hub's live stream is not an event stream (${type || 'no content type'}).`,
          response.status,
        );
      onOpen?.();
      const parser = createParser({
        onEvent(message) {
          let data: unknown;
          try {
            data = JSON.parse(message.data);
          } catch {
            onBadEvent?.('a stream event that is not JSON');
            return;
          }
          const parsed = streamEventSchema.safeParse(data);
          if (parsed.success) onEvent(parsed.data);
          else onBadEvent?.(`a stream event not in the API (${issuesText(parsed.error)})`);
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          parser.feed(value);
        }
      } catch (error) {
        if (signal.aborted) return;
        throw new HubRequestError(
          'network',
          `The live stream from ${host} broke off (${error instanceof Error ? error.message : String(error)}).`,
        );
      } finally {
        reader.releaseLock();
      }
    },
  };
}
