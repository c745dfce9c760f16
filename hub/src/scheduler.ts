/**
 * Raises at-risk and breach alerts when they are due, whether or not any agent has the page
 * open. Alarms are rows written whenever a conversation is measured; each tick claims due rows
 * with FOR UPDATE SKIP LOCKED, so with several hub processes on one database each alarm is
 * handled by exactly one of them, and the alert's primary key keeps it stored once.
 */
import { sql } from 'kysely';
import type { HubAlert } from '../../lib/hub/protocol';
import type { Database } from './db';
import { notify } from './store';

const CLAIM_LIMIT = 500;

interface DueAlarm {
  id: string;
  conversation_key: string;
  kind: 'at_risk' | 'breached';
  clock: HubAlert['clock'];
  due_at: number;
  fire_at: number;
  helpdesk: string;
  origin: string;
  conversation_id: string;
  channel: string | null;
  assignee_id: string | null;
  last_seen_at: number;
}

export interface TickResult {
  /** Alerts this process fired in this tick. */
  fired: HubAlert[];
  /** Due alarms dropped: the conversation's status is no longer known, or its breach is due too. */
  dropped: number;
}

/**
 * Fires what is due at `now`. An alarm of a conversation nobody has observed within the
 * freshness window is dropped (its status is unknown; it re-arms when an agent sees it again),
 * and an at-risk alarm whose clock is already past due gives way to the breach.
 */
export async function tick(database: Database, now: number, freshnessMs: number): Promise<TickResult> {
  return database.db.transaction().execute(async (tx) => {
    const { rows } = await sql<DueAlarm>`
      select a.id, a.conversation_key, a.kind, a.clock, a.due_at, a.fire_at,
        c.helpdesk, c.origin, c.conversation_id, c.channel, c.assignee_id, c.last_seen_at
      from alarms a join conversations c on c.key = a.conversation_key
      where a.fire_at <= ${now}
      order by a.fire_at
      limit ${CLAIM_LIMIT}
      for update of a skip locked`.execute(tx);
    if (rows.length === 0) return { fired: [], dropped: 0 };
    await sql`delete from alarms where id = any(${sql.val(rows.map((row) => row.id))}::text[])`.execute(tx);
    const fired: HubAlert[] = [];
    let dropped = 0;
    for (const row of rows) {
      const dueAt = Number(row.due_at);
      const stale = Number(row.last_seen_at) < Number(row.fire_at) - freshnessMs;
      if (stale || (row.kind === 'at_risk' && now > dueAt)) {
        dropped++;
        continue;
      }
      const alert: HubAlert = {
        id: row.id,
        kind: row.kind,
        clock: row.clock,
        key: row.conversation_key,
        helpdesk: row.helpdesk,
        origin: row.origin,
        conversationId: row.conversation_id,
        channel: row.channel,
        assigneeId: row.assignee_id,
        dueAt,
        firedAt: now,
      };
      const inserted = await sql`
        insert into alerts (id, conversation_key, kind, clock, due_at, fired_at, alert)
        values (${alert.id}, ${alert.key}, ${alert.kind}, ${alert.clock}, ${dueAt}, ${now}, ${JSON.stringify(alert)}::jsonb)
        on conflict (id) do nothing returning id`.execute(tx);
      if (inserted.rows.length === 0) continue;
      fired.push(alert);
      await notify(tx, { type: 'alert', id: alert.id });
    }
    return { fired, dropped };
  });
}

export interface Scheduler {
  stop(): Promise<void>;
  /** Alerts this process has fired since it started (a count for tests and logs). */
  readonly firedCount: number;
}

export function startScheduler(
  database: Database,
  now: () => number,
  freshnessMs: number,
  intervalMs: number,
  log: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void },
): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  let firedCount = 0;
  const run = async () => {
    try {
      // Drain: a tick that filled its claim limit runs again at once.
      for (;;) {
        const result = await tick(database, now(), freshnessMs);
        firedCount += result.fired.length;
        for (const alert of result.fired) log.info({ alert: alert.id, kind: alert.kind }, 'alert fired');
        if (stopped || result.fired.length + result.dropped < CLAIM_LIMIT) break;
      }
    } catch (error) {
      log.error({ err: error }, 'scheduler tick failed');
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = run().finally(() => (running = null));
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    get firedCount() {
      return firedCount;
    },
  };
}
