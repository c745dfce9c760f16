/**
 * Validation of `replyline.recipe/1` (side panel and file imports only; the content script
 * trusts what was validated here). Every problem is reported with the field it is in.
 * Time formats are checked against luxon: a pattern is accepted only when luxon and the
 * content script's own parser (time.ts) read the same sample to the same instant.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { invalidSelector } from './compile';
import { matchPatternError } from './match-pattern';
import { compilePattern, fixedOffsetMinutes, timeReader } from './time';
import { RECIPE_FORMAT, type Recipe } from './types';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ATTRIBUTE = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;

const selector = z.string({ error: 'must be a CSS selector' }).trim().min(1, { error: 'must be a CSS selector' }).max(500);
const attributeName = z
  .string({ error: 'must be an attribute name' })
  .regex(ATTRIBUTE, { error: 'must be an attribute name such as data-id' });
const regexSource = z
  .string({ error: 'must be a regular expression' })
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'is not a valid regular expression' },
  );

const valueSource = z.union([attributeName, z.strictObject({ selector: selector.optional(), attribute: attributeName })], {
  error: 'must be an attribute name, or { "selector": …, "attribute": … }',
});
const timeSource = z.union([attributeName, z.strictObject({ selector: selector.optional(), attribute: attributeName.optional() })], {
  error: 'must be an attribute name, or { "selector": …, "attribute": … } (no attribute: the element’s text)',
});

const statusEnum = z.enum(['open', 'pending', 'snoozed', 'resolved'], { error: 'must be open, pending, snoozed or resolved' });
const authorEnum = z.enum(['customer', 'agent', 'bot', 'automation', 'note'], {
  error: 'must be customer, agent, bot, automation or note',
});
const eventTypeEnum = z.enum(['message', 'note', 'status', 'handoff', 'assignment', 'rating'], {
  error: 'must be message, note, status, handoff, assignment or rating',
});
const mapping = <T extends z.ZodType>(target: T) =>
  z.record(z.string(), target).refine((values) => Object.keys(values).length > 0, { error: 'needs at least one page value' });

const summaryFields = {
  status: valueSource.optional(),
  assignee: valueSource.optional(),
  createdAt: timeSource.optional(),
  channel: valueSource.optional(),
  customer: valueSource.optional(),
};

const routeRule = z.strictObject({ url: regexSource.optional(), selector: selector.optional() });

export const recipeSchema = z
  .strictObject({
    format: z.literal(RECIPE_FORMAT, { error: `must be "${RECIPE_FORMAT}"` }),
    id: z
      .string({ error: 'must be text' })
      .regex(KEBAB, { error: 'must be kebab-case, such as acme-desk' })
      .max(40, { error: 'must be at most 40 characters' }),
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(60, { error: 'must be at most 60 characters' }),
    matches: z
      .array(
        z.string().superRefine((pattern, ctx) => {
          const error = matchPatternError(pattern);
          if (error) ctx.addIssue({ code: 'custom', message: error });
        }),
        { error: 'must be a list of match patterns' },
      )
      .min(1, { error: 'needs at least one match pattern, such as https://desk.example.com/*' })
      .max(10),
    detect: selector.optional(),
    routes: z.strictObject({
      list: routeRule,
      conversation: routeRule.extend({ idAttribute: attributeName.optional() }),
    }),
    list: z.strictObject({
      row: selector,
      id: attributeName,
      ...summaryFields,
      waitingSince: timeSource.optional(),
      badgeAnchor: selector.optional(),
    }),
    conversation: z.strictObject({
      root: selector,
      id: attributeName.optional(),
      ...summaryFields,
      header: selector.optional(),
      events: z.strictObject({
        item: selector,
        id: attributeName,
        type: z.strictObject({ attribute: attributeName, values: mapping(eventTypeEnum) }).optional(),
        author: z.strictObject({ attribute: attributeName, values: mapping(authorEnum) }),
        agent: attributeName.optional(),
        time: timeSource,
        status: attributeName.optional(),
        assignee: attributeName.optional(),
        csat: attributeName.optional(),
        ces: attributeName.optional(),
      }),
    }),
    time: z.strictObject({
      format: z.string({ error: 'must be iso8601, unix-seconds, unix-ms or a pattern such as dd.MM.yyyy HH:mm' }).min(1),
      zone: z.string().optional(),
    }),
    status: z.strictObject({ values: mapping(statusEnum) }).optional(),
    compose: selector.optional(),
    agent: z.strictObject({ selector, attribute: attributeName }).optional(),
  })
  .superRefine((recipe, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const { list, conversation } = recipe.routes;
    if (!list.url && !list.selector) issue(['routes', 'list'], 'needs a url regex, a selector, or both');
    if (!conversation.url && !conversation.selector) issue(['routes', 'conversation'], 'needs a url regex, a selector, or both');
    if (conversation.idAttribute && !conversation.selector)
      issue(['routes', 'conversation', 'idAttribute'], 'needs routes.conversation.selector (the element carrying the id)');
    if (!conversation.idAttribute && conversation.url && captureGroups(conversation.url) === 0) {
      issue(['routes', 'conversation', 'url'], 'needs a capture group for the conversation id, such as ^/tickets/(\\d+)');
    }
    if (!conversation.idAttribute && !conversation.url && conversation.selector) {
      issue(['routes', 'conversation'], 'needs idAttribute, or a url regex with a capture group, to know the conversation id');
    }
    const timeError = timeFormatError(recipe.time);
    if (timeError) issue(['time', timeError.field], timeError.message);
    const doc = typeof document !== 'undefined' ? document : null;
    if (doc) {
      const bad = invalidSelector(recipe, doc);
      if (bad) {
        const [field, ...rest] = bad.split(': ');
        issue(field.split('.'), rest.join(': '));
      }
    }
  });

function captureGroups(source: string): number {
  try {
    return new RegExp(`${source}|`).exec('')!.length - 1;
  } catch {
    return 0;
  }
}

/** luxon's name for a zone the content script writes as UTC / +02:00 / Europe/Berlin. */
export function luxonZone(zone: string): string {
  const minutes = fixedOffsetMinutes(zone);
  if (minutes === null || zone === 'UTC') return zone;
  return `UTC${zone}`;
}

