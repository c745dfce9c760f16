/**
 * Benchmarks: `npm run bench` (runs every section) or `npm run bench -- NAME…` (only the
 * sections whose name contains one of the words). Each section prints its figures as medians
 * over several runs, with the goal beside each figure when there is one.
 *
 * Add a section by appending to SECTIONS: a name and an async function returning figures.
 * Set BENCH_RUNS to change the number of runs (default 5, at least 5 for published figures).
 */
import { engineSections } from './engine';

export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** Human-readable goal, e.g. "≤ 1.5 s". */
  goal?: string;
  /** Whether the goal is met; undefined when there is no goal. */
  ok?: boolean;
  /** Extra detail printed after the figure (spread, counts). */
  note?: string;
}

export interface BenchSection {
  name: string;
  run: (options: { runs: number }) => Promise<Figure[]>;
}

const SECTIONS: BenchSection[] = [...engineSections];

function formatValue(figure: Figure): string {
  const digits = figure.value >= 100 ? 0 : figure.value >= 10 ? 1 : 2;
  return `${figure.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${figure.unit}`;
}

async function main() {
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
  const filters = process.argv.slice(2);
  const selected = SECTIONS.filter((section) => filters.length === 0 || filters.some((word) => section.name.includes(word)));
  if (selected.length === 0) {
    console.error(`No bench section matches ${filters.join(' ')}. Sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  if (typeof globalThis.gc !== 'function') {
    console.warn('note: run with --expose-gc (npm run bench does) for stable memory figures');
  }
  console.log(`Replyline bench: node ${process.version}, ${runs} runs per figure (medians)\n`);
  let missed = 0;
  for (const section of selected) {
    console.log(`== ${section.name}`);
    const figures = await section.run({ runs });
    const width = Math.max(...figures.map((f) => f.label.length));
    const valueWidth = Math.max(...figures.map((f) => formatValue(f).length));
    for (const figure of figures) {
      const goal = figure.goal ? `  goal ${figure.goal}: ${figure.ok ? 'met' : 'NOT met'}` : '';
      if (figure.ok === false) missed++;
      console.log(`  ${figure.label.padEnd(width)}  ${formatValue(figure).padStart(valueWidth)}${goal}${figure.note ? `  (${figure.note})` : ''}`);
    }
    console.log('');
  }
  console.log(missed === 0 ? 'All goals met.' : `${missed} goal(s) not met.`);
}

await main();
