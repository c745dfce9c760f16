import { usePanel, type NowView as NowData } from '@/lib/sidepanel-state/store';
import type { HealthRecord } from '@/lib/storage/schema';
import { CSAT_SATISFIED_MIN, CES_EASY_MIN } from '@/lib/engine/definitions';
import { Timer } from './Timer';
import { HealthLine } from './HealthLine';
import { definitionText, formatAge, formatClockTime, formatDuration } from './format';
import { isStale, lastSeenAt } from '@/lib/measure/freshness';
import { EffortCues } from './now/EffortCues';
import { Checklist } from './now/Checklist';
import { OutcomeTags } from './now/OutcomeTags';
import { BadgeLegend } from './now/BadgeLegend';
import './now/now.css';

export function NowView({ data, health, now, timezone }: { data: NowData | null; health: HealthRecord[]; now: number; timezone: string }) {
  const saveReviewAnswers = usePanel((s) => s.saveReviewAnswers);
  const setOutcomeTags = usePanel((s) => s.setOutcomeTags);
  if (!data) {
    return (
      <section aria-label="Now">
        <p className="empty">Open a conversation in your helpdesk to see its timers here.</p>
        <BadgeLegend />
        <HealthLine records={health} />
      </section>
    );
  }
  const plan = data.plan;
  const cues = plan?.cues;
  const waitingSince = plan?.waitingSince ?? null;
  const csat = data.metrics?.csat;
  const ces = data.metrics?.ces;
  return (
    <section aria-label="Now" className="now">
      <header className="conv-head">
        <h2>
          Conversation <span className="conv-id">{data.conversationId}</span>
        </h2>
        {plan?.unverified ? (
          <span
            className="badge badge-unverified"
            title={`Some times could not be read exactly (${[...(data.record?.missingFromList ?? []), ...(data.record?.missingFromView ?? [])].join(', ')}); its durations are kept out of aggregates.`}
          >
            Unverified
          </span>
        ) : null}
        {data.record?.status ? <span className={`badge badge-status status-${data.record.status}`}>{data.record.status}</span> : null}
        {csat !== undefined ? (
          <span
            className={`badge badge-rating ${csat >= CSAT_SATISFIED_MIN ? 'rating-good' : 'rating-poor'}`}
            title={definitionText('csat')}
            data-csat={csat}
          >
            CSAT {csat}/5
          </span>
        ) : null}
        {ces !== undefined ? (
          <span
            className={`badge badge-rating ${ces >= CES_EASY_MIN ? 'rating-good' : 'rating-poor'}`}
            title={definitionText('ces')}
            data-ces={ces}
          >
            CES {ces}/7
          </span>
        ) : null}
      </header>

      {data.record ? (
        <NowFreshness seenAt={lastSeenAt(data.record)} stale={isStale(data.record, now)} now={now} timezone={timezone} />
      ) : null}

      <div className={`wait ${waitingSince !== null ? 'wait-on' : ''}`} title={definitionText('waitingSince')}>
        {waitingSince !== null ? (
          <>
            <span className="wait-label">Customer waiting</span>
            <span className="wait-value">{formatDuration((now - waitingSince) / 1000)}</span>
            <span className="wait-since">since {formatClockTime(waitingSince, timezone)}</span>
          </>
        ) : (
          <span className="wait-label">{data.record?.status === 'resolved' ? 'Resolved' : 'Nobody waiting for a reply'}</span>
        )}
      </div>

      {plan && plan.clocks.length > 0 ? (
        <ul className="timers" aria-label="Timers">
          {plan.clocks.map((clock) => (
            <Timer key={`${clock.kind}-${clock.startedAt}`} clock={clock} now={now} timezone={timezone} />
          ))}
        </ul>
      ) : (
        <p className="muted">
          {data.record ? 'No timers: the thread has not been read yet.' : 'This conversation has not been stored yet.'}
        </p>
      )}

      {data.metrics ? (
        <p className="muted small handle" title={definitionText('handleTime')}>
          Active handle time {formatDuration(data.metrics.handleSeconds)}
        </p>
      ) : null}

      {cues ? <EffortCues cues={cues} /> : null}

      {data.template ? (
        <Checklist
          template={data.template}
          review={data.review}
          autoChecks={data.autoChecks}
          onAnswers={(answers) => void saveReviewAnswers(answers)}
        />
      ) : null}

      <OutcomeTags tags={data.outcome?.tags ?? []} onChange={(tags) => void setOutcomeTags(tags)} />

      <BadgeLegend />
      <HealthLine records={health} />
    </section>
  );
}

/** How fresh what Now shows is: when a page last showed this conversation (or its helpdesk's API confirmed it). */
function NowFreshness({ seenAt, stale, now, timezone }: { seenAt: number; stale: boolean; now: number; timezone: string }) {
  return (
    <p className={`freshness small ${stale ? 'freshness-stale' : 'muted'}`} data-as-of={seenAt} data-stale={stale}>
      {stale
        ? `Not seen since ${formatClockTime(seenAt, timezone)} (${formatAge(now - seenAt)}): its state now is not known.`
        : `As of ${formatAge(now - seenAt)}`}
    </p>
  );
}