/** A sample instant for checking patterns: a Tuesday afternoon with two-digit fields. */
const SAMPLE = Date.UTC(2026, 10, 24, 15, 7, 9, 345);

function timeFormatError(spec: { format: string; zone?: string }): { field: 'format' | 'zone'; message: string } | null {
  const { format, zone } = spec;
  if (format === 'iso8601' || format === 'unix-seconds' || format === 'unix-ms') return null;
  const compiled = compilePattern(format);
  if (typeof compiled === 'string') return { field: 'format', message: `pattern ${compiled}` };
  if (!zone) return { field: 'zone', message: 'is needed with a pattern: UTC, +02:00, or an IANA zone such as Europe/Berlin' };
  if (fixedOffsetMinutes(zone) === null && !IANAZone.isValidZone(zone))
    return { field: 'zone', message: `"${zone}" is not UTC, an offset like +02:00, or an IANA zone` };
  // Both parsers must read luxon's own rendering of the sample to the same instant.
  const sample = DateTime.fromMillis(SAMPLE, { zone: luxonZone(zone) }).toFormat(format, { locale: 'en-US' });
  const expected = DateTime.fromFormat(sample, format, { zone: luxonZone(zone), locale: 'en-US' });
  const ours = timeReader(spec)(sample);
  if (!expected.isValid || ours === null || ours !== expected.toMillis()) {
    return { field: 'format', message: `pattern "${format}" is not read back exactly (sample "${sample}")` };
  }
  return null;
}

export interface RecipeIssue {
  /** Dotted path of the field, e.g. `list.row` or `time.zone`; empty for the whole file. */
  path: string;
  message: string;
}

export type RecipeValidation = { ok: true; recipe: Recipe } | { ok: false; issues: RecipeIssue[] };

/** A parsed value checked against the recipe format. */
export function validateRecipe(value: unknown): RecipeValidation {
  const result = recipeSchema.safeParse(value);
  if (result.success) return { ok: true, recipe: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
}

/** Recipe JSON text (the editor, an imported file) checked. */
export function validateRecipeText(text: string): RecipeValidation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return validateRecipe(value);
}

/** An exported file: one recipe, or several under `recipes`. */
export interface RecipeFile {
  format: 'replyline.recipes/1';
  recipes: Recipe[];
}

/** Recipes from an imported file (one recipe, or an export of several); all valid or none. */
export function parseRecipeFile(text: string): { ok: true; recipes: Recipe[] } | { ok: false; issues: RecipeIssue[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const list =
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'replyline.recipes/1'
      ? (value as { recipes?: unknown }).recipes
      : [value];
  if (!Array.isArray(list) || list.length === 0)
    return { ok: false, issues: [{ path: 'recipes', message: 'must be a non-empty list of recipes' }] };
  const recipes: Recipe[] = [];
  const issues: RecipeIssue[] = [];
  list.forEach((item, index) => {
    const checked = validateRecipe(item);
    if (checked.ok) recipes.push(checked.recipe);
    else
      for (const issue of checked.issues)
        issues.push({
          path: list.length > 1 || value !== item ? `recipes.${index}${issue.path ? `.${issue.path}` : ''}` : issue.path,
          message: issue.message,
        });
  });
  const ids = recipes.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) issues.push({ path: 'recipes', message: `the id "${duplicate}" appears twice` });
  return issues.length ? { ok: false, issues } : { ok: true, recipes };
}

export function recipeFile(recipes: Recipe[]): RecipeFile {
  return { format: 'replyline.recipes/1', recipes };
}

/** A starting point for a new recipe, written for a helpdesk like the Demo Desk. */
export function recipeTemplate(): Recipe {
  return {
    format: RECIPE_FORMAT,
    id: 'my-helpdesk',
    name: 'My helpdesk',
    matches: ['https://desk.example.com/*'],
    routes: {
      list: { url: '^/inbox/?(?:\\?.*)?$' },
      conversation: { url: '^/conversations/([^/?#]+)' },
    },
    list: {
      row: 'tr.ticket-row',
      id: 'data-ticket-id',
      status: 'data-status',
      createdAt: 'data-created-at',
      waitingSince: 'data-waiting-since',
    },
    conversation: {
      root: 'main.ticket',
      events: {
        item: '.message[data-message-id]',
        id: 'data-message-id',
        author: { attribute: 'data-author', values: { customer: 'customer', agent: 'agent', bot: 'bot', internal: 'note' } },
        time: { selector: 'time', attribute: 'datetime' },
      },
    },
    time: { format: 'iso8601' },
  };
}
