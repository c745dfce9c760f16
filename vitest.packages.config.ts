import { defineConfig } from 'vitest/config';

// The store packages (test/packages/): manifests, zips and web-ext lint of what `npm run zip`
// wrote. Run by `npm run test:packages` and scripts/test.sh; not part of the unit tests.
export default defineConfig({
  test: {
    include: ['test/packages/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
