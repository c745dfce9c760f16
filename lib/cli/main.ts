/**
 * The `replyline` command line. `runCli` takes the arguments and an I/O object instead of
 * touching `process`, so tests drive it directly; bin/replyline.mjs is the thin launcher.
 *
 * Exit codes: 0 success, 1 the input file is missing or invalid, 2 wrong usage.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isoWeekRange, localDate } from '../engine/local-time';
import { isProfileId, PROFILE_LIST } from '../engine/profiles';
import { measureReport } from '../measure/report';
import { formatReport, isReportFormat, REPORT_FORMATS, type ReportFormat, type ReportFrame } from '../export/index';
import { isoToMs } from '../timeline/convert';
import { formatJsonPath, formatTimelineProblems, parseTimeline, type TimelineProblem } from '../timeline/parse';
import { isoInstant } from '../timeline/schema';
import { wrongKindMessage } from '../timeline/file-kind';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  /** The current time, used as "now" when the file carries no generatedAt. */
  now: () => number;
}

export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: npx replyline report FILE [options]
   or: npm run report -- FILE [options]

Computes support metrics from a replyline.timeline/1 file (exported by the extension or the
Demo Desk) and prints a report.

Options:
  --profile NAME   definitions profile: ${PROFILE_LIST.map((profile) => profile.id).join(', ')}
                   (default: the file's profile, else replyline)
  --week YYYY-Www  only measurements in that ISO week, in the calendar's time zone
                   (UTC without a calendar), e.g. 2026-W48 (default: the file's period, if any)
  --format FORMAT  ${REPORT_FORMATS.join(', ')} (default: json)
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
  now: () => Date.now(),
};

class UsageError extends Error {}

interface ReportOptions {
  file: string;
  profile?: string;
  week?: string;
  format: string;
  now?: string;
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
  return { file: positionals[0], profile: values.profile, week: values.week, format, now: values.now };
}

function printProblems(io: CliIo, file: string, problems: readonly TimelineProblem[]) {
  io.stderr(`replyline: ${file} is not a valid timeline (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
  io.stderr(`${formatTimelineProblems(problems).replace(/^/gm, '  ')}\n`);
}

async function report(options: ReportOptions, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await io.readFile(options.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    io.stderr(`replyline: cannot read ${options.file}: ${reason}\n`);
    return EXIT_INVALID_INPUT;
  }

  const wrongKind = wrongKindMessage(text.slice(0, 65_536), 'cli');
  if (wrongKind) {
    io.stderr(`replyline: ${options.file}: ${wrongKind}\n`);
    return EXIT_INVALID_INPUT;
  }
  const parsed = parseTimeline(text);
  if (!parsed.ok) {
    printProblems(io, options.file, parsed.errors);
    return EXIT_INVALID_INPUT;
  }
  const { timeline, conversations } = parsed;

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
  });
  if (period && engineReport.summary.conversations === 0) {
    // Zeros alone read like a quiet week; say that nothing of the file fell in it.
    io.stderr(`replyline: ${describeEmptyPeriod(options.week, period, conversations, timezone)}\n`);
  }
  io.stdout(formatReport(engineReport, frame, options.format as ReportFormat));
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
