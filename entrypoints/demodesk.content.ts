/**
 * Replyline on the Demo Desk: reads the page through the Demo Desk adapter, sends
 * observations to the background worker and draws badges and timers in the page.
 * Kept small (no React, zod/mini only): it loads into every helpdesk page the agent opens.
 */
import { startAdapterRunner } from '@/lib/adapters/framework/runner';
import { randomDocumentId } from '@/lib/adapters/framework/sender';
import { demoDeskAdapter } from '@/lib/adapters/demodesk/adapter';
import { bgDataChangedSchema, type ContentToBackground } from '@/lib/messaging/protocol';
import { Overlay } from '@/lib/overlay/overlay';

export default defineContentScript({
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  runAt: 'document_idle',
  main(ctx) {
    // The match patterns cover any local server; only the Demo Desk is ours to read.
    if (!demoDeskAdapter.detect(document)) return;

    const timers = {
      setTimeout: (fn: () => void, ms: number) => ctx.setTimeout(fn, ms),
      clearTimeout: (handle: unknown) => clearTimeout(handle as number),
      setInterval: (fn: () => void, ms: number) => ctx.setInterval(fn, ms),
      clearInterval: (handle: unknown) => clearInterval(handle as number),
    };
    const requestFrame = (callback: () => void) => void ctx.requestAnimationFrame(() => callback());
    // Hidden tabs get no animation frames; the page must still be read while the agent is elsewhere.
    const requestRead = (callback: () => void) =>
      document.visibilityState === 'visible' ? requestFrame(callback) : void ctx.setTimeout(callback, 500);

    const overlay = new Overlay(demoDeskAdapter.overlayAnchors, {
      document,
      now: Date.now,
      requestFrame,
      setInterval: timers.setInterval,
      clearInterval: timers.clearInterval,
    });

    const runner = startAdapterRunner(
      demoDeskAdapter,
      {
        window,
        document,
        now: Date.now,
        sendMessage: (message: ContentToBackground) => browser.runtime.sendMessage(message),
        requestFrame: requestRead,
        ...timers,
        onLocationChange: (callback) => ctx.addEventListener(window, 'wxt:locationchange', callback),
        documentId: randomDocumentId(),
      },
      {
        onView: (view) => overlay.render(view),
        onPlans: (plans) => overlay.setPlans(plans),
        onStopped: () => overlay.destroy(),
      },
    );
    overlay.start();

    // Stored data changed (another tab, an import, a recomputation): fetch fresh plans.
    let refreshTimer: number | null = null;
    const onMessage = (message: unknown) => {
      if (!bgDataChangedSchema.safeParse(message).success || refreshTimer !== null) return;
      refreshTimer = ctx.setTimeout(() => {
        refreshTimer = null;
        void runner.refreshPlans();
      }, 250);
    };
    browser.runtime.onMessage.addListener(onMessage);

    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      runner.stop();
      overlay.destroy();
    });
  },
});
