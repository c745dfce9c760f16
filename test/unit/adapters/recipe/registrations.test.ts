import { describe, expect, it } from 'vitest';
import { urlMatches } from '../../../../lib/adapters/recipe/match-pattern';
import { recipeRegistrations } from '../../../../lib/adapters/recipe/registrations';
import { RECIPE_FORMAT, type Recipe } from '../../../../lib/adapters/recipe/types';

const recipe = (id: string, matches: string[]) => ({ format: RECIPE_FORMAT, id, name: id, matches }) as unknown as Recipe;

describe('recipe registrations', () => {
  it('registers each recipe on its granted patterns only', async () => {
    const granted = new Set(['https://desk.acme.test/*', 'https://help.b.test/*']);
    const registrations = await recipeRegistrations(
      [
        recipe('acme', ['https://desk.acme.test/*', 'https://other.acme.test/*']),
        recipe('b', ['https://help.b.test/*']),
        recipe('c', ['https://c.test/*']),
      ],
      async (pattern) => granted.has(pattern),
    );
    expect(registrations).toEqual([
      {
        id: 'replyline-recipe-acme',
        js: ['content-scripts/recipe.js'],
        matches: ['https://desk.acme.test/*'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
      {
        id: 'replyline-recipe-b',
        js: ['content-scripts/recipe.js'],
        matches: ['https://help.b.test/*'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  });
});

describe('match patterns pick the recipe of a page', () => {
  it.each([
    [['https://desk.acme.test/*'], 'https://desk.acme.test/inbox?x=1#top', true],
    [['https://desk.acme.test/*'], 'http://desk.acme.test/inbox', false],
    [['https://desk.acme.test/*'], 'https://evil.test/desk.acme.test/', false],
    [['https://desk.acme.test/*'], 'https://desk.acme.test.evil.test/', false],
    [['*://*.acme.test/help/*'], 'http://eu.desk.acme.test/help/tickets', true],
    [['*://*.acme.test/help/*'], 'https://acme.test/help/', true],
    [['*://*.acme.test/help/*'], 'https://acme.test/other', false],
  ] as const)('%j on %s → %s', (patterns, href, expected) => {
    expect(urlMatches(patterns, href)).toBe(expected);
  });
});
