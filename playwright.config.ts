import { defineConfig } from '@playwright/test';

// End-to-end tests load the demo build of the extension (`npx wxt build --mode demo`, in
// .output/chrome-mv3-demo) into Debian's Chromium and drive the Demo Desk, which each test file
// starts in-process on a free port.
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: { trace: 'off' },
});
