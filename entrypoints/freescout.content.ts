/**
 * Replyline on a self-hosted FreeScout. Not in the manifest: registered at runtime on the
 * origins the user grants in Settings (lib/background/helpdesk-access.ts). FreeScout prints
 * times in the user's own time zone without naming it, so the zone is read first from the
 * user's own profile page on the same origin; without it, times are reported missing.
 */
import { createFreeScoutAdapter, fetchUserTimeZone } from '@/lib/adapters/freescout/adapter';
import { isKnownTimeZone } from '@/lib/adapters/freescout/zoned-time';
import { runAdapterInPage } from '@/lib/adapters/framework/content-script';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  async main(ctx) {
    let timeZone: string | null = null;
    const adapter = createFreeScoutAdapter({ timeZone: () => timeZone });
    if (!adapter.detect(document)) return;
    const fetchPage = async (path: string) => {
      const response = await fetch(new URL(path, location.origin), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`profile page: HTTP ${response.status}`);
      return response.text();
    };
    // Started once the zone is settled, so that a first read does not report it missing.
    timeZone = await fetchUserTimeZone(document, fetchPage, isKnownTimeZone);
    if (ctx.isInvalid) return;
    runAdapterInPage(adapter, ctx);
  },
});
