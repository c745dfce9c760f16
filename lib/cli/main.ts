/**
 * The `replyline` command line. `runCli` takes the arguments and an I/O object instead of
 * touching `process`, so tests drive it directly; bin/replyline.mjs is the thin launcher.
 *
 * Exit codes: 0 success, 1 the input file is missing or invalid, 2 wrong usage.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isoWeekRange, localDate } from '../engine/local-time';
import { isProfileId, PROFILE_LIST } from '../engine/profiles';
import { measureReport } from '../measure/report';
import { formatReport, isReportFormat, REPORT_FORMATS, reportJsonChunks, type ReportFormat, type ReportFrame } from '../export/index';
import { isoToMs } from '../timeline/convert';
import { formatJsonPath, formatTimelineProblems, readTimelineForReport, type TimelineProblem } from '../timeline/parse';
import { peekHead } from '../timeline/chunks';
import { isoInstant } from '../timeline/schema';
import { wrongKindMessage } from '../timeline/file-kind';
import { push } from './push';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A whole file (`push` sends it as it is). */
  readFile: (path: string) => Promise<string>;
  /**
   * A file as chunks (`report` streams it, never holding its text). Without it, an `io` that
   * serves `readFile` (a test's texts) serves `report` the same texts.
   */
  readChunks: (path: string) => AsyncIterable<Uint8Array | string>;
  /** The current time, used as "now" when the file carries no generatedAt. */
  now: () => number;
}

export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: npx replyline report FILE [options]
   or: npm run report -- FILE [options]
   or: npx replyline push FILE --hub URL --token TOKEN   (send the file to a team hub)

Computes support metrics from a replyline.timeline/1 file (exported by the extension or the
Demo Desk) and prints a report.

