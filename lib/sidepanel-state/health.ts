/**
 * Adapter health in words for the side panel (the Now view's health line and Settings →
 * Helpdesks). A record counts as a problem only when the adapter reported it as lasting (the
 * same page missed parts in probes seconds apart) or when storing failed; a page that had not
 * drawn its list when first counted reads as "checking", never red.
 */
import { HELPDESKS } from '../adapters/registry';
import type { HealthRecord } from '../storage/schema';

export type HealthLevel = 'ok' | 'checking' | 'problem';

export interface HealthWords {
  level: HealthLevel;
  /** The helpdesk's name, e.g. "Zendesk". */
  helpdesk: string;
  /** One sentence: "Reading this list: 8 conversations, times exact". */
  text: string;
  /** What to do about a problem, when there is something to do. */
  advice: string | null;
  /** The raw parts not found, for a bug report (shown as a tooltip). */
  detail: string | null;
}

export function helpdeskName(id: string): string {
  return HELPDESKS.find((entry) => entry.id === id)?.name ?? id;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Missing entries are page parts (selector ids such as `inbox.row`), `list:<error>` when the
 * list's API read failed, or about one conversation, `<conversationId>:<what>`: a request to the
 * helpdesk that failed (`…:api:…`), else a time or field that could not be read.
 */
function splitMissing(missing: string[]): { pageParts: string[]; list: boolean; unread: Set<string>; requests: Set<string> } {
  const pageParts: string[] = [];
  const unread = new Set<string>();
  const requests = new Set<string>();
  let list = false;
  for (const entry of missing) {
    const colon = entry.indexOf(':');
    if (colon < 0) pageParts.push(entry);
    else if (entry.startsWith('list:')) list = true;
    else if (entry.startsWith('invalid:')) unread.add(entry.slice('invalid:'.length));
    else if (entry.includes(':api:')) requests.add(entry.slice(0, colon));
    else unread.add(entry.slice(0, colon));
  }
  return { pageParts, list, unread, requests };
}

export function describeHealth(record: HealthRecord): HealthWords {
  const helpdesk = helpdeskName(record.helpdesk);
  const detail = record.missing.length ? `Not found: ${record.missing.join(', ')}` : null;
  if (record.error) {
    return { level: 'problem', helpdesk, text: record.error, advice: null, detail };
  }
  const where =
    record.route === 'list' ? 'this list' : record.route === 'conversation' ? 'this conversation' : `this page (${record.route})`;
  const count = record.route === 'list' && record.conversations !== undefined ? `${plural(record.conversations, 'conversation')}` : null;
  if (record.missing.length === 0) {
    return {
      level: 'ok',
      helpdesk,
      text: `Reading ${where}: ${count ? `${count}, ` : ''}times exact`,
      advice: null,
      detail,
    };
  }
  if (!record.lasting) {
    return {
      level: 'checking',
      helpdesk,
      text: `Reading ${where}: ${count ? `${count} so far, ` : ''}still drawing, checking again`,
      advice: null,
      detail,
    };
  }
  const { pageParts, list, unread, requests } = splitMissing(record.missing);
  if (pageParts.length > 0 || list) {
    return {
      level: 'problem',
      helpdesk,
      text: `Cannot read ${where}: ${list ? 'the helpdesk did not answer for the list' : 'part of the page is not where Replyline looks for it'}`,
      advice:
        'Reload the page. If this stays, the helpdesk has probably changed its page and conversations here are not measured until Replyline is updated: report it with the parts named in the tooltip.',
      detail,
    };
  }
  const one = record.route !== 'list';
  const parts: string[] = [];
  if (unread.size > 0) parts.push(one ? 'some times not exact' : `times of ${plural(unread.size, 'conversation')} not exact`);
  if (requests.size > 0)
    parts.push(one ? 'a request to the helpdesk failed' : `requests failed for ${plural(requests.size, 'conversation')}`);
  return {
    level: 'problem',
    helpdesk,
    text: `Reading ${where}: ${count ? `${count}, ` : ''}${parts.join('; ')}`,
    advice:
      unread.size > 0
        ? 'A conversation whose times cannot be read is marked unverified and left out of medians and rates. Reload the page; if this stays, report it with the parts named in the tooltip.'
        : 'Figures that need the failed request stay unknown. Reload the page; if this stays, check that you are still signed in to the helpdesk.',
    detail,
  };
}
