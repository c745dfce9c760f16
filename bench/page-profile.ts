/**
 * What the extension's content script spends its time on in a page, from a V8 CPU profile of
 * the page's renderer (DevTools `Profiler`, which samples the content scripts' isolated worlds
 * too): each sample is given to the deepest content-script frame on its stack, and that frame's
 * source file (from the build's hidden source map) names the part — module evaluation, row
 * reading, messaging and validation, overlay, activity. Samples are placed on the page's clock
 * with a marker function run at document start, so they can be matched with long tasks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/** The DevTools Protocol's Profiler.Profile, the fields read here. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Run in the main world at document start: a 4 ms busy loop whose samples place the profile on the page's clock. */
export const SYNC_FUNCTION = '__replylineBenchSync';
export const SYNC_SCRIPT = `(() => {
  function ${SYNC_FUNCTION}() { const t = performance.now(); while (performance.now() - t < 4) {} return t; }
  globalThis.__replylineBenchSyncAt = ${SYNC_FUNCTION}();
})();`;

export const PARTS = ['evaluation', 'rows', 'messaging', 'overlay', 'activity', 'other'] as const;
export type Part = (typeof PARTS)[number];
export const PART_LABELS: Record<Part, string> = {
  evaluation: 'module evaluation',
  rows: 'row reading',
  messaging: 'messaging + validation',
  overlay: 'overlay',
  activity: 'activity tracking',
  other: 'other (wxt, framework)',
};

export interface Attribution {
  /** Content-script CPU per part, before `windowStart` (load) and after it (window), ms. */
  load: Record<Part, number>;
  window: Record<Part, number>;
  /** Of which zod (schema construction at evaluation, parsing after), ms. */
  zodLoad: number;
  zodWindow: number;
  /** The page's own script time (its origin's scripts), ms, for scale. */
  pageLoad: number;
  pageWindow: number;
  /** Long tasks holding content-script work, and those under 50 ms without it (pushed over by it). */
  longTasksWithExtension: number;
  longTasksPushedOver: number;
  /** Content-script ms inside long tasks. */
  extensionInLongTasks: number;
  /** Whether the source map was found (else every part is "other"). */
  mapped: boolean;
  /** Sampling was placed on the page's clock. */
  synced: boolean;
}

const empty = (): Record<Part, number> => ({ evaluation: 0, rows: 0, messaging: 0, overlay: 0, activity: 0, other: 0 });

