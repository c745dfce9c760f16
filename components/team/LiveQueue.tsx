import { QUEUE_LISTS, useTeam, type LiveQueue as Queue, type QueueRow, type StaleRow } from '@/lib/sidepanel-state/team';
import { definitionText, formatAge, formatClockTime, formatDuration, queueTargetText } from '@/components/format';
import type { BreachForecast } from '@/lib/engine/analytics';
import { ForecastNote } from './insights/ForecastNote';
import { agentText, ConversationName, useNames } from '../names';

/** Counts per list (each a toggle for the list below) and the conversations of the chosen list. */
export function LiveQueue({
  queue,
  now,
  timezone,
  forecasts,
}: {
  queue: Queue;
  now: number;
  timezone: string;
  forecasts?: ReadonlyMap<string, BreachForecast>;
}) {
  const { queueList, showQueueList } = useTeam();
  // Read once for the table, not once per row: each reader re-reads the names store on every data change.
  const names = useNames();
  const chosen = QUEUE_LISTS.find((l) => l.id === queueList) ?? QUEUE_LISTS[1];
  const rows = queue.rows.filter((r) => r.lists.includes(chosen.id));
  return (
    <section className="team-block" aria-labelledby="team-queue-title">
      <h3 id="team-queue-title">
        Live queue <span className="muted">· {queue.counts.open} open now</span>{' '}
        <Freshness asOf={queue.asOf} now={now} timezone={timezone} />
      </h3>
      <div className="queue-counts" role="group" aria-label="Queue lists">
        {QUEUE_LISTS.map((list) => (
          <button
            key={list.id}
            type="button"
            className={`queue-count queue-${list.id}`}
            aria-pressed={list.id === chosen.id}
            title={list.definition}
            data-list={list.id}
            data-count={queue.counts[list.id]}
            onClick={() => showQueueList(list.id)}
          >
            <span className="queue-count-value">{queue.counts[list.id]}</span>
            <span className="queue-count-label">{list.label}</span>
          </button>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="muted small">No conversation is {chosen.label.toLowerCase()} now.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${chosen.label} conversations`}>
          <table className="queue-table" data-list={chosen.id}>
            <thead>
              <tr>
                <th scope="col">Conversation</th>
                <th scope="col">Channel</th>
                <th scope="col">Assignee</th>
                <th scope="col" title={definitionText('waitingSince')}>
                  Waiting
                </th>
                <th scope="col" title={definitionText('targets')}>
                  Target
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <QueueLine
                  key={row.conversation.key}
                  row={row}
                  now={now}
                  timezone={timezone}
                  forecast={forecasts?.get(row.conversation.key)}
                  names={names}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <StaleList rows={queue.stale} now={now} timezone={timezone} />
    </section>
  );
}

/** "as of 2 min ago": the oldest reading the counts rest on, with its clock time on hover. */
export function Freshness({ asOf, now, timezone }: { asOf: number | null; now: number; timezone: string }) {
  if (asOf === null) return <span className="freshness muted">· nothing observed here yet</span>;
  return (
    <span
      className="freshness muted"
      data-as-of={asOf}
      title={`The counts rest on what pages of the helpdesk showed or its API confirmed, the oldest at ${formatClockTime(asOf, timezone)}.`}
    >
      · as of {formatAge(now - asOf)}
    </span>
  );
}

const STATUS_TEXT: Record<string, string> = { open: 'open', pending: 'pending', snoozed: 'snoozed' };

/** Believed open, not seen for a while: not counted above, never at risk or breached. */
function StaleList({ rows, now, timezone }: { rows: StaleRow[]; now: number; timezone: string }) {
  if (rows.length === 0) return null;
  return (
    <details className="queue-stale" data-count={rows.length} open>
      <summary>
        {rows.length} not seen for a while <span className="muted">· state unknown, counted nowhere above</span>
      </summary>
      <p className="muted small">
        Last read as open, then no page showed them. Replyline asks the helpdesk’s own API where it can (Zendesk, Chatwoot, Zammad, Demo
        Desk) while one of its tabs is open; others update when a page shows them again.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Conversations not seen for a while">
        <table className="queue-table queue-stale-table">
          <thead>
            <tr>
              <th scope="col">Conversation</th>
              <th scope="col">Last read as</th>
              <th scope="col">Not seen since</th>
              <th scope="col">Update</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ conversation, seenAt, reconciled }) => (
              <tr
                key={conversation.key}
                data-conversation-id={conversation.conversationId}
                data-seen-at={seenAt}
                className="queue-stale-row"
              >
                <td className="conv-id">
                  {conversation.conversationId} <span className="muted small">{conversation.helpdesk}</span>
                </td>
                <td>{conversation.status ? (STATUS_TEXT[conversation.status] ?? conversation.status) : 'unknown'}</td>
                <td>
                  {formatClockTime(seenAt, timezone)} <span className="muted">({formatAge(now - seenAt)})</span>
                </td>
                <td className="muted small">{reconciled ? 'asked of its API while a tab is open' : 'when a page shows it'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function QueueLine({
  row,
  now,
  timezone,
  forecast,
  names: { agents, customers },
}: {
  row: QueueRow;
  now: number;
  timezone: string;
  forecast?: BreachForecast;
  names: ReturnType<typeof useNames>;
}) {
  const { conversation, waitingSince, clock, state } = row;
  const assignee = conversation.assigneeId === null ? 'Unassigned' : agentText(agents, conversation.assigneeId, 'unknown');
  let target = 'No target';
  if (clock && state) {
    target = queueTargetText(clock, state, now, timezone);
  }
  return (
    <tr
      data-conversation-id={conversation.conversationId}
      data-state={state ?? ''}
      data-source={conversation.source}
      className={`queue-row state-${state ?? 'none'}`}
    >
      <td className="conv-id">
        <ConversationName conversationId={conversation.conversationId} customer={customers[conversation.key]} />
        {conversation.source === 'imported' ? (
          <span className="badge queue-imported" title="From an imported export, not observed in this browser">
            imported
          </span>
        ) : null}
        {conversation.plan?.unverified ? (
          <span className="badge badge-unverified" title="Some times could not be read exactly">
            unverified
          </span>
        ) : null}
      </td>
      <td>{conversation.channel ?? '—'}</td>
      <td className={conversation.assigneeId === null ? 'assignee-none' : undefined}>{assignee}</td>
      <td className="queue-wait" data-waiting-since={waitingSince ?? ''}>
        {waitingSince !== null ? (
          <>
            <span className="queue-wait-value">{formatDuration((now - waitingSince) / 1000)}</span>
            <span className="queue-wait-since"> since {formatClockTime(waitingSince, timezone)}</span>
          </>
        ) : (
          <span className="muted">not waiting</span>
        )}
      </td>
      <td className="queue-target">
        {target}
        {row.waitingSince !== null ? <ForecastNote forecast={forecast} /> : null}
      </td>
    </tr>
  );
}
