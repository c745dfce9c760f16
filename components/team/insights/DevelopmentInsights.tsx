import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentTrend, AgentWeek, QualityAdjustedProductivity } from '@/lib/engine/analytics';
import { fullDefinition, percent, SmallFlag } from './figures';

const LINE_COLOURS = ['#1570ef', '#b54708', '#067647', '#6941c6', '#c11574', '#475467'];

type TrendMetric = 'resolutionRate' | 'qa' | 'csat';
const TREND_TITLES: Record<TrendMetric, string> = { resolutionRate: 'Resolution rate', qa: 'QA score', csat: 'CSAT' };

function weekShare(week: AgentWeek, metric: TrendMetric): { value: number | null; n: number } {
  if (metric === 'qa') return { value: week.qa.mean, n: week.qa.n };
  const rate = week[metric];
  return { value: rate.share, n: rate.n };
}

/** Rows for one metric's chart: one per week, one column per agent (percent, null = no figure). */
export function trendRows(
  trends: readonly AgentTrend[],
  weeks: readonly string[],
  metric: TrendMetric,
): Array<Record<string, string | number | null>> {
  return weeks.map((week, i) => {
    const row: Record<string, string | number | null> = { week: week.slice(5) };
    for (const t of trends) {
      const figure = weekShare(t.weeks[i], metric);
      row[t.agentId] = figure.value === null ? null : Math.round(figure.value * 1000) / 10;
      row[`${t.agentId}:n`] = figure.n;
    }
    return row;
  });
}

function TrendChart({ trends, weeks, metric }: { trends: AgentTrend[]; weeks: string[]; metric: TrendMetric }) {
  const data = trendRows(trends, weeks, metric);
  return (
    <figure className="chart insights-trend" data-trend={metric} title={fullDefinition('agentTrends')}>
      <figcaption>{TREND_TITLES[metric]} per week (hover a point for n).</figcaption>
      <LineChart width={380} height={150} data={data} margin={{ top: 6, right: 18, bottom: 0, left: -18 }}>
        <CartesianGrid strokeDasharray="2 4" stroke="#d0d5dd" />
        <XAxis dataKey="week" tick={{ fontSize: 10, fill: '#475467' }} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 10, fill: '#475467' }} unit="%" />
        <Tooltip
          isAnimationActive={false}
          formatter={(value, name, item) => {
            const n = (item?.payload as Record<string, unknown> | undefined)?.[`${String(name)}:n`];
            return [`${String(value)}% · n ${typeof n === 'number' ? n : 0}`, String(name)];
          }}
        />
        <Legend wrapperStyle={{ fontSize: 10 }} />
        {trends.map((t, i) => (
          <Line
            key={t.agentId}
            type="monotone"
            dataKey={t.agentId}
            stroke={LINE_COLOURS[i % LINE_COLOURS.length]}
            dot={{ r: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </figure>
  );
}

/** Quality-adjusted productivity per agent (the formula one click away) and per-agent trends. */
export function DevelopmentInsights({
  productivity,
  trends,
  weeks,
}: {
  productivity: QualityAdjustedProductivity[];
  trends: AgentTrend[];
  weeks: string[];
}) {
  const shown = trends.filter((t) => t.weeks.some((w) => w.resolutionRate.n + w.qa.n + w.csat.n > 0)).slice(0, LINE_COLOURS.length);
  return (
    <section className="insights-part" aria-labelledby="insights-development">
      <h4 id="insights-development">Agent development</h4>
      {productivity.length === 0 ? (
        <p className="muted small">No resolution or review in this period.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Quality-adjusted productivity">
          <table className="insights-table" title={fullDefinition('qualityAdjustedProductivity')} data-insight="productivity">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Resolved</th>
                <th scope="col" title={fullDefinition('qaScore')}>
                  QA mean
                </th>
                <th scope="col">Quality-adjusted</th>
              </tr>
            </thead>
            <tbody>
              {productivity.map((p) => (
                <tr key={p.agentId} data-agent={p.agentId} className={p.small ? 'small-sample' : undefined}>
                  <th scope="row">{p.agentId}</th>
                  <td data-column="resolved">{p.resolved}</td>
                  <td data-column="qa" data-n={p.qa.n}>
                    <span className="cell-value">{percent(p.qa.mean)}</span>
                    <span className="cell-n">
                      n {p.qa.n}
                      <SmallFlag small={p.small} n={p.qa.n} />
                    </span>
                  </td>
                  <td data-column="value" data-value={p.value ?? ''}>
                    {p.value === null ? '—' : (Math.round(p.value * 10) / 10).toString()}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="drill formula">
        <summary>How is quality-adjusted productivity computed?</summary>
        <p className="small">
          <code>quality-adjusted = resolved × mean QA score</code>
        </p>
        <p className="small">{fullDefinition('qualityAdjustedProductivity')}</p>
      </details>
      {shown.length ? (
        (['resolutionRate', 'qa', 'csat'] as const).map((metric) =>
          // A metric no agent has a figure for in any week gets a line of text, not an empty chart.
          shown.some((t) => t.weeks.some((w) => weekShare(w, metric).n > 0)) ? (
            <TrendChart key={metric} trends={shown} weeks={weeks} metric={metric} />
          ) : (
            <p key={metric} className="muted small" data-trend-empty={metric}>
              {TREND_TITLES[metric]}: no figures in these {weeks.length} weeks.
            </p>
          ),
        )
      ) : (
        <p className="muted small">No weekly figures yet for agent trends.</p>
      )}
    </section>
  );
}
