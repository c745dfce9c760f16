/**
 * `npm install` on the Node the README states (package.json `engines`, 20.19) prints no
 * EBADENGINE warning: no locked package asks for a newer Node (listr2 once wanted ≥ 22.13 and
 * is pinned by an override).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } };
const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));

describe('Node engines', () => {
  it('every locked package accepts the lowest Node package.json allows', () => {
    const floor = semver.minVersion((read('package.json') as { engines: { node: string } }).engines.node).version;
    expect(floor).toBe('20.19.0');
    const lock = read('package-lock.json') as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };
    const wanting = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && typeof p.engines.node === 'string')
      .filter(([, p]) => !semver.satisfies(floor, (p.engines as { node: string }).node))
      .map(([name, p]) => `${name}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect(wanting).toEqual([]);
  });
});
