/**
 * Benchmarks: `npm run bench` (runs every section) or `npm run bench -- NAME…` (only the
 * sections whose name contains one of the words). Each figure is a median over several runs
 * and is printed with its goal, PASS or MISS, and how far it is from the goal.
 *
 * Add a section by appending to SECTIONS: a name and an async function returning figures.
 * Set BENCH_RUNS to change the number of runs (default 5; published figures need at least 5).
 */
import { cpus, loadavg } from 'node:os';
import { engineSections } from './engine';
import { contentScriptSections } from './content-script';
import { forecastSections } from './forecast';
import { sidepanelSections } from './sidepanel';
import { hubSections } from './hub';
import { cliMemorySections } from './cli-memory';

export interface Goal {
  /** '≥' for throughputs (more is better), '≤' for times and sizes (less is better). */
  op: '≥' | '≤';
  value: number;
}

export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** A Goal is checked here; a text goal (e.g. "≤ 16 ms") needs `ok` from the section. */
  goal?: Goal | string;
  /** Whether a text goal is met. */
  ok?: boolean;
  /** Extra detail printed after the figure (spread, counts). */
  note?: string;
}

export interface BenchSection {
  name: string;
  run: (options: { runs: number }) => Promise<Figure[]>;
}

const SECTIONS: BenchSection[] = [
  ...engineSections,
  ...contentScriptSections,
  ...forecastSections,
  ...sidepanelSections,
  ...hubSections,
  ...cliMemorySections,
];

export function meetsGoal(value: number, goal: Goal): boolean {
  return goal.op === '≥' ? value >= goal.value : value <= goal.value;
}

/** How many times better than the goal the figure is (above 1 passes, below 1 misses). */
export function goalRatio(value: number, goal: Goal): number {
  return goal.op === '≥' ? value / goal.value : goal.value / value;
}

function formatNumber(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function formatValue(figure: Figure): string {
  return `${formatNumber(figure.value)} ${figure.unit}`;
}

/** Met, missed, or undefined when the figure has no goal. */
function verdict(figure: Figure): boolean | undefined {
  if (figure.goal === undefined) return undefined;
  return typeof figure.goal === 'string' ? figure.ok === true : meetsGoal(figure.value, figure.goal);
}

function formatGoal(figure: Figure): string {
  const { goal } = figure;
  if (goal === undefined) return '';
  const passed = verdict(figure) ? 'PASS' : 'MISS';
  if (typeof goal === 'string') return `  goal ${goal}  ${passed}`;
  return `  goal ${goal.op} ${formatNumber(goal.value)} ${figure.unit}  ${passed} (${goalRatio(figure.value, goal).toFixed(2)}× goal)`;
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
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(`Replyline bench: node ${process.version}, ${cpus().length} CPUs (load ${load}), ${runs} runs per figure (medians)`);
  console.log('Wall times include any other load on the machine; CPU times are this process only.\n');
  let missed = 0;
  let checked = 0;
  for (const section of selected) {
    console.log(`== ${section.name}`);
    const figures = await section.run({ runs });
    const width = Math.max(...figures.map((f) => f.label.length));
    const valueWidth = Math.max(...figures.map((f) => formatValue(f).length));
    for (const figure of figures) {
      const met = verdict(figure);
      if (met !== undefined) {
        checked++;
        if (!met) missed++;
      }
      console.log(
        `  ${figure.label.padEnd(width)}  ${formatValue(figure).padStart(valueWidth)}${formatGoal(figure)}${figure.note ? `  (${figure.note})` : ''}`,
      );
    }
    console.log('');
  }
  console.log(missed === 0 ? `All ${checked} goals met.` : `${missed} of ${checked} goals missed.`);
}

await main();
