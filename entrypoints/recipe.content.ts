/**
 * Replyline on a helpdesk described by a recipe (Settings → Recipes). Registered at runtime
 * by the worker on the granted match patterns of saved recipes, and injected by the side
 * panel to try a draft recipe ("Test on the open page"). The saved recipe of the page comes from
 * the worker, which keeps recipes in the extension's IndexedDB and validates them on every read,
 * so no validator is bundled here.
 */
import { runAdapterInPage } from '@/lib/adapters/framework/content-script';
import { compileRecipe, invalidSelector } from '@/lib/adapters/recipe/compile';
import { urlMatches } from '@/lib/adapters/recipe/match-pattern';
import { tryRecipe } from '@/lib/adapters/recipe/trial';
import type { Recipe } from '@/lib/adapters/recipe/types';
import { fromThisExtension, pageRouter } from '@/lib/adapters/framework/page-router';
import { recipeReplySchema, type CsGetRecipe, type RecipeTrialReply } from '@/lib/messaging/protocol';

/** Set once per page: registration and a side-panel injection may both load this script. */
const LOADED_FLAG = '__replylineRecipeScript';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  async main(ctx) {
    const scope = window as unknown as Record<string, boolean | undefined>;
    if (scope[LOADED_FLAG]) return;
    scope[LOADED_FLAG] = true;

    const router = pageRouter();
    router.on('sp:test-recipe', {
      accept: fromThisExtension(),
      handle: (message): RecipeTrialReply => {
        try {
          return {
            ok: true,
            origin: location.origin,
            result: tryRecipe(message.recipe as unknown as Recipe, document, location.href, Date.now()),
          };
        } catch (error) {
          return { ok: false, origin: location.origin, error: error instanceof Error ? error.message : String(error) };
        }
      },
    });
    ctx.onInvalidated(() => {
      router.off('sp:test-recipe');
      scope[LOADED_FLAG] = false;
    });

    // The saved recipe for this page, from the worker: recipes are kept where pages cannot
    // write, and validated there on this read.
    let reply: unknown;
    try {
      reply = await browser.runtime.sendMessage({ type: 'cs:get-recipe' } satisfies CsGetRecipe);
    } catch {
      return;
    }
    const parsed = recipeReplySchema.safeParse(reply);
    const recipe = parsed.success && parsed.data.ok ? (parsed.data.recipe as unknown as Recipe | undefined) : undefined;
    if (!recipe || ctx.isInvalid || !urlMatches(recipe.matches, location.href)) return;
    const broken = invalidSelector(recipe, document);
    if (broken) {
      console.warn(`Replyline: recipe "${recipe.name}" not used: ${broken}`);
      return;
    }
    runAdapterInPage(compileRecipe(recipe, { document }), ctx);
  },
});
