/**
 * Saved recipes live in the extension's IndexedDB (`state`, key `recipes`), which only the
 * worker and the extension's pages can open — not helpdesk pages, not content scripts (whose
 * IndexedDB is the page's). They are validated against the recipe schema on every read, not
 * only when saved: an entry that does not pass is left out and named. Recipes saved by earlier
 * versions in chrome.storage.local (which content scripts can write) are moved here, validated.
 */
import { browser } from 'wxt/browser';
import { validateRecipe } from '../adapters/recipe/schema';
import type { Recipe } from '../adapters/recipe/types';
import { getDb, type ReplylineDb } from './db';

/** Where earlier versions kept recipes. */
export const LEGACY_RECIPES_KEY = 'replyline.recipes';

export interface StoredRecipes {
  recipes: Recipe[];
  /** Entries left out, with why (`recipes.2.matches.0: …`). */
  rejected: string[];
}

function validated(list: unknown): StoredRecipes {
  const out: StoredRecipes = { recipes: [], rejected: [] };
  if (!Array.isArray(list)) return out;
  list.forEach((entry, index) => {
    const result = validateRecipe(entry);
    if (result.ok) out.recipes.push(result.recipe);
    else
      out.rejected.push(
        ...result.issues.slice(0, 3).map((issue) => `recipes.${index}${issue.path ? `.${issue.path}` : ''}: ${issue.message}`),
      );
  });
  return out;
}

async function moveLegacy(db: ReplylineDb): Promise<void> {
  let legacy: unknown;
  try {
    legacy = (await browser.storage.local.get<Record<string, unknown>>(LEGACY_RECIPES_KEY))[LEGACY_RECIPES_KEY];
  } catch {
    return;
  }
  if (legacy === undefined) return;
  if ((await db.get('state', 'recipes')) === undefined) await db.put('state', validated(legacy).recipes, 'recipes');
  await browser.storage.local.remove(LEGACY_RECIPES_KEY);
}

/** The saved recipes that pass validation now, and the ones that do not. */
export async function readStoredRecipes(db?: ReplylineDb): Promise<StoredRecipes> {
  const database = db ?? (await getDb());
  await moveLegacy(database);
  const result = validated(await database.get('state', 'recipes'));
  if (result.rejected.length) console.warn(`Replyline: saved recipes not used: ${result.rejected.join('; ')}`);
  return result;
}

export async function readRecipes(db?: ReplylineDb): Promise<Recipe[]> {
  return (await readStoredRecipes(db)).recipes;
}

/** Replaces the saved recipes; every one must pass validation (nothing is written otherwise). */
export async function writeRecipes(recipes: Recipe[], db?: ReplylineDb): Promise<void> {
  const checked = validated(recipes);
  if (checked.rejected.length) throw new Error(`Recipes not saved: ${checked.rejected.join('; ')}`);
  await (db ?? (await getDb())).put('state', checked.recipes, 'recipes');
}
