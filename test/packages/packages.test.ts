/**
 * The store packages as `npm run zip` writes them (run it first): the production builds'
 * manifests for Chrome and Firefox, what each zip holds, the sources zip Mozilla's reviewers
 * build from, and `web-ext lint` on the Firefox build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import webExt from 'web-ext';
import { describe, expect, it } from 'vitest';

const OUT = '.output';
const CHROME = join(OUT, 'chrome-mv3');
const FIREFOX = join(OUT, 'firefox-mv3');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const ZIPS = {
  chrome: join(OUT, `replyline-${version}-chrome.zip`),
  firefox: join(OUT, `replyline-${version}-firefox.zip`),
  sources: join(OUT, `replyline-${version}-sources.zip`),
};

function manifestOf(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

async function zipEntries(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  return Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name)
    .sort();
}

const ICONS = { '16': 'icon/16.png', '32': 'icon/32.png', '48': 'icon/48.png', '96': 'icon/96.png', '128': 'icon/128.png' };
const ACTION = { default_title: 'Open Replyline', default_icon: { '16': 'icon/16.png', '32': 'icon/32.png' } };
const CLOUD_CONTENT_SCRIPTS = [
  { matches: ['https://app.chatwoot.com/app/*'], run_at: 'document_idle', js: ['content-scripts/chatwoot.js'] },
  { matches: ['https://*.zendesk.com/agent/*'], run_at: 'document_idle', js: ['content-scripts/zendesk.js'] },
];
/** Zammad, FreeScout and recipes are registered at runtime on granted origins; the Demo Desk is not shipped. */
const CONTENT_SCRIPT_FILES = ['chatwoot.js', 'freescout.js', 'recipe.js', 'zammad.js', 'zendesk.js'];

describe('production manifests', () => {
  it('Chrome: side panel, service worker, the cloud helpdesks only, self-hosted hosts optional', () => {
    expect(manifestOf(CHROME)).toEqual({
      manifest_version: 3,
      name: 'Replyline',
      description: 'Response timers, targets and support metrics, measured in the helpdesk page itself.',
      version,
      icons: ICONS,
      permissions: ['storage', 'alarms', 'notifications', 'unlimitedStorage', 'scripting', 'sidePanel'],
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      action: ACTION,
      background: { service_worker: 'background.js' },
      side_panel: { default_path: 'sidepanel.html' },
      content_scripts: CLOUD_CONTENT_SCRIPTS,
    });
  });

  it('Firefox: sidebar, event page, gecko id, no data collected unless the user connects a hub', () => {
    expect(manifestOf(FIREFOX)).toEqual({
      manifest_version: 3,
      name: 'Replyline',
      description: 'Response timers, targets and support metrics, measured in the helpdesk page itself.',
      version,
      icons: ICONS,
      permissions: ['storage', 'alarms', 'notifications', 'unlimitedStorage', 'scripting'],
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      action: ACTION,
      browser_specific_settings: {
        gecko: {
          id: '@replyline',
          strict_min_version: '140.0',
          data_collection_permissions: {
            required: ['none'],
            optional: ['websiteActivity', 'websiteContent', 'browsingActivity', 'personallyIdentifyingInfo'],
          },
        },
      },
      background: { scripts: ['background.js'] },
      sidebar_action: {
        default_panel: 'sidepanel.html',
        default_icon: { '16': 'icon/16.png', '32': 'icon/32.png' },
        default_title: 'Replyline',
      },
      content_scripts: CLOUD_CONTENT_SCRIPTS,
    });
  });

  it.each([
    ['Chrome', CHROME],
    ['Firefox', FIREFOX],
  ])('%s: the Demo Desk is left out: no script, no registry entry, no local host anywhere in the build', (_browser, dir) => {
    expect(readdirSync(join(dir, 'content-scripts')).sort()).toEqual(CONTENT_SCRIPT_FILES);
    const mentioning = (needle: string) => filesUnder(dir).filter((file) => readFileSync(join(dir, file), 'latin1').includes(needle));
    expect(mentioning('content-scripts/demodesk.js')).toEqual([]);
    // No page pattern for local hosts (the Demo Desk's): the hub client may still name loopback
    // hosts, where it accepts a plain-http hub on this computer.
    expect(mentioning('localhost/*')).toEqual([]);
    expect(mentioning('127.0.0.1/*')).toEqual([]);
    expect(mentioning('data-app')).toEqual([]);
  });
});

describe('zips', () => {
  it.each([
    ['chrome', CHROME],
    ['firefox', FIREFOX],
  ] as const)('the %s zip holds exactly the production build', async (browser, dir) => {
    const entries = await zipEntries(ZIPS[browser]);
    expect(entries).toEqual(filesUnder(dir));
    expect(entries).toContain('manifest.json');
    console.log(`${ZIPS[browser]}: ${statSync(ZIPS[browser]).size} bytes, ${entries.length} files`);
  });

  it('the sources zip builds the add-on: sources, lock file and build notes, no dependencies, outputs or screenshots', async () => {
    const entries = await zipEntries(ZIPS.sources);
    console.log(`${ZIPS.sources}: ${statSync(ZIPS.sources).size} bytes, ${entries.length} files`);
    for (const file of [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'entrypoints/background.ts',
      'entrypoints/sidepanel/index.html',
      'lib/background/toolbar.ts',
      'public/icon/128.png',
      'docs/store/README.md',
    ])
      expect(entries).toContain(file);
    const topFolders = new Set(entries.filter((e) => e.includes('/')).map((e) => e.split('/')[0]));
    expect(['node_modules', '.output', '.wxt', 'test-results', '.ci-results'].filter((f) => topFolders.has(f))).toEqual([]);
    expect(entries.filter((e) => e.includes('node_modules/'))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('docs/screenshots/') || e.startsWith('docs/store/screenshots/'))).toEqual([]);
  });
});

describe('web-ext lint on the Firefox build', () => {
  it('reports no errors; the warnings are the known ones from bundled libraries and the Android minimum', async () => {
    const result = await webExt.cmd.lint(
      { sourceDir: FIREFOX, output: 'none', boring: true, pretty: false, verbose: false, selfHosted: false, warningsAsErrors: false },
      { shouldExitProgram: false },
    );
    expect(result.errors).toEqual([]);
    // Chunk names carry a content hash; the warnings are named by their code and chunk.
    const warnings = result.warnings.map((w) => `${w.code} ${(w.file ?? '').replace(/-[\w-]{8}\.js$/, '.js')}`).sort();
    console.log(`web-ext lint: 0 errors, ${warnings.length} warnings:\n  ${warnings.join('\n  ')}`);
    expect(warnings).toEqual([
      // zod 4 probes whether eval works (`Function("")` in a try/catch) and falls back when the
      // extension CSP refuses it; zod sits in the worker and in the panel's shared chunk.
      'DANGEROUS_EVAL background.js',
      // decimal.js-light (recharts): `Function("return this")()` to find the global object.
      'DANGEROUS_EVAL chunks/BarChart.js',
      'DANGEROUS_EVAL chunks/jsx-runtime.js',
      // Firefox for Android gained data_collection_permissions in 142; Replyline has no Android build (no sidebar there).
      'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION manifest.json',
      // react-dom's own innerHTML writes (creating <script> elements; dangerouslySetInnerHTML, which Replyline never uses).
      'UNSAFE_VAR_ASSIGNMENT chunks/style.js',
      'UNSAFE_VAR_ASSIGNMENT chunks/style.js',
    ]);
  });
});
