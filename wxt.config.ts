import { defineConfig } from 'wxt';

/**
 * Replyline's extension build, for Chrome (`wxt build`) and Firefox MV3 (`wxt build -b firefox --mv3`).
 *
 * Modes: `production` (the default of `wxt build` / `wxt zip`: what users install) leaves the Demo
 * Desk content script out; `demo` (`npm start`, the end-to-end tests: `--mode demo`, written to
 * `.output/<browser>-mv3-demo`) and the development server keep it. The code side of the same rule
 * is `DEMO_DESK_INCLUDED` in lib/adapters/registry.ts.
 *
 * Host permissions stay minimal: the cloud helpdesks' hosts are in the content scripts' matches;
 * self-hosted helpdesks are granted at runtime.
 */

// WXT sets NODE_ENV to the mode before it loads this file. A demo build is a production build
// plus the Demo Desk: React and every library are built as for production (not their dev builds).
if (process.env.NODE_ENV === 'demo') process.env.NODE_ENV = 'production';

/** The Firefox add-on id (AMO keys the listing and its updates on it). */
const GECKO_ID = '@replyline';

/** The entrypoint left out of production builds. */
const DEMO_DESK_ENTRYPOINT = 'demodesk';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifestVersion: 3,
  manifest: ({ browser, mode }) => ({
    name: 'Replyline',
    description: 'Response timers, targets and support metrics, measured in the helpdesk page itself.',
    // WXT adds `sidePanel` for Chrome; Firefox has no such API: its panel is the sidebar_action
    // WXT writes for the same page (entrypoints/sidepanel/index.html).
    permissions: ['storage', 'alarms', 'notifications', 'unlimitedStorage', 'scripting'],
    // Self-hosted helpdesks: each origin is requested when the user grants it in Settings.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Demo and test builds reach the local Demo Desk and the local team hub of `npm start` without a
    // prompt, so the demo's browser connects as a supervisor by itself. Production builds ask.
    ...(mode === 'production' ? {} : { host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'] }),
    // Chrome: opens the side panel (setPanelBehavior); Firefox: toggles the sidebar (lib/background/toolbar.ts).
    action: { default_title: 'Open Replyline', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140 (ESR) is the first Firefox that reads data_collection_permissions.
              strict_min_version: '140.0',
              // Nothing is transmitted unless the user connects the team's own hub; what that sync
              // sends is declared optional, to be granted when the user connects (docs/store/privacy.md).
              data_collection_permissions: {
                required: ['none'],
                optional: ['websiteActivity', 'websiteContent', 'browsingActivity', 'personallyIdentifyingInfo'],
              },
            },
          },
        }
      : {}),
  }),
  hooks: {
    'entrypoints:found': (wxt, infos) => {
      if (wxt.config.mode !== 'production') return;
      const index = infos.findIndex((info) => info.name === DEMO_DESK_ENTRYPOINT);
      if (index >= 0) infos.splice(index, 1);
    },
  },
  zip: {
    // The sources zip is what Mozilla's reviewers build from (docs/store/README.md); screenshots are not sources.
    excludeSources: ['docs/screenshots/**', 'docs/store/screenshots/**', 'test-results/**', 'playwright-report/**'],
  },
  webExt: { disabled: true },
  // Demo builds (benchmarks, end-to-end tests) carry hidden source maps: the content-script
  // bench names the source of each profiled sample. Production builds have none.
  vite: (env) => ({ build: { sourcemap: env.mode === 'demo' ? 'hidden' : false } }),
});
