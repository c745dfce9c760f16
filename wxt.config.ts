import { defineConfig } from 'wxt';

// Replyline's extension build. Host permissions stay minimal: the Demo Desk runs on
// localhost; self-hosted helpdesks are granted at runtime.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifestVersion: 3,
  manifest: {
    name: 'Replyline',
    description: 'Response timers, targets and support metrics, measured in the helpdesk page itself.',
    permissions: ['sidePanel', 'storage', 'alarms', 'notifications', 'unlimitedStorage', 'scripting'],
    // Self-hosted helpdesks: each origin is requested when the user grants it in Settings.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Open Replyline' },
  },
  webExt: { disabled: true },
});
