import { useId, useState } from 'react';
import { EFFORT_WEIGHTS } from '@/lib/engine/definitions';
import type { ClockPlan } from '@/lib/messaging/protocol';
import { definitionText } from '../format';

type Cues = ClockPlan['cues'];

/** Each cue with its count, its weight from definitions.ts and its share of the score. */
export function effortRows(
  cues: Cues,
): Array<{ id: string; label: string; one: string; many: string; count: number; weight: number; contribution: number }> {
  const rows = [
    {
      id: 'unanswered-follow-ups',
      label: 'Unanswered follow-ups',
      one: 'unanswered follow-up',
      many: 'unanswered follow-ups',
      count: cues.unansweredFollowUps,
      weight: EFFORT_WEIGHTS.unansweredFollowUp,
    },
    { id: 'reopens', label: 'Reopens', one: 'reopen', many: 'reopens', count: cues.reopens, weight: EFFORT_WEIGHTS.reopen },
    {
      id: 'transfers',
      label: 'Transfers between agents',
      one: 'transfer',
      many: 'transfers',
      count: cues.transfers,
      weight: EFFORT_WEIGHTS.transfer,
    },
    {
      id: 'long-wait',
      label: 'Waiting longer than the long-wait threshold',
      one: 'long wait',
      many: 'long wait',
      count: cues.longWait ? 1 : 0,
      weight: EFFORT_WEIGHTS.longWait,
    },
  ];
  return rows.map((row) => ({ ...row, contribution: row.count * row.weight }));
}

export function EffortCues({ cues }: { cues: Cues }) {
  const [open, setOpen] = useState(false);
  const tableId = useId();
  const rows = effortRows(cues);
  const level = cues.score === 0 ? 'low' : cues.score <= 2 ? 'some' : 'high';
  return (
    <section className="now-card effort" aria-labelledby={`${tableId}-title`}>
      <div className="card-head">
        <h3 id={`${tableId}-title`} title={definitionText('effort')}>
          Customer effort
        </h3>
        <span className={`effort-score effort-${level}`} data-effort-score={cues.score}>
          {cues.score}
        </span>
        <button type="button" className="link-button" aria-expanded={open} aria-controls={tableId} onClick={() => setOpen(!open)}>
          {open ? 'Hide how it is computed' : 'How is this computed?'}
        </button>
      </div>
      <ul className="cue-list" aria-label="Effort cues">
        {rows.map((row) => (
          <li key={row.id} className={`cue ${row.count > 0 ? 'cue-on' : ''}`}>
            {row.id === 'long-wait' ? (row.count ? 'Long wait' : 'No long wait') : `${row.count} ${row.count === 1 ? row.one : row.many}`}
          </li>
        ))}
      </ul>
      <div id={tableId} hidden={!open}>
        <table className="effort-table">
          <caption className="sr-only">Effort score: each cue times its weight</caption>
          <thead>
            <tr>
              <th scope="col">Cue</th>
              <th scope="col">Count</th>
              <th scope="col">Weight</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-cue={row.id}>
                <th scope="row">{row.label}</th>
                <td>{row.id === 'long-wait' ? (row.count ? 'yes' : 'no') : row.count}</td>
                <td>× {row.weight}</td>
                <td data-contribution={row.contribution}>{row.contribution}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Effort score
              </th>
              <td>{cues.score}</td>
            </tr>
          </tfoot>
        </table>
        <p className="muted small">
          Effort drivers after Gartner’s customer effort research: repeat contacts, transfers, waiting. Higher means more work for the
          customer.
        </p>
      </div>
    </section>
  );
}
