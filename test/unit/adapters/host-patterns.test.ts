import { describe, expect, it } from 'vitest';
import { hostPattern, originPattern, PATTERNS_TAKE_PORTS } from '../../../lib/adapters/framework/host-patterns';

describe('host match patterns for the running browser', () => {
  it('Chrome keeps the port an origin names', () => {
    expect(originPattern('https://desk.example.org:8443', true)).toBe('https://desk.example.org:8443/*');
    expect(originPattern('https://desk.example.org', true)).toBe('https://desk.example.org/*');
    expect(hostPattern('http://127.0.0.2:4400/inbox*', true)).toBe('http://127.0.0.2:4400/inbox*');
  });

  it('Firefox gets the host without its port (a pattern with a port never matches there)', () => {
    expect(originPattern('https://desk.example.org:8443', false)).toBe('https://desk.example.org/*');
    expect(originPattern('http://127.0.0.2:4400', false)).toBe('http://127.0.0.2/*');
    expect(originPattern('https://desk.example.org', false)).toBe('https://desk.example.org/*');
    expect(hostPattern('*://*.example.org:8080/app/*', false)).toBe('*://*.example.org/app/*');
    // Nothing else in a pattern changes.
    expect(hostPattern('https://desk.example.org/tickets/*', false)).toBe('https://desk.example.org/tickets/*');
  });

  it('unit tests run the Chrome build, where ports are kept', () => {
    expect(PATTERNS_TAKE_PORTS).toBe(true);
    expect(originPattern('https://desk.example.org:8443')).toBe('https://desk.example.org:8443/*');
  });
});
