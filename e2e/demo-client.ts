/** A small client for the Demo Desk's HTTP API, used by the end-to-end tests. */
import { startDemoDesk, type DemoDesk } from '../demo/server/main.ts';

export interface CreatedConversation {
  id: string;
}

export class DemoDeskClient {
  constructor(readonly desk: DemoDesk) {}

  static async start(): Promise<DemoDeskClient> {
    // An empty desk with the simulator off: every conversation is placed by the test.
    const desk = await startDemoDesk({ port: 0, host: '127.0.0.1', sim: false, conversations: 0, seed: 7 });
    return new DemoDeskClient(desk);
  }

  get url(): string {
    return this.desk.url;
  }

  async post<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.desk.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    const res = await fetch(`${this.desk.url}${path}`);
    if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A conversation whose first customer message was sent at `at` (epoch ms). */
  async createConversation(customerName: string, at: number, channel: 'chat' | 'email' = 'chat'): Promise<string> {
    const { conversation } = await this.post<{ conversation: { id: string } }>('/api/conversations', {
      customerName,
      channel,
      body: 'Hello, I need help with my order.',
      at: new Date(at).toISOString(),
    });
    return conversation.id;
  }

  /** A message at `at` (epoch ms), or at the desk's now when `at` is null. */
  async message(id: string, author: 'agent' | 'customer' | 'bot', at: number | null, agentId?: string): Promise<void> {
    await this.post(`/api/conversations/${id}/messages`, {
      author,
      agentId,
      body: author === 'customer' ? 'Any news?' : 'Thanks, looking into it.',
      ...(at === null ? {} : { at: new Date(at).toISOString() }),
    });
  }

  async status(id: string, status: 'resolved' | 'pending' | 'snoozed' | 'open', at: number, agentId?: string): Promise<void> {
    await this.post(`/api/conversations/${id}/status`, { status, agentId, at: new Date(at).toISOString() });
  }

  async timelineText(): Promise<string> {
    const res = await fetch(`${this.desk.url}/api/timeline`);
    return res.text();
  }

  close(): Promise<void> {
    return this.desk.close();
  }
}

/** What a spec's tests share: a fresh, empty Demo Desk per test and the test's reference instant. */
export interface DemoDeskPerTest {
  readonly demo: DemoDeskClient;
  /** One reference instant per test, so that every placed event is exact to the millisecond. */
  t0: number;
  /** `ms` before the reference instant. */
  ago(ms: number): number;
}

/** Starts a Demo Desk before each test of the spec and stops it after. */
export function demoDeskPerTest(hooks: {
  beforeEach(fn: () => Promise<void>): void;
  afterEach(fn: () => Promise<void>): void;
}): DemoDeskPerTest {
  let demo: DemoDeskClient | null = null;
  const desk: DemoDeskPerTest = {
    get demo() {
      if (!demo) throw new Error('the Demo Desk runs only inside a test');
      return demo;
    },
    t0: Date.now(),
    ago: (ms) => desk.t0 - ms,
  };
  hooks.beforeEach(async () => {
    demo = await DemoDeskClient.start();
    desk.t0 = Date.now();
  });
  hooks.afterEach(async () => {
    await demo?.close();
    demo = null;
  });
  return desk;
}
