import type { AutomationSummary } from '@/lib/engine/analytics';
import { DurationFigure, fullDefinition, percent, RateCell, RateFigure } from './figures';

/** Deflection, hand-off rate, time to hand-off, CSAT bot vs human, one-touch by channel. */
export function AutomationInsights({ automation, clock }: { automation: AutomationSummary; clock: 'business' | 'calendar' }) {
  const { csat } = automation;
  const channels = Object.entries(automation.oneTouchByChannel);
  return (
    <section className="insights-part" aria-labelledby="insights-automation">
      <h4 id="insights-automation">
        Automation{' '}
        <span className="muted">
          · {automation.botTouched} bot-touched of {automation.conversations}
        </span>
      </h4>
      <dl className="stats">
        <RateFigure label="Deflection" rate={automation.deflection} definition="deflection" name="deflection" />
        <RateFigure label="Hand-off rate" rate={automation.handoffRate} definition="handoffRate" name="handoff-rate" />
        <DurationFigure
          label="Time to hand-off"
          aggregate={automation.timeToHandoff[clock]}
          definition="handoffRate"
          name="time-to-handoff"
        />
      </dl>
      <table className="insights-table" title={fullDefinition('automationCsat')} data-insight="automation-csat">
        <caption>CSAT after automation vs human</caption>
        <thead>
          <tr>
            <th scope="col">Bot-resolved</th>
            <th scope="col">Human replied</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <RateCell rate={csat.automated} name="csat-automated" />
            <RateCell rate={csat.humanHandled} name="csat-human" />
            <td data-column="csat-difference" data-value={csat.difference ?? ''}>
              {csat.difference === null ? '—' : `${csat.difference > 0 ? '+' : ''}${Math.round(csat.difference * 100)} pts`}
            </td>
          </tr>
        </tbody>
      </table>
      {channels.length ? (
        <table className="insights-table" title={fullDefinition('oneTouchByChannel')} data-insight="one-touch-by-channel">
          <caption>One-touch resolution by channel</caption>
          <thead>
            <tr>
              {channels.map(([channel]) => (
                <th key={channel} scope="col">
                  {channel}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {channels.map(([channel, rate]) => (
                <RateCell key={channel} rate={rate} name={channel} />
              ))}
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted small">No resolved conversation in this period: no one-touch figure ({percent(null)}).</p>
      )}
    </section>
  );
}