Options:
  --profile NAME   definitions profile: ${PROFILE_LIST.map((profile) => profile.id).join(', ')}
                   (default: the file's profile, else replyline)
  --week YYYY-Www  only measurements in that ISO week, in the calendar's time zone
                   (UTC without a calendar), e.g. 2026-W48 (default: the file's period, if any)
  --format FORMAT  ${REPORT_FORMATS.join(', ')} (default: json)
  --hourly-cost N  cost of an agent hour, for cost per conversation (default: none)
  --now ISO        evaluation time for clocks still running, with an offset, e.g.
                   2026-11-24T12:00:00Z (default: the file's generatedAt, else the current time)
  -h, --help       show this help
  -v, --version    print the version

Exit status: 0 on success, 1 when the file is missing or invalid (every problem is listed on
stderr with its JSON path), 2 on wrong usage.
`;

/** The package's version (package.json sits two levels up from lib/cli). */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  readChunks: (path) => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
  now: () => Date.now(),
};

/** Large enough that a 100 MB file takes a few hundred reads, small enough to be nothing in memory. */
const READ_CHUNK_BYTES = 256 * 1024;

class UsageError extends Error {}

function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
}

interface ReportOptions {
  file: string;
  profile?: string;
  week?: string;
  format: string;
  now?: string;
  hourlyCost?: number;
}

function parseReportArgs(args: string[]): ReportOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string' },
        week: { type: 'string' },
        format: { type: 'string' },
        now: { type: 'string' },
        'hourly-cost': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('missing the timeline FILE to report on');
  if (positionals.length > 1) throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  const format = values.format ?? 'json';
  if (!isReportFormat(format)) throw new UsageError(`unknown format "${format}" (expected ${REPORT_FORMATS.join(', ')})`);
  if (values.profile !== undefined && !isProfileId(values.profile)) {
    throw new UsageError(`unknown profile "${values.profile}" (expected ${PROFILE_LIST.map((p) => p.id).join(', ')})`);
  }
  if (values.week !== undefined && !/^\d{4}-W\d{2}$/.test(values.week)) {
    throw new UsageError(`malformed week "${values.week}" (expected YYYY-Www, e.g. 2026-W48)`);
  }
  if (values.now !== undefined && !isoInstant.safeParse(values.now).success) {
    throw new UsageError(`malformed --now "${values.now}" (expected an ISO 8601 time with an offset, e.g. 2026-11-24T12:00:00Z)`);
  }
  const hourlyCost = values['hourly-cost'] === undefined ? undefined : Number(values['hourly-cost']);
  if (hourlyCost !== undefined && !(Number.isFinite(hourlyCost) && hourlyCost >= 0 && values['hourly-cost'] !== '')) {
    throw new UsageError(`malformed --hourly-cost "${values['hourly-cost']}" (expected a number of currency units, e.g. 42.5)`);
  }
  return { file: positionals[0], profile: values.profile, week: values.week, format, now: values.now, hourlyCost };
}

function printProblems(io: CliIo, file: string, problems: readonly TimelineProblem[]) {
  io.stderr(`replyline: ${file} is not a valid timeline (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
  io.stderr(`${formatTimelineProblems(problems).replace(/^/gm, '  ')}\n`);
}

async function report(options: ReportOptions, io: CliIo): Promise<number> {
  let parsed: Awaited<ReturnType<typeof readTimelineForReport>>;
  try {
    const { head, chunks } = await peekHead(io.readChunks(options.file));
    const wrongKind = wrongKindMessage(head, 'cli');
    if (wrongKind) {
      io.stderr(`replyline: ${options.file}: ${wrongKind}\n`);
      return EXIT_INVALID_INPUT;
    }
    parsed = await readTimelineForReport(chunks);
  } catch (error) {
    // Only the file's reading throws here: the reader reports every problem of its content.
    io.stderr(`replyline: cannot read ${options.file}: ${readErrorReason(error)}\n`);
    return EXIT_INVALID_INPUT;
  }
  if (!parsed.ok) {
    printProblems(io, options.file, parsed.errors);
    return EXIT_INVALID_INPUT;
  }
  const { head: timeline, conversations } = parsed;

  const profile = options.profile ?? timeline.profile ?? 'replyline';
  if (!isProfileId(profile)) {
    printProblems(io, options.file, [
      { path: formatJsonPath(['profile']), message: `unknown profile "${profile}" (expected ${PROFILE_LIST.map((p) => p.id).join(', ')})` },
    ]);
    return EXIT_INVALID_INPUT;
  }

  const timezone = timeline.calendar?.timezone ?? 'UTC';
  let period: ReportFrame['period'] = null;
  if (options.week !== undefined) {
    try {
      period = { week: options.week, ...isoWeekRange(options.week, timezone) };
    } catch (error) {
      io.stderr(`replyline: --week: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  } else if (timeline.period) {
    period = { from: isoToMs(timeline.period.from), to: isoToMs(timeline.period.to) };
  }

  const now =
    options.now !== undefined ? isoToMs(options.now) : timeline.generatedAt !== undefined ? isoToMs(timeline.generatedAt) : io.now();

  const { report: engineReport, frame } = measureReport({
    conversations,
    profile,
    ...(timeline.calendar && { calendar: timeline.calendar }),
    ...(timeline.targets && { targets: timeline.targets }),
    period,
    now,
    ...(options.hourlyCost !== undefined && { hourlyCost: options.hourlyCost }),
  });
  if (period && engineReport.summary.conversations === 0) {
    // Zeros alone read like a quiet week; say that nothing of the file fell in it.
    io.stderr(`replyline: ${describeEmptyPeriod(options.week, period, conversations, timezone)}\n`);
  }
  if (options.format === 'json') {
    // Written piece by piece: the JSON report of a large file is larger than the file.
    for (const chunk of reportJsonChunks(engineReport, frame)) io.stdout(chunk);
  } else {
    io.stdout(formatReport(engineReport, frame, options.format as ReportFormat));
  }
  return EXIT_OK;
}

/** "no measurements in 2026-W47 …; the file's conversations were created 2026-11-24 – 2026-11-25 (UTC)". */
function describeEmptyPeriod(
  week: string | undefined,
  period: { from: number; to: number },
  conversations: readonly { createdAt: number }[],
  timezone: string,
): string {
  const what = week ?? `the file's period ${localDate(period.from, timezone)} – ${localDate(period.to - 1, timezone)}`;
  if (conversations.length === 0) return `no measurements in ${what}: the file holds no conversations.`;
  let first = Infinity;
  let last = -Infinity;
  for (const c of conversations) {
    first = Math.min(first, c.createdAt);
    last = Math.max(last, c.createdAt);
  }
  return `no measurements in ${what} (${timezone}): the file's ${conversations.length} conversation${conversations.length === 1 ? ' was' : 's were'} created ${localDate(first, timezone)} – ${localDate(last, timezone)}. Every figure below is empty.`;
}

export async function runCli(argv: readonly string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = { ...defaultIo, ...ioOverrides };
  if (ioOverrides.readFile && !ioOverrides.readChunks) {
    const readWhole = ioOverrides.readFile;
    io.readChunks = async function* (path) {
      yield await readWhole(path);
    };
  }
  const [first, ...rest] = argv;
  if (
    first === '--version' ||
    first === '-v' ||
    first === 'version' ||
    (first === 'report' && (rest[0] === '--version' || rest[0] === '-v'))
  ) {
    io.stdout(`replyline ${VERSION}\n`);
    return EXIT_OK;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    (first === undefined ? io.stderr : io.stdout)(USAGE);
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === 'push') return push(rest, io);
  // `replyline report FILE` is the documented form; `replyline FILE` is accepted too.
  const args = first === 'report' ? rest : [...argv];
  try {
    const options = parseReportArgs(args);
    if (options === 'help') {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    return await report(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`replyline: ${error.message}\nRun "npx replyline --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(`replyline: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_INVALID_INPUT;
  }
}
