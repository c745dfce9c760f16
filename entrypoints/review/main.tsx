import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { getDb } from '@/lib/storage/db';
import type { OutcomeRecord } from '@/lib/storage/schema';
import { loadReviewData, type ReviewData } from '@/components/review/review-data';
import { ReviewPage, type ReviewScope } from '@/components/review/ReviewPage';
import '../sidepanel/style.css';

/** ?scope=team|me&week=2026-W12 */
function readQuery(): { scope: ReviewScope; week: string | null } {
  const query = new URLSearchParams(location.search);
  return { scope: query.get('scope') === 'me' ? 'me' : 'team', week: query.get('week') };
}

function Review() {
  const [{ scope, week }] = useState(readQuery);
  const [now] = useState(() => Date.now());
  const [loaded, setLoaded] = useState<{ data: ReviewData; outcomes: OutcomeRecord[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getDb()
      .then(async (db) => ({ data: await loadReviewData(db, now), outcomes: await db.getAll('outcomes') }))
      .then(setLoaded, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [now]);
  if (error)
    return (
      <p className="error" role="alert">
        Could not read stored data: {error}
      </p>
    );
  if (!loaded) return <p className="muted">Loading…</p>;
  return <ReviewPage data={loaded.data} outcomes={loaded.outcomes} initialScope={scope} initialWeek={week} now={now} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Review />
  </StrictMode>,
);
