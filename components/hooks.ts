/** Hooks shared by the side panel's views. */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { bgDataChangedSchema } from '@/lib/messaging/protocol';

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
    const listener = (message: unknown) => {
      if (bgDataChangedSchema.safeParse(message).success) void load();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    const refresh = setInterval(() => void load(), 60_000);
    return () => {
      browser.runtime.onMessage.removeListener(listener);
      clearInterval(refresh);
    };
  }, [load]);
}
