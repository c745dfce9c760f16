/**
 * Replyline on the Demo Desk: reads the page through the Demo Desk adapter, sends
 * observations to the background worker and draws badges and timers in the page.
 * Kept small (no React, zod/mini only): it loads into every helpdesk page the agent opens.
 */
import { demoDeskAdapter } from '@/lib/adapters/demodesk/adapter';
import { demoDeskDeclaration } from '@/lib/adapters/demodesk/declaration';
import { runAdapterInPage } from '@/lib/adapters/framework/content-script';

export default defineContentScript({
  matches: demoDeskDeclaration.matches,
  runAt: 'document_idle',
  main(ctx) {
    // The match patterns cover any local server; only the Demo Desk is ours to read (detect).
    runAdapterInPage(demoDeskAdapter, ctx);
  },
});
