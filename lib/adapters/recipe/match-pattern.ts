/**
 * WebExtension match patterns (`https://desk.example.com/*`, `https://*.example.com/*`), the
 * form recipes name their pages in: the same strings are used for the permission request and
 * the content-script registration, and here to pick the recipe of a page.
 */
const PATTERN = /^(https?|\*):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(?::(\d{1,5}))?(\/.*)$/;

/** Why a match pattern is unusable, or null when it is fine. */
export function matchPatternError(pattern: string): string | null {
  const m = PATTERN.exec(pattern);
  if (!m) return 'must look like https://desk.example.com/* (scheme, host, path)';
  if (m[2] === '*') return 'must name a host: a pattern for every site is not allowed';
  return null;
}

/** A regex equivalent to the pattern, matched against a full URL; null when the pattern is invalid. */
export function matchPatternRegExp(pattern: string): RegExp | null {
  if (matchPatternError(pattern) !== null) return null;
  const [, scheme, host, port, path] = PATTERN.exec(pattern)!;
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeSource = scheme === '*' ? 'https?' : scheme;
  const hostSource = host.startsWith('*.') ? `(?:[^/:]+\\.)?${escape(host.slice(2))}` : escape(host);
  const portSource = port ? `:${port}` : '(?::\\d+)?';
  const pathSource = escape(path).replace(/\*/g, '.*');
  return new RegExp(`^${schemeSource}://${hostSource}${portSource}${pathSource}$`, 'i');
}

export function urlMatches(patterns: readonly string[], href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  // Match patterns ignore the fragment.
  const target = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  return patterns.some((p) => matchPatternRegExp(p)?.test(target) ?? false);
}
