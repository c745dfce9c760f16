// ESLint: typescript-eslint with type information, React hooks rules, and the layering of the
// tree (which folder may import which) enforced by `replyline/boundaries` (eslint/boundaries.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import replyline from './eslint/boundaries.js';

/** Folders that run under Node (CLI, hub, Demo Desk server, scripts, benches): relative imports only. */
const NODE_FOLDERS = [
  'lib/engine',
  'lib/measure',
  'lib/settings',
  'lib/timeline',
  'lib/export',
  'lib/cli',
  'lib/hub',
  'hub',
  'demo/server',
  'scripts',
  'bench',
];
/** Pure layers reach no browser, extension or storage API. */
const BROWSER_LIBRARIES = ['wxt', '#imports', '@wxt-dev/module-react', 'idb', 'react', 'react-dom', 'zustand', 'recharts'];
const BROWSER_FOLDERS = [
  'lib/adapters',
  'lib/overlay',
  'lib/background',
  'lib/storage',
  'lib/sidepanel-state',
  'lib/activity',
  'components',
  'entrypoints',
];

const under = (folder) => [`${folder}/**/*.{ts,tsx,js,mjs}`];

/** One `boundaries` block per folder (flat config: the last block naming a rule wins for a file). */
const boundary = (folder, options) => ({
  files: under(folder),
  rules: { 'replyline/boundaries': ['error', options] },
});

const pure = (folder, allow, extra = {}) =>
  boundary(folder, {
    allow,
    deny: BROWSER_FOLDERS,
    denyLibraries: BROWSER_LIBRARIES,
    why: 'It is a pure layer that runs under Node.',
    ...extra,
  });

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      '.ci-results/',
      'test-results/',
      'playwright-report/',
      'test/fixtures/',
      'demo/public/',
      'docs/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { replyline },
    rules: {
      // `_name` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // One alias spelling where aliases are used at all.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(@@|~~|~)(/|$)', message: "Use '@/' (the one alias) or a relative path." }] },
      ],
    },
  },
  {
    // The classic hooks rules; the React Compiler rules of the plugin's `recommended` are left
    // out (the panel is not compiled with it). Only React code: Playwright's fixture `use` is no hook.
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}', 'lib/sidepanel-state/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests, end-to-end specs and benches: stand-ins implement async interfaces without awaiting,
    // `expect(stub.method)` passes methods unbound by design, and parsed JSON is untyped until the
    // exact-value assertions check it.
    files: ['test/**', 'e2e/**', 'bench/**', 'hub/test/**', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Plain JavaScript (bin, scripts, this config) has no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  // One import style per folder: code that runs under Node, and the tests, import relatively.
  {
    files: [...NODE_FOLDERS, 'lib', 'test', 'e2e'].flatMap(under),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@@|~~|@|~)(/|$)',
              message: 'Relative imports here: this folder runs under Node (or is library code) without the build aliases.',
            },
          ],
        },
      ],
    },
  },

  // Layering.
  pure('lib/engine', ['lib/engine'], { why: 'The engine imports only itself and libraries.' }),
  pure('lib/measure', ['lib/measure', 'lib/engine', 'lib/settings', 'lib/timeline'], {
    allowTypes: ['lib/messaging/protocol'],
    why: 'The measuring layer imports itself, the engine, settings, timeline types and (type only) the message protocol.',
  }),
  pure('lib/settings', ['lib/settings', 'lib/engine', 'lib/timeline']),
  pure('lib/timeline', ['lib/timeline', 'lib/engine']),
  pure('lib/export', ['lib/export', 'lib/engine', 'lib/measure', 'lib/settings', 'lib/timeline', 'lib/messaging/protocol']),
  pure('lib/hub', ['lib/hub', 'lib/engine', 'lib/measure', 'lib/settings', 'lib/timeline', 'lib/export', 'lib/messaging/protocol']),
  pure('lib/cli', ['lib/cli', 'lib/engine', 'lib/measure', 'lib/settings', 'lib/timeline', 'lib/export', 'lib/hub/protocol']),
  // The settings model (targets, calendar, profile) is pure and is what the measuring layer is configured with.
  pure('hub', ['hub', 'lib/measure', 'lib/engine', 'lib/timeline', 'lib/export', 'lib/hub', 'lib/messaging/protocol', 'lib/settings'], {
    why: 'The hub imports the measuring layer, engine, timeline, export, settings model, hub contract and message protocol only.',
  }),
  // Hub tests may compare the hub's answers with the report CLI's, and drive the Demo Desk's hub sync.
  pure('hub/test', [
    'hub',
    'lib/measure',
    'lib/engine',
    'lib/timeline',
    'lib/export',
    'lib/hub',
    'lib/messaging/protocol',
    'lib/settings',
    'lib/cli',
    'demo/server',
  ]),
  // The Demo Desk server serves a helpdesk's pages and API; it shares the timeline format and the engine's clock.
  pure('demo/server', ['demo/server', 'lib/engine', 'lib/timeline', 'lib/settings', 'lib/measure', 'lib/messaging/protocol']),
  // The message protocol is imported by the hub server too, so it stays pure.
  {
    ...pure('lib/messaging', ['lib/messaging', 'lib/engine', 'lib/measure', 'lib/settings', 'lib/timeline']),
    files: ['lib/messaging/protocol.ts'],
  },
  boundary('lib/sidepanel-state', { deny: ['components', 'entrypoints'], why: 'Panel state never imports components.' }),
  ...['lib/adapters', 'lib/overlay'].map((folder) =>
    boundary(folder, {
      deny: ['lib/background', 'lib/storage', 'components', 'entrypoints'],
      why: 'Adapters and the overlay run in the page and reach the worker by messages only.',
    }),
  ),
  boundary('lib/storage/migrations', {
    allow: ['lib/storage/migrations'],
    librariesTypeOnly: true,
    why: 'A migration is frozen: it carries what it needs and imports no live code (idb types only).',
  }),
);
