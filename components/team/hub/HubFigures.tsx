/**
 * The week's figures from the hub's reports: team totals and one row per agent (share of first,
 * next and resolution targets met, medians and p90, volume, CSAT, handle time). Every figure opens
 * the conversations behind it; exports are the report's CSV (one row per conversation) and its JSON.
 */
import { formatDuration } from '@/components/format';
import { agentText, ConversationName, useNames } from '@/components/names';
import { conversationKey } from '@/lib/messaging/protocol';
import { downloadText } from '@/components/me/download';
import type { HubReport } from '@/lib/hub/report-schema';
import {
  drillDown,
  drillTitle,
  linkOf,
  placeOf,
  placesFrom,
  reportCsv,
  useTeamHub,
  type DrillFigure,
} from '@/lib/sidepanel-state/team-hub';

type Summary = HubReport['summary'];

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function FigureButton({
  figure,
  agentId,
  text,
  n,
  label,
}: {
  figure: DrillFigure;
  agentId: string | null;
  text: string;
  n: number;
  label: string;
}) {
  const openDrill = useTeamHub((s) => s.openDrill);
  return (
    <button
      type="button"
      className="link figure-link"
      aria-label={`${label}: ${text}, n ${n}. Show the conversations`}
      onClick={() => openDrill(figure, agentId)}
    >
      <span className="cell-value">{text}</span> <span className="cell-n">n {n}</span>
    </button>
  );
}

function FigureCells({ summary, agentId, clock }: { summary: Summary; agentId: string | null; clock: 'calendar' | 'business' }) {
  const t = summary.targets;
  const d = (agg: Summary['firstResponse']) => `${formatDuration(agg[clock].median)} / ${formatDuration(agg[clock].p90)}`;
  return (
    <>
      <td data-column="conversations">
        <FigureButton
          figure={{ kind: 'conversations' }}
          agentId={agentId}
          text={String(summary.conversations)}
          n={summary.conversations}
          label="Conversations"
        />
      </td>
      {(['firstResponse', 'nextResponse', 'resolution'] as const).map((kind) => (
        <td key={kind} data-column={`${kind}-met`} data-value={t[kind].rate ?? ''}>
          <FigureButton
            figure={{ kind: 'target', clock: kind, result: 'met' }}
            agentId={agentId}
            text={percent(t[kind].rate)}
            n={t[kind].n}
            label={`${kind} targets met`}
          />
          {t[kind].n > t[kind].met ? (
            <button
              type="button"
              className="link small missed-link"
              onClick={() => useTeamHub.getState().openDrill({ kind: 'target', clock: kind, result: 'missed' }, agentId)}
            >
              {t[kind].n - t[kind].met} missed
            </button>
          ) : null}
        </td>
      ))}
      {(['firstResponse', 'reply', 'resolution'] as const).map((metric) => (
        <td key={metric} data-column={metric} data-median={summary[metric][clock].median ?? ''}>
          <FigureButton
            figure={{ kind: 'duration', metric }}
            agentId={agentId}
            text={d(summary[metric])}
            n={summary[metric][clock].n}
            label={`${metric} median / p90`}
          />
        </td>
      ))}
      <td data-column="csat" data-value={summary.csat.score ?? ''}>
        <FigureButton figure={{ kind: 'csat' }} agentId={agentId} text={percent(summary.csat.score)} n={summary.csat.n} label="CSAT" />
      </td>
      <td data-column="handle" data-median={summary.handleSeconds.median ?? ''}>
        <FigureButton
          figure={{ kind: 'handle' }}
          agentId={agentId}
          text={formatDuration(summary.handleSeconds.median)}
          n={summary.handleSeconds.n}
          label="Handle time"
        />
      </td>
    </>
  );
}

