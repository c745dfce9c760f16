/** Small helpers to call a hub in tests: in-process requests and a server-sent-events reader. */
import type { Hub } from '../src/server';
import type { HubStreamEvent } from '../../lib/hub/protocol';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  raw?: string;
  headers?: Record<string, string>;
}

export async function call(hub: Hub, method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS', url: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.raw !== undefined || options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = options.raw ?? JSON.stringify(options.body);
  }
  const response = await hub.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of many shapes; each test checks the fields it uses
  let json: any = undefined;
  try {
    json = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, json, headers: response.headers, body: response.body };
}

export interface StreamReader {
  events: HubStreamEvent[];
  close(): void;
  /** Resolves when `predicate` holds for the events received (or rejects after `timeoutMs`). */
  until(predicate: (events: HubStreamEvent[]) => boolean, timeoutMs?: number): Promise<void>;
}

export async function openStream(baseUrl: string, token: string): Promise<StreamReader> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/v1/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
  const events: HubStreamEvent[] = [];
  const waiters: (() => void)[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    const reader = response.body!.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of chunk.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
          waiters.forEach((wake) => wake());
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    close: () => controller.abort(),
    until(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (predicate(events)) return resolve();
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`stream: condition not met in ${timeoutMs} ms; got ${JSON.stringify(events).slice(0, 500)}`));
          waiters.push(check);
          setTimeout(check, 100);
        };
        check();
      });
    },
  };
}

/** Polls until `check` returns true. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
