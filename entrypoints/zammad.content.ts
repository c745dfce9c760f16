/**
 * Replyline on a self-hosted Zammad (legacy desktop app). Not in the manifest: registered at
 * runtime on the origins the user grants in Settings (lib/background/helpdesk-access.ts).
 * The ticket in front is read from Zammad's same-origin API with the agent's own session
 * (lib/adapters/zammad/api.ts), overviews from the DOM, and `/api/v1/users/me` says who is
 * signed in (for handle time); nothing is sent anywhere else.
 */
import { runAdapterInPage } from '@/lib/adapters/framework/content-script';
import { zammadAdapter } from '@/lib/adapters/zammad/adapter';
import { zammadSession } from '@/lib/adapters/zammad/extract';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    const runner = runAdapterInPage(zammadAdapter, ctx);
    if (!runner) return;
    fetch(new URL('/api/v1/users/me', location.origin), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((me: unknown) => {
        const { id, firstname, lastname } = (me ?? {}) as { id?: unknown; firstname?: unknown; lastname?: unknown };
        if (typeof id === 'number' && Number.isInteger(id) && id > 0) {
          zammadSession.userId = String(id);
          // Zammad's User: firstname + lastname, as its own UI shows the user (User#fullname).
          const name = [firstname, lastname].filter((part) => typeof part === 'string' && part.trim()).join(' ');
          zammadSession.userName = name || null;
          runner.schedule();
        }
      })
      .catch(() => undefined);
  },
});
