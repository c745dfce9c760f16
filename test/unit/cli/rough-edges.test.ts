/** What a newcomer hit with the CLI (issue 15), each fixed and held here. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../lib/cli/main';

async function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => {
      if (path in files) return files[path];
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    },
    now: () => Date.UTC(2026, 11, 1),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const T = '2026-11-24T09:';
/** A conversation resolved after `replies` agent replies (one reply = one-touch). */
function resolved(id: string, replies: number, minute: number) {
  const at = (m: number) => `${T}${String(minute + m).padStart(2, '0')}:00Z`;
  const events: unknown[] = [{ type: 'message', id: `${id}-c`, at: at(0), author: 'customer' }];
  for (let i = 1; i <= replies; i++) events.push({ type: 'message', id: `${id}-a${i}`, at: at(i), author: 'agent', agentId: 'a-1' });
  events.push({ type: 'status', id: `${id}-s`, at: at(replies + 1), status: 'resolved', agentId: 'a-1' });
  return { id, createdAt: at(0), events };
}
const week = JSON.stringify({
  format: 'replyline.timeline/1',
  generatedAt: '2026-11-24T12:00:00Z',
  conversations: [resolved('c-1', 1, 0), resolved('c-2', 2, 5), resolved('c-3', 1, 10), resolved('c-4', 3, 15)],
});

describe('CLI rough edges', () => {
  it('the text report\'s "n" column holds n (4 resolved), not the count (2 one-touch)', async () => {
    const { code, stdout } = await run(['report', 'w.json', '--format', 'text'], { 'w.json': week });
    expect(code).toBe(0);
    const line = (label: string) =>
      stdout
        .split('\n')
        .find((l) => l.startsWith(label))
        ?.replace(/\s+/g, ' ');
    expect(line('One-touch resolutions')).toBe('One-touch resolutions 50% 4');
    expect(line('Reopen rate')).toBe('Reopen rate 0% 4');
    const { stdout: json } = await run(['report', 'w.json'], { 'w.json': week });
    expect(JSON.parse(json).summary.oneTouch).toEqual({ count: 2, n: 4, share: 0.5 });
  });

  it('--week with no data says so on stderr (exit 0, the empty report on stdout)', async () => {
    const { code, stdout, stderr } = await run(['report', 'w.json', '--week', '2026-W40', '--format', 'text'], { 'w.json': week });
    expect(code).toBe(0);
    expect(stderr).toBe(
      "replyline: no measurements in 2026-W40 (UTC): the file's 4 conversations were created 2026-11-24 – 2026-11-24. Every figure below is empty.\n",
    );
    expect(stdout).toContain('0 with figures in the period');
    // A week with data says nothing extra.
    expect((await run(['report', 'w.json', '--week', '2026-W48'], { 'w.json': week })).stderr).toBe('');
  });

  it('a backup given to the CLI is named, with where it belongs', async () => {
    const backup = JSON.stringify({ format: 'replyline.backup/1', settings: {}, timelines: [] });
    const { code, stdout, stderr } = await run(['report', 'backup.json'], { 'backup.json': backup });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'replyline: backup.json: this file is a Replyline backup (replyline.backup/1, from Settings → Data → Export everything), not a timeline; restore it in the side panel with Settings → Data → Import a Replyline backup.\n',
    );
  });

  it('--version prints the version; usage hints name a command that runs (npx replyline)', async () => {
    const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    for (const argv of [['--version'], ['-v'], ['report', '--version']]) {
      expect(await run(argv)).toEqual({ code: 0, stdout: `replyline ${version}\n`, stderr: '' });
    }
    const wrong = await run(['report', 'w.json', '--colour']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split('\n')[1]).toBe('Run "npx replyline --help" for usage.');
    const help = await run(['--help']);
    expect(help.stdout.split('\n').slice(0, 2)).toEqual([
      'Usage: npx replyline report FILE [options]',
      '   or: npm run report -- FILE [options]',
    ]);
  });
});
