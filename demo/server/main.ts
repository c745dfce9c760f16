/**
 * Runs the Demo Desk:
 *   npm run demo -- [--port 4400] [--seed 42] [--speed 20] [--clock real|manual]
 *     [--conversations 30] [--no-sim] [--timezone Europe/Berlin] [--business-hours "mon-fri 09:00-17:00"]
 *     [--hub http://127.0.0.1:4500 --hub-token TOKEN]   (the simulated agents send to a team hub)
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoDesk } from './server.ts';
import type { DemoDeskOptions } from './server.ts';
import { createAgentTokens, startHubSync, type HubSync } from './hub-sync.ts';

export { startDemoDesk };
export type { DemoDesk, DemoDeskOptions } from './server.ts';

export const USAGE = `usage: npm run demo -- [--port 4400] [--host 127.0.0.1] [--seed 42] [--speed 20]
  [--clock real|manual] [--conversations 30] [--no-sim] [--timezone Europe/Berlin]
  [--business-hours "mon-fri 09:00-17:00"] [--arrival-every 3] [--hub URL --hub-token TOKEN]`;

function parseOptions(argv: string[]): DemoDeskOptions & { hub?: string; hubToken?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      clock: { type: 'string' },
      conversations: { type: 'string' },
      'no-sim': { type: 'boolean' },
      timezone: { type: 'string' },
      'business-hours': { type: 'string' },
      'arrival-every': { type: 'string' },
      hub: { type: 'string' },
      'hub-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: string, text: string | undefined, check: (n: number) => boolean): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!check(value))
      throw new Error(
        `--${name} must be ${name === 'speed' || name === 'arrival-every' ? 'a positive number' : 'a non-negative integer'}, got "${text}"`,
      );
    return value;
  };
  const isCount = (n: number) => Number.isInteger(n) && n >= 0;
  if (values.clock !== undefined && values.clock !== 'real' && values.clock !== 'manual') {
    throw new Error(`--clock must be real or manual, got "${values.clock}"`);
  }
  return {
    port: number('port', values.port, (n) => isCount(n) && n < 65536) ?? 4400,
    host: values.host,
    seed: number('seed', values.seed, isCount),
    speed: number('speed', values.speed, (n) => n > 0),
    clock: values.clock,
    conversations: number('conversations', values.conversations, isCount),
    sim: !values['no-sim'],
    timezone: values.timezone,
    businessHours: values['business-hours'],
    arrivalEveryMinutes: number('arrival-every', values['arrival-every'], (n) => n > 0),
    hub: values.hub,
    hubToken: values['hub-token'],
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exit(2);
  }
  let desk: Awaited<ReturnType<typeof startDemoDesk>>;
  try {
    desk = await startDemoDesk(options);
  } catch (error) {
    console.error(describeStartError(error, options));
    process.exit(1);
  }
  const sim = desk.simulator.state();
  console.log(`Demo Desk running at ${desk.url}/inbox`);
  console.log(
    `  ${desk.store.size} conversations, simulator ${sim.running ? `on (speed ${sim.speed}×, seed ${sim.seed})` : 'off'}, clock ${desk.clock.mode}, time zone ${desk.settings().calendar.timezone}`,
  );
  let sync: HubSync | null = null;
  if (options.hub) {
    if (!options.hubToken) throw new Error('--hub needs --hub-token (an admin token, or one token all agents send with)');
    // An admin token gets each agent a token of their own; any other token is used by all.
    const tokens = await createAgentTokens(options.hub, options.hubToken, desk).catch(() => ({}));
    sync = startHubSync(desk, {
      hubUrl: options.hub,
      tokens,
      fallbackToken: options.hubToken,
      onError: (message) => console.error(message),
    });
    console.log(`  sending the simulated agents' observations to the hub at ${options.hub}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the Demo Desk`);
    await sync?.stop();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** A start failure in words; a busy port says which and how to choose another. */
export function describeStartError(error: unknown, options: Pick<DemoDeskOptions, 'port' | 'host'>): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `${options.host ?? '127.0.0.1'}:${options.port ?? 4400}`;
  if (code === 'EADDRINUSE') {
    const next = (options.port ?? 4400) + 1;
    return `The Demo Desk cannot start: port ${where} is already in use (another Demo Desk or \`npm start\` may be running). Stop it, or choose another port: npm run demo -- --port ${next}`;
  }
  if (code === 'EACCES') return `The Demo Desk cannot start: no permission to listen on ${where}; choose a port above 1024 with --port.`;
  return `The Demo Desk cannot start: ${error instanceof Error ? error.message : String(error)}`;
}

/** True when this file is the program being run, not a module imported by `npm start` or tests. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
