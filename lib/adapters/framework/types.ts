/**
 * The shape every helpdesk adapter is declared with. An adapter is data plus pure functions:
 * which pages it runs on (match patterns, URL routes), where things are (selectors), how to
 * read conversations from the page (extract) and where the overlay attaches (overlayAnchors).
 * The runner (runner.ts) does the observing, batching and messaging for all of them.
 */
import type { ObservedConversation, PageNames } from '../../messaging/protocol';
import type { AdapterApi, FetchJson } from './api-source';
import type { ComposeContext } from './compose-checks';

export type RouteKind = 'list' | 'conversation';

/** Pure URL detectors, tested against the example URLs kept beside each adapter. */
export interface AdapterRoutes {
  /** True on inbox / list pages. */
  list(url: URL): boolean;
  /** The conversation id on a conversation page, else null. */
  conversation(url: URL): string | null;
}

/** Example URLs each detector must accept (positives) and reject (negatives). */
export interface RouteExamples {
  list: { positive: string[]; negative: string[] };
  conversation: { positive: Array<[url: string, conversationId: string]>; negative: string[] };
}

export interface SelectorSpec {
  /** Stable id, used in health reports (`found` / `missing`). */
  id: string;
  selector: string;
  /** What it targets and when it was confirmed against the helpdesk. */
  comment: string;
  /** Routes on which it must match at least once; absence there is reported as missing. */
  requiredOn: RouteKind[];
  /** Exact number of matches expected on each fixture file (checked by tests). */
  fixtures: Record<string, number>;
}

/** Adapter functions may be async: some helpdesks are read from their same-origin API, not the DOM. */
export type MaybePromise<T> = T | Promise<T>;

export interface AdapterExtract {
  /** Summary facts of every row in a list view. */
  listRows(root: ParentNode): MaybePromise<ObservedConversation[]>;
  /** The row elements of a list view, to attach badges to. */
  listRowElements(root: ParentNode): Element[];
  /** The conversation id a row element stands for. */
  rowConversationId(row: Element): string | null;
  /** Why rows of the latest `listRowElements` could not be told apart (health); adapters that pair rows indirectly. */
  listProblems?(): string[];
  /**
   * One row of a list view, exactly as `listRows` reads it (null when it has no conversation id).
   * With it the runner re-reads only the rows a page mutation touched instead of the whole list.
   * It must depend on the row element alone (not on column headers or other rows), and rows
   * must not contain rows. Adapters without it get a full re-read on every change.
   */
  readRow?: (row: Element) => ObservedConversation | null;
  /**
   * What `readRow` looks at: 'row-attributes' = only the row element's own attributes, so
   * changes deeper inside a row need no re-read; 'subtree' (default) = anything in the row.
   */
  readRowScope?: 'row-attributes' | 'subtree';
  /**
   * Whether an element is one of `listRowElements`' rows, judged from the element alone (tag,
   * classes, attributes). With it a row the page inserts or removes is placed or dropped by
   * itself; without it every such change looks all rows up again.
   */
  isListRow?(element: Element): boolean;
  /** The open conversation with its events. */
  conversation(root: ParentNode): MaybePromise<ObservedConversation | null>;
  /** The signed-in agent, when the page shows it. */
  currentAgent(root: ParentNode): string | null;
  /**
   * Display names the page shows (the declaration's `names` says where): agents by id, customers
   * by conversation id. Text only; adapters whose pages show no names pair-able with ids leave it out.
   */
  names?(root: ParentNode): PageNames;
  /** The reply box: key presses inside it count as typing (what is typed is never read). */
  composeBox(root: ParentNode): Element | null;
  /**
   * What the compose-box checks compare the draft with (compose-checks.ts): the customer's
   * name and whether their latest message asked something. Used inside the page only, never
   * sent; adapters without it get no compose checks.
   */
  composeContext?(root: ParentNode): ComposeContext | null;
}

/** Where an overlay host element goes, relative to an anchor element of the page. */
export interface OverlayPlacement {
  anchor: Element;
  position: 'beforeend' | 'afterend';
}

export interface AdapterOverlayAnchors {
  rowBadge(row: Element): OverlayPlacement | null;
  conversationHeader(root: ParentNode): OverlayPlacement | null;
}

export interface AdapterDefinition<S extends Record<string, SelectorSpec> = Record<string, SelectorSpec>> {
  /** Kebab-case id: folder name, message `helpdesk` field and settings key. */
  id: string;
  name: string;
  /** WXT / WebExtension match patterns of the content script. */
  matches: string[];
  /** True when this document is the helpdesk (the match patterns may be broader). */
  detect(doc: Document): boolean;
  /** The single element the runner observes (one MutationObserver per root). */
  root(doc: Document): Element | null;
  /** Attributes whose changes mean "re-read": rows and events are updated in place. */
  observedAttributes: string[];
  routes: AdapterRoutes;
  selectors: S;
  extract: AdapterExtract;
  overlayAnchors: AdapterOverlayAnchors;
  /**
   * Ask the helpdesk's same-origin API about conversations believed open that no page shows
   * any more (reconcile.ts). Helpdesks without it are read from their pages only: such
   * conversations become "not seen since …" (lib/measure/freshness.ts).
   */
  reconcile?: AdapterReconcile;
  /**
   * Read conversations (and list rows) from the helpdesk's same-origin API instead of the
   * DOM (api-source.ts). The DOM then only says which conversation is in front, which rows
   * are on screen, and where the compose box is.
   */
  api?: AdapterApi;
}

/** How an adapter asks its helpdesk about conversations it no longer sees (reconcile.ts). */
export interface AdapterReconcile {
  /** At most this many ids per request (Zendesk's show_many takes 100; one-by-one endpoints 1). */
  batch: number;
  /**
   * The conversations' current summary facts (status at least; no events) as the helpdesk's
   * API states them. Ids the helpdesk does not answer for are left out; a failed request throws
   * (an ApiError names it for health).
   */
  read(conversationIds: string[], fetchJson: FetchJson): Promise<ObservedConversation[]>;
}
