import type { AdapterDefinition, SelectorSpec } from './types';

const KEBAB_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declares an adapter. Checks the declaration once at load time so that a typo in an id
 * or a duplicated selector id fails loudly in tests instead of producing a silent health gap.
 */
export function defineAdapter<S extends Record<string, SelectorSpec>>(definition: AdapterDefinition<S>): AdapterDefinition<S> {
  if (!KEBAB_ID.test(definition.id)) throw new Error(`adapter id "${definition.id}" must be kebab-case`);
  if (definition.matches.length === 0) throw new Error(`adapter ${definition.id} has no match patterns`);
  const seen = new Set<string>();
  for (const [key, spec] of Object.entries(definition.selectors)) {
    if (seen.has(spec.id)) throw new Error(`adapter ${definition.id}: duplicate selector id "${spec.id}"`);
    seen.add(spec.id);
    if (!spec.comment.trim()) throw new Error(`adapter ${definition.id}: selector "${key}" needs a comment`);
  }
  return definition;
}

/** Declares an adapter's selector table (keeps literal keys for typed access). */
export function defineSelectors<S extends Record<string, SelectorSpec>>(selectors: S): S {
  return selectors;
}
