/**
 * One hub as its own OS process for the multi-process test: PostgreSQL at DATABASE_URL, the
 * clock read from HUB_TEST_CLOCK_FILE (epoch ms, replaced atomically by the test), a 25 ms
 * scheduler. Prints `{"url": …}` when listening; on SIGTERM closes and prints `{"fired": n}`.
 */
import { readFileSync } from 'node:fs';
import { createHub } from '../src/server';
import { ADMIN } from './engines';

const clockFile = process.env.HUB_TEST_CLOCK_FILE;
const databaseUrl = process.env.DATABASE_URL;
if (!clockFile || !databaseUrl) throw new Error('hub-process: set DATABASE_URL and HUB_TEST_CLOCK_FILE');

const hub = await createHub({
  databaseUrl,
  adminToken: ADMIN,
  logger: false,
  now: () => Number(readFileSync(clockFile, 'utf8')),
  schedulerIntervalMs: 25,
});
process.stdout.write(`${JSON.stringify({ url: await hub.listen(0) })}\n`);
process.on('SIGTERM', () => {
  void hub.close().then(() => {
    process.stdout.write(`${JSON.stringify({ fired: hub.scheduler?.firedCount ?? 0 })}\n`);
    process.exit(0);
  });
});
