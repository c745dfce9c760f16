import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/faults/**/*.test.ts', 'hub/test/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    // Property-based suites run thousands of cases; on a busy 2-core machine they need headroom.
    testTimeout: 30_000,
  },
});
