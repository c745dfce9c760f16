/**
 * The malformed-input fault suite (issue 14, point 7): generated bad files against the report
 * CLI, the Team import and the backup restore. Each must end in a clear error — exit 1 or a
 * rejection, naming the file and the JSON path — with nothing written to the (fake) IndexedDB
 * and no stack trace shown. Prints "N bad inputs, N clear errors, 0 writes".
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { runCli } from '../../lib/cli/main';
import { openReplylineDb, type ReplylineDb } from '../../lib/storage/db';
import { BackupError, importEverything } from '../../lib/storage/backup';
import { importTimelineFile } from '../../lib/storage/imports';
import type { StoreName } from '../../lib/storage/schema';
import { BASE_TIMELINE, backupCases, baseBackup, timelineCases, type BadInput } from './import-cases';

const DB = 'replyline-import-faults';
const NOW = Date.parse('2026-11-24T12:00:00Z');
let db: ReplylineDb;

beforeAll(async () => {
  db = await openReplylineDb({ name: DB });
});
afterAll(async () => {
  db.close();
  await deleteDB(DB);
});

/** Records in every store: a bad input must leave all of them at zero. */
async function writes(): Promise<number> {
  const names = [...db.objectStoreNames] as StoreName[];
  const tx = db.transaction(names, 'readonly');
  const counts = await Promise.all(names.map((name) => tx.objectStore(name).count()));
  await tx.done;
  return counts.reduce((a, b) => a + b, 0);
}

/** Whether one of the reported paths is the expected one, inside it, or encloses it (never the bare file for a field). */
function namesPath(reported: readonly string[], expected: string): boolean {
  if (expected === '') return true;
  return reported.some((path) => path !== '' && (path.startsWith(expected) || expected.startsWith(path)));
}

/** The paths of "  path: message" lines (the CLI's stderr, the backup's errors). */
function pathsOf(lines: readonly string[]): string[] {
  return lines.map((line) => /^\s*([\w$[\]."-]+): /.exec(line)?.[1] ?? '').filter((p) => p !== '' && p !== 'replyline');
}

interface Tally {
  bad: number;
  clear: number;
  writes: number;
  unclear: string[];
}
const tallies: Record<string, Tally> = {};
const tally = (target: string) => (tallies[target] ??= { bad: 0, clear: 0, writes: 0, unclear: [] });

async function cli(input: BadInput, index: number): Promise<void> {
  const t = tally('CLI');
  t.bad++;
  const file = `bad-${index}.json`;
  let out = '';
  let err = '';
  const code = await runCli(['report', file], {
    readFile: async () => input.text,
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    now: () => NOW,
  });
  // "replyline: FILE …" then the problems (or one sentence saying what the file is).
  const clear =
    code === 1 &&
    out === '' &&
    err.startsWith(`replyline: ${file}`) &&
    err.trim().length > `replyline: ${file}`.length + 10 &&
    !/\n\s+at /.test(err) &&
    namesPath(pathsOf(err.split('\n').slice(1)), input.path);
  if (clear) t.clear++;
  else t.unclear.push(`${input.name}: exit ${code}, ${JSON.stringify(err.slice(0, 300))}`);
}

async function teamImport(input: BadInput, index: number): Promise<void> {
  const t = tally('Team import');
  t.bad++;
  const fileName = `week-${index}.json`;
  const outcome = await importTimelineFile(db, { fileName, text: input.text }, NOW).catch((error: unknown) => ({
    status: 'threw' as const,
    error,
  }));
  const clear =
    outcome.status === 'invalid' &&
    outcome.fileName === fileName &&
    namesPath(
      outcome.problems.map((p) => p.path),
      input.path,
    );
  if (clear) t.clear++;
  else t.unclear.push(`${input.name}: ${JSON.stringify(outcome).slice(0, 300)}`);
  const written = await writes();
  t.writes += written;
  if (written)
    await db
      .transaction([...db.objectStoreNames] as StoreName[], 'readwrite')
      .objectStore('importFiles')
      .clear();
}

async function restore(input: BadInput, index: number): Promise<void> {
  const t = tally('backup restore');
  t.bad++;
  const fileName = `backup-${index}.json`;
  const error = await importEverything(db, input.text, NOW, fileName).then(
    () => null,
    (e: unknown) => e,
  );
  const clear =
    error instanceof BackupError &&
    error.message.startsWith(`${fileName} was not imported: `) &&
    error.errors.length > 0 &&
    namesPath(pathsOf(error.errors), input.path);
  if (clear) t.clear++;
  else t.unclear.push(`${input.name}: ${error instanceof BackupError ? JSON.stringify(error.errors).slice(0, 300) : String(error)}`);
  t.writes += await writes();
}

describe('malformed imports', () => {
  it('the valid base files are accepted by all three (the suite can tell good from bad)', async () => {
    expect(
      await runCli(['report', 'base.json'], { readFile: async () => JSON.stringify(BASE_TIMELINE), stdout: () => {}, stderr: () => {} }),
    ).toBe(0);
    const other = await openReplylineDb({ name: `${DB}-good` });
    expect((await importTimelineFile(other, { fileName: 'base.json', text: JSON.stringify(BASE_TIMELINE) }, NOW)).status).toBe('imported');
    expect((await importEverything(other, JSON.stringify(baseBackup()), NOW)).conversations).toBe(2);
    other.close();
    await deleteDB(`${DB}-good`);
  });

  it('every bad input gets a clear error naming the file and the JSON path, and nothing is written', async () => {
    const timelines = timelineCases();
    const backups = backupCases();
    let index = 0;
    for (const input of timelines) {
      index++;
      await cli(input, index);
      await teamImport(input, index);
    }
    for (const input of backups) await restore(input, ++index);
    // Hostile keys were read as data, never as the prototype.
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('type');
    expect(Object.prototype).not.toHaveProperty('profile');

    const total = Object.values(tallies).reduce(
      (sum, t) => ({ bad: sum.bad + t.bad, clear: sum.clear + t.clear, writes: sum.writes + t.writes }),
      {
        bad: 0,
        clear: 0,
        writes: 0,
      },
    );
    for (const [target, t] of Object.entries(tallies))
      console.log(`  ${target}: ${t.bad} bad inputs, ${t.clear} clear errors, ${t.writes} writes`);
    console.log(`imports fault suite: ${total.bad} bad inputs, ${total.clear} clear errors, ${total.writes} writes`);
    expect(Object.fromEntries(Object.entries(tallies).map(([k, t]) => [k, t.unclear]))).toEqual({
      CLI: [],
      'Team import': [],
      'backup restore': [],
    });
    expect(total.bad).toBeGreaterThanOrEqual(200);
    expect(total.clear).toBe(total.bad);
    expect(total.writes).toBe(0);
  });
});
