/**
 * The content script's one message router: the adapter runner registers `bg:data-changed`, the
 * recipe script `sp:test-recipe`. Only the extension reaches a content script's
 * `runtime.onMessage`; every request is still checked to come from it and validated.
 */
import { browser } from 'wxt/browser';
import { MessageRouter, fromExtension } from '../../messaging/router';

let router: MessageRouter | null = null;

export function pageRouter(): MessageRouter {
  if (!router) {
    router = new MessageRouter();
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the browser answers with the Promise a listener returns (Firefox; wxt's polyfill in Chrome)
    browser.runtime.onMessage.addListener(router.listener);
  }
  return router;
}

/** The sender check for requests from the worker or the extension's pages. */
export function fromThisExtension() {
  return fromExtension(browser.runtime.getURL('/' as Parameters<typeof browser.runtime.getURL>[0]), browser.runtime.id);
}
