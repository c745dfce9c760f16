/**
 * Shown on every view while the worker cannot save observations (the fault it records in
 * storage.session): what failed, since when, what to do; for a full disk, the retention purge.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { STORAGE_FAULT_KEY, storageFaultAdvice, storageFaultSchema, type StorageFault } from '@/lib/messaging/protocol';
import { usePanel } from '@/lib/sidepanel-state/store';
import { askWorkerToPurge } from '@/lib/sidepanel-state/messages';

function readFault(raw: unknown): StorageFault | null {
  const parsed = storageFaultSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function StorageFaultBanner() {
  const [fault, setFault] = useState<StorageFault | null>(null);
  const [purged, setPurged] = useState<string | null>(null);
  const settings = usePanel((state) => state.settings);

  useEffect(() => {
    const session = browser.storage?.session;
    if (!session) return;
    void session.get(STORAGE_FAULT_KEY).then((items) => setFault(readFault((items as Record<string, unknown>)[STORAGE_FAULT_KEY])));
    const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
      if (STORAGE_FAULT_KEY in changes) setFault(readFault(changes[STORAGE_FAULT_KEY].newValue));
    };
    session.onChanged.addListener(onChanged);
    return () => session.onChanged.removeListener(onChanged);
  }, []);

  if (!fault) return null;
  const days = settings?.retentionDays;
  const purge = async () => {
    if (!settings) return;
    try {
      const total = await askWorkerToPurge();
      setPurged(
        total === 0
          ? `Nothing is older than ${settings.retentionDays} days.`
          : `Deleted ${total} records older than ${settings.retentionDays} days.`,
      );
    } catch (error) {
      setPurged(`The purge failed too: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <section className="storage-fault" role="alert" aria-label="Storage problem">
      <p>
        <strong>{fault.quota ? 'Replyline cannot save: storage is full.' : 'Replyline cannot save what it observes.'}</strong> Since{' '}
        {new Date(fault.since).toLocaleTimeString()}, {fault.failures} {fault.failures === 1 ? 'attempt' : 'attempts'} failed ({fault.error}
        ).
      </p>
      <p className="small">{storageFaultAdvice(fault)}</p>
      {fault.quota && days !== undefined ? (
        <p>
          <button type="button" className="danger" onClick={() => void purge()}>
            Delete data older than {days} days
          </button>{' '}
          {purged ? <span role="status">{purged}</span> : null}
        </p>
      ) : null}
    </section>
  );
}
