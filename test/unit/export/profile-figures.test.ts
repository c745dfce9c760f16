/**
 * Under a profile, the plain resolution keys carry the profile's own figure (issue 11): JSON
 * `resolutions` and `summary.resolution`, CSV `last_resolution_s`, the text row; per-cycle
 * figures sit under keys that say so (`resolutionCycles`, `last_resolution_cycle_s`).
 * One conversation, resolved at 10:00, reopened by the customer at 11:00, resolved at 11:30
 * (created 09:00): cycles 3600 s and 1800 s; from creation 3600 s and 9000 s.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../lib/cli/main';
import type { ReportJson } from '../../../lib/export/json';

const at = (time: string) => `2026-11-24T${time}:00Z`;
const file = JSON.stringify({
  format: 'replyline.timeline/1',
  generatedAt: at('12:00'),
  conversations: [
    {
      id: 'c-1',
      createdAt: at('09:00'),
      events: [
        { type: 'message', id: 'm1', at: at('09:00'), author: 'customer' },
        { type: 'message', id: 'm2', at: at('09:10'), author: 'agent', agentId: 'a-1' },
        { type: 'status', id: 's1', at: at('10:00'), status: 'resolved', agentId: 'a-1' },
        { type: 'message', id: 'm3', at: at('11:00'), author: 'customer' },
        { type: 'message', id: 'm4', at: at('11:05'), author: 'agent', agentId: 'a-1' },
        { type: 'status', id: 's2', at: at('11:30'), status: 'resolved', agentId: 'a-1' },
      ],
    },
  ],
});

async function report(profile: string, format: 'json' | 'csv' | 'text'): Promise<string> {
  let out = '';
  const code = await runCli(['report', 'f.json', '--profile', profile, '--format', format], {
    readFile: async () => file,
    stdout: (text) => void (out += text),
    stderr: () => {},
  });
  expect(code).toBe(0);
  return out;
}

const cycles = [
  {
    seconds: 3600,
    businessSeconds: 3600,
    startedAt: at('09:00'),
    resolvedAt: at('10:00'),
    fromCreation: { seconds: 3600, businessSeconds: 3600 },
    agentId: 'a-1',
  },
  {
    seconds: 1800,
    businessSeconds: 1800,
    startedAt: at('11:00'),
    resolvedAt: at('11:30'),
    fromCreation: { seconds: 9000, businessSeconds: 9000 },
    agentId: 'a-1',
  },
];

describe('profile figures under the plain keys', () => {
  it.each([
    // profile, its resolutions as [seconds, businessSeconds, resolvedAt], summary mean and n, CSV last resolution
    [
      'chatwoot',
      [
        [3600, 3600, '10:00'],
        [9000, 9000, '11:30'],
      ],
      [6300, 2],
      ['9000', '9000'],
    ],
    // Zendesk's full resolution: the latest solve from creation; agent work time pauses while solved (10:00–11:00).
    ['zendesk', [[9000, 5400, '11:30']], [9000, 1], ['9000', '5400']],
    ['zammad', [[3600, 3600, '10:00']], [3600, 1], ['3600', '3600']],
    ['intercom', [[9000, 9000, '11:30']], [9000, 1], ['9000', '9000']],
    [
      'replyline',
      [
        [3600, 3600, '10:00'],
        [1800, 1800, '11:30'],
      ],
      [2700, 2],
      ['1800', '1800'],
    ],
  ] as const)('%s', async (profile, resolutions, [mean, n], [lastSeconds, lastBusiness]) => {
    const json = JSON.parse(await report(profile, 'json')) as ReportJson;
    const [conversation] = json.conversations;
    expect(conversation.resolutions.map((r) => [r.seconds, r.businessSeconds, r.resolvedAt])).toEqual(
      resolutions.map(([s, b, time]) => [s, b, at(time)]),
    );
    // Zendesk and Zammad pause resolution business time while solved/closed (10:00–11:00): 9000 − 3600 s.
    const pausesWhileResolved = profile === 'zendesk' || profile === 'zammad';
    expect(conversation.resolutionCycles).toEqual(
      pausesWhileResolved ? [cycles[0], { ...cycles[1], fromCreation: { seconds: 9000, businessSeconds: 5400 } }] : cycles,
    );
    expect([json.summary.resolution.calendar.mean, json.summary.resolution.calendar.n]).toEqual([mean, n]);
    expect([json.summary.resolutionCycles.calendar.mean, json.summary.resolutionCycles.calendar.n]).toEqual([2700, 2]);

    const csv = Papa.parse<Record<string, string>>(await report(profile, 'csv'), { header: true, comments: '#', skipEmptyLines: true });
    const row = csv.data[0];
    expect([row.last_resolution_s, row.last_resolution_business_s]).toEqual([lastSeconds, lastBusiness]);
    expect([row.last_resolution_cycle_s, row.last_resolution_cycle_business_s, row.resolution_from_creation_s]).toEqual([
      '1800',
      '1800',
      '9000',
    ]);
  });

  it('the text report names the profile figure and shows the cycles apart', async () => {
    const chatwoot = (await report('chatwoot', 'text')).split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(chatwoot).toContain('Resolution (each, from creation) business 2 1h 45m 2h 21m 1h 45m');
    expect(chatwoot).toContain('Resolution cycles business 2 45m 00s 57m 00s 45m 00s');
    const zendesk = (await report('zendesk', 'text')).split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(zendesk).toContain('Resolution (latest, from creation) business 1 1h 30m 1h 30m 1h 30m');
    expect(zendesk).toContain('calendar 1 2h 30m 2h 30m 2h 30m');
  });
});
