/**
 * Settings → Recipes: helpdesks the user describes in JSON (lib/adapters/recipe). A draft is
 * validated as it is typed, can be tried on an open page of the helpdesk, and is saved with
 * access to its pages (requested in the click itself, a user gesture).
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { browser } from 'wxt/browser';
import { urlMatches } from '@/lib/adapters/recipe/match-pattern';
import { hostPattern } from '@/lib/adapters/framework/host-patterns';
import { parseRecipeFile, recipeFile, recipeTemplate, validateRecipeText, type RecipeIssue } from '@/lib/adapters/recipe/schema';
import { readRecipes, writeRecipes } from '@/lib/storage/recipes';
import type { Recipe } from '@/lib/adapters/recipe/types';
import { recipeTrialReplySchema, type RecipeTrialResult, type SpHelpdeskAccessChanged, type SpTryRecipe } from '@/lib/messaging/protocol';
import './RecipesSection.css';

interface Draft {
  /** The id of the saved recipe being edited; null for a new one. */
  editing: string | null;
  text: string;
}

type Trial = { state: 'running' } | { state: 'done'; origin: string; result: RecipeTrialResult } | { state: 'error'; message: string };

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The open tab showing a page of the recipe: the active one if it is, else the last used. */
async function helpdeskTab(recipe: Recipe): Promise<{ id: number; url: string } | null> {
  const tabs = await browser.tabs.query({});
  const candidates = tabs
    .filter((tab) => tab.id !== undefined && tab.url !== undefined && urlMatches(recipe.matches, tab.url))
    .sort((a, b) => Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  const tab = candidates[0];
  return tab ? { id: tab.id!, url: tab.url! } : null;
}

async function askTab(tabId: number, recipe: Recipe): Promise<unknown> {
  const message: SpTryRecipe = { type: 'sp:test-recipe', recipe: recipe as unknown as Record<string, unknown> };
  try {
    return await browser.tabs.sendMessage(tabId, message);
  } catch {
    // No recipe script in that page yet (no saved recipe there): load it, then ask again.
    await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/recipe.js'] });
    return browser.tabs.sendMessage(tabId, message);
  }
}

async function resyncAccess(): Promise<void> {
  const message: SpHelpdeskAccessChanged = { type: 'sp:helpdesk-access-changed' };
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function TrialReport({ trial }: { trial: Trial }) {
  if (trial.state === 'running')
    return (
      <p className="small" role="status">
        Testing on the open page…
      </p>
    );
  if (trial.state === 'error')
    return (
      <p className="small error" role="alert">
        {trial.message}
      </p>
    );
  const { result, origin } = trial;
  const where =
    result.route === 'list'
      ? 'a list page'
      : result.route === 'conversation'
        ? `conversation ${result.conversationId}`
        : 'a page that is neither a list nor a conversation';
  return (
    <div
      className="recipe-trial"
      role="status"
      data-conversations={result.conversations}
      data-parsed={result.timestampsParsed}
      data-failed={result.timestampsFailed}
    >
      <p className="small">
        On {origin}, {where}
        {result.detected ? '' : ' (the detect selector did not match)'}:
      </p>
      <p className="recipe-trial-counts">
        Found {plural(result.conversations, 'conversation')}
        {result.route === 'conversation' ? `, ${plural(result.events, 'event')}` : ''}, {plural(result.timestampsParsed, 'timestamp')}{' '}
        parsed, {result.timestampsFailed} failed
      </p>
      {result.agentId ? <p className="small muted">Signed-in agent: {result.agentId}</p> : null}
      {result.failures.length ? (
        <>
          <h4>Unreadable times (first {result.failures.length})</h4>
          <ul className="recipe-failures">
            {result.failures.map((f, i) => (
              <li key={i}>
                <span className="muted">{f.field}:</span> <code>{f.value}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.missing.length ? (
        <>
          <h4>Not found on this page</h4>
          <ul className="recipe-failures">
            {result.missing.slice(0, 8).map((m) => (
              <li key={m}>
                <code>{m}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function RecipesSection() {
  const [recipes, setRecipes] = useState<Recipe[] | null>(null);
  const [access, setAccess] = useState<Record<string, boolean>>({});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [trial, setTrial] = useState<Trial | null>(null);
  const [message, setMessage] = useState('');
  const [importIssues, setImportIssues] = useState<RecipeIssue[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);

  async function reload(): Promise<void> {
    const list = await readRecipes();
    setRecipes(list);
    const granted: Record<string, boolean> = {};
    for (const recipe of list)
      granted[recipe.id] = await browser.permissions.contains({ origins: recipe.matches.map((m) => hostPattern(m)) }).catch(() => false);
    setAccess(granted);
  }
  useEffect(() => {
    void reload();
  }, []);

  const validation = useMemo(() => (draft ? validateRecipeText(draft.text) : null), [draft]);
  const valid = validation?.ok ? validation.recipe : null;
  const duplicate = valid && draft && valid.id !== draft.editing && recipes?.some((r) => r.id === valid.id);

  function edit(recipe: Recipe | null): void {
    setDraft({ editing: recipe?.id ?? null, text: JSON.stringify(recipe ?? recipeTemplate(), null, 2) });
    setTrial(null);
    setMessage('');
  }

  function test(): void {
    if (!valid) return;
    setTrial({ state: 'running' });
    // The permission request must come first in the click (a user gesture).
    void browser.permissions
      .request({ origins: valid.matches })
      .then(async (granted) => {
        if (!granted)
          return setTrial({ state: 'error', message: `Access to ${valid.matches.join(', ')} was not granted; the page cannot be read.` });
        const tab = await helpdeskTab(valid);
        if (!tab)
          return setTrial({ state: 'error', message: `Open a page matching ${valid.matches.join(', ')} in a tab, then test again.` });
        const reply = recipeTrialReplySchema.safeParse(await askTab(tab.id, valid));
        if (!reply.success) return setTrial({ state: 'error', message: 'The page did not answer. Reload it and test again.' });
        if (!reply.data.ok || !reply.data.result)
          return setTrial({ state: 'error', message: reply.data.error ?? 'The recipe could not be tried.' });
        setTrial({ state: 'done', origin: reply.data.origin ?? new URL(tab.url).origin, result: reply.data.result });
      })
      .catch((error: unknown) => setTrial({ state: 'error', message: error instanceof Error ? error.message : String(error) }));
  }

  function save(): void {
    if (!valid || !draft || duplicate) return;
    const editing = draft.editing;
    void browser.permissions
      .request({ origins: valid.matches })
      .then(async (granted) => {
        const current = await readRecipes();
        const others = current.filter((r) => r.id !== valid.id && r.id !== editing);
        const index = current.findIndex((r) => r.id === (editing ?? valid.id));
        const next = index >= 0 ? [...others.slice(0, index), valid, ...others.slice(index)] : [...others, valid];
        await writeRecipes(next);
        await resyncAccess();
        setDraft(null);
        setTrial(null);
        setMessage(
          granted
            ? `Saved “${valid.name}”. Replyline reads pages matching ${valid.matches.join(', ')}.`
            : `Saved “${valid.name}” without access: grant it to have its pages read.`,
        );
        await reload();
      })
      .catch((error: unknown) => setMessage(`Could not save: ${error instanceof Error ? error.message : String(error)}`));
  }

  function remove(recipe: Recipe): void {
    void (async () => {
      await writeRecipes((await readRecipes()).filter((r) => r.id !== recipe.id));
      await resyncAccess();
      setMessage(`Deleted “${recipe.name}”. Data already measured stays until its retention ends.`);
      await reload();
    })();
  }

  function grant(recipe: Recipe): void {
    void browser.permissions.request({ origins: recipe.matches.map((m) => hostPattern(m)) }).then(async (granted) => {
      if (granted) await resyncAccess();
      await reload();
    });
  }

  function onImport(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void file.text().then(async (text) => {
      const parsed = parseRecipeFile(text);
      if (!parsed.ok) {
        setImportIssues(parsed.issues);
        setMessage(`${file.name} was not imported.`);
        return;
      }
      setImportIssues([]);
      const ids = new Set(parsed.recipes.map((r) => r.id));
      await writeRecipes([...(await readRecipes()).filter((r) => !ids.has(r.id)), ...parsed.recipes]);
      await resyncAccess();
      setMessage(`Imported ${plural(parsed.recipes.length, 'recipe')}. Grant access to have their pages read.`);
      await reload();
    });
  }

  return (
    <div className="recipes" id="settings-recipes">
      <h3>Recipes</h3>
      <p className="small muted">
        Describe a helpdesk Replyline does not know: which pages are lists and conversations, and which attributes carry ids, authors and
        times.
      </p>
      {recipes === null ? <p className="small muted">Loading recipes…</p> : null}
      {recipes?.length === 0 ? <p className="small muted">No recipes yet.</p> : null}
      {recipes?.length ? (
        <ul className="recipe-list">
          {recipes.map((recipe) => (
            <li key={recipe.id} className="recipe-item">
              <div>
                <strong>{recipe.name}</strong> <code className="small">{recipe.id}</code>
                <div className="small muted">{recipe.matches.join(', ')}</div>
                <div className={`small ${access[recipe.id] ? 'recipe-ok' : 'recipe-off'}`}>
                  {access[recipe.id] ? 'Access granted' : 'No access yet'}
                </div>
              </div>
              <div className="recipe-actions">
                <button type="button" className="link" onClick={() => edit(recipe)} aria-label={`Edit ${recipe.name}`}>
                  Edit
                </button>
                {access[recipe.id] ? null : (
                  <button type="button" className="link" onClick={() => grant(recipe)} aria-label={`Grant access for ${recipe.name}`}>
                    Grant access
                  </button>
                )}
                <button
                  type="button"
                  className="link"
                  onClick={() => download(`${recipe.id}.recipe.json`, JSON.stringify(recipe, null, 2))}
                  aria-label={`Export ${recipe.name}`}
                >
                  Export
                </button>
                <button type="button" className="link danger" onClick={() => remove(recipe)} aria-label={`Delete ${recipe.name}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}

      {draft ? (
        <div className="recipe-editor">
          <label htmlFor="recipe-json" className="small">
            <strong>{draft.editing ? `Edit recipe ${draft.editing}` : 'New recipe'}</strong> (JSON, format replyline.recipe/1)
          </label>
          <textarea
            id="recipe-json"
            className="recipe-json"
            spellCheck={false}
            rows={16}
            value={draft.text}
            aria-invalid={validation?.ok === false}
            aria-describedby="recipe-issues"
            onChange={(event) => {
              setDraft({ ...draft, text: event.target.value });
              setTrial(null);
            }}
          />
          <div id="recipe-issues" aria-live="polite">
            {validation && !validation.ok ? (
              <ul className="recipe-issues">
                {validation.issues.slice(0, 12).map((issue, i) => (
                  <li key={i}>
                    <code>{issue.path || '(file)'}</code> {issue.message}
                  </li>
                ))}
              </ul>
            ) : duplicate ? (
              <p className="field-error">Another recipe already has the id “{valid?.id}”.</p>
            ) : (
              <p className="small recipe-ok">Valid recipe.</p>
            )}
          </div>
          <div className="save-bar">
            <button type="button" onClick={test} disabled={!valid}>
              Test on the open page
            </button>
            <button type="button" className="primary" onClick={save} disabled={!valid || Boolean(duplicate)}>
              Save and grant access
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
          {trial ? <TrialReport trial={trial} /> : null}
        </div>
      ) : (
        <div className="save-bar">
          <button type="button" onClick={() => edit(null)}>
            New recipe
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import…
          </button>
          <input ref={fileInput} type="file" accept="application/json,.json" hidden onChange={onImport} aria-label="Import recipes file" />
          {recipes?.length ? (
            <button type="button" onClick={() => download('replyline-recipes.json', JSON.stringify(recipeFile(recipes), null, 2))}>
              Export all
            </button>
          ) : null}
        </div>
      )}
      {importIssues.length ? (
        <ul className="recipe-issues" role="alert">
          {importIssues.slice(0, 12).map((issue, i) => (
            <li key={i}>
              <code>{issue.path || '(file)'}</code> {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="small" role="status">
        {message}
      </p>
    </div>
  );
}
