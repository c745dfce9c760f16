/**
 * "Test on the open page": runs a draft recipe against the current document once and counts
 * what it found. Failing examples carry the raw value the recipe pointed at (an attribute, or
 * the text of a time element), shortened; never anything else from the page.
 */
import { probeHealth } from '../framework/health';
import { routeOf } from '../framework/runner';
import type { ObservedConversation, RecipeTrialResult } from '../../messaging/protocol';
import { compileRecipe, invalidSelector } from './compile';
import type { Recipe } from './types';

const MAX_FAILURES = 5;
const MAX_EXAMPLE_CHARS = 40;

function example(raw: string | null): string {
  if (raw === null) return '(absent)';
  if (raw === '') return '(empty)';
  // A long value is not a timestamp; say so instead of showing page text.
  return raw.length > MAX_EXAMPLE_CHARS ? `(${raw.length} characters)` : raw;
}

export function tryRecipe(recipe: Recipe, doc: Document, href: string, now: number): RecipeTrialResult {
  const selectorError = invalidSelector(recipe, doc);
  if (selectorError) throw new Error(selectorError);
  let parsed = 0;
  let failed = 0;
  const failures: RecipeTrialResult['failures'] = [];
  const adapter = compileRecipe(recipe, {
    document: doc,
    probe: (field, raw, at) => {
      if (at !== null) parsed++;
      else {
        failed++;
        if (failures.length < MAX_FAILURES) failures.push({ field, value: example(raw) });
      }
    },
  });
  const route = routeOf(adapter, href);
  const detected = adapter.detect(doc);
  const root = adapter.root(doc);
  const result: RecipeTrialResult = {
    detected,
    route: route.kind,
    conversationId: route.conversationId,
    conversations: 0,
    events: 0,
    timestampsParsed: 0,
    timestampsFailed: 0,
    failures,
    missing: [],
    agentId: null,
  };
  if (!root || route.kind === null) return result;
  const observed = route.kind === 'list' ? adapter.extract.listRows(root) : [adapter.extract.conversation(root)];
  const conversations = observed.filter((c): c is ObservedConversation => c !== null);
  const fieldsMissing = conversations.flatMap((c) => (c.missing ?? []).map((field) => `${c.conversationId}:${field}`));
  result.conversations = conversations.length;
  result.events = conversations.reduce((sum, c) => sum + (c.events?.length ?? 0), 0);
  result.timestampsParsed = parsed;
  result.timestampsFailed = failed;
  result.missing = probeHealth(adapter.selectors, root, route.kind, fieldsMissing, now).missing;
  result.agentId = adapter.extract.currentAgent(root);
  return result;
}
