/**
 * Size budget for content scripts: each must stay within 30 KB gzip, because it is loaded
 * into every helpdesk page the agent opens.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 30 * 1024;
const dir = '.output/chrome-mv3/content-scripts';
if (!existsSync(dir)) {
  console.log('content-script size: no content scripts built');
  process.exit(0);
}
let over = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const raw = readFileSync(join(dir, file));
  const gz = gzipSync(raw, { level: 9 }).length;
  const ok = gz <= BUDGET_BYTES;
  if (!ok) over++;
  console.log(`content-script size: ${file} ${raw.length} B raw, ${gz} B gzip (budget ${BUDGET_BYTES}) ${ok ? 'ok' : 'OVER BUDGET'}`);
}
process.exit(over > 0 ? 1 : 0);
