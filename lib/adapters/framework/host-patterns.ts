/**
 * Host match patterns as the running browser reads them, for permission requests, permission
 * checks and content-script registrations alike. Chrome matches the port a pattern names (and any
 * port when it names none). Firefox cannot take a port in a match pattern: such a pattern is
 * accepted by permissions.request and scripting.registerContentScripts but never matches a page
 * (Firefox bugs 1362809 and 1468162; MDN, "Match patterns"). So for Firefox the port is left out,
 * which covers every port of that host.
 */

/** True where match patterns may name a port (every build but Firefox's). */
export const PATTERNS_TAKE_PORTS = !import.meta.env.FIREFOX;

const WITH_PORT = /^([a-z*]+:\/\/[^/:]+):\d{1,5}(\/.*)$/i;

/** `pattern` as the browser can match it: without its port where ports are not allowed. */
export function hostPattern(pattern: string, portsAllowed = PATTERNS_TAKE_PORTS): string {
  if (portsAllowed) return pattern;
  const m = WITH_PORT.exec(pattern);
  return m ? `${m[1]}${m[2]}` : pattern;
}

/** The match pattern that covers every page of an origin (`https://desk.example.org:8443`). */
export function originPattern(origin: string, portsAllowed = PATTERNS_TAKE_PORTS): string {
  return hostPattern(`${origin}/*`, portsAllowed);
}
