/** `npm run hub` arguments. */
import { describe, expect, it } from 'vitest';
import { parseHubArgs } from '../src/main';

describe('parseHubArgs', () => {
  it('takes a per-process rate limit, and refuses one that is not a positive whole number', () => {
    const options = parseHubArgs(['--rate-limit', '300'], {});
    expect(options !== 'help' && options.hub.rateLimit).toEqual({ max: 300, windowMs: 60_000 });
    const defaults = parseHubArgs([], {});
    expect(defaults !== 'help' && defaults.hub.rateLimit).toBeUndefined();
    for (const bad of ['0', '-5', '2.5', 'lots']) expect(() => parseHubArgs([`--rate-limit=${bad}`], {})).toThrow(/--rate-limit must be/);
  });
});
