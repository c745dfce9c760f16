/**
 * What kind of Replyline file a text is, read from its first bytes, so that a file given to the
 * wrong command or button is named ("this is a backup…") with where it belongs, instead of
 * failing schema lines. Works on the head of a stream as well as on a whole text.
 */

export type FileKind = 'timeline' | 'backup' | 'report' | 'recipe' | 'csv' | 'other';

/** Where a file is taken: the CLI's report, the Team view's import, the backup restore. */
export type FileTaker = 'cli' | 'team-import' | 'backup-restore';

/** The kind, from the `"format"` of the first 64 KB (Replyline writes it first) or the shape of the text. */
export function sniffFileKind(head: string): FileKind {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const format = topLevelFormat(text.slice(0, 65_536));
  const known = format === null ? null : /^replyline\.(timeline|backup|report|recipe)\/\d+$/.exec(format);
  if (known) return known[1] as FileKind;
  const first = text.trimStart()[0];
  // The week's CSV starts with "# " comment lines or a header row; JSON starts with { or [.
  if (first !== undefined && first !== '{' && first !== '[' && /^[^\n]*,[^\n]*\n/.test(text.trimStart())) return 'csv';
  return 'other';
}

/** The string value of the outermost object's "format" key, when the head holds it (nested ones are ignored). */
function topLevelFormat(head: string): string | null {
  let depth = 0;
  for (let i = 0; i < head.length; i++) {
    const char = head[i];
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (char === '"') {
      const end = stringEnd(head, i);
      if (end < 0) return null;
      if (depth === 1 && head.slice(i, end + 1) === '"format"') {
        const value = /^\s*:\s*("(?:[^"\\]|\\.)*")/.exec(head.slice(end + 1, end + 200));
        if (value) return JSON.parse(value[1]) as string;
      }
      i = end;
    }
  }
  return null;
}

/** The index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

const WHAT: Record<Exclude<FileKind, 'other'>, string> = {
  timeline: 'a Replyline timeline (replyline.timeline/1, e.g. a weekly export from Me → Export JSON)',
  backup: 'a Replyline backup (replyline.backup/1, from Settings → Data → Export everything)',
  report: 'a report made by `replyline report` (replyline.report/1): it holds figures, not conversations',
  recipe: 'an adapter recipe (replyline.recipe/2)',
  csv: 'a CSV file (a week exported as a table)',
};

const WHERE: Record<Exclude<FileKind, 'other'>, string> = {
  timeline: 'report on it with `npx replyline report FILE`, or merge it into the Team view with Team → Imported exports → Import exports…',
  backup: 'restore it in the side panel with Settings → Data → Import a Replyline backup',
  report: 'report on the timeline file it was made from instead',
  recipe: 'add it in Settings → Helpdesks and permissions → recipes',
  csv: 'use the JSON export of the same week (Me → Export JSON)',
};

const TAKES: Record<FileTaker, FileKind> = { cli: 'timeline', 'team-import': 'timeline', 'backup-restore': 'backup' };

/**
 * A sentence naming what the file is and where it belongs, when `taker` does not take this kind;
 * null when the kind fits (or is unknown: the validator then explains what is wrong).
 */
export function wrongKindMessage(head: string, taker: FileTaker): string | null {
  const kind = sniffFileKind(head);
  if (kind === 'other' || kind === TAKES[taker]) return null;
  return `this file is ${WHAT[kind]}, not ${taker === 'backup-restore' ? 'a backup' : 'a timeline'}; ${WHERE[kind]}.`;
}
