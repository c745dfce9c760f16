/**
 * Replyline on Zendesk (agent workspace, `*.zendesk.com`): ticket facts from Zendesk's REST
 * API with the agent's session, badges on view rows and the timer strip in the ticket.
 */
import { zendeskAdapter } from '@/lib/adapters/zendesk/adapter';
import { zendeskDeclaration } from '@/lib/adapters/zendesk/declaration';
import { runAdapterInPage } from '@/lib/adapters/framework/content-script';

export default defineContentScript({
  matches: zendeskDeclaration.matches,
  runAt: 'document_idle',
  main(ctx) {
    runAdapterInPage(zendeskAdapter, ctx);
  },
});