export function HubFigures({ clock }: { clock: 'calendar' | 'business' }) {
  const {
    report,
    agentReports,
    reportError,
    loadingReport,
    week,
    setWeek,
    names,
    rows,
    loadReport,
    queueFilters,
    figurePeriod,
    setFigurePeriod,
  } = useTeamHub();
  const { sites } = useNames();
  const filterText = [
    queueFilters.channel !== null ? `channel ${queueFilters.channel}` : null,
    queueFilters.priority !== null ? `priority ${queueFilters.priority}` : null,
    queueFilters.agent ? `agent ${agentText(names, queueFilters.agent)}` : null,
  ].filter((part) => part !== null);
  const places = placesFrom(rows.values());
  const weekKey = report?.period.week ?? '';
  return (
    <section className="team-block" aria-labelledby="hub-figures-title">
      <h3 id="hub-figures-title">
        Targets and times <span className="muted">· {weekKey || 'all data'} · from the hub’s report</span>
      </h3>
      <p className="small muted" data-figure-filters={filterText.join('; ')}>
        {filterText.length > 0
          ? `Filtered like the queue: ${filterText.join(', ')}.`
          : 'All channels, priorities and agents (the queue’s filters apply here too).'}
        {queueFilters.agent === '' ? ' “Unassigned” filters the queue only: figures credit agents.' : ''}
      </p>
      <div className="team-filters" role="group" aria-label="Report period">
        <label>
          Week{' '}
          <select value={week} onChange={(e) => setWeek(e.target.value as typeof week)}>
            <option value="thisWeek">This week</option>
            <option value="lastWeek">Last week</option>
          </select>
        </label>
        <label>
          Rows{' '}
          <select value={figurePeriod} onChange={(e) => setFigurePeriod(e.target.value as typeof figurePeriod)}>
            <option value="week">By agent, for the week</option>
            <option value="day">By day of the week</option>
          </select>
        </label>
        <button type="button" onClick={() => void loadReport()} disabled={loadingReport}>
          {loadingReport ? 'Reading…' : 'Refresh'}
        </button>
        {report ? (
          <>
            <button
              type="button"
              onClick={() => downloadText(`replyline-team-${weekKey}.csv`, reportCsv(report, names, places, sites), 'text/csv')}
            >
              Export CSV
            </button>
            <button
              type="button"
              onClick={() => downloadText(`replyline-team-${weekKey}.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json')}
            >
              Export JSON
            </button>
          </>
        ) : null}
      </div>
      {reportError ? (
        <p className="error" role="alert">
          {reportError}
        </p>
      ) : null}
      {report ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Team and agent figures">
          <table className="agent-table hub-figures">
            <thead>
              <tr>
                <th scope="col">{figurePeriod === 'day' ? 'Day' : 'Agent'}</th>
                <th scope="col" title="Conversations active in the week">
                  Volume
                </th>
                <th scope="col" title="Share of first response targets met">
                  First met
                </th>
                <th scope="col" title="Share of next response targets met">
                  Next met
                </th>
                <th scope="col" title="Share of resolution targets met">
                  Resolution met
                </th>
                <th scope="col" title={`First response median / p90 (${clock} time)`}>
                  First median / p90
                </th>
                <th scope="col" title={`Next response median / p90 (${clock} time)`}>
                  Next median / p90
                </th>
                <th scope="col" title={`Resolution median / p90 (${clock} time)`}>
                  Resolution median / p90
                </th>
                <th scope="col" title="Share of 4–5 ratings">
                  CSAT
                </th>
                <th scope="col" title="Median active handle time">
                  Handle
                </th>
              </tr>
            </thead>
            <tbody>
              <tr className="team-total" data-agent="*">
                <th scope="row">{figurePeriod === 'day' || queueFilters.agent ? 'Week' : 'Team'}</th>
                <FigureCells summary={report.summary} agentId={null} clock={clock} />
              </tr>
              {agentReports.map((a) => (
                <tr key={a.agentId} {...(figurePeriod === 'day' ? { 'data-day': a.agentId } : { 'data-agent': a.agentId })}>
                  <th scope="row">{a.name}</th>
                  <FigureCells summary={a.report.summary} agentId={a.agentId} clock={clock} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : loadingReport ? (
        <p className="muted">Reading the report…</p>
      ) : null}
      <DrillDown />
    </section>
  );
}

function DrillDown() {
  const { drill, report, agentReports, names, rows, closeDrill } = useTeamHub();
  const { customers, sites } = useNames();
  if (!drill || !report) return null;
  const source = drill.agentId === null ? report : agentReports.find((a) => a.agentId === drill.agentId)?.report;
  if (!source) return null;
  const list = drillDown(source, drill.figure);
  const places = placesFrom(rows.values());
  const who = drill.agentId === null ? 'Team' : agentText(names, drill.agentId);
  return (
    <div className="hub-drill" role="region" aria-label="Conversations behind the figure">
      <h4>
        {drillTitle(drill.figure)} · {who} <span className="muted">({list.length})</span>{' '}
        <button type="button" className="link" onClick={closeDrill}>
          Close
        </button>
      </h4>
      {list.length === 0 ? (
        <p className="muted small">No conversation.</p>
      ) : (
        <ul className="hub-drill-list small">
          {list.map((c) => {
            const link = linkOf(c.id, places, sites);
            const agent = c.agentId ?? c.assigneeId;
            const place = placeOf(c.id, places);
            const customer = place ? customers[conversationKey(place.helpdesk, place.origin, c.id)] : undefined;
            return (
              <li key={c.id} data-conversation-id={c.id}>
                <ConversationName conversationId={c.id} customer={customer} link={link} /> · {c.channel ?? 'no channel'} · {c.status} ·{' '}
                {agentText(names, agent)}
                {c.firstResponse ? ` · first reply ${formatDuration(c.firstResponse.seconds)}` : ''}
                {c.csat !== null ? ` · CSAT ${c.csat}` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