function partOf(source: string | null): Part {
  if (!source) return 'other';
  if (/zod|lib\/messaging\/|framework\/(sender|sending)\.ts/.test(source)) return 'messaging';
  if (/lib\/overlay\//.test(source)) return 'overlay';
  if (/lib\/activity\//.test(source)) return 'activity';
  if (/lib\/adapters\/(?!framework\/(runner|content-script|define-adapter)\.ts)/.test(source)) return 'rows';
  return 'other';
}

/**
 * Attributes the profile's samples. `scriptPath` is the content script file on disk (its `.map`
 * beside it), `scriptUrlEnd` how its URL ends (`/content-scripts/demodesk.js`), `syncAt` the
 * page time the marker ran at, `windowStart` the page time the measured window began.
 */
export function attribute(
  profile: CpuProfile,
  options: {
    scriptPath: string;
    scriptUrlEnd: string;
    pageOrigin: string;
    syncAt: number | null;
    windowStart: number;
    longTasks: Array<{ start: number; duration: number }>;
  },
): Attribution {
  const mapPath = `${options.scriptPath}.map`;
  const map = existsSync(mapPath) ? new TraceMap(readFileSync(mapPath, 'utf8')) : null;
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const sourceCache = new Map<number, string | null>();
  const sourceOf = (id: number): string | null => {
    if (sourceCache.has(id)) return sourceCache.get(id)!;
    const frame = byId.get(id)!.callFrame;
    const source =
      map && frame.lineNumber >= 0
        ? originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) }).source
        : null;
    sourceCache.set(id, source);
    return source;
  };
  const isScript = (id: number) => byId.get(id)!.callFrame.url.endsWith(options.scriptUrlEnd);
  // Per leaf node: [part, zod?] or 'page' or null (neither).
  const classCache = new Map<number, { part: Part; zod: boolean } | 'page' | null>();
  const classify = (leaf: number) => {
    if (classCache.has(leaf)) return classCache.get(leaf)!;
    let deepest: number | null = null;
    let outermost: number | null = null;
    let page = false;
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (isScript(id)) {
        deepest ??= id;
        outermost = id;
      } else if (frame.url.startsWith(options.pageOrigin)) page = true;
    }
    // Evaluation: the file's top level or the bundle's wrapping function (`var x=(function(){…})()`
    // opens the file), with what they call synchronously; later work starts from inner callbacks.
    const outer = outermost === null ? null : byId.get(outermost)!.callFrame;
    const topLevel = outer !== null && outer.lineNumber === 0 && outer.columnNumber < 40;
    let result: { part: Part; zod: boolean } | 'page' | null = null;
    if (deepest !== null) {
      const source = sourceOf(deepest);
      result = { part: topLevel ? 'evaluation' : partOf(source), zod: !!source && source.includes('zod') };
    } else if (page) result = 'page';
    classCache.set(leaf, result);
    return result;
  };

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) times.push((t += deltas[i] ?? 0));
  // The first sample in the marker function is at page time syncAt (error: one sampling interval).
  let offset: number | null = null;
  if (options.syncAt !== null) {
    // The loop's samples mostly land in performance.now(), called from the marker function.
    const inSync = (leaf: number) => {
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id))
        if (byId.get(id)!.callFrame.functionName === SYNC_FUNCTION) return true;
      return false;
    };
    const index = samples.findIndex(inSync);
    if (index >= 0) offset = options.syncAt - times[index] / 1000;
  }
  const result: Attribution = {
    load: empty(),
    window: empty(),
    zodLoad: 0,
    zodWindow: 0,
    pageLoad: 0,
    pageWindow: 0,
    longTasksWithExtension: 0,
    longTasksPushedOver: 0,
    extensionInLongTasks: 0,
    mapped: map !== null,
    synced: offset !== null,
  };
  const inTask = new Map<number, number>();
  const tasks = options.longTasks;
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one.
    const ms = (i + 1 < samples.length ? times[i + 1] - times[i] : (deltas[i] ?? 0)) / 1000;
    const kind = classify(samples[i]);
    if (kind === null) continue;
    // Without a clock sync everything counts as load.
    const pageTime = offset === null ? -Infinity : times[i] / 1000 + offset;
    const inWindow = pageTime >= options.windowStart;
    if (kind === 'page') {
      if (inWindow) result.pageWindow += ms;
      else result.pageLoad += ms;
      continue;
    }
    (inWindow ? result.window : result.load)[kind.part] += ms;
    if (kind.zod) {
      if (inWindow) result.zodWindow += ms;
      else result.zodLoad += ms;
    }
    for (let k = 0; k < tasks.length; k++) {
      if (pageTime >= tasks[k].start && pageTime < tasks[k].start + tasks[k].duration) inTask.set(k, (inTask.get(k) ?? 0) + ms);
    }
  }
  for (const [k, ms] of inTask) {
    result.longTasksWithExtension++;
    result.extensionInLongTasks += ms;
    if (tasks[k].duration - ms <= 50) result.longTasksPushedOver++;
  }
  return result;
}

/** CPU seconds of the browser's processes by kind, read from /proc (Linux): page renderers, the extension process (its worker), the rest. */
export type ProcessKind = 'renderer' | 'extension' | 'browser' | 'other';
export const PROCESS_KINDS: readonly ProcessKind[] = ['renderer', 'extension', 'browser', 'other'];

export function browserCpu(userDataDir: string): Record<ProcessKind, number> {
  const out: Record<ProcessKind, number> = { renderer: 0, extension: 0, browser: 0, other: 0 };
  if (process.platform !== 'linux') return out;
  const ticks = 100; // USER_HZ on Linux
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let cmdline: string;
    let stat: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(`--user-data-dir=${userDataDir}`)) continue;
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / ticks;
    const kind: ProcessKind = !cmdline.includes('--type=')
      ? 'browser'
      : cmdline.includes('--type=renderer')
        ? cmdline.includes('--extension-process')
          ? 'extension'
          : 'renderer'
        : 'other';
    out[kind] += seconds;
  }
  return out;
}
