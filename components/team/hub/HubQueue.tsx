/** The team's live queue from the hub: counts, filters, rows with their freshness, unknown-status rows apart. */
import { formatDuration, queueTargetText } from '@/components/format';
import { ConversationName, useNames } from '@/components/names';
import { conversationKey } from '@/lib/messaging/protocol';
import {
  freshnessText,
  hubQueueView,
  queueChoices,
  useTeamHub,
  linkOf,
  placesFrom,
  type HubQueueLine,
} from '@/lib/sidepanel-state/team-hub';

export function HubQueue({ now }: { now: number }) {
  const { rows, stream, queueFilters, setQueueFilters, names, timezone, report } = useTeamHub();
  const { customers, sites } = useNames();
  const view = hubQueueView(rows.values(), now, queueFilters);
  const choices = queueChoices(rows.values(), report?.conversations ?? []);
  const places = placesFrom(rows.values());
  // What both tables (known and unknown status) need to name and link their rows.
  const tableContext = { now, timezone, names, customers, sites, places };
  const streamText =
    stream.state === 'live'
      ? 'Live'
      : stream.state === 'retrying'
        ? `Reconnecting${stream.retryAt ? ` in ${Math.max(0, Math.ceil((stream.retryAt - now) / 1000))} s` : ''}${stream.error ? `: ${stream.error}` : ''}`
        : stream.state === 'connecting'
          ? 'Connecting…'
          : 'Off';
  const agents = Object.entries(names).sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <section className="team-block" aria-labelledby="hub-queue-title">
      <h3 id="hub-queue-title">
        Live queue <span className="muted">· {view.counts.open} open</span>{' '}
        <span className={`hub-stream hub-stream-${stream.state}`} role="status" data-stream={stream.state}>
          {streamText}
        </span>
      </h3>
      <div className="team-filters" role="group" aria-label="Filters of the queue and the figures">
        <label>
          Channel{' '}
          <select value={queueFilters.channel ?? ''} onChange={(e) => setQueueFilters({ channel: e.target.value || null })}>
            <option value="">All</option>
            {choices.channels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority{' '}
          <select value={queueFilters.priority ?? ''} onChange={(e) => setQueueFilters({ priority: e.target.value || null })}>
            <option value="">All</option>
            {choices.priorities.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Agent{' '}
          <select
            value={queueFilters.agent ?? '*'}
            onChange={(e) => setQueueFilters({ agent: e.target.value === '*' ? null : e.target.value })}
          >
            <option value="*">All</option>
            <option value="">Unassigned</option>
            {agents.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl className="hub-counts" aria-label="Queue counts">
        {(
          [
            ['waiting', 'Waiting', view.counts.waiting],
            ['atRisk', 'At risk', view.counts.atRisk],
            ['breached', 'Breached', view.counts.breached],
            ['unassigned', 'Unassigned', view.counts.unassigned],
            ['unknown', 'Status unknown', view.counts.unknown],
          ] as const
        ).map(([id, label, count]) => (
          <div key={id} className={`queue-count queue-${id}`} data-count={count} data-list={id}>
            <dt className="queue-count-label">{label}</dt>
            <dd className="queue-count-value">{count}</dd>
          </div>
        ))}
      </dl>
      <QueueTable lines={view.known} {...tableContext} label="Open conversations" />
      {view.unknown.length > 0 ? (
        <>
          <h4 className="hub-unknown-title">Status unknown ({view.unknown.length})</h4>
          <p className="small muted">
            Nobody has had these open recently, so their status may have changed unseen. They are not counted waiting, at risk or breached.
          </p>
          <QueueTable lines={view.unknown} {...tableContext} label="Conversations of unknown status" />
        </>
      ) : null}
    </section>
  );
}

function QueueTable({
  lines,
  now,
  timezone,
  names,
  customers,
  sites,
  places,
  label,
}: {
  lines: HubQueueLine[];
  now: number;
  timezone: string;
  names: Record<string, string>;
  customers: Record<string, string>;
  sites: Record<string, string>;
  places: ReturnType<typeof placesFrom>;
  label: string;
}) {
  if (lines.length === 0) return <p className="muted small">No conversation here now.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="queue-table hub-queue-table">
        <thead>
          <tr>
            <th scope="col">Conversation</th>
            <th scope="col">Channel</th>
            <th scope="col">Assignee</th>
            <th scope="col">Waiting</th>
            <th scope="col">Target</th>
            <th scope="col">Freshness</th>
          </tr>
        </thead>
        <tbody>
          {lines.map(({ row, clock, state }) => {
            const link = linkOf(row.conversationId, places, sites);
            const assignee = row.assigneeId === null ? 'Unassigned' : (row.assigneeName ?? names[row.assigneeId] ?? row.assigneeId);
            let target = row.statusKnown === 'unknown' ? 'Unknown' : 'No target';
            if (clock && state) {
              target = queueTargetText(clock, state, now, timezone);
            }
            return (
              <tr
                key={row.key}
                data-key={row.key}
                data-conversation-id={row.conversationId}
                data-state={state ?? ''}
                className={`queue-row state-${state ?? 'none'}`}
              >
                <td className="conv-id">
                  <ConversationName
                    conversationId={row.conversationId}
                    customer={customers[conversationKey(row.helpdesk, row.origin, row.conversationId)]}
                    link={link}
                  />
                  {row.priority ? <span className="badge">{row.priority}</span> : null}
                </td>
                <td>{row.channel ?? '—'}</td>
                <td className={row.assigneeId === null ? 'assignee-none' : undefined}>{assignee}</td>
                <td>
                  {row.waitingSince !== null && row.statusKnown === 'known' ? (
                    formatDuration((now - row.waitingSince) / 1000)
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="queue-target">{target}</td>
                <td className="hub-freshness" data-last-seen={row.lastSeenAt}>
                  {freshnessText(row.lastSeenAt, now)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
