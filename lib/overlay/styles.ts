/**
 * Overlay styles, scoped to each shadow root. Pixel units only (rem would follow the host
 * page's root font size) and `all: initial` so the helpdesk's CSS cannot leak in.
 * Colour pairs keep at least 4.5:1 contrast for 11–12 px text.
 */
/** Each badge and clock tone's colours (text, background, border, bar); the panel's legend uses them too. */
export const TONE_COLOURS = {
  neutral: { fg: '#334155', bg: '#eef2f6', bd: '#d3dae3', bar: '#94a3b8' },
  idle: { fg: '#64748b', bg: '#f4f6f8', bd: '#e2e8f0', bar: '#cbd5e1' },
  unknown: { fg: '#5b6472', bg: '#ffffff', bd: '#9aa3af', bar: '#cbd5e1' },
  on_track: { fg: '#0b6b3a', bg: '#e6f6ec', bd: '#b4e2c5', bar: '#22a05a' },
  met: { fg: '#0b6b3a', bg: '#f1faf4', bd: '#cdeed9', bar: '#22a05a' },
  at_risk: { fg: '#874600', bg: '#fff3d6', bd: '#f3c969', bar: '#e59a00' },
  breached: { fg: '#ffffff', bg: '#c4281c', bd: '#a81f15', bar: '#ffffff' },
  missed: { fg: '#a3201a', bg: '#fdecea', bd: '#f3b8b3', bar: '#d93025' },
} as const;

const TONES = Object.entries(TONE_COLOURS)
  .map(
    ([tone, c]) =>
      `  .tone-${tone} { --fg:${c.fg}; --bg:${c.bg}; --bd:${c.bd}; --bar:${c.bar};${tone === 'unknown' ? ' border-style:dashed !important;' : ''} }`,
  )
  .join('\n');

const BASE = `
  :host { all: initial; }
  * { box-sizing: border-box; }
  .pill, .clock, .chip {
    font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    -webkit-font-smoothing: antialiased;
  }
`;

export const BADGE_CSS = `${BASE}${TONES}
  :host { display: inline-flex; align-items: center; flex: none; vertical-align: middle; margin-left: 2px; line-height: 1; }
  .pill {
    display: inline-flex; align-items: center; gap: 5px;
    min-width: 44px; height: 20px; padding: 0 8px; justify-content: center;
    border-radius: 10px; border: 1px solid var(--bd); background: var(--bg); color: var(--fg);
    font-size: 11.5px; font-weight: 600; letter-spacing: 0.1px; white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .dot { width: 6px; height: 6px; border-radius: 3px; background: var(--bar); flex: none; }
  .tone-unknown .dot { display: none; }
  /* Nobody waiting: the helpdesk's own column already says so; no badge keeps rows calm. */
  .pill.tone-idle { display: none; }
`;

export const STRIP_CSS = `${BASE}${TONES}
  :host { display: block; margin: 8px 0 12px; }
  .strip, .clocks { display: flex; flex-wrap: wrap; align-items: stretch; gap: 8px; }
  .clock {
    display: grid; grid-template-columns: auto; row-gap: 2px;
    min-width: 148px; padding: 7px 10px 8px; border-radius: 8px;
    border: 1px solid var(--bd); background: var(--bg); color: var(--fg);
  }
  .name { font-size: 10.5px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.5px; opacity: 0.85; }
  .value { font-size: 15px; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .detail { font-size: 11.5px; font-weight: 500; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .bar { height: 3px; border-radius: 2px; background: rgba(100,116,139,0.18); overflow: hidden; margin-top: 3px; }
  .tone-breached .bar { background: rgba(255,255,255,0.35); }
  .fill { display: block; height: 100%; width: 0; background: var(--bar); border-radius: 2px; }
  .chips { display: flex; flex-wrap: wrap; align-content: center; gap: 6px; }
  .chip {
    display: inline-flex; align-items: center; height: 22px; padding: 0 9px; border-radius: 11px;
    font-size: 11.5px; font-weight: 600; white-space: nowrap;
    color: #5b3a99; background: #f1ebfb; border: 1px solid #dccdf5;
  }
  .chip.unverified { color: #7a4a00; background: #fff8e6; border: 1px dashed #d9a441; }
  .chip.forecast { color: #93370d; background: #fffaeb; border: 1px solid #dc6803; font-weight: 600; }
`;
