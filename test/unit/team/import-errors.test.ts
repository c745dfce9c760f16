/** The Team view's import: a file of the wrong kind is named; an unexpected failure is shown, never swallowed. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb } from '../../../lib/storage/db';
import { describeOutcome, importTimelineFile } from '../../../lib/storage/imports';

vi.mock('../../../lib/storage/imports', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../lib/storage/imports')>();
  return {
    ...actual,
    importTimelineFiles: vi.fn(async () => {
      throw new RangeError('Maximum call stack size exceeded');
    }),
  };
});

afterEach(async () => {
  await deleteDB('replyline-import-errors');
});

describe('Team import errors', () => {
  it('names a backup given to the Team import and where it belongs; nothing is written', async () => {
    const db = await openReplylineDb({ name: 'replyline-import-errors' });
    const outcome = await importTimelineFile(db, { fileName: 'backup.json', text: '{"format": "replyline.backup/1", "settings": {}}' });
    expect(outcome).toEqual({
      status: 'invalid',
      fileName: 'backup.json',
      problems: [
        {
          path: '',
          message:
            'this file is a Replyline backup (replyline.backup/1, from Settings → Data → Export everything), not a timeline; restore it in the side panel with Settings → Data → Import a Replyline backup.',
        },
      ],
    });
    expect(await db.count('importFiles')).toBe(0);
    db.close();
  });

  it('shows a failure of the import itself as a failed outcome per file', async () => {
    const { useTeam } = await import('../../../lib/sidepanel-state/team');
    const outcomes = await useTeam.getState().importFiles([{ fileName: 'week.json', text: '{}' }]);
    const expected = [{ status: 'failed', fileName: 'week.json', message: 'Maximum call stack size exceeded' }];
    expect(outcomes).toEqual(expected);
    expect(useTeam.getState().importOutcomes).toEqual(expected);
    expect(useTeam.getState().importing).toBe(false);
    expect(describeOutcome(outcomes[0])).toBe('week.json could not be stored (Maximum call stack size exceeded); nothing was imported.');
  });
});
