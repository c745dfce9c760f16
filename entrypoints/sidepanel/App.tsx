import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNow, useStoredData } from '@/components/hooks';
import { usePanel } from '@/lib/sidepanel-state/store';
import { NowView } from '@/components/NowView';
import { StorageFaultBanner } from '@/components/StorageFaultBanner';

// Now opens first and stays small; the other views (and recharts) load after it has rendered.
const loadMeView = () => import('@/components/MeView');
const MeView = lazy(() => loadMeView().then((m) => ({ default: m.MeView })));
const TeamView = lazy(() => import('@/components/team/TeamView').then((m) => ({ default: m.TeamView })));
const SettingsView = lazy(() => import('@/components/settings/SettingsView').then((m) => ({ default: m.SettingsView })));

const TABS = [
  { id: 'now', label: 'Now' },
  { id: 'me', label: 'Me' },
  { id: 'team', label: 'Team' },
  { id: 'settings', label: 'Settings' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function App() {
  const { status, error, now: focused, health, settings, load } = usePanel();
  const [tab, setTab] = useState<TabId>('now');
  const tabRefs = useRef<Record<TabId, HTMLButtonElement | null>>({ now: null, me: null, team: null, settings: null });
  const now = useNow();

  // Once Now is on screen, fetch the Me view's code in the background so the tab opens at once.
  useEffect(() => {
    if (status === 'ready') void loadMeView();
  }, [status]);

  useStoredData(load);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length].id;
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const timezone = settings?.calendar.timezone ?? 'UTC';
  return (
    <div className="panel">
      <header className="panel-head">
        <h1>Replyline</h1>
        <nav role="tablist" aria-label="Views">
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={onTabKey}
            >
              {t.label}
            </button>
          ))}
        </nav>
      </header>
      <StorageFaultBanner />
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {status === 'loading' ? <p className="muted">Loading…</p> : null}
        {status === 'error' ? (
          <p className="error" role="alert">
            Could not read stored data: {error}
          </p>
        ) : null}
        {status === 'ready' && tab === 'now' ? <NowView data={focused} health={health} now={now} timezone={timezone} /> : null}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {status === 'ready' && tab === 'me' ? <MeView /> : null}
          {status === 'ready' && tab === 'team' ? <TeamView /> : null}
          {status === 'ready' && tab === 'settings' ? <SettingsView /> : null}
        </Suspense>
      </main>
    </div>
  );
}
