/**
 * The `replyline.recipe/1` format: a user's description of a helpdesk's markup, enough for
 * Replyline to read it without code. Validated by schema.ts (side panel, imports); compiled
 * into an adapter by compile.ts (content script). Plain types here so that the content
 * script never bundles the validator.
 */
export const RECIPE_FORMAT = 'replyline.recipe/1';

/**
 * Where a value is read: an attribute name of the element itself (`"data-status"`), or an
 * attribute of its first descendant matching `selector`. Times may omit `attribute` to read
 * the element's text.
 */
export type ValueSource = string | { selector?: string; attribute: string };
export type TimeSource = string | { selector?: string; attribute?: string };

export type RecipeStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type RecipeAuthor = 'customer' | 'agent' | 'bot' | 'automation' | 'note';
export type RecipeEventType = 'message' | 'note' | 'status' | 'handoff' | 'assignment' | 'rating';

export interface RecipeRouteRule {
  /** Regex tested against the URL's path, query and fragment (`/inbox?x=1#y`). */
  url?: string;
  /** A selector that must match in the page. */
  selector?: string;
}

export interface RecipeConversationRoute extends RecipeRouteRule {
  /** The conversation id from this attribute of the element `selector` matches; else from the url regex's first group. */
  idAttribute?: string;
}

/** Summary facts of a conversation (list row or conversation root). */
export interface RecipeSummaryFields {
  status?: ValueSource;
  /** An empty value means unassigned. */
  assignee?: ValueSource;
  createdAt?: TimeSource;
  channel?: ValueSource;
  customer?: ValueSource;
}

export interface Recipe {
  format: typeof RECIPE_FORMAT;
  /** Kebab-case; the helpdesk id of its data is `recipe-<id>`. */
  id: string;
  name: string;
  /** Match patterns of the helpdesk's pages. */
  matches: string[];
  /** A selector that must match for the page to be this helpdesk (default: every matched page). */
  detect?: string;
  routes: { list: RecipeRouteRule; conversation: RecipeConversationRoute };
  list: RecipeSummaryFields & {
    row: string;
    /** Attribute of the row carrying its conversation id. */
    id: string;
    /** An empty value means nobody is waiting. */
    waitingSince?: TimeSource;
    /** Where the row badge goes (default: the row's first child). */
    badgeAnchor?: string;
  };
  conversation: RecipeSummaryFields & {
    root: string;
    /** Attribute of the root carrying the conversation id (default: the route's id). */
    id?: string;
    /** The timer strip goes right after this element (default: none). */
    header?: string;
    events: {
      item: string;
      id: string;
      /** Default: every item is a message. */
      type?: { attribute: string; values: Record<string, RecipeEventType> };
      author: { attribute: string; values: Record<string, RecipeAuthor> };
      agent?: string;
      time: TimeSource;
      /** Status events: the new status (mapped through `status.values`). */
      status?: string;
      /** Assignment events: the new assignee (empty = unassigned). */
      assignee?: string;
      csat?: string;
      ces?: string;
    };
  };
  time: { format: string; zone?: string };
  /** Page value → status (default: open, pending, snoozed, resolved as they are). */
  status?: { values: Record<string, RecipeStatus> };
  compose?: string;
  agent?: { selector: string; attribute: string };
}

/** The adapter / helpdesk id a recipe's data is stored under. */
export function recipeHelpdeskId(recipe: Pick<Recipe, 'id'>): string {
  return `recipe-${recipe.id}`;
}
