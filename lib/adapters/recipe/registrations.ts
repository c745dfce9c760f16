/**
 * Content-script registrations for saved recipes: one per recipe, on the match patterns the
 * user granted. Merged by the worker's helpdesk-access sync with the built-in adapters' ones.
 */
import type { ContentScriptRegistration } from '../registry';
import { hostPattern } from '../framework/host-patterns';
import type { Recipe } from './types';

export const RECIPE_CONTENT_SCRIPT = 'content-scripts/recipe.js';

export function recipeScriptId(recipe: Pick<Recipe, 'id'>): string {
  return `replyline-recipe-${recipe.id}`;
}

export async function recipeRegistrations(
  recipes: readonly Recipe[],
  containsOrigin: (pattern: string) => Promise<boolean>,
): Promise<ContentScriptRegistration[]> {
  const out: ContentScriptRegistration[] = [];
  for (const recipe of recipes) {
    const granted: string[] = [];
    // As the browser matches them (Firefox: without ports); the recipe script narrows to its own patterns.
    for (const pattern of new Set(recipe.matches.map((p) => hostPattern(p)))) if (await containsOrigin(pattern)) granted.push(pattern);
    if (granted.length)
      out.push({
        id: recipeScriptId(recipe),
        js: [RECIPE_CONTENT_SCRIPT],
        matches: granted,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      });
  }
  return out;
}
