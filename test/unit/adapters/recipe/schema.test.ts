// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipeFile, recipeFile, recipeTemplate, validateRecipe, validateRecipeText } from '../../../../lib/adapters/recipe/schema';
import type { Recipe } from '../../../../lib/adapters/recipe/types';

const acme = JSON.parse(readFileSync(join(__dirname, '../../../../lib/adapters/recipe/examples/acme-desk.recipe.json'), 'utf8')) as Recipe;
const issuesOf = (value: unknown) => {
  const result = validateRecipe(value);
  return result.ok ? [] : result.issues;
};

describe('recipe validation', () => {
  it('accepts the example and the template', () => {
    expect(validateRecipe(acme).ok).toBe(true);
    expect(validateRecipe(recipeTemplate()).ok).toBe(true);
  });

  it('names the field of each problem', () => {
    const bad = {
      ...acme,
      format: 'replyline.recipe/2',
      id: 'Acme Desk',
      matches: ['desk.acme.test', 'https://*/*'],
      list: { ...acme.list, row: '', id: 'data id' },
      conversation: {
        ...acme.conversation,
        events: { ...acme.conversation.events, author: { attribute: 'data-author', values: { customer: 'client' } } },
      },
      status: { values: { open: 'opened' } },
    };
    expect(issuesOf(bad)).toEqual([
      { path: 'format', message: 'must be "replyline.recipe/1"' },
      { path: 'id', message: 'must be kebab-case, such as acme-desk' },
      { path: 'matches.0', message: 'must look like https://desk.example.com/* (scheme, host, path)' },
      { path: 'matches.1', message: 'must name a host: a pattern for every site is not allowed' },
      { path: 'list.row', message: 'must be a CSS selector' },
      { path: 'list.id', message: 'must be an attribute name such as data-id' },
      { path: 'conversation.events.author.values.customer', message: 'must be customer, agent, bot, automation or note' },
      { path: 'status.values.open', message: 'must be open, pending, snoozed or resolved' },
    ]);
  });

  it('reports unknown keys (typos) and missing required fields', () => {
    const { root: _root, ...conversation } = acme.conversation;
    expect(issuesOf({ ...acme, compse: 'textarea', conversation })).toEqual([
      { path: 'conversation.root', message: 'must be a CSS selector' },
      { path: '', message: 'Unrecognized key: "compse"' },
    ]);
  });

  it('checks routes: a rule each, a capture group for the id, valid regexes', () => {
    expect(issuesOf({ ...acme, routes: { list: {}, conversation: { url: '^/tickets/\\d+' } } })).toEqual([
      { path: 'routes.list', message: 'needs a url regex, a selector, or both' },
      { path: 'routes.conversation.url', message: 'needs a capture group for the conversation id, such as ^/tickets/(\\d+)' },
    ]);
    expect(
      issuesOf({ ...acme, routes: { list: { url: '^/inbox(' }, conversation: { idAttribute: 'data-id', url: '^/t/(\\d+)' } } }),
    ).toEqual([
      { path: 'routes.list.url', message: 'is not a valid regular expression' },
      { path: 'routes.conversation.idAttribute', message: 'needs routes.conversation.selector (the element carrying the id)' },
    ]);
  });

  it('checks selectors with the browser’s parser', () => {
    expect(issuesOf({ ...acme, list: { ...acme.list, badgeAnchor: '##link' } })).toEqual([
      { path: 'list.badgeAnchor', message: '"##link" is not a valid CSS selector' },
    ]);
  });

  it('checks time formats and zones', () => {
    expect(issuesOf({ ...acme, time: { format: 'dd.MM.yyyy HH:mm' } })).toEqual([
      { path: 'time.zone', message: 'is needed with a pattern: UTC, +02:00, or an IANA zone such as Europe/Berlin' },
    ]);
    expect(issuesOf({ ...acme, time: { format: 'dd.MM.yyyy HH:mm', zone: 'Europe/Berlln' } })).toEqual([
      { path: 'time.zone', message: '"Europe/Berlln" is not UTC, an offset like +02:00, or an IANA zone' },
    ]);
    expect(issuesOf({ ...acme, time: { format: 'dd.MM.yy HH:mm', zone: 'UTC' } })).toEqual([
      {
        path: 'time.format',
        message:
          'pattern uses "yy", which is not supported (use yyyy, MM, M, dd, d, HH, H, hh, h, mm, m, ss, s, SSS, a; quote other letters)',
      },
    ]);
    expect(issuesOf({ ...acme, time: { format: "dd.MM.yyyy 'um' HH:mm", zone: 'Europe/Berlin' } })).toEqual([]);
    expect(issuesOf({ ...acme, time: { format: 'M/d/yyyy h:mm a', zone: '-05:00' } })).toEqual([]);
  });

  it('reports JSON syntax errors as such', () => {
    const result = validateRecipeText('{"format": ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0].path).toBe('');
    expect(!result.ok && result.issues[0].message).toMatch(/^not valid JSON: /);
  });
});

describe('recipe files', () => {
  it('round-trips an export of several recipes', () => {
    const other = { ...acme, id: 'other-desk', name: 'Other' };
    expect(parseRecipeFile(JSON.stringify(recipeFile([acme, other])))).toEqual({ ok: true, recipes: [acme, other] });
  });
  it('accepts a single recipe file', () => {
    expect(parseRecipeFile(JSON.stringify(acme))).toEqual({ ok: true, recipes: [acme] });
  });
  it('refuses the whole file when one recipe is invalid, naming it', () => {
    expect(parseRecipeFile(JSON.stringify(recipeFile([acme, { ...acme, id: 'x', name: '' }])))).toEqual({
      ok: false,
      issues: [{ path: 'recipes.1.name', message: 'must not be empty' }],
    });
    expect(parseRecipeFile(JSON.stringify(recipeFile([acme, acme])))).toEqual({
      ok: false,
      issues: [{ path: 'recipes', message: 'the id "acme-desk" appears twice' }],
    });
  });
});
