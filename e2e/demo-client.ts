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
