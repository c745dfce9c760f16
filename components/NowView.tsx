import type { NowView as NowData } from '@/lib/sidepanel-state/store';
import type { HealthRecord } from '@/lib/storage/schema';
import { Timer } from './Timer';
import { HealthLine } from './HealthLine';
import { definitionText, formatClockTime, formatDuration } from './format';

export function NowView({ data, health, now, timezone }: { data: NowData | null; health: HealthRecord[]; now: number; timezone: string }) {
  if (!data) {
    return (
      <section aria-label="Now">
        <p className="empty">Open a conversation in your helpdesk to see its timers here.</p>
        <HealthLine records={health} />
      </section>
    );
  }
  const plan = data.plan;
  const cues = plan?.cues;
  const waitingSince = plan?.waitingSince ?? null;
  return (
    <section aria-label="Now">
      <header className="conv-head">
        <h2>
          Conversation <span className="conv-id">{data.conversationId}</span>
        </h2>
        {plan?.unverified ? (
          <span className="badge badge-unverified" title={`Some times could not be read exactly (${[...(data.record?.missingFromList ?? []), ...(data.record?.missingFromView ?? [])].join(', ')}); its durations are kept out of aggregates.`}>
            Unverified
          </span>
        ) : null}
        {data.record?.status ? <span className="badge">{data.record.status}</span> : null}
      </header>

      <div className="wait" title={definitionText('waitingSince')}>
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
        <p className="muted">{data.record ? 'No timers: the thread has not been read yet.' : 'This conversation has not been stored yet.'}</p>
      )}

      {cues ? (
        <div className="cues" title={definitionText('effort')} aria-label="Effort cues">
          <span className="cues-title">Effort {cues.score}</span>
          <Cue label="unanswered follow-ups" value={cues.unansweredFollowUps} />
          <Cue label="reopens" value={cues.reopens} />
          <Cue label="transfers" value={cues.transfers} />
          {cues.longWait ? <span className="cue cue-on">long wait</span> : null}
        </div>
      ) : null}

      {data.metrics ? (
        <p className="muted small" title={definitionText('handleTime')}>
          Active handle time {formatDuration(data.metrics.handleSeconds)}
        </p>
      ) : null}

      <HealthLine records={health} />
    </section>
  );
}

function Cue({ label, value }: { label: string; value: number }) {
  return <span className={`cue ${value > 0 ? 'cue-on' : ''}`}>{`${value} ${label}`}</span>;
}
