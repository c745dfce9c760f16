/**
 * Small DOM helpers for the overlay. Page-derived strings only ever reach the DOM through
 * textContent or attributes, never as HTML.
 */
import { OVERLAY_HOST_ATTRIBUTE } from '../adapters/framework/runner';
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

/** A host element with an open shadow root carrying its own stylesheet. */
export function createHost(doc: Document, tag: 'span' | 'div', kind: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = el(doc, tag);
  host.setAttribute(OVERLAY_HOST_ATTRIBUTE, kind);
  const shadow = host.attachShadow({ mode: 'open' });
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
