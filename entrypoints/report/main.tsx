import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { getDb } from '@/lib/storage/db';
import { loadMeData, type MeData } from '@/lib/sidepanel-state/me';
import { ReportPage } from '@/components/me/ReportPage';
import type { Scope } from '@/lib/measure/week-figures';
import '../sidepanel/style.css';
import './report.css';

/** ?week=2026-W48&scope=me&at=<epoch ms>: the side panel's selection and evaluation time. */
function readQuery(): { week: string | null; scope: Scope; at: number } {
  const query = new URLSearchParams(location.search);
  const at = Number(query.get('at'));
  return {
    week: query.get('week'),
    scope: query.get('scope') === 'everyone' ? 'everyone' : 'me',
    at: Number.isFinite(at) && at > 0 ? at : Date.now(),
  };
}

function Report() {
  const [{ week, scope, at }] = useState(readQuery);
  const [data, setData] = useState<MeData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getDb()
      .then((db) => loadMeData(db, at))
      .then(setData, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [at]);
  if (error)
    return (
      <p className="error" role="alert">
        Could not read stored data: {error}
      </p>
    );
  if (!data) return <p className="muted">Loading…</p>;
  return <ReportPage data={data} week={week && data.weeks.includes(week) ? week : data.weeks[data.weeks.length - 1]} scope={scope} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Report />
  </StrictMode>,
);
