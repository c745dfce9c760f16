/**
 * Starts an adapter in a content script: the runner (page → observations → worker), the overlay
 * (badges, timer strip) and the refresh on `bg:data-changed`. Shared by the content scripts of
 * self-hosted helpdesks, which differ only in their adapter and in what they look up first.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { bgDataChangedSchema, type ContentToBackground } from '../../messaging/protocol';
import { Overlay } from '../../overlay/overlay';
import { startAdapterRunner, type AdapterRunner } from './runner';
import { randomDocumentId } from './sender';
import type { AdapterDefinition } from './types';

export function mountAdapter(adapter: AdapterDefinition, ctx: ContentScriptContext): AdapterRunner {
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

  const overlay = new Overlay(adapter.overlayAnchors, {
    document,
    now: Date.now,
    requestFrame,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
  });
  const runner = startAdapterRunner(
    adapter,
    {
      window,
      document,
      now: Date.now,
      sendMessage: (message: ContentToBackground) => browser.runtime.sendMessage(message),
      requestFrame: requestRead,
      ...timers,
      // Zammad routes by hash: WXT's locationchange covers hash changes too (it compares href).
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
  return runner;
}
