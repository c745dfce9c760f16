import { useState } from 'react';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/storage/db';
import { readWeekForExport, toWeekExport, type MeData } from '@/lib/sidepanel-state/me';
import { weekCsv, weekFileName, weekJson } from '@/lib/export/week-export';
import type { Scope } from '../../lib/measure/week-figures';
import { downloadText } from './download';
import { useNames } from '../names';

/** The printable report page for a week, opened in a new tab with the view's evaluation time. */
export function reportUrl(week: string, scope: Scope, at: number): string {
  const query = new URLSearchParams({ week, scope, at: String(at) });
  return `${browser.runtime.getURL('/report.html')}?${query}`;
}

export function ExportBar({ data, week, scope }: { data: MeData; week: string; scope: Scope }) {
  const [busy, setBusy] = useState<'csv' | 'json' | null>(null);
  const { agents } = useNames();
  const [error, setError] = useState<string | null>(null);

  const save = async (kind: 'csv' | 'json') => {
    setBusy(kind);
    setError(null);
    try {
      const exported = toWeekExport(await readWeekForExport(await getDb(), data, week, scope));
      if (kind === 'csv') downloadText(weekFileName(exported, 'csv'), weekCsv(exported, agents), 'text/csv');
      else downloadText(weekFileName(exported, 'json'), weekJson(exported), 'application/json');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const openReport = () => {
    const url = reportUrl(week, scope, data.at);
    if (browser.tabs?.create) void browser.tabs.create({ url });
    else window.open(url, '_blank', 'noopener');
  };

  return (
    <div className="me-export" role="group" aria-label={`Export ${week}`}>
      <button type="button" onClick={() => void save('csv')} disabled={busy !== null}>
        {busy === 'csv' ? 'Saving…' : 'CSV'}
      </button>
      <button type="button" onClick={() => void save('json')} disabled={busy !== null}>
        {busy === 'json' ? 'Saving…' : 'JSON'}
      </button>
      <button type="button" onClick={openReport}>
        Printable report
      </button>
      {error ? (
        <span className="error" role="alert">
          Export failed: {error}
        </span>
      ) : null}
    </div>
  );
}
