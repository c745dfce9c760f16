import { defineConfig } from 'vitest/config';

// The Firefox smoke test (test/firefox/): a real firefox-esr over WebDriver BiDi with the Firefox
// demo build. Run by `npm run test:firefox` and scripts/test.sh; not part of the unit tests.
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
