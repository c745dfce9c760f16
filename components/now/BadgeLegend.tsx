import { BADGE_LEGEND } from '@/lib/overlay/format';
import { TONE_COLOURS } from '@/lib/overlay/styles';

/**
 * What the inbox badges' colours mean, with swatches in the overlay's own colours. Collapsed;
 * each badge also says it in its tooltip.
 */
export function BadgeLegend() {
  return (
    <details className="badge-legend">
      <summary>What the inbox badges mean</summary>
      <ul>
        {BADGE_LEGEND.map(({ tone, sample, meaning }) => {
          const c = TONE_COLOURS[tone];
          return (
            <li key={tone} data-tone={tone}>
              <span
                className="badge-swatch"
                aria-hidden="true"
                style={{ color: c.fg, background: c.bg, borderColor: c.bd, borderStyle: tone === 'unknown' ? 'dashed' : 'solid' }}
              >
                {sample}
              </span>
              <span>{meaning}</span>
            </li>
          );
        })}
        <li data-tone="idle">
          <span className="badge-swatch badge-swatch-none" aria-hidden="true">
            none
          </span>
          <span>No badge: nobody is waiting on that conversation (the last word was yours, or it is resolved).</span>
        </li>
      </ul>
      <p className="muted small">The badge shows how long the customer has waited for a reply; hover it for the due time.</p>
    </details>
  );
}
