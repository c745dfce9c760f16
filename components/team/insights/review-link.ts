import { browser } from 'wxt/browser';

/** The weekly review page for a scope ("team" or "me"), optionally a week ("2026-W12"). */
export function reviewUrl(scope: 'team' | 'me', week?: string): string {
  const query = new URLSearchParams({ scope, ...(week ? { week } : {}) }).toString();
  return `${browser.runtime.getURL('/review.html')}?${query}`;
}

export function openReview(scope: 'team' | 'me', week?: string): void {
  const url = reviewUrl(scope, week);
  if (browser.tabs?.create) void browser.tabs.create({ url });
  else window.open(url, '_blank', 'noopener');
}
