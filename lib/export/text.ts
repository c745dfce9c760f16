/**
 * The plain-text weekly summary: medians, p90, means and counts per clock, target hit rates,
 * ratings, and one line per agent. Fixed-width tables, readable in a terminal or an e-mail.
 */
import { getProfile, type Profile } from '../engine/profiles';
import type { Aggregate, DurationAggregate, TargetHitRate } from '../engine/types';
import type { Rate } from '../engine/analytics';
import { humanDuration, localDateTime, median, percent, type EngineReport, type ReportAnalytics, type ReportFrame } from './context';

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
  if (report.analytics) lines.push('', ...analyticsLines(report.analytics));
  return `${lines.join('\n')}\n`;
}

function rateCells(value: Rate): string[] {
  return [percent(value.share), `${value.count} / ${value.n}${value.small ? ' (small sample)' : ''}`];
}

/** The Insights in words and tables: the same figures as the side panel's. */
function analyticsLines(a: ReportAnalytics): string[] {
  const lines: string[] = ['Insights (the side panel’s definitions; see docs/metrics.md)'];
  const cost = a.impact.cost;
  lines.push(
    ...textTable([
      ['Automation', 'share', 'count / n'],
      ['Deflection (bot-resolved of bot-touched)', ...rateCells(a.automation.deflection)],
      ['Hand-off to a human (of bot-touched)', ...rateCells(a.automation.handoffRate)],
      ['Automation share (of all conversations)', ...rateCells(a.automation.automationShare)],
      ['CSAT after automation', ...rateCells(a.automation.csat.automated)],
      ['CSAT human-handled', ...rateCells(a.automation.csat.humanHandled)],
    ]),
    `Time to hand-off (business): median ${humanDuration(a.automation.timeToHandoff.business.median)}, n ${a.automation.timeToHandoff.business.n}`,
    '',
    ...textTable([
      ['Outcomes', 'share', 'count / n'],
      ...Object.entries(a.impact.outcomes).map(([tag, value]) => [tag, ...rateCells(value)]),
    ]),
    cost
      ? `Cost per conversation (at ${cost.hourlyCost} an hour): median ${cost.perConversation.median?.toFixed(2) ?? '—'}, mean ${cost.perConversation.mean?.toFixed(2) ?? '—'}, n ${cost.perConversation.n}; total ${cost.total.toFixed(2)}; ${cost.unknown} without handle time`
      : 'Cost per conversation: — (give --hourly-cost to compute it)',
    '',
  );
  lines.push(
    a.topics.length === 0
      ? 'Topics: none (no tags)'
      : textTable([
          ['Topic', 'volume', 'median first response', 'reopen rate', 'CSAT'],
          ...a.topics.map((t) => [
            `${t.topic}${t.small ? ' (small sample)' : ''}`,
            String(t.volume),
            humanDuration(t.firstResponse.business.median),
            percent(t.reopenRate),
            percent(t.csat.score),
          ]),
        ]).join('\n'),
  );
  lines.push(
    a.rising.length === 0
      ? `Rising topics (${a.week} against the week before): none`
      : `Rising topics (${a.week} against the week before): ${a.rising.map((t) => `${t.topic} ${t.lastWeek} → ${t.thisWeek}`).join(', ')}`,
  );
  lines.push(`Repeat contacts (same customer within ${a.repeat.withinDays} days): ${rateCells(a.repeat.rate).join(', ')}`);
  lines.push('');
  lines.push(
    a.productivity.length === 0
      ? 'Quality-adjusted productivity: no resolutions'
      : textTable([
          ['Quality-adjusted productivity', 'resolved', 'QA mean', 'value'],
          ...a.productivity.map((p) => [
            p.agentId,
            String(p.resolved),
            p.qa.mean === null ? '— (no reviews)' : `${percent(p.qa.mean)}${p.small ? ' (small sample)' : ''}`,
            p.value === null ? '—' : p.value.toFixed(1),
          ]),
        ]).join('\n'),
  );
  return lines;
}
