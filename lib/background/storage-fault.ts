/**
 * A storage outage, made visible: when a batch cannot be saved the worker records the fault in
 * `storage.session` (IndexedDB may be what is failing, so the health record may not be written)
 * for the side panel, and shows one notification per outage saying what to do. The next saved
 * batch ends the outage. Nothing is lost meanwhile: the pages keep their unsent observations.
 */
import { STORAGE_FAULT_KEY, storageFaultAdvice, storageFaultSchema, type StorageFault } from '../messaging/protocol';
import type { SessionArea } from './tab-tracker';

export const STORAGE_FAULT_NOTIFICATION = 'replyline:storage-fault';

export interface FaultNotifications {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number }): Promise<unknown>;
  clear(id: string): Promise<unknown>;
}

export function isQuotaError(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return name === 'QuotaExceededError' || /quota/i.test(message);
}

export class StorageFaults {
  private current: StorageFault | null | undefined = undefined;

  constructor(
    private readonly session: SessionArea | null,
    private readonly notifications: FaultNotifications | null,
    private readonly iconUrl: string,
  ) {}

  async failed(error: unknown, now: number): Promise<void> {
    const previous = await this.read();
    const quota = isQuotaError(error);
    const fault: StorageFault = {
      since: previous?.since ?? now,
      at: now,
      failures: (previous?.failures ?? 0) + 1,
      quota: quota || (previous?.quota ?? false),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
    this.current = fault;
    await this.session?.set({ [STORAGE_FAULT_KEY]: fault }).catch(() => undefined);
    if (!previous || (quota && !previous.quota)) {
      await this.notifications
        ?.create(STORAGE_FAULT_NOTIFICATION, {
          type: 'basic',
          iconUrl: this.iconUrl,
          title: quota ? 'Replyline: storage is full' : 'Replyline cannot save',
          message: storageFaultAdvice(fault),
          priority: 2,
        })
        .catch(() => undefined);
    }
  }

  async recovered(): Promise<void> {
    if ((await this.read()) === null) return;
    this.current = null;
    await this.session?.set({ [STORAGE_FAULT_KEY]: null }).catch(() => undefined);
    await this.notifications?.clear(STORAGE_FAULT_NOTIFICATION).catch(() => undefined);
  }

  private async read(): Promise<StorageFault | null> {
    if (this.current !== undefined) return this.current;
    try {
      const raw = (await this.session?.get(STORAGE_FAULT_KEY))?.[STORAGE_FAULT_KEY];
      const parsed = storageFaultSchema.safeParse(raw);
      this.current = parsed.success ? parsed.data : null;
    } catch {
      this.current = null;
    }
    return this.current;
  }
}
