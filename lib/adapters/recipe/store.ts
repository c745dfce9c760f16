/**
 * Saved recipes live in chrome.storage.local (not IndexedDB): the recipe content script must
 * read them, and content scripts cannot open the extension's database. Written only by the
 * side panel after validation (schema.ts).
 */
import { browser } from 'wxt/browser';
import { RECIPE_FORMAT, type Recipe } from './types';

export const RECIPES_STORAGE_KEY = 'replyline.recipes';

/** The stored list; entries that are not recipes of this format are skipped. */
export async function readRecipes(): Promise<Recipe[]> {
  let list: unknown;
  try {
    list = (await browser.storage.local.get<Record<string, unknown>>(RECIPES_STORAGE_KEY))[RECIPES_STORAGE_KEY];
  } catch {
    // No storage (a context without the API): no recipes, rather than no built-in helpdesks.
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is Recipe => typeof r === 'object' && r !== null && (r as { format?: unknown }).format === RECIPE_FORMAT);
}

export async function writeRecipes(recipes: Recipe[]): Promise<void> {
  await browser.storage.local.set({ [RECIPES_STORAGE_KEY]: recipes });
}
