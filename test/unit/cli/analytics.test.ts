/**
 * `replyline report` carries the side panel's Insights (issue 15), computed by hand for
 * test/fixtures/analytics-week.json: c-1 is answered and resolved by a bot (deflected); c-2 is
 * handed off to a-1 after 2 minutes of bot time, tagged renewal, and is the same customer's
 * second contact within the hour; c-3 is human only. No activity spans: no handle time, so no cost.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../lib/cli/main';
import type { ReportJson } from '../../../lib/export/json';

const text = readFileSync(new URL('../../fixtures/analytics-week.json', import.meta.url), 'utf8');

async function report(args: string[]): Promise<string> {
  let out = '';
  const code = await runCli(['report', 'week.json', ...args], {
    readFile: async () => text,
    stdout: (t) => void (out += t),
    stderr: () => {},
  });
  expect(code).toBe(0);
  return out;
}

const rate = (count: number, n: number) => ({ count, n, share: count / n, small: true });

describe('analytics in the report', () => {
  it('JSON: automation, hand-off, outcomes, cost, topics, repeat contacts, productivity', async () => {
    const { analytics: a } = JSON.parse(await report(['--hourly-cost', '60'])) as ReportJson;
    if (!a) throw new Error('no analytics');
    expect(a.week).toBe('2026-W48');
    expect([a.automation.conversations, a.automation.botTouched]).toEqual([3, 2]);
    expect(a.automation.deflection).toEqual(rate(1, 2));
    expect(a.automation.handoffRate).toEqual(rate(1, 2));
    expect(a.automation.automationShare).toEqual(rate(1, 3));
    expect(a.automation.timeToHandoff.calendar).toMatchObject({ n: 1, median: 120 });
    expect(a.automation.ids).toMatchObject({ botTouched: ['c-1', 'c-2'], deflected: ['c-1'], handedOff: ['c-2'] });
    expect(a.impact.outcomes.renewal).toEqual(rate(1, 3));
    expect(a.impact.outcomes.retention).toEqual({ count: 0, n: 3, share: 0, small: true });
    expect(a.impact.cost).toMatchObject({ hourlyCost: 60, total: 0, unknown: 3, perConversation: { n: 0, median: null } });
    // Outcome tags are not topics.
    expect(a.topics.map((t) => [t.topic, t.volume, t.firstResponse.calendar.median, t.resolution.calendar.median])).toEqual([
      ['billing', 2, 300, 960],
      ['refund', 1, 600, 1200],
    ]);
    expect(a.repeat.rate).toEqual(rate(1, 3));
    expect(a.repeat.repeats).toEqual([{ conversationId: 'c-2', previousConversationId: 'c-1', customerId: 'cu-1', gapSeconds: 3600 }]);
    expect(a.productivity.map((p) => [p.agentId, p.resolved, p.qa.mean, p.value])).toEqual([['a-1', 2, null, null]]);
  });

  it('text: the same figures in words', async () => {
    const lines = (await report(['--format', 'text'])).split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(lines).toContain('Deflection (bot-resolved of bot-touched) 50% 1 / 2 (small sample)');
    expect(lines).toContain('Hand-off to a human (of bot-touched) 50% 1 / 2 (small sample)');
    expect(lines).toContain('Time to hand-off (business): median 2m 00s, n 1');
    expect(lines).toContain('renewal 33% 1 / 3 (small sample)');
    expect(lines).toContain('Cost per conversation: — (give --hourly-cost to compute it)');
    expect(lines).toContain('billing (small sample) 2 5m 00s 0% —');
    expect(lines).toContain('Repeat contacts (same customer within 7 days): 33%, 1 / 3 (small sample)');
    expect(lines).toContain('a-1 2 — (no reviews) —');
  });

  it('rejects a malformed --hourly-cost', async () => {
    let err = '';
    const code = await runCli(['report', 'week.json', '--hourly-cost', 'lots'], {
      readFile: async () => text,
      stdout: () => {},
      stderr: (t) => void (err += t),
    });
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('replyline: malformed --hourly-cost "lots" (expected a number of currency units, e.g. 42.5)');
  });
});
