import { useRef, useState, type KeyboardEvent } from 'react';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const pad = (h: number) => String(h).padStart(2, '0');

/** 0 for empty, then four steps of the busiest cell's count. */
function level(count: number, max: number): number {
  if (count === 0 || max === 0) return 0;
  return Math.min(4, Math.ceil((count / max) * 4));
}

/**
 * Customer messages per local hour of week, as a table: one tab stop, arrow keys move between
 * cells, each cell names its day, hour and count; the count shows on hover and focus.
 */
export function HourOfWeekHeatmap({ cells, timezone }: { cells: number[]; timezone: string }) {
  const [active, setActive] = useState(() => {
    const busiest = cells.indexOf(Math.max(...cells));
    return busiest >= 0 ? busiest : 0;
  });
  const refs = useRef<Array<HTMLTableCellElement | null>>([]);
  const max = Math.max(0, ...cells);
  const total = cells.reduce((a, b) => a + b, 0);

  const onKey = (event: KeyboardEvent<HTMLTableElement>) => {
    const steps: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -24,
      ArrowDown: 24,
      Home: -(active % 24),
      End: 23 - (active % 24),
    };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = active + step;
    if (next < 0 || next >= 168) return;
    setActive(next);
    refs.current[next]?.focus();
  };

  return (
    <section className="team-block" aria-labelledby="team-heatmap-title">
      <h3 id="team-heatmap-title">
        Customer messages by hour of week{' '}
        <span className="muted">
          · {total} in the period, {timezone}
        </span>
      </h3>
      <div className="table-scroll">
        <table className="heatmap" onKeyDown={onKey} aria-describedby="team-heatmap-help">
          <thead>
            <tr>
              <td className="hm-corner" />
              {HOURS.map((h) => (
                <th key={h} scope="col" abbr={`${pad(h)}:00`} className={h % 6 === 0 ? 'hm-hour' : 'hm-hour hm-hour-minor'}>
                  {pad(h)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DAYS.map((day, d) => (
              <tr key={day}>
                <th scope="row" abbr={day}>
                  {day.slice(0, 3)}
                </th>
                {HOURS.map((h) => {
                  const index = d * 24 + h;
                  const count = cells[index];
                  const text = `${day} ${pad(h)}:00–${pad(h + 1 === 24 ? 0 : h + 1)}:00: ${count} customer message${count === 1 ? '' : 's'}`;
                  return (
                    <td
                      key={h}
                      ref={(el) => {
                        refs.current[index] = el;
                      }}
                      className={`hm-cell hm-${level(count, max)}`}
                      tabIndex={index === active ? 0 : -1}
                      aria-label={text}
                      title={text}
                      data-hour-of-week={index}
                      data-count={count}
                      onFocus={() => setActive(index)}
                    >
                      <span className="hm-count" aria-hidden="true">
                        {count}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id="team-heatmap-help" className="muted small">
        Darker is busier (busiest hour: {max}). Hover or focus a cell for its count; arrow keys move between hours and days.
      </p>
    </section>
  );
}
