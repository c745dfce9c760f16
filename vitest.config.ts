import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'lib/**/*.test.ts', 'demo/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});
