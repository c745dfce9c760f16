/**
 * The body of a helpdesk content script: runs one adapter in the page with the overlay and
 * the worker connection. Shared by the adapters' entrypoints so each stays a few lines.
 * Kept small (no React, zod/mini only): it loads into every helpdesk page the agent opens.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { bgDataChangedSchema, type ContentToBackground } from '../../messaging/protocol';
import { Overlay } from '../../overlay/overlay';
import { createSameOriginFetch } from './api-source';
import { startReconciler } from './reconcile';
import { startAdapterRunner, type AdapterRunner } from './runner';
import { randomDocumentId } from './sender';
import type { AdapterDefinition } from './types';

/** Starts the adapter when the page is its helpdesk; returns its runner, or null elsewhere. */
export function runAdapterInPage(adapter: AdapterDefinition, ctx: ContentScriptContext): AdapterRunner | null {
  if (!adapter.detect(document)) return null;

  // The page's own timers, not WXT's ctx wrappers: those register an invalidation listener per
  // call (a thousand a minute on a busy inbox). Everything started here is stopped on
  // invalidation instead (runner.stop, overlay.destroy).
  const timers = {
    setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => window.clearTimeout(handle as number),
    setInterval: (fn: () => void, ms: number) => window.setInterval(fn, ms),
    clearInterval: (handle: unknown) => window.clearInterval(handle as number),
  };
  // Work is batched into the next task, not into an animation frame: a callback run inside the
  // frame lengthens the helpdesk's own rendering task (on a long list that task alone can pass
  // 50 ms), while a task of its own stays short and the page's next frame paints its result.
  // Hidden tabs keep running it too (throttled), so the page is read while the agent is elsewhere.
  const nextTask = (callback: () => void) => void window.setTimeout(callback, 0);

  const overlay = new Overlay(adapter.overlayAnchors, {
    document,
    now: Date.now,
    nextTask,
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
      nextTask,
      ...timers,
      // WXT's locationchange compares the whole href, so hash routes (Zammad) count too.
      onLocationChange: (callback) => ctx.addEventListener(window, 'wxt:locationchange', callback),
      documentId: randomDocumentId(),
      // The page's own fetch: same-origin requests carry the agent's session cookies.
      fetch: (input, init) => window.fetch(input, init),
    },
    {
      onView: (view) => overlay.render(view),
      onPlans: (plans) => overlay.setPlans(plans),
      onStopped: () => overlay.destroy(),
    },
  );
  overlay.start();

  // Seen reports for every helpdesk; questions to the helpdesk's API where the adapter can ask.
  const reconciler = startReconciler(adapter, {
    helpdesk: adapter.id,
    origin: window.location.origin,
    now: Date.now,
    sendMessage: (message: ContentToBackground) => browser.runtime.sendMessage(message),
    timers,
    fetchJson: createSameOriginFetch({
      origin: window.location.origin,
      fetch: (input, init) => window.fetch(input, init),
      headers: () => adapter.api?.requestHeaders?.(document) ?? null,
    }),
    visibleIds: () => runner.visibleIds(),
  });

  // Stored data changed: fetch fresh plans. Only messages sent to this tab arrive here, which
  // today means the side panel's `tabs.sendMessage` after a settings save; the worker's own
  // `runtime.sendMessage` broadcast (ingest, import, restore) does not reach content scripts.
  let refreshTimer: number | null = null;
  const onMessage = (message: unknown) => {
    if (!bgDataChangedSchema.safeParse(message).success || refreshTimer !== null) return;
    refreshTimer = window.setTimeout(() => {
      refreshTimer = null;
      void runner.refreshPlans();
    }, 250);
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    if (refreshTimer !== null) window.clearTimeout(refreshTimer);
    runner.stop();
    reconciler.stop();
    overlay.destroy();
  });
  return runner;
}
