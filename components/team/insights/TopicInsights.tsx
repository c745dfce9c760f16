import type { RepeatContacts, RisingTopic, TopicStats } from '@/lib/engine/analytics';
import { formatDuration } from '@/components/format';
import { fullDefinition, percent, RateFigure, SmallFlag } from './figures';

/** Topics (the helpdesk's tags), rising topics and repeat contacts. */
export function TopicInsights({
  topics,
  rising,
  repeat,
  clock,
  labels,
}: {
  topics: TopicStats[];
  rising: RisingTopic[];
  repeat: RepeatContacts;
  clock: 'business' | 'calendar';
  labels: ReadonlyMap<string, string>;
}) {
  return (
    <section className="insights-part" aria-labelledby="insights-topics">
      <h4 id="insights-topics">Topics</h4>
      {topics.length === 0 ? (
        <p className="muted small">No tagged conversation in this period.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Topics table">
          <table className="insights-table" title={fullDefinition('topics')} data-insight="topics">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col" title={fullDefinition('topics')}>
                  Volume
                </th>
                <th scope="col" title={fullDefinition('firstResponse')}>
                  First
                </th>
                <th scope="col" title={fullDefinition('resolution')}>
                  Resolution
                </th>
                <th scope="col" title={fullDefinition('reopens')}>
                  Reopen
                </th>
                <th scope="col" title={fullDefinition('csat')}>
                  CSAT
                </th>
              </tr>
            </thead>
            <tbody>
              {topics.map((t) => (
                <tr key={t.topic} data-topic={t.topic} className={t.small ? 'small-sample' : undefined}>
                  <th scope="row">
                    {t.topic}
                    <SmallFlag small={t.small} n={t.volume} />
                  </th>
                  <td data-column="volume">{t.volume}</td>
                  <td data-column="first-response">
                    <span className="cell-value">{formatDuration(t.firstResponse[clock].median)}</span>
                    <span className="cell-n">n {t.firstResponse[clock].n}</span>
                  </td>
                  <td data-column="resolution">
                    <span className="cell-value">{formatDuration(t.resolution[clock].median)}</span>
                    <span className="cell-n">n {t.resolution[clock].n}</span>
                  </td>
                  <td data-column="reopen">{percent(t.reopenRate)}</td>
                  <td data-column="csat">
                    <span className="cell-value">{percent(t.csat.score)}</span>
                    <span className="cell-n">n {t.csat.n}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small" title={fullDefinition('risingTopics')} data-insight="rising-topics">
        <strong>Rising this week: </strong>
        {rising.length === 0
          ? 'none'
          : rising.map((r, i) => (
              <span key={r.topic} data-topic={r.topic}>
                {i ? ', ' : ''}
                {r.topic} ({r.lastWeek} → {r.thisWeek})
              </span>
            ))}
      </p>
      <dl className="stats">
        <RateFigure
          label={`Repeat contacts (${repeat.withinDays} d)`}
          rate={repeat.rate}
          definition="repeatContacts"
          name="repeat-contacts"
        />
      </dl>
      {repeat.repeats.length ? (
        <details className="drill">
          <summary>{repeat.repeats.length} repeat contacts</summary>
          <ul className="id-list">
            {repeat.repeats.map((r) => (
              <li key={r.conversationId}>
                <span className="conv-id">{labels.get(r.conversationId) ?? r.conversationId}</span> after{' '}
                <span className="conv-id">{labels.get(r.previousConversationId) ?? r.previousConversationId}</span>{' '}
                <span className="muted">({formatDuration(r.gapSeconds)} apart)</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
