/**
 * Small DOM helpers for the overlay. Page-derived strings only ever reach the DOM through
 * textContent or attributes, never as HTML.
 */
import { OVERLAY_HOST_ATTRIBUTE, overlayHosts } from '../adapters/framework/view';
import type { OverlayPlacement } from '../adapters/framework/types';

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** Writes only when the text differs, so the per-second tick touches nothing that stays the same. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

export function setClass(node: Element, className: string): void {
  if (node.className !== className) node.className = className;
}

/** One parsed stylesheet per document and CSS text, shared by every shadow root that adopts it. */
const sharedSheets = new WeakMap<Document, Map<string, CSSStyleSheet | null>>();

function sharedSheet(doc: Document, css: string): CSSStyleSheet | null {
  let byCss = sharedSheets.get(doc);
  if (!byCss) sharedSheets.set(doc, (byCss = new Map<string, CSSStyleSheet | null>()));
  let sheet = byCss.get(css);
  if (sheet === undefined) {
    sheet = null;
    const Sheet = doc.defaultView?.CSSStyleSheet;
    try {
      if (Sheet && typeof Sheet.prototype.replaceSync === 'function') {
        sheet = new Sheet();
        sheet.replaceSync(css);
      }
    } catch {
      sheet = null;
    }
    byCss.set(css, sheet);
  }
  return sheet;
}

/**
 * A host element with an open shadow root styled by `css`: one constructed stylesheet adopted
 * by every root (a thousand badges parse and match it once), else a <style> per root where
 * adoptedStyleSheets is not supported.
 */
export function createHost(doc: Document, tag: 'span' | 'div', kind: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = el(doc, tag);
  host.setAttribute(OVERLAY_HOST_ATTRIBUTE, kind);
  overlayHosts.add(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = 'adoptedStyleSheets' in shadow ? sharedSheet(doc, css) : null;
  if (sheet) {
    try {
      shadow.adoptedStyleSheets = [sheet];
      return { host, shadow };
    } catch {
      // A sheet from another realm is refused: fall back to a <style> element.
    }
  }
  const style = el(doc, 'style');
  style.textContent = css;
  shadow.append(style);
  return { host, shadow };
}

export function isPlaced(host: Element, placement: OverlayPlacement): boolean {
  if (!host.isConnected) return false;
  return placement.position === 'beforeend' ? host.parentElement === placement.anchor : host.previousElementSibling === placement.anchor;
}

export function place(host: Element, placement: OverlayPlacement): void {
  placement.anchor.insertAdjacentElement(placement.position, host);
}
