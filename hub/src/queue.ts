/** The live queue: stored conversations still open, as queue rows at a given time. */
import { sql } from 'kysely';
import type { QueueRow } from '../../lib/hub/protocol';
import type { Principal } from './http';
import { inQueue, measuringSettings, queueRow } from './measure';
import { readMetricsRows, readTeamSettings, type Tx } from './store';

/** Display names of the team's agents, by agent id (latest token wins). */
export async function agentNames(tx: Tx): Promise<Map<string, string>> {
  const { rows } = await sql<{ agent_id: string; name: string }>`
    select agent_id, name from tokens where agent_id is not null and revoked_at is null order by created_at`.execute(tx);
  return new Map(rows.map((row) => [row.agent_id, row.name]));
}

/** Whether a principal may see a conversation in the queue (agents: their assigned ones). */
export function visibleTo(principal: Pick<Principal, 'role' | 'agentId'>, assigneeId: string | null): boolean {
  return principal.role !== 'agent' || (principal.agentId !== null && assigneeId === principal.agentId);
}

export interface QueueRead {
  rows: QueueRow[];
  /** Requested keys that are not (or no longer) in the queue. */
  removed: string[];
}

/** Queue rows for these keys (null = the whole queue) at `now`. */
export async function readQueue(tx: Tx, keys: readonly string[] | null, now: number, freshnessMs: number): Promise<QueueRead> {
  const settings = measuringSettings(await readTeamSettings(tx));
  const names = await agentNames(tx);
  const where = keys === null ? sql`status in ('open', 'pending', 'snoozed')` : sql`key = any(${sql.val([...keys])}::text[])`;
  const rows = await readMetricsRows(tx, where);
  const out: QueueRow[] = [];
  const present = new Set<string>();
  for (const row of rows) {
    if (!inQueue(row.status)) continue;
    present.add(row.key);
    out.push(
      queueRow(
        { key: row.key, record: row.record, metrics: row.metrics, status: row.status, lastSeenAt: row.last_seen_at },
        settings,
        now,
        freshnessMs,
        names,
      ),
    );
  }
  return { rows: out, removed: keys === null ? [] : keys.filter((key) => !present.has(key)) };
}
