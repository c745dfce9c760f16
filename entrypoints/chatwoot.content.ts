/**
 * Replyline on Chatwoot: conversation facts from Chatwoot's dashboard API with the agent's
 * session, and the timer strip in the conversation. Declared for app.chatwoot.com; the same
 * built file (content-scripts/chatwoot.js) is registered at runtime on self-hosted origins
 * the user grants in Settings.
 */
import { chatwootAdapter } from '@/lib/adapters/chatwoot/adapter';
import { chatwootDeclaration } from '@/lib/adapters/chatwoot/declaration';
import { runAdapterInPage } from '@/lib/adapters/framework/content-script';

export default defineContentScript({
  matches: chatwootDeclaration.matches,
  runAt: 'document_idle',
  main(ctx) {
    runAdapterInPage(chatwootAdapter, ctx);
  },
});
