/**
 * The side panel's one message router (the panel and the other extension pages). It answers
 * `bg:data-changed` from the worker, telling every view that subscribed; and it is how the
 * panel tells the worker what it changed itself (imports, restores, deletions, settings), so
 * that the worker can tell the tabs that show those conversations.
 */
import { browser } from 'wxt/browser';
import { purgeNowReplySchema, type SpDataChanged, type SpPurgeNow } from '../messaging/protocol';
import { MessageRouter, fromExtension } from '../messaging/router';

type Listener = (conversationKeys: string[]) => void;
const listeners = new Set<Listener>();
let router: MessageRouter | null = null;

function panelRouter(): MessageRouter {
  if (!router) {
    router = new MessageRouter().on('bg:data-changed', {
      // From the worker (or another extension page), never from a content script.
      accept: (sender, message) =>
        sender.tab && !sender.tab.url?.startsWith(base())
          ? 'from a web page tab'
          : fromExtension(base(), browser.runtime.id)(sender, message),
      handle: (message) => {
        for (const listener of listeners) listener(message.conversationKeys);
        return undefined;
      },
    });
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the browser answers with the Promise a listener returns (Firefox; wxt's polyfill in Chrome)
    browser.runtime.onMessage.addListener(router.listener);
  }
  return router;
}

function base(): string {
  return browser.runtime.getURL('/' as Parameters<typeof browser.runtime.getURL>[0]);
}

/** Calls `listener` on every `bg:data-changed`; returns the unsubscribe. */
export function onDataChanged(listener: Listener): () => void {
  panelRouter();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The panel changed stored data: open helpdesk pages showing these conversations (empty: any) re-plan. */
export async function tellDataChanged(conversationKeys: string[] = []): Promise<void> {
  const message: SpDataChanged = { type: 'sp:data-changed', conversationKeys };
  await Promise.resolve(browser.runtime.sendMessage(message)).catch(() => undefined);
}

/**
 * Asks the worker to delete what is older than the retention period now (it is the one writer
 * of the read model and the names store); resolves with how many records it deleted.
 */
export async function askWorkerToPurge(): Promise<number> {
  const message: SpPurgeNow = { type: 'sp:purge-now' };
  const reply = purgeNowReplySchema.safeParse(await browser.runtime.sendMessage(message));
  if (!reply.success) throw new Error('the background worker did not answer');
  if (!reply.data.ok) throw new Error(reply.data.error);
  return reply.data.deleted;
}
