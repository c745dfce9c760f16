import { useRef, type ChangeEvent } from 'react';
import { useTeam } from '@/lib/sidepanel-state/team';
import { describeOutcome } from '@/lib/storage/imports';
import type { ImportFileRecord } from '@/lib/storage/schema';
import { localDate } from '@/lib/engine/local-time';
import { formatClockTime } from '@/components/format';
import { agentText, useNames } from '../names';

function periodText(period: ImportFileRecord['period'], timezone: string): string {
  if (!period) return '—';
  // The period is half-open: its last day is the day of the instant just before `to`.
  return `${localDate(period.from, timezone)} – ${localDate(period.to - 1, timezone)}`;
}

/** Import agents' exported weeks; every import is listed and can be removed again. */
export function ImportPanel({ imports, timezone }: { imports: ImportFileRecord[]; timezone: string }) {
  const { importing, importOutcomes, importFiles, removeImport } = useTeam();
  const { agents } = useNames();
  const input = useRef<HTMLInputElement>(null);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    if (files.length === 0) return;
    // Each file is streamed by the import, never read into one text (a year of exports can be 100 MB).
    await importFiles(files.map((file) => ({ fileName: file.name, file })));
    // The same file can be chosen again (and then be reported as already imported).
    if (input.current) input.current.value = '';
  };

  return (
    <section className="team-block" aria-labelledby="team-imports-title">
      <h3 id="team-imports-title">Imported exports</h3>
      <p className="muted small">
        Merge agents’ exported weeks (Replyline JSON) into these figures. A conversation seen in this browser keeps its own data; nothing of
        a file with errors is stored.
      </p>
      <label className={`import-button${importing ? ' is-busy' : ''}`}>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          multiple
          onChange={(e) => void onFiles(e)}
          disabled={importing}
          aria-describedby="team-import-results"
        />
        {importing ? 'Importing…' : 'Import exports…'}
      </label>

      <div id="team-import-results" aria-live="polite">
        {importOutcomes.map((outcome, index) =>
          outcome.status === 'invalid' || outcome.status === 'failed' ? (
            <div key={index} className="import-outcome import-error" role="alert" data-status={outcome.status} data-file={outcome.fileName}>
              <p>{describeOutcome(outcome)}</p>
              {outcome.status === 'invalid' ? (
                <ul>
                  {outcome.problems.slice(0, 10).map((problem, i) => (
                    <li key={i}>
                      <code>{problem.path || '(whole file)'}</code>: {problem.message}
                    </li>
                  ))}
                  {outcome.problems.length > 10 ? <li>…and {outcome.problems.length - 10} more</li> : null}
                </ul>
              ) : null}
            </div>
          ) : (
            <p key={index} className={`import-outcome import-${outcome.status}`} data-status={outcome.status} data-file={outcome.fileName}>
              {describeOutcome(outcome)}
            </p>
          ),
        )}
      </div>

      {imports.length === 0 ? (
        <p className="muted small">No exports imported yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Imported files">
          <table className="imports-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Agent</th>
                <th scope="col">Period</th>
                <th scope="col">Conv.</th>
                <th scope="col">Imported</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((file) => (
                <tr key={file.fileId} data-file-id={file.fileId}>
                  <td className="import-file" title={`SHA-256 ${file.fileId}`}>
                    {file.fileName}
                  </td>
                  <td>{agentText(agents, file.sourceAgentId, '—')}</td>
                  <td>{periodText(file.period, timezone)}</td>
                  <td data-count={file.conversations}>{file.conversations}</td>
                  <td>
                    {localDate(file.importedAt, timezone)} {formatClockTime(file.importedAt, timezone)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void removeImport(file.fileId)}
                      aria-label={`Remove import ${file.fileName}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
