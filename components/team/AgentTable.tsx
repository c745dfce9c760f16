import { SMALL_SAMPLE, sortAgentRows, useTeam, type AgentColumn, type AgentRow, type Figure } from '@/lib/sidepanel-state/team';
import { definitionText, formatDuration } from '@/components/format';
import { agentText, useNames } from '../names';

interface Column {
  id: AgentColumn;
  label: string;
  title: string;
}

function columns(clock: 'business' | 'calendar'): Column[] {
  const time = clock === 'business' ? 'business time' : 'calendar time';
  // Speed sits beside CSAT and QA on purpose: a fast median with low satisfaction is not a win.
  return [
    {
      id: 'agentId',
      label: 'Agent',
      title: 'The agent credited with replies and resolutions (the replier, the resolver), or assigned now.',
    },
    { id: 'load', label: 'Load', title: 'Open conversations assigned to the agent now, against the capacity setting.' },
    { id: 'firstResponse', label: 'First', title: `First response: median, ${time}, with n. ${definitionText('firstResponse')}` },
    { id: 'nextResponse', label: 'Next', title: `Next response: median, ${time}, with n. ${definitionText('nextResponse')}` },
    { id: 'csat', label: 'CSAT', title: definitionText('csat') },
    { id: 'qa', label: 'QA', title: `Mean review score of the agent's conversations reviewed in the period. ${definitionText('qaScore')}` },
    { id: 'hitRate', label: 'Hit', title: `Target hit rate: met / (met + missed + breached). ${definitionText('targets')}` },
    { id: 'handle', label: 'Handle', title: `Median active handle time per conversation. ${definitionText('handleTime')}` },
  ];
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

function FigureCell({ column, figure, text }: { column: AgentColumn; figure: Figure; text: string }) {
  const small = figure.n > 0 && figure.n < SMALL_SAMPLE;
  return (
    <td data-column={column} data-value={figure.value ?? ''} data-n={figure.n} className={small ? 'small-sample' : undefined}>
      <span className="cell-value">{text}</span>
      <span className="cell-n" title={small ? `Small sample: fewer than ${SMALL_SAMPLE} values, read with care` : undefined}>
        n {figure.n}
        {small ? <span aria-label="small sample"> ⚠</span> : null}
      </span>
    </td>
  );
}

export function AgentTable({ rows, clock }: { rows: AgentRow[]; clock: 'business' | 'calendar' }) {
  const { sort, sortBy } = useTeam();
  const { agents } = useNames();
  const sorted = sortAgentRows(rows, sort.column, sort.direction);
  const cols = columns(clock);
  return (
    <section className="team-block" aria-labelledby="team-agents-title">
      <h3 id="team-agents-title">Agents</h3>
      {rows.length === 0 ? (
        <p className="muted small">No agent has replies, resolutions or open conversations in this period.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Agents table">
          <table className="agent-table">
            <thead>
              <tr>
                {cols.map((c) => {
                  const active = sort.column === c.id;
                  return (
                    <th
                      key={c.id}
                      scope="col"
                      title={c.title}
                      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    >
                      <button type="button" className="sort" onClick={() => sortBy(c.id)} data-sort={c.id}>
                        {c.label}
                        <span aria-hidden="true" className="sort-mark">
                          {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.agentId} data-agent={row.agentId}>
                  <th scope="row">{agentText(agents, row.agentId)}</th>
                  <td
                    data-column="load"
                    data-value={row.load}
                    data-open={row.open}
                    data-capacity={row.capacity}
                    className={row.load > 1 ? 'over-capacity' : undefined}
                  >
                    <span className="cell-value">
                      {row.open}/{row.capacity}
                    </span>
                    <span className="load-bar" aria-hidden="true">
                      <span style={{ width: `${Math.min(1, row.load) * 100}%` }} />
                    </span>
                  </td>
                  <FigureCell column="firstResponse" figure={row.firstResponse} text={formatDuration(row.firstResponse.value)} />
                  <FigureCell column="nextResponse" figure={row.nextResponse} text={formatDuration(row.nextResponse.value)} />
                  <FigureCell column="csat" figure={row.csat} text={percent(row.csat.value)} />
                  <FigureCell column="qa" figure={row.qa} text={percent(row.qa.value)} />
                  <FigureCell column="hitRate" figure={row.hitRate} text={percent(row.hitRate.value)} />
                  <FigureCell column="handle" figure={row.handle} text={formatDuration(row.handle.value)} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        First, Next: first and next response medians; Hit: target hit rate; Handle: median active handle time. Each with n; ⚠ marks fewer
        than {SMALL_SAMPLE} values. Read speed beside CSAT and QA: a faster median is not better on its own.
      </p>
    </section>
  );
}
