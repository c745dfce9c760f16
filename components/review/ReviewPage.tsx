/** The weekly review: this week vs last week vs target for every metric, what moved most, the ids behind each number. */
import { useMemo, useState } from 'react';
import type { ReviewLine, WeeklyReview } from '@/lib/engine/analytics';
import { getDb } from '@/lib/storage/db';
import { saveSettings } from '@/lib/storage/settings';
import type { OutcomeRecord } from '@/lib/storage/schema';
import { analyticsInputs, buildWeeklyReview, labelsOf, reviewWeeks } from '@/components/team/insights/insights-data';
import { fullDefinition, SMALL_SAMPLE_TEXT } from '@/components/team/insights/figures';
import { formatChange, formatLineValue, REVIEW_DEFINITIONS, REVIEW_LABELS, type ReviewData } from './review-data';
import './review.css';
import { agentText, useNames } from '../names';

export type ReviewScope = 'team' | 'me';

function lineTitle(line: ReviewLine): string {
  const id = REVIEW_DEFINITIONS[line.id];
  return id ? fullDefinition(id) : 'Conversations created in the week (verified ones).';
}

function Line({ line, labels, moved }: { line: ReviewLine; labels: ReadonlyMap<string, string>; moved: boolean }) {
  const [open, setOpen] = useState(false);
  const tone = line.better === null ? 'flat' : line.better ? 'better' : 'worse';
  const ids = labelsOf(line.ids, labels);
  return (
    <>
      <tr data-line={line.id} className={`review-line tone-${tone}${moved ? ' moved' : ''}`} title={lineTitle(line)}>
        <th scope="row">
          {REVIEW_LABELS[line.id]}
          {line.small ? (
            <span className="small-flag" title={SMALL_SAMPLE_TEXT} aria-label="small sample">
              {' '}
              ⚠
            </span>
          ) : null}
        </th>
        <td data-column="this-week" data-value={line.thisWeek ?? ''}>
          <button
            type="button"
            className="drill-button"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            data-drill={line.id}
            title={`The ${line.ids.length} conversations behind this number`}
          >
            {formatLineValue(line.unit, line.thisWeek)}
          </button>
          <span className="cell-n">n {line.n}</span>
        </td>
        <td data-column="last-week" data-value={line.lastWeek ?? ''}>
          {formatLineValue(line.unit, line.lastWeek)}
          <span className="cell-n">n {line.lastN}</span>
        </td>
        <td data-column="change" data-value={line.change ?? ''}>
          {formatChange(line)}
          {line.relativeChange !== null ? (
            <span className="cell-n">{`${line.relativeChange > 0 ? '+' : ''}${Math.round(line.relativeChange * 100)}%`}</span>
          ) : null}
        </td>
        <td
          data-column="target"
          data-value={line.target ?? ''}
          className={line.meetsTarget === null ? undefined : line.meetsTarget ? 'meets' : 'misses'}
        >
          {line.target === null ? '—' : formatLineValue(line.unit, line.target)}
          {line.meetsTarget === null ? null : <span className="cell-n">{line.meetsTarget ? 'met' : 'not met'}</span>}
        </td>
      </tr>
      {open ? (
        <tr className="drill-row" data-drill-list={line.id}>
          <td colSpan={5}>
            {ids.length === 0 ? (
              <span className="muted">No conversation behind this number.</span>
            ) : (
              <ul className="id-list" aria-label={`Conversations behind ${REVIEW_LABELS[line.id]}`}>
                {ids.map((id, i) => (
                  <li key={`${line.ids[i]}`} className="conv-id" data-conversation-key={line.ids[i]}>
                    {id}
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function ReviewTable({ review, labels }: { review: WeeklyReview; labels: ReadonlyMap<string, string> }) {
  return (
    <table className="review-table" data-week={review.week}>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">{review.week}</th>
          <th scope="col">{review.previousWeek}</th>
          <th scope="col">Change</th>
          <th scope="col">Target</th>
        </tr>
      </thead>
      <tbody>
        {review.lines.map((line) => (
          <Line key={line.id} line={line} labels={labels} moved={review.movedMost.includes(line.id)} />
        ))}
      </tbody>
      {review.lines.some((line) => line.small) ? (
        <tfoot>
          <tr className="review-legend">
            <td colSpan={5}>
              <span aria-hidden="true">⚠</span> {SMALL_SAMPLE_TEXT}: a median of a handful of conversations moves a lot from week to week.
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

export function ReviewPage({
  data,
  outcomes,
  initialScope,
  initialWeek,
  now,
}: {
  data: ReviewData;
  outcomes: OutcomeRecord[];
  initialScope: ReviewScope;
  initialWeek: string | null;
  now: number;
}) {
  const { team, detail, me } = data;
  const { agents } = useNames();
  const myName = agentText(agents, me, '');
  const timezone = team.settings.calendar.timezone;
  const weeks = useMemo(() => reviewWeeks(now, timezone), [now, timezone]);
  const [scope, setScope] = useState<ReviewScope>(initialScope === 'me' && me ? 'me' : 'team');
  const [week, setWeek] = useState(initialWeek && weeks.includes(initialWeek) ? initialWeek : weeks[0]);
  const [reminder, setReminder] = useState(Boolean(team.settings.weeklyReviewReminder));
  const inputs = useMemo(
    () => analyticsInputs(team.conversations, detail, team.reviews, outcomes, { channel: null, agent: scope === 'me' ? me : null }),
    [team, detail, outcomes, scope, me],
  );
  const review = useMemo(() => buildWeeklyReview(inputs, team.settings, week), [inputs, team.settings, week]);
  const moved = review.movedMost.map((id) => review.lines.find((l) => l.id === id)!);

  const toggleReminder = async (on: boolean) => {
    setReminder(on);
    await saveSettings(await getDb(), { weeklyReviewReminder: on });
  };

  return (
    <main className="review" aria-labelledby="review-title">
      <header className="review-head">
        <h1 id="review-title" title={fullDefinition('weeklyReview')}>
          Weekly review · {scope === 'me' ? myName : 'Team'}
        </h1>
        <div className="review-controls">
          <div role="group" aria-label="Scope" className="scope-toggle">
            <button type="button" aria-pressed={scope === 'team'} onClick={() => setScope('team')}>
              Team
            </button>
            <button
              type="button"
              aria-pressed={scope === 'me'}
              disabled={!me}
              onClick={() => setScope('me')}
              title={me ? `Only conversations of ${myName}` : 'No signed-in agent seen yet'}
            >
              Me
            </button>
          </div>
          <label>
            Week{' '}
            <select value={week} onChange={(e) => setWeek(e.target.value)}>
              {weeks.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <section className="moved" aria-labelledby="moved-title">
        <h2 id="moved-title">What moved most</h2>
        {moved.length === 0 ? (
          <p className="muted small">Nothing with enough data in both weeks to compare.</p>
        ) : (
          <ul>
            {moved.map((line) => (
              <li key={line.id} data-moved={line.id} className={`tone-${line.better === null ? 'flat' : line.better ? 'better' : 'worse'}`}>
                <strong>{REVIEW_LABELS[line.id]}</strong>: {formatLineValue(line.unit, line.lastWeek)} →{' '}
                {formatLineValue(line.unit, line.thisWeek)} ({formatChange(line)}
                {line.better === null ? '' : line.better ? ', better' : ', worse'})
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="muted small">
        Click a number to list the conversations behind it. Durations on the targets’ clock ({team.settings.targets.clock} time).
      </p>
      <ReviewTable review={review} labels={inputs.labels} />
      <label className="reminder">
        <input type="checkbox" checked={reminder} onChange={(e) => void toggleReminder(e.target.checked)} /> Remind me every Monday at 09:00
        with a notification
      </label>
    </main>
  );
}
