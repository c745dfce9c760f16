/** Hooks shared by the side panel's views. */
import { useEffect, useState } from 'react';
import { onDataChanged } from '@/lib/sidepanel-state/messages';

/** A clock for live timers: one render per second. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * Loads a view's data now, again on every `bg:data-changed` (messages are hints: IndexedDB is the
 * truth) and every minute, since medians, plans and period figures move with the clock too.
 */
export function useStoredData(load: () => Promise<void>): void {
  useEffect(() => {
    void load();
    const unsubscribe = onDataChanged(() => void load());
    const refresh = setInterval(() => void load(), 60_000);
    return () => {
      unsubscribe();
      clearInterval(refresh);
    };
  }, [load]);
}
