/**
 * Reading a helpdesk from its own same-origin API, with the agent's existing session.
 *
 * Some helpdesks put no exact times in their page (Chatwoot shows "5m", Zendesk renders
 * relative times too) but serve them as JSON to their own front end. An adapter may declare
 * `api` to read those responses instead of the DOM. Three rules hold for every such read:
 * - same origin only: `fetchJson` refuses any URL whose origin differs from the page's, and
 *   refuses redirects (which could lead elsewhere);
 * - every response is validated against a schema of the fields used; a renamed field or a
 *   value of the wrong type is reported by its JSON path, never guessed around;
 * - a failed read still yields an observation, with the failure in `missing`, so the
 *   conversation is marked unverified and nothing of that read is stored.
 */
import type { ObservedConversation } from '../../messaging/protocol';

export type ApiErrorKind = 'cross-origin' | 'network' | 'http' | 'json' | 'shape';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** A short, customer-data-free description for health reports, e.g. `shape:audits.0.created_at`. */
    readonly report: string,
    message?: string,
  ) {
    super(message ?? report);
    this.name = 'ApiError';
  }
}

/** Fetches JSON from the page's own origin. `path` is absolute-path (`/api/…`) or a same-origin URL. */
export type FetchJson = (path: string) => Promise<unknown>;

export interface SameOriginFetchOptions {
  /** The page's origin (`location.origin`). */
  origin: string;
  fetch: typeof fetch;
  /** Extra request headers, read at each request (e.g. Chatwoot's session headers). */
  headers?: () => Record<string, string> | null;
}

/** The URL when it resolves to `origin`, else an ApiError('cross-origin'). */
export function sameOriginUrl(path: string, origin: string): URL {
  let url: URL;
  try {
    url = new URL(path, origin);
  } catch {
    throw new ApiError('cross-origin', 'cross-origin:unparseable-url');
  }
  if (url.origin !== origin) throw new ApiError('cross-origin', `cross-origin:${url.host}`);
  return url;
}

/** The pathname without ids, for reports: `/api/v2/tickets/123/audits.json` → `/api/v2/tickets/:id/audits.json`. */
export function pathShape(url: URL): string {
  return url.pathname.replace(/\/\d+(?=\/|\.json$|$)/g, '/:id');
}

export function createSameOriginFetch(options: SameOriginFetchOptions): FetchJson {
  const { origin } = options;
  return async (path) => {
    const url = sameOriginUrl(path, origin);
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers?.() ?? {}) };
    let response: Response;
    try {
      response = await options.fetch(url.href, { credentials: 'same-origin', redirect: 'error', headers, cache: 'no-store' });
    } catch {
      throw new ApiError('network', `network:${pathShape(url)}`);
    }
    // Belt and braces: with redirects refused the final URL is the requested one.
    if (response.url && new URL(response.url).origin !== origin)
      throw new ApiError('cross-origin', `cross-origin:${new URL(response.url).host}`);
    if (!response.ok) throw new ApiError('http', `http-${response.status}:${pathShape(url)}`);
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new ApiError('json', `json:${pathShape(url)}`);
    }
  };
}

/** A zod(/mini) schema: anything with `safeParse`. */
interface ShapeSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }> } };
}

/**
 * Validates a response against the schema of the fields the adapter uses. On failure the
 * first offending JSON path is reported (`shape:{source}.{path}`), e.g. a renamed
 * `created_at` reports `shape:ticket.ticket.created_at`.
 */
export function parseShape<T>(schema: ShapeSchema<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const path = first ? first.path.map(String).join('.') : '';
  throw new ApiError('shape', `shape:${source}${path ? `.${path}` : ''}`);
}

/** What an adapter's API reader returns for one conversation. */
export interface AdapterApi {
  /** Reads one conversation (summary facts and events) by the id the route names. */
  conversation(conversationId: string, fetchJson: FetchJson, url: URL): Promise<ObservedConversation>;
  /** Summary facts of the conversations of a list page (no events). */
  list?(url: URL, fetchJson: FetchJson): Promise<ObservedConversation[]>;
  /**
   * Parts of the latest `conversation` read that failed without spoiling it (an optional request
   * such as the signed-in user's profile): reported in health, the conversation stays verified.
   */
  degraded?(): string[];
  /** Request headers the helpdesk's own front end sends (read from the page at each request). */
  requestHeaders?(doc: Document): Record<string, string> | null;
  /** Minimum time between two reads of the same page (default 5 s). */
  minIntervalMs?: number;
  /** Re-read this often even without page changes (default 30 s). */
  pollMs?: number;
}

export const DEFAULT_MIN_INTERVAL_MS = 5_000;
export const DEFAULT_POLL_MS = 30_000;

interface CachedRead<T> {
  key: string;
  at: number;
  value: T;
}

export interface ApiRead<T> {
  value: T;
  /** Set when the answer is the cached one: the time a fresh read becomes allowed. */
  retryAt?: number;
  /** What the read could not read without failing (AdapterApi.degraded), for health. */
  degraded?: string[];
}

/**
 * Throttled API reads for one page: at most one read per key every `minIntervalMs`, one at a
 * time (concurrent callers share the read in flight). Errors become observations that name
 * the failure, so the runner reports them like any unreadable field.
 */
export class ApiSource {
  private conversationCache: (CachedRead<ObservedConversation> & { degraded: string[] }) | null = null;
  private listCache: CachedRead<ObservedConversation[]> | null = null;
  private inFlight = new Map<string, Promise<unknown>>();
  readonly minIntervalMs: number;

  constructor(
    private readonly api: AdapterApi,
    private readonly fetchJson: FetchJson,
  ) {
    this.minIntervalMs = api.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  }

  async conversation(conversationId: string, url: URL, now: number): Promise<ApiRead<ObservedConversation>> {
    const cached = this.conversationCache;
    const key = `conversation|${conversationId}`;
    if (cached && cached.key === key && now - cached.at < this.minIntervalMs) {
      const read: ApiRead<ObservedConversation> = { value: cached.value, retryAt: cached.at + this.minIntervalMs };
      return cached.degraded.length ? { ...read, degraded: cached.degraded } : read;
    }
    const { value, degraded } = await this.once(key, async () => {
      try {
        const value = await this.api.conversation(conversationId, this.fetchJson, url);
        return { value, degraded: [...(this.api.degraded?.() ?? [])] };
      } catch (error) {
        // Nothing of a failed read is kept: no facts, no events, only the reason.
        return { value: { conversationId, events: [], missing: [reportOf(error)] } satisfies ObservedConversation, degraded: [] };
      }
    });
    this.conversationCache = { key, at: now, value, degraded };
    return degraded.length ? { value, degraded } : { value };
  }

  async list(url: URL, now: number): Promise<ApiRead<ObservedConversation[]> & { error?: string }> {
    const list = this.api.list?.bind(this.api);
    if (!list) return { value: [] };
    const key = `list|${url.pathname}${url.search}`;
    const cached = this.listCache;
    if (cached && cached.key === key && now - cached.at < this.minIntervalMs)
      return { value: cached.value, retryAt: cached.at + this.minIntervalMs };
    let error: string | undefined;
    const value = await this.once(key, async () => {
      try {
        return await list(url, this.fetchJson);
      } catch (failure) {
        error = reportOf(failure);
        return [];
      }
    });
    this.listCache = { key, at: now, value };
    return error ? { value, error } : { value };
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const promise = read().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}

/** A failure as health reports name it: `api:{report}` for an ApiError, else `api:failed`. */
export function reportOf(error: unknown): string {
  if (error instanceof ApiError) return `api:${error.report}`;
  return 'api:failed';
}
