import { OUTCOMES, type ImpactSummary, type OutcomeTag } from '@/lib/engine/analytics';
import { formatDuration } from '@/components/format';
import { fullDefinition, money, percent, RateCell, RateFigure, SmallFlag } from './figures';
import { SMALL_SAMPLE_MIN } from '@/lib/engine/definitions';

export const OUTCOME_LABELS: Record<OutcomeTag, string> = {
  retention: 'Retention',
  renewal: 'Renewal',
  upsell: 'Upsell',
  'churn-risk': 'Churn risk',
};

/** Outcome counts and shares (all and by agent), cost per conversation beside the automation share. */
export function ValueInsights({ impact }: { impact: ImpactSummary }) {
  const agents = Object.entries(impact.outcomesByAgent);
  const cost = impact.cost;
  const costSmall = cost !== null && cost.perConversation.n < SMALL_SAMPLE_MIN;
  return (
    <section className="insights-part" aria-labelledby="insights-value">
      <h4 id="insights-value">Value</h4>
      <dl className="stats">
        <div
          className={`stat insight-stat${costSmall ? ' is-small' : ''}`}
          title={fullDefinition('costPerConversation')}
          data-insight="cost-per-conversation"
          data-value={cost?.perConversation.median ?? ''}
          data-n={cost?.perConversation.n ?? 0}
        >
          <dt>Cost / conversation</dt>
          {cost ? (
            <>
              <dd className="stat-value">{money(cost.perConversation.median)}</dd>
              <dd className="stat-sub">
                p90 {money(cost.perConversation.p90)} · n {cost.perConversation.n}
                {cost.unknown ? ` · ${cost.unknown} unknown` : ''}
                <SmallFlag small={costSmall} n={cost.perConversation.n} />
              </dd>
            </>
          ) : (
            <dd className="stat-sub">Set an hourly cost in Settings to see costs.</dd>
          )}
        </div>
        <RateFigure label="Automation share" rate={impact.automationShare} definition="deflection" name="automation-share" />
        <div
          className="stat insight-stat"
          title={fullDefinition('costPerConversation')}
          data-insight="cost-total"
          data-value={cost?.total ?? ''}
        >
          <dt>Total cost</dt>
          <dd className="stat-value">{cost ? money(cost.total) : '—'}</dd>
          <dd className="stat-sub">at {cost ? money(cost.hourlyCost) : '—'} an hour</dd>
        </div>
      </dl>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Outcomes by agent">
        <table className="insights-table" title={fullDefinition('outcomes')} data-insight="outcomes">
          <caption>Outcomes: count / conversations in scope</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              {OUTCOMES.map((o) => (
                <th key={o} scope="col">
                  {OUTCOME_LABELS[o]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr data-agent="all">
              <th scope="row">All ({impact.conversations})</th>
              {OUTCOMES.map((o) => (
                <RateCell key={o} rate={impact.outcomes[o]} name={o} />
              ))}
            </tr>
            {agents.map(([agent, counts]) => (
              <tr key={agent} data-agent={agent}>
                <th scope="row">{agent}</th>
                {OUTCOMES.map((o) => (
                  <RateCell key={o} rate={counts[o]} name={o} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {impact.weeks.length > 1 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Value per week">
          <table className="insights-table" title={fullDefinition('costPerConversation')} data-insight="value-weeks">
            <caption>Per week</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Conv.</th>
                <th scope="col">Resolved</th>
                <th scope="col">Automated</th>
                <th scope="col">Handle</th>
                <th scope="col">Cost</th>
                <th scope="col">CSAT</th>
              </tr>
            </thead>
            <tbody>
              {impact.weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  <td>{w.conversations}</td>
                  <td>{w.resolved}</td>
                  <td>{percent(w.automationShare.share)}</td>
                  <td>{formatDuration(w.handleHours * 3600)}</td>
                  <td>{w.cost ? money(w.cost.total) : '—'}</td>
                  <td>
                    {percent(w.csat.share)} <span className="muted">n {w.csat.n}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
