/**
 * Size budget for content scripts: each must stay within 31 KB gzip, because it is loaded
 * into every helpdesk page the agent opens. Checks the build folder given as the argument, by
 * default the demo build (every content script, the Demo Desk's included).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// 30 KB until the page's display names (issue 13) added about 0.5 KB to every helpdesk's script.
const BUDGET_BYTES = 31 * 1024;
const dir = join(process.argv[2] ?? '.output/chrome-mv3-demo', 'content-scripts');
if (!existsSync(dir)) {
  console.error(`content-script size: ${dir} not found (build first: npx wxt build --mode demo)`);
  process.exit(1);
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
