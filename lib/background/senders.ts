/**
 * Who may send what to the worker. A content-script message names its helpdesk and origin in
 * its body; neither is believed unless the browser's sender agrees: the message must come from
 * a tab whose page is on that very origin, and that origin must be granted for that helpdesk
 * (a built-in helpdesk's manifest hosts, a self-hosted binding whose permission is granted, or a
 * saved recipe's granted pattern). Extension pages have no say as content scripts.
 */
import { HELPDESKS, type HelpdeskEntry } from '../adapters/registry';
import { originPattern } from '../adapters/framework/host-patterns';
import { matchPatternRegExp } from '../adapters/recipe/match-pattern';
import { recipeHelpdeskId, type Recipe } from '../adapters/recipe/types';
import type { HelpdeskBinding } from '../settings/model';
import { originOf, type MessageSender } from '../messaging/router';

/** What the grant check needs, read fresh for each message (bindings and recipes change at runtime). */
export interface GrantSources {
  helpdesks?: readonly HelpdeskEntry[];
  bindings(): Promise<readonly HelpdeskBinding[]>;
  recipes(): Promise<readonly Recipe[]>;
  /** permissions.contains for an origin's pattern. */
  containsOrigin(pattern: string): Promise<boolean>;
}

/** True when a match pattern's scheme, host and port cover this origin (its path is not part of an origin). */
export function patternCoversOrigin(pattern: string, origin: string): boolean {
  const hostOnly = pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*');
  return matchPatternRegExp(hostOnly)?.test(`${origin}/`) ?? false;
}

/** Whether `origin` is granted to `helpdesk`; the reason when it is not. */
export async function grantRefusal(helpdesk: string, origin: string, sources: GrantSources): Promise<string | null> {
  const entry = (sources.helpdesks ?? HELPDESKS).find((h) => h.id === helpdesk);
  if (entry?.access === 'manifest' && entry.matches.some((pattern) => patternCoversOrigin(pattern, origin))) return null;
  if (entry && (await sources.bindings()).some((b) => b.adapterId === helpdesk && b.origin === origin)) {
    if (await sources.containsOrigin(originPattern(origin))) return null;
    return `${origin} is bound to ${helpdesk} but its permission is not granted`;
  }
  if (helpdesk.startsWith('recipe-')) {
    const recipe = (await sources.recipes()).find((r) => recipeHelpdeskId(r) === helpdesk);
    if (recipe) {
      for (const pattern of recipe.matches)
        if (patternCoversOrigin(pattern, origin) && (await sources.containsOrigin(pattern))) return null;
      return `${origin} is not a granted page of recipe ${recipe.name}`;
    }
  }
  return `${origin} is not granted for ${helpdesk}`;
}

/**
 * A content-script message: from a web page's tab (not an extension page), whose URL's origin
 * is the origin the message claims, granted for the helpdesk it claims.
 */
export async function contentSenderRefusal(
  sender: MessageSender,
  claim: { helpdesk: string; origin: string },
  extensionBase: string,
  sources: GrantSources,
): Promise<string | null> {
  if (!sender.tab || sender.tab.id === undefined) return 'not from a tab';
  if (sender.url?.startsWith(extensionBase)) return 'from an extension page, not a helpdesk page';
  const senderOrigin = originOf(sender.url ?? sender.tab.url);
  if (senderOrigin === null) return 'the sender has no page address';
  if (senderOrigin !== claim.origin) return `sent from ${senderOrigin}, claims ${claim.origin}`;
  return grantRefusal(claim.helpdesk, claim.origin, sources);
}
