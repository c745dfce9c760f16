/** Settings → Data: export everything, import a backup (validated first), delete everything. */
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { useSettingsState } from '@/lib/sidepanel-state/settings';
import { usePanel } from '@/lib/sidepanel-state/store';
import { BackupError, exportEverything, importEverything } from '@/lib/storage/backup';
import { getDb } from '@/lib/storage/db';
import { deleteEverything } from '@/lib/storage/retention';
import { Field, Section } from './fields';

const CONFIRM_WORD = 'DELETE';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function reloadAll(): Promise<void> {
  await Promise.all([useSettingsState.getState().load(), usePanel.getState().load()]);
  // Bindings may have changed: the worker re-syncs its registered content scripts.
  await Promise.resolve(browser.runtime.sendMessage({ type: 'sp:helpdesk-access-changed' })).catch(() => undefined);
}

export function DataSection() {
  const [exported, setExported] = useState<string | null>(null);
  const [importResult, setImportResult] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [importFileName, setImportFileName] = useState<string | null>(null);
  const [confirm, setConfirm] = useState('');
  const [deleted, setDeleted] = useState<string | null>(null);

  const exportAll = async () => {
    const now = Date.now();
    const backup = await exportEverything(await getDb(), now);
    const name = `replyline-backup-${new Date(now).toISOString().slice(0, 10)}.json`;
    download(name, JSON.stringify(backup, null, 2));
    const conversations = backup.timelines.reduce((sum, t) => sum + t.conversations.length, 0);
    setExported(
      `Exported ${count(conversations, 'conversation')}, ${count(backup.reviews.length, 'review')} and ${count(backup.outcomes.length, 'outcome tag')} to ${name}.`,
    );
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImportErrors([]);
    setImportResult(null);
    setImportFileName(file.name);
    try {
      const result = await importEverything(await getDb(), await file.text(), Date.now(), file.name);
      setImportResult(
        `Imported ${file.name}: settings, ${count(result.conversations, 'conversation')}, ${count(result.reviews, 'review')}, ${count(result.outcomes, 'outcome tag')}, ${count(result.importedFiles, 'imported team export')}.`,
      );
      await reloadAll();
    } catch (error) {
      setImportErrors(error instanceof BackupError ? error.errors : [error instanceof Error ? error.message : String(error)]);
    }
  };

  const deleteAll = async () => {
    await deleteEverything(await getDb());
    setConfirm('');
    setDeleted('Everything Replyline stored in this browser is deleted.');
    await reloadAll();
  };

  return (
    <Section id="data" title="Data">
      <div className="save-bar">
        <button type="button" onClick={() => void exportAll()}>
          Export everything
        </button>
        <span role="status" className="small">
          {exported}
        </span>
      </div>
      <p className="muted small">
        One JSON file: settings, every observed conversation as a timeline, reviews, outcome tags and imported team exports.
      </p>

      <Field label="Import a Replyline backup (.json)" hint="The file is checked first; a file with errors changes nothing.">
        {(props) => <input {...props} type="file" accept="application/json,.json" onChange={(e) => void importFile(e.target.files?.[0])} />}
      </Field>
      <div role="status" className="small">
        {importResult}
      </div>
      {importErrors.length ? (
        <div role="alert" className="field-error small">
          {importErrors.length && importFileName ? `${importFileName} was not imported` : 'Not imported'}, nothing was changed:
          <ul>
            {importErrors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3>Delete everything</h3>
      <p className="small">
        Deletes all observed conversations, metrics, reviews, outcome tags, imports and settings in this browser. Export first to keep a
        copy.
      </p>
      <div className="inline-form">
        <Field label={`Type ${CONFIRM_WORD} to confirm`}>
          {(props) => <input {...props} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />}
        </Field>
        <button type="button" className="danger" disabled={confirm !== CONFIRM_WORD} onClick={() => void deleteAll()}>
          Delete everything
        </button>
      </div>
      <span role="status" className="small">
        {deleted}
      </span>
    </Section>
  );
}
