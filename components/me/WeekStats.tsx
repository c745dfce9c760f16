import type { TargetHitRate } from '@/lib/engine/types';
import type { TargetSettings } from '@/lib/settings/model';
import { formatDuration } from '../format';
import {
  HEADLINES,
  isSmallSample,
  SMALL_SAMPLE_HINT,
  weekChange,
  type Clock,
  type Headline,
  type WeekFigures,
} from '../../lib/measure/week-figures';
import { changeTitle, formatChange, formatValue } from './format';

type DurationId = 'firstResponse' | 'nextResponse' | 'resolution';

function durationDetail(id: DurationId, figures: WeekFigures, clock: Clock, targets: TargetSettings) {
  const aggregate =
    id === 'firstResponse' ? figures.summary.firstResponse : id === 'nextResponse' ? figures.summary.reply : figures.summary.resolution;
  const target =
    id === 'firstResponse' ? targets.firstResponseSeconds : id === 'nextResponse' ? targets.nextResponseSeconds : targets.resolutionSeconds;
  const hits: TargetHitRate = figures.summary.targets[id === 'resolution' ? 'resolution' : id];
  return { p90: aggregate[clock].p90, target: target ?? null, hits };
}

function HeadlineCard({
  headline,
  current,
  previous,
  clock,
  targets,
}: {
  headline: Headline;
  current: WeekFigures;
  previous: WeekFigures | null;
  clock: Clock;
  targets: TargetSettings;
}) {
  const value = headline.value(current, clock);
  const n = headline.n(current, clock);
  const change = weekChange(headline, current, previous, clock);
  const isDuration = headline.id === 'firstResponse' || headline.id === 'nextResponse' || headline.id === 'resolution';
  const detail = isDuration ? durationDetail(headline.id as DurationId, current, clock, targets) : null;
  return (
    <div className="stat me-stat" title={headline.definition} data-week-stat={headline.id}>
      <dt>{headline.label}</dt>
      <dd className="stat-value" data-value={value ?? ''}>
        {formatValue(value, headline.kind)}
      </dd>
      <dd className="stat-sub" data-n={n} data-p90-seconds={detail ? (detail.p90 ?? '') : undefined}>
        {detail ? `p90 ${formatDuration(detail.p90)} · ` : ''}n {n}
        {isSmallSample(n) ? (
          <span className="me-small" title={SMALL_SAMPLE_HINT}>
            {' '}
            · small sample
          </span>
        ) : null}
      </dd>
      {detail ? (
        <dd className="me-target" data-target-seconds={detail.target ?? ''} data-hit-rate={detail.hits.rate ?? ''}>
          {detail.target === null
            ? 'no target'
            : `target ${formatDuration(detail.target)} · hit ${formatValue(detail.hits.rate, 'share')} of ${detail.hits.n}`}
        </dd>
      ) : null}
      <dd
        className={`me-change me-change-${change.verdict}`}
        title={changeTitle(change)}
        data-delta={change.delta ?? ''}
        data-verdict={change.verdict}
      >
        {formatChange(change, headline.kind) || 'no prior figure'}
      </dd>
    </div>
  );
}

/** The selected week's headline numbers, each with n, definition on hover and the change from the week before. */
export function WeekStats({
  current,
  previous,
  clock,
  targets,
  label,
}: {
  current: WeekFigures;
  previous: WeekFigures | null;
  clock: Clock;
  targets: TargetSettings;
  label: string;
}) {
  return (
    <section className="block" aria-label={label}>
      <h3>{label}</h3>
      <dl className="stats me-stats">
        {HEADLINES.map((headline) => (
          <HeadlineCard key={headline.id} headline={headline} current={current} previous={previous} clock={clock} targets={targets} />
        ))}
      </dl>
    </section>
  );
}
