import { isoInZone } from '@/lib/export/context';
import { weekPeriodText } from '@/lib/export/week-export';
import type { MeData } from '@/lib/sidepanel-state/me';
import { selectedFigures } from '@/lib/sidepanel-state/me';
import { formatDuration } from '../format';
import { HEADLINES, isSmallSample, SMALL_SAMPLE_HINT, weekChange, type Scope } from '../../lib/measure/week-figures';
import { changeTitle, formatChange, formatValue } from './format';
import { TrendCharts } from './TrendCharts';
import { agentText, useNames } from '../names';

const TARGET_OF = { firstResponse: 'firstResponseSeconds', nextResponse: 'nextResponseSeconds', resolution: 'resolutionSeconds' } as const;

/** One week's figures on a page that prints to A4: the table, the trend and every definition in words. */
export function ReportPage({ data, week, scope }: { data: MeData; week: string; scope: Scope }) {
  const { agents } = useNames();
  const effectiveScope: Scope = scope === 'me' && data.mine ? 'me' : 'everyone';
  const selected = selectedFigures({ data, scope: effectiveScope, week });
  if (!selected) return <p className="error">No figures for {week}.</p>;
  const { current, previous, trend } = selected;
  const clock = data.settings.targets.clock;
  const who = effectiveScope === 'me' ? agentText(agents, data.agentId, 'Me') : 'Everyone';
  return (
    <article className="report" aria-label="Weekly report" data-week={week} data-scope={effectiveScope}>
      <div className="report-actions">
        <button type="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
      <h1>Replyline weekly report · {who}</h1>
      <p className="report-meta">
        {weekPeriodText({ week, period: current.period, calendar: data.settings.calendar })} · profile {data.settings.profile} · medians on{' '}
        {clock} time · evaluated {isoInZone(data.at, data.timezone).slice(0, 16).replace('T', ' ')}
      </p>

      <table>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Value</th>
            <th scope="col">p90</th>
            <th scope="col">Target · hit</th>
            <th scope="col">n</th>
            <th scope="col">vs {previous?.week ?? 'previous week'}</th>
          </tr>
        </thead>
        <tbody>
          {HEADLINES.map((headline) => {
            const value = headline.value(current, clock);
            const n = headline.n(current, clock);
            const change = weekChange(headline, current, previous, clock);
            const duration = headline.id in TARGET_OF ? (headline.id as keyof typeof TARGET_OF) : null;
            const aggregate = duration
              ? (duration === 'firstResponse'
                  ? current.summary.firstResponse
                  : duration === 'nextResponse'
                    ? current.summary.reply
                    : current.summary.resolution)[clock]
              : null;
            const target = duration ? data.settings.targets[TARGET_OF[duration]] : undefined;
            const hits = duration ? current.summary.targets[duration] : null;
            return (
              <tr key={headline.id} data-report-stat={headline.id} data-value={value ?? ''} data-n={n} title={headline.definition}>
                <th scope="row">{headline.label}</th>
                <td>{formatValue(value, headline.kind)}</td>
                <td>{aggregate ? formatDuration(aggregate.p90) : ''}</td>
                <td>
                  {duration
                    ? `${target === undefined ? 'none' : formatDuration(target)} · ${formatValue(hits?.rate ?? null, 'share')}`
                    : ''}
                </td>
                <td>
                  {n}
                  {isSmallSample(n) ? (
                    <span className="me-small" title={SMALL_SAMPLE_HINT}>
                      {' '}
                      small sample
                    </span>
                  ) : null}
                </td>
                <td className={`me-change-${change.verdict}`} title={changeTitle(change)}>
                  {formatChange(change, headline.kind) || '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>Trend, last {trend.length} weeks</h2>
      <div className="report-charts">
        <TrendCharts trend={trend} clock={clock} width={640} height={200} />
      </div>

      <h2>Definitions</h2>
      <dl className="report-definitions">
        {HEADLINES.map((headline) => (
          <div key={headline.id}>
            <dt>{headline.label}</dt>
            <dd>{headline.definition}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
