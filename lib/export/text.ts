/**
 * The plain-text weekly summary: medians, p90, means and counts per clock, target hit rates,
 * ratings, and one line per agent. Fixed-width tables, readable in a terminal or an e-mail.
 */
import { getProfile, type Profile } from '../engine/profiles';
import type { Aggregate, DurationAggregate, TargetHitRate } from '../engine/types';
import { humanDuration, localDateTime, median, percent, type EngineReport, type ReportFrame } from './context';

/** The summary's `resolution` row, named after what the profile reports. */
const RESOLUTION_LABEL: Record<Profile['resolution']['figure'], string> = {
  'per-cycle': 'Resolution (per cycle)',
  'each-from-creation': 'Resolution (each, from creation)',
  'first-from-creation': 'Resolution (first, from creation)',
  'last-from-creation': 'Resolution (latest, from creation)',
  'first-message-to-last-close': 'Resolution (first message to last close)',
};

/** Left-aligns the first column and right-aligns the others. */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

function aggregateCells(value: Aggregate): string[] {
  return [String(value.n), humanDuration(value.median), humanDuration(value.p90), humanDuration(value.mean)];
}

function durationRows(label: string, value: DurationAggregate): string[][] {
  return [
    [label, 'business', ...aggregateCells(value.business)],
    ['', 'calendar', ...aggregateCells(value.calendar)],
  ];
}

function hitRateCells(label: string, value: TargetHitRate): string[] {
  return [label, `${value.met} / ${value.n}`, percent(value.rate)];
}

export function formatReportText(report: EngineReport, frame: ReportFrame): string {
  const { summary } = report;
  const lines: string[] = [];
  const period = frame.period
    ? `${frame.period.week ? `${frame.period.week}, ` : ''}${localDateTime(frame.period.from, frame.timezone)} to ${localDateTime(frame.period.to, frame.timezone)}`
    : 'all measurements';
  const unverified = report.conversations.filter((metrics) => metrics.unverified).length;

  lines.push(`Replyline report (profile: ${report.profile})`);
  lines.push(`Period:        ${period} (${frame.timezone})`);
  lines.push(`Evaluated at:  ${localDateTime(frame.now, frame.timezone)}`);
  lines.push(
    `Conversations: ${report.conversations.length} listed, ${summary.conversations} with figures in the period${unverified > 0 ? `; ${unverified} unverified (listed, never counted)` : ''}`,
  );
  lines.push('');

  lines.push(
    ...textTable([
      ['Times', 'clock', 'n', 'median', 'p90', 'mean'],
      ...durationRows('First response', summary.firstResponse),
      ...durationRows('Next response', summary.reply),
      // The profile's own resolution figure first, then the other two views of the same resolutions.
      ...durationRows(RESOLUTION_LABEL[getProfile(report.profile).resolution.figure], summary.resolution),
      ...(getProfile(report.profile).resolution.figure === 'per-cycle' ? [] : durationRows('Resolution cycles', summary.resolutionCycles)),
      ...(getProfile(report.profile).resolution.figure === 'each-from-creation'
        ? []
        : durationRows('Resolutions from creation', summary.resolutionFromCreation)),
      ...durationRows('Bot until hand-off', summary.handoff),
      ['Active handle time', '', ...aggregateCells(summary.handleSeconds)],
    ]),
  );
  lines.push('');

  lines.push(
    ...textTable([
      ['Targets', 'met / n', 'hit rate'],
      hitRateCells('First response', summary.targets.firstResponse),
      hitRateCells('Next response', summary.targets.nextResponse),
      hitRateCells('Resolution', summary.targets.resolution),
      hitRateCells('All', summary.targets.all),
    ]),
  );
  lines.push('');

  const cesMean = summary.ces.mean === null ? '—' : summary.ces.mean.toFixed(1);
  lines.push(
    ...textTable([
      ['Outcomes', 'value', 'n'],
      ['CSAT (share of 4–5)', percent(summary.csat.score), String(summary.csat.n)],
      ['CES mean (1–7)', cesMean, String(summary.ces.n)],
      ['CES easy (5–7)', percent(summary.ces.shareEasy), String(summary.ces.n)],
      ['Reopens', String(summary.reopens), ''],
      // n = the resolved conversations each share is taken of, never the count of the share's numerator.
      ['Reopen rate', percent(summary.reopenRate), String(summary.oneTouch.n)],
      ['One-touch resolutions', percent(summary.oneTouch.share), String(summary.oneTouch.n)],
      ['Resolved by a bot', String(summary.botResolved), ''],
    ]),
  );

  const byAgent = new Map<string, { conversations: number; firstResponses: number[]; handleSeconds: number }>();
  for (const metrics of report.conversations) {
    if (!metrics.agentId) continue;
    const entry = byAgent.get(metrics.agentId) ?? { conversations: 0, firstResponses: [], handleSeconds: 0 };
    entry.conversations++;
    if (metrics.firstResponse && !metrics.unverified) entry.firstResponses.push(metrics.firstResponse.businessSeconds);
    entry.handleSeconds += metrics.handleSeconds;
    byAgent.set(metrics.agentId, entry);
  }
  if (byAgent.size > 0) {
    lines.push('');
    lines.push(
      ...textTable([
        ['Agent', 'conversations', 'median first response (business)', 'handle time'],
        ...[...byAgent.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([agent, entry]) => [
            agent,
            String(entry.conversations),
            humanDuration(median(entry.firstResponses)),
            humanDuration(entry.handleSeconds),
          ]),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}
