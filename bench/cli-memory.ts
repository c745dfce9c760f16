/**
 * `npm run bench -- cli-memory` (issue 14, point 6): the report CLI and the Team import's reading
 * on large files, which are streamed, never read whole.
 *
 * - CLI: timelines of 25, 50 and 100 MB (seeded synthetic traffic written as the extension writes
 *   its exports, two-space indented) and one conversation of 1,000,000 events, each reported by
 *   `bin/replyline.mjs report` in a child process (the real launcher, tsx included). Peak
 *   resident memory is the child's own `process.resourceUsage().maxRSS`, written at its exit
 *   by a preload (bench/peak-rss.mjs); time is the child's wall time.
 * - Team import: the same files read by the import's own code (`readImportFile`: streamed
 *   validation, consistency checks and SHA-256) from a Blob's stream, in a Node child process.
 *   The import runs in the browser; this measures the same code on Node's Blob, not in a browser,
 *   and stops before IndexedDB (the write is one transaction of what was read).
 *
 * Files are made in a temporary folder, removed afterwards. Medians over BENCH_RUNS runs.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conversationToTimeline } from '../lib/timeline/convert';
import { TIMELINE_FORMAT } from '../lib/timeline/schema';
import { median, spread } from './engine';
import type { BenchSection, Figure } from './run';
import { BENCH_CALENDAR, BENCH_TARGETS, generateConversations } from './synthetic';

const MB = 1024 * 1024;
/** Issue 14: at most 300 MB resident for a 100 MB file, time linear in size. */
const GOAL_RSS_MB_FOR_100_MB = 300;
/** Doubling the file may at most double the time, with 25 % slack for the fixed start-up cost's noise. */
const GOAL_TIME_RATIO_PER_DOUBLING = 2.5;
const SIZES_MB = [25, 50, 100];
const ONE_CONVERSATION_EVENTS = 1_000_000;
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Writes chunks to a file, waiting when the stream asks to. */
async function writeFile(path: string, parts: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const part of parts) {
    if (!out.write(part)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const HEAD = {
  format: TIMELINE_FORMAT,
  generatedAt: '2026-12-14T08:00:00.000Z',
  source: { helpdesk: 'zendesk', origin: 'https://acme.zendesk.com' },
  agentId: 'bench',
  profile: 'replyline',
  calendar: BENCH_CALENDAR,
  targets: BENCH_TARGETS,
};

/**
 * A timeline as an export writes it: `{ head…, "conversations": [ … ] }`, two-space indented, or
 * without any white space (`compact`: more events per megabyte).
 */
function* timelineText(conversations: Iterable<unknown>, compact = false): Generator<string> {
  const indent = compact ? undefined : 2;
  const head = JSON.stringify(HEAD, null, indent);
  yield `${head.slice(0, compact ? -1 : -2)},${compact ? '' : '\n  '}"conversations":${compact ? '' : ' '}[`;
  let first = true;
  for (const conversation of conversations) {
    const text = JSON.stringify(conversation, null, indent);
    yield compact ? `${first ? '' : ','}${text}` : `${first ? '\n' : ',\n'}    ${text.replace(/\n/g, '\n    ')}`;
    first = false;
  }
  yield compact ? ']}\n' : '\n  ]\n}\n';
}

/** About `megabytes` of synthetic traffic (ten events per conversation on average). */
async function writeSizedTimeline(path: string, megabytes: number): Promise<void> {
  const sample = generateConversations({ conversations: 1000, events: 10_000 }).map(conversationToTimeline);
  const bytesPerConversation = sample.reduce((sum, c) => sum + JSON.stringify(c, null, 2).length + 10, 0) / sample.length;
  const count = Math.round((megabytes * MB) / (bytesPerConversation * 1.19));
  const conversations = generateConversations({ conversations: count, events: count * 10 });
  await writeFile(
    path,
    timelineText(
      (function* () {
        for (const conversation of conversations) yield conversationToTimeline(conversation);
      })(),
    ),
  );
}

/** One conversation of a million events: a customer and an agent taking turns, a second apart. */
function* oneConversation(): Generator<unknown> {
  const start = Date.parse('2026-11-23T08:00:00Z');
  const events: unknown[] = [];
  for (let i = 0; i < ONE_CONVERSATION_EVENTS; i++) {
    const at = new Date(start + i * 1000).toISOString();
    events.push(
      i % 2 === 0
        ? { type: 'message', id: `e${i}`, at, author: 'customer' }
        : { type: 'message', id: `e${i}`, at, author: 'agent', agentId: 'a-01' },
    );
  }
  yield { id: 'long-1', channel: 'email', createdAt: new Date(start).toISOString(), events };
}

interface ChildRun {
  ms: number;
  rssMb: number;
  code: number;
  stderr: string;
}

/** Runs `node args…` with the peak-RSS preload; stdout is discarded, stderr kept for errors. */
function runChild(args: string[]): Promise<ChildRun> {
  const rssFile = join(tmpdir(), `replyline-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench/peak-rss.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, REPLYLINE_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => void (stderr += data.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let rssKb = NaN;
      try {
        rssKb = Number(readFileSync(rssFile, 'utf8'));
        rmSync(rssFile);
      } catch {
        // no figure: reported as NaN below, with the child's error
      }
      resolve({ ms, rssMb: rssKb / 1024, code: code ?? -1, stderr });
    });
  });
}

async function measure(label: string, args: string[], runs: number): Promise<{ ms: number[]; rss: number[] }> {
  const ms: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await runChild(args);
    if (result.code !== 0 || !Number.isFinite(result.rssMb)) {
      throw new Error(`${label}: exit ${result.code}: ${result.stderr.slice(0, 500)}`);
    }
    ms.push(result.ms);
    rss.push(result.rssMb);
  }
  return { ms, rss };
}

/** Makes the bench's files in `dir` (also used to try one file by hand: `node --import tsx bench/cli-memory.ts DIR`). */
async function makeFiles(dir: string): Promise<Array<{ name: string; path: string; mb: number }>> {
  const files: Array<{ name: string; path: string; mb: number }> = [];
  for (const size of SIZES_MB) {
    const path = join(dir, `timeline-${size}mb.json`);
    await writeSizedTimeline(path, size);
    files.push({ name: `${size} MB timeline`, path, mb: statSync(path).size / MB });
  }
  const longPath = join(dir, 'one-conversation.json');
  // Without white space, so that it stays under the import's 128 MB limit.
  await writeFile(longPath, timelineText(oneConversation(), true));
  files.push({ name: '1,000,000 events in one conversation', path: longPath, mb: statSync(longPath).size / MB });
  return files;
}

const cliMemory: BenchSection = {
  name: 'cli-memory: report and Team import on large files',
  async run({ runs }) {
    const dir = mkdtempSync(join(tmpdir(), 'replyline-cli-memory-'));
    const figures: Figure[] = [];
    try {
      const files = await makeFiles(dir);
      const times = new Map<string, number>();
      for (const file of files) {
        const report = await measure(`report ${file.name}`, ['bin/replyline.mjs', 'report', file.path, '--format', 'json'], runs);
        const rss = median(report.rss);
        const ms = median(report.ms);
        times.set(file.name, ms);
        const isGoalFile = file.name === '100 MB timeline';
        figures.push({
          label: `CLI report, ${file.name} (${file.mb.toFixed(1)} MB): peak RSS`,
          value: rss,
          unit: 'MB',
          ...(isGoalFile && { goal: { op: '≤' as const, value: GOAL_RSS_MB_FOR_100_MB } }),
          note: `median; ${spread(report.rss)}`,
        });
        figures.push({
          label: `CLI report, ${file.name}: time`,
          value: ms / 1000,
          unit: 's',
          note: `median; ${spread(
            report.ms.map((t) => t / 1000),
            2,
          )} s; ${(file.mb / (ms / 1000)).toFixed(1)} MB/s`,
        });
      }
      for (const [small, large] of [
        ['25 MB timeline', '50 MB timeline'],
        ['50 MB timeline', '100 MB timeline'],
      ]) {
        const ratio = times.get(large)! / times.get(small)!;
        figures.push({
          label: `CLI report time ${large.split(' ')[0]} MB ÷ ${small.split(' ')[0]} MB`,
          value: ratio,
          unit: '×',
          goal: { op: '≤', value: GOAL_TIME_RATIO_PER_DOUBLING },
          note: 'twice the size; linear time gives 2× (less: the fixed start-up cost)',
        });
      }

      for (const file of files) {
        const read = await measure(`Team import ${file.name}`, ['--import', 'tsx', 'bench/import-read.ts', file.path], runs);
        figures.push({
          label: `Team import reading, ${file.name}: peak RSS`,
          value: median(read.rss),
          unit: 'MB',
          note: `median; ${spread(read.rss)}; Node Blob stream, not a browser; before IndexedDB`,
        });
        figures.push({
          label: `Team import reading, ${file.name}: time`,
          value: median(read.ms) / 1000,
          unit: 's',
          note: `median; ${spread(
            read.ms.map((t) => t / 1000),
            2,
          )} s`,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export const cliMemorySections: BenchSection[] = [cliMemory];

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  for (const file of await makeFiles(process.argv[2])) console.log(`${file.path}  ${file.mb.toFixed(1)} MB`);
}
