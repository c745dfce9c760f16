/** The Demo Desk's command line as a newcomer meets it: its help and a busy port. */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'demo/server/main.ts', ...args], { cwd: root, timeout: 30_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let blocker: Server | null = null;
afterEach(() => {
  blocker?.close();
  blocker = null;
});

describe('npm run demo', () => {
  it('--help shows the npm command, not node --import tsx', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('usage: npm run demo -- [--port 4400] [--host 127.0.0.1] [--seed 42] [--speed 20]');
    expect(stdout).not.toContain('node --import');
  });

  it('a busy port is named with the option to choose another, without a stack trace', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)),
    );
    const { code, stderr } = await run(['--port', String(port), '--no-sim']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `The Demo Desk cannot start: port 127.0.0.1:${port} is already in use (another Demo Desk or \`npm start\` may be running). Stop it, or choose another port: npm run demo -- --port ${port + 1}`,
    );
  });
});
