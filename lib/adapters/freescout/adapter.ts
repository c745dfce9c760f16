/**
 * FreeScout (self-hosted, Laravel + Blade). Reads mailbox lists and conversations. Its times are
 * wall-clock tooltips in the signed-in user's time zone, which the page does not print: the
 * content script reads it from the user's own profile page (same origin) and passes it in;
 * until it is known, times are reported missing. Runs only on origins the user grants
 * (registered at runtime), so the match pattern is a placeholder.
 *
 * Test URLs / fixtures: routes.ts (freeScoutRouteExamples), test/fixtures/freescout/*.html.
 */
import { freeScoutDeclaration } from './declaration';
import { defineAdapter } from '../framework/define-adapter';
import * as extract from './extract';
import { freeScoutRoutes } from './routes';
import { freeScoutSelectors as sel } from './selectors';

export function createFreeScoutAdapter(context: extract.FreeScoutContext) {
  return defineAdapter({
    id: freeScoutDeclaration.id,
    name: freeScoutDeclaration.name,
    // Any origin: the worker registers it only on the origins the user granted.
    matches: ['https://*/*'],
    detect: (doc) => doc.querySelector(sel.signedIn.selector) !== null && doc.querySelector('meta[name="csrf-token"]') !== null,
    // Server-rendered pages; ajax reloads rows and threads in place. The whole document, so that
    // the body's own attributes (signed-in user, conversation id) are probed too.
    root: (doc) => doc.documentElement,
    observedAttributes: ['class', 'title', 'data-original-title', 'data-status', 'data-user_id', 'data-conversation_id', 'data-thread_id'],
    routes: freeScoutRoutes,
    selectors: sel,
    extract: {
      listRows: (root) => extract.listRows(root, context),
      listRowElements: extract.listRowElements,
      rowConversationId: extract.rowConversationId,
      conversation: (root) => extract.conversation(root, context),
      currentAgent: extract.currentAgent,
      names: extract.names,
      composeBox: extract.composeBox,
    },
    overlayAnchors: {
      rowBadge: (row) => {
        const cell = row.querySelector(':scope > td.conv-date');
        return cell ? { anchor: cell, position: 'beforeend' } : null;
      },
      conversationHeader: (root) => {
        const block = root.querySelector(sel.subject.selector);
        return block ? { anchor: block, position: 'afterend' } : null;
      },
    },
  });
}

/**
 * The user's time zone from their profile page (`select#timezone`, users/profile.blade.php),
 * fetched from the page's own origin with the agent's session. Null when it cannot be read.
 */
export async function fetchUserTimeZone(
  doc: Document,
  fetchPage: (url: string) => Promise<string>,
  isKnownTimeZone: (zone: string) => boolean,
): Promise<string | null> {
  const userId = extract.currentAgent(doc);
  if (!userId) return null;
  // FreeScout may live under a sub-path: keep whatever precedes /mailbox/ or /conversation/.
  const path = doc.location?.pathname ?? '/';
  const base = /^(.*?)\/(?:mailbox|conversation)\//.exec(path)?.[1] ?? '';
  try {
    const html = await fetchPage(`${base}/users/profile/${userId}`);
    const page = new DOMParser().parseFromString(html, 'text/html');
    const zone = page.querySelector('select#timezone option[selected]')?.getAttribute('value') ?? null;
    return zone && isKnownTimeZone(zone) ? zone : null;
  } catch {
    return null;
  }
}
