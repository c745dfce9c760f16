/**
 * Replyline on a helpdesk described by a recipe (Settings → Recipes). Registered at runtime
 * by the worker on the granted match patterns of saved recipes, and injected by the side
 * panel to try a draft recipe ("Test on the open page"). Recipes are read from
 * chrome.storage.local; they were validated when saved, so no validator is bundled here.
 */
import { startAdapterRunner } from '@/lib/adapters/framework/runner';
import { randomDocumentId } from '@/lib/adapters/framework/sender';
import { compileRecipe, invalidSelector } from '@/lib/adapters/recipe/compile';
import { urlMatches } from '@/lib/adapters/recipe/match-pattern';
import { readRecipes } from '@/lib/adapters/recipe/store';
import { tryRecipe } from '@/lib/adapters/recipe/trial';
import type { Recipe } from '@/lib/adapters/recipe/types';
import { bgDataChangedSchema, spTryRecipeSchema, type ContentToBackground, type RecipeTrialReply } from '@/lib/messaging/protocol';
import { Overlay } from '@/lib/overlay/overlay';

/** Set once per page: registration and a side-panel injection may both load this script. */
const LOADED_FLAG = '__replylineRecipeScript';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  async main(ctx) {
    const scope = window as unknown as Record<string, boolean | undefined>;
    if (scope[LOADED_FLAG]) return;
    scope[LOADED_FLAG] = true;

    const onTryRecipe = (message: unknown, _sender: unknown, sendResponse: (reply: RecipeTrialReply) => void) => {
      const parsed = spTryRecipeSchema.safeParse(message);
      if (!parsed.success) return undefined;
      let reply: RecipeTrialReply;
      try {
        reply = { ok: true, origin: location.origin, result: tryRecipe(parsed.data.recipe as unknown as Recipe, document, location.href, Date.now()) };
      } catch (error) {
        reply = { ok: false, origin: location.origin, error: error instanceof Error ? error.message : String(error) };
      }
      sendResponse(reply);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onTryRecipe);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onTryRecipe);
      scope[LOADED_FLAG] = false;
    });

    const recipe = (await readRecipes()).find((r) => urlMatches(r.matches, location.href));
    if (!recipe || ctx.isInvalid) return;
    const broken = invalidSelector(recipe, document);
    if (broken) {
      console.warn(`Replyline: recipe "${recipe.name}" not used: ${broken}`);
      return;
    }
    const adapter = compileRecipe(recipe, { document });
    if (!adapter.detect(document)) return;

    const timers = {
      setTimeout: (fn: () => void, ms: number) => ctx.setTimeout(fn, ms),
      clearTimeout: (handle: unknown) => clearTimeout(handle as number),
      setInterval: (fn: () => void, ms: number) => ctx.setInterval(fn, ms),
      clearInterval: (handle: unknown) => clearInterval(handle as number),
    };
    const requestFrame = (callback: () => void) => void ctx.requestAnimationFrame(() => callback());
    // Hidden tabs get no animation frames; the page must still be read while the agent is elsewhere.
    const requestRead = (callback: () => void) =>
      document.visibilityState === 'visible' ? requestFrame(callback) : void ctx.setTimeout(callback, 500);

    const overlay = new Overlay(adapter.overlayAnchors, {
      document,
      now: Date.now,
      requestFrame,
      setInterval: timers.setInterval,
      clearInterval: timers.clearInterval,
    });
    const runner = startAdapterRunner(
      adapter,
      {
        window,
        document,
        now: Date.now,
        sendMessage: (message: ContentToBackground) => browser.runtime.sendMessage(message),
        requestFrame: requestRead,
        ...timers,
        onLocationChange: (callback) => ctx.addEventListener(window, 'wxt:locationchange', callback),
        documentId: randomDocumentId(),
      },
      {
        onView: (view) => overlay.render(view),
        onPlans: (plans) => overlay.setPlans(plans),
        onStopped: () => overlay.destroy(),
      },
    );
    overlay.start();

    let refreshTimer: number | null = null;
    const onDataChanged = (message: unknown) => {
      if (!bgDataChangedSchema.safeParse(message).success || refreshTimer !== null) return;
      refreshTimer = ctx.setTimeout(() => {
        refreshTimer = null;
        void runner.refreshPlans();
      }, 250);
    };
    browser.runtime.onMessage.addListener(onDataChanged);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onDataChanged);
      runner.stop();
      overlay.destroy();
    });
  },
});
