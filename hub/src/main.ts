/**
 * `npm run hub [-- --port 4500 --host 127.0.0.1 --data DIR --public-url URL --rate-limit N]`: runs the team hub.
 * DATABASE_URL=postgres://… uses that PostgreSQL server; otherwise PGlite persisted in --data
 * (default ./hub-data). REPLYLINE_HUB_ADMIN_TOKEN is the first admin's token.
 * SIGINT/SIGTERM stop it gracefully (requests in flight finish, streams end).
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHub, type Hub, type HubOptions } from './server';

export const USAGE = `Usage: npm run hub -- [--port 4500] [--host 127.0.0.1] [--data DIR] [--public-url URL] [--trust-proxy]
                        [--rate-limit 1200]

  --rate-limit N             requests per minute per token in this process (default 1200); behind a
                             load balancer with several processes, the team's limit divided by their number

Environment:
  DATABASE_URL               postgres://user:password@host:5432/db (default: embedded PGlite in --data)
  REPLYLINE_HUB_ADMIN_TOKEN  the first administrator's token (create others with POST /v1/tokens)
  LOG_LEVEL                  fatal, error, warn, info (default), debug
`;

export interface HubCliOptions {
  port: number;
  host: string;
  hub: HubOptions;
}

export function parseHubArgs(argv: readonly string[], env: NodeJS.ProcessEnv): HubCliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const port = values.port === undefined ? 4500 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got "${values.port}"`);
  const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit > 0)) {
    throw new Error(`--rate-limit must be a whole number of requests per minute above 0, got "${values['rate-limit']}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port,
    host: values.host ?? '127.0.0.1',
    hub: {
      ...(databaseUrl ? { databaseUrl } : { dataDir: resolve(values.data ?? 'hub-data') }),
      ...(env.REPLYLINE_HUB_ADMIN_TOKEN && { adminToken: env.REPLYLINE_HUB_ADMIN_TOKEN }),
      ...(values['public-url'] && { publicUrl: values['public-url'] }),
      ...(values['trust-proxy'] && { trustProxy: true }),
      ...(rateLimit !== undefined && { rateLimit: { max: rateLimit, windowMs: 60_000 } }),
      logger: { level: env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] },
    },
  };
}

async function main(): Promise<void> {
  let options: HubCliOptions | 'help';
  try {
    options = parseHubArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (!options.hub.adminToken) {
    process.stderr.write('Note: REPLYLINE_HUB_ADMIN_TOKEN is not set, so no one can create tokens on this hub.\n');
  }
  const hub: Hub = await createHub(options.hub);
  const url = await hub.listen(options.port, options.host);
  hub.app.log.info({ url, engine: hub.database.kind, data: options.hub.dataDir ?? null }, 'hub listening');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    hub.app.log.info({ signal }, 'hub stopping');
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  main().catch((error) => {
    process.stderr.write(`replyline hub: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
