/** Saved recipes: kept in the extension's IndexedDB, validated on every read, moved out of storage.local. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { LEGACY_RECIPES_KEY, readStoredRecipes, writeRecipes } from '../../../lib/storage/recipes';
import { recipeTemplate } from '../../../lib/adapters/recipe/schema';

const DB = 'replyline-recipes-test';
let db: ReplylineDb;
beforeEach(async () => {
  fakeBrowser.reset();
  db = await openReplylineDb({ name: DB });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

it('leaves out (and names) a stored entry that no longer passes validation, on every read', async () => {
  const good = recipeTemplate();
  await writeRecipes([good], db);
  expect((await readStoredRecipes(db)).recipes.map((r) => r.id)).toEqual([good.id]);
  // Tampered in place: a pattern for every site.
  await db.put('state', [good, { ...good, id: 'every-site', matches: ['https://*/*'] }], 'recipes');
  const read = await readStoredRecipes(db);
  expect(read.recipes.map((r) => r.id)).toEqual([good.id]);
  expect(read.rejected).toEqual(['recipes.1.matches.0: must name a host: a pattern for every site is not allowed']);
});

it('refuses to save an invalid recipe and writes nothing', async () => {
  await expect(writeRecipes([{ ...recipeTemplate(), matches: [] }], db)).rejects.toThrow(/^Recipes not saved: recipes\.0\.matches/);
  expect(await db.get('state', 'recipes')).toBeUndefined();
});

it('moves recipes saved in chrome.storage.local by earlier versions, validated, and removes them there', async () => {
  const good = recipeTemplate();
  await fakeBrowser.storage.local.set({ [LEGACY_RECIPES_KEY]: [good, { format: 'replyline.recipe/1', id: 'broken' }] });
  const read = await readStoredRecipes(db);
  expect(read.recipes.map((r) => r.id)).toEqual([good.id]);
  expect(await db.get('state', 'recipes')).toEqual([good]);
  expect(await fakeBrowser.storage.local.get(LEGACY_RECIPES_KEY)).toEqual({});
});
