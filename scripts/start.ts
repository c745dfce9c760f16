/**
 * `npm start`: builds the extension, starts the Demo Desk with its simulator, and opens
 * Chromium with Replyline loaded on the Demo Desk. Ctrl-C stops everything it started.
 *
 * It also starts a team hub (PGlite in a temporary directory, a random admin token) to which the
 * Demo Desk's simulated agents send their observations, and prints a supervisor's invite link.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), DEMO_PORT (default 4400),
 * DEMO_SPEED (default 20), DEMO_SEED (default 42), HUB_PORT (default 4500). The browser opens
 * connected to that hub as the demo supervisor (scripts/demo-supervisor.ts), so the Team view is live.
 * CHROMIUM_HEADLESS=1 runs Chromium without a window (no display needed) with DevTools on
 * CHROMIUM_DEBUG_PORT (default 9222), for checking the demo from a script or over SSH.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startDemoDesk } from '../demo/server/main.ts';
import { createAgentTokens, startHubSync } from '../demo/server/hub-sync.ts';
import { createHub } from '../hub/src/server.ts';
import { connectPageUrl, createSupervisorInvite, devtoolsAddress, openExtensionPage } from './demo-supervisor.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.DEMO_PORT ?? 4400);
const speed = Number(process.env.DEMO_SPEED ?? 20);
const seed = Number(process.env.DEMO_SEED ?? 42);
// The demo build: production builds (npm run build) leave the Demo Desk content script out.
const extensionPath = resolve('.output/chrome-mv3-demo');

console.log('Building the extension…');
const build = spawnSync('npx', ['wxt', 'build', '--mode', 'demo'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The extension build failed; see the output above.');
  process.exit(1);
}

const demo = await startDemoDesk({ port, speed, seed, conversations: 30 });
console.log(`Demo Desk: ${demo.url}/inbox (simulator on, speed ×${speed}, seed ${seed})`);

const hubDataDir = mkdtempSync(join(tmpdir(), 'replyline-start-hub-'));
const hubAdminToken = randomBytes(24).toString('base64url');
console.log('Starting the team hub (embedded PostgreSQL; the first start takes a little while)…');
const hub = await createHub({ dataDir: join(hubDataDir, 'db'), adminToken: hubAdminToken, logger: { level: 'warn' } });
const hubUrl = await hub.listen(Number(process.env.HUB_PORT ?? 4500));
const hubSync = startHubSync(demo, {
  hubUrl,
  tokens: await createAgentTokens(hubUrl, hubAdminToken, demo),
  onError: (message) => console.error(message),
});
const supervisorInvite = await createSupervisorInvite(hubUrl, hubAdminToken);
// The extension page that connects this invite: the browser opens with the supervisor connected.
const supervisorPage = connectPageUrl(extensionPath, supervisorInvite);
console.log(`Team hub: ${hubUrl} (the simulated agents send to it; admin token ${hubAdminToken})`);
console.log(`Supervisor invite (opened connected in the browser; or paste into Replyline → Settings → Team hub): ${supervisorInvite}`);

let browser: ChildProcess | null = null;
const profileDir = mkdtempSync(join(tmpdir(), 'replyline-start-'));

let stopping = false;
async function stopAll(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (browser && browser.exitCode === null && browser.pid) {
    const exited = new Promise((resolve) => browser?.once('exit', resolve));
    // Chromium runs as a process group (renderers, GPU, utilities): stop all of it.
    try {
      process.kill(-browser.pid, 'SIGTERM');
    } catch {
      browser.kill('SIGTERM');
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  await hubSync.stop();
  await hub.close();
  rmSync(hubDataDir, { recursive: true, force: true });
  await demo.close();
  rmSync(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const headless = process.env.CHROMIUM_HEADLESS === '1';
// DevTools' HTTP endpoint opens the supervisor's page once the extension is loaded (headed: on a free port).
const debugPort = headless ? Number(process.env.CHROMIUM_DEBUG_PORT ?? 9222) : 0;
const hasDisplay = headless || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!existsSync(chromiumPath)) {
  console.log(`Chromium was not found at ${chromiumPath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  console.log(
    `Meanwhile the Demo Desk is running at ${demo.url}/inbox; load ${extensionPath} as an unpacked extension in any Chromium-based browser. Ctrl-C stops it.`,
  );
} else if (!hasDisplay) {
  console.log('No display found, so no browser window can open here.');
  console.log('Either run this with a display (for example `xvfb-run npm start`, or from a desktop session, or CHROMIUM_HEADLESS=1),');
  console.log(`or open ${demo.url}/inbox in a Chromium-based browser where you load ${extensionPath}`);
  console.log('as an unpacked extension (chrome://extensions → Developer mode → Load unpacked).');
  console.log('The Demo Desk keeps running until Ctrl-C.');
} else {
  browser = spawn(
    chromiumPath,
    [
      `--user-data-dir=${profileDir}`,
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--start-maximized',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--remote-debugging-port=${debugPort}`,
      ...(headless ? ['--headless=new'] : []),
      // Root cannot use Chromium's sandbox; --test-type hides the banner that flag brings.
      ...(process.getuid?.() === 0 ? ['--no-sandbox', '--test-type'] : []),
      // Headless Chromium opens one page only; the supervisor's page is opened below.
      ...(headless ? [] : [`${demo.url}/inbox`]),
    ],
    { stdio: 'ignore', detached: true },
  );
  void openExtensionPage(() => (headless ? `http://127.0.0.1:${debugPort}` : devtoolsAddress(profileDir)), supervisorPage).then(
    (opened) => {
      if (!opened) console.log(`The supervisor's page did not open; open it yourself: ${supervisorPage}`);
    },
  );
  browser.on('exit', () => {
    if (stopping) return;
    console.log('Chromium closed; stopping the Demo Desk.');
    void stopAll(0);
  });
  console.log(
    headless
      ? `Chromium runs headless with Replyline loaded; DevTools at http://127.0.0.1:${debugPort}. Ctrl-C stops everything.`
      : 'Chromium is open with Replyline loaded. Click the Replyline toolbar button for the side panel. Ctrl-C stops everything.',
  );
}
