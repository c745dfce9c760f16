/**
 * Server-sent events to this process's subscribers. Every process LISTENs on the database's
 * notification channel (PostgreSQL NOTIFY; PGlite delivers it in process), so a change
 * committed by any hub process reaches every subscriber once, after the commit.
 */
import type { ServerResponse } from 'node:http';
import type { HubAlert, HubStreamEvent } from '../../lib/hub/protocol';
import type { Database } from './db';
import type { Principal } from './http';
import { readQueue, visibleTo } from './queue';
import type { BusMessage } from './store';

interface Subscriber {
  principal: Principal;
  response: ServerResponse;
}

export class StreamHub {
  private readonly subscribers = new Set<Subscriber>();
  private unlisten: (() => Promise<void>) | null = null;
  private keepAlive: NodeJS.Timeout | null = null;
  /** Messages are handled one at a time, in order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly now: () => number,
    private readonly freshnessMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen((payload) => {
      this.chain = this.chain.then(() => this.handle(payload)).catch(this.onError);
    });
    // A comment line every 15 s keeps proxies from closing idle streams.
    this.keepAlive = setInterval(() => {
      for (const subscriber of this.subscribers) subscriber.response.write(': keep-alive\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  get size(): number {
    return this.subscribers.size;
  }

  add(principal: Principal, response: ServerResponse): void {
    const subscriber = { principal, response };
    this.subscribers.add(subscriber);
    response.on('close', () => this.subscribers.delete(subscriber));
  }

  private send(subscriber: Subscriber, event: HubStreamEvent): void {
    subscriber.response.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  private async handle(payload: string): Promise<void> {
    if (this.subscribers.size === 0) return;
    const message = JSON.parse(payload) as BusMessage;
    if (message.type === 'settings') {
      for (const subscriber of this.subscribers) this.send(subscriber, { type: 'settings', asOf: message.asOf });
      return;
    }
    if (message.type === 'alert') {
      const row = await this.database.db.selectFrom('alerts').select('alert').where('id', '=', message.id).executeTakeFirst();
      if (!row) return;
      const alert = row.alert as HubAlert;
      for (const subscriber of this.subscribers) {
        if (visibleTo(subscriber.principal, alert.assigneeId)) this.send(subscriber, { type: 'alert', alert });
      }
      return;
    }
    const asOf = this.now();
    const { rows, removed } = await readQueue(this.database.db, message.keys, asOf, this.freshnessMs);
    for (const subscriber of this.subscribers) {
      const upserts = rows.filter((row) => visibleTo(subscriber.principal, row.assigneeId));
      // An agent's row that was reassigned away leaves their queue.
      const hidden = rows.filter((row) => !visibleTo(subscriber.principal, row.assigneeId)).map((row) => row.key);
      this.send(subscriber, { type: 'queue', asOf, upserts, removed: [...removed, ...hidden] });
    }
  }

  /** Ends every stream (shutdown) and stops listening. */
  async close(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const subscriber of this.subscribers) subscriber.response.end();
    this.subscribers.clear();
    await this.chain;
    await this.unlisten?.();
    this.unlisten = null;
  }
}
