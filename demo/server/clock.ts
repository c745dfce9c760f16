/**
 * The server clock used for every new event. Real by default; tests switch it to manual
 * (frozen at an instant, or shifted by an offset) to place events at chosen times.
 */
export type ClockMode = 'real' | 'manual';

export interface ClockState {
  now: string;
  mode: ClockMode;
  frozenAt: string | null;
  offsetMs: number;
}

export class DeskClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  private manual: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(
    mode: ClockMode = 'real',
    frozenAt?: number,
    private readonly source: () => number = Date.now,
  ) {
    this.manual = mode === 'manual';
    if (this.manual) this.frozenAt = frozenAt ?? source();
  }

  now(): number {
    return this.frozenAt ?? this.source() + this.offsetMs;
  }

  get mode(): ClockMode {
    return this.manual ? 'manual' : 'real';
  }

  /** `frozenAt: null` lets time run again (keeping the offset); any change switches to manual mode. */
  set(change: { offsetMs?: number; frozenAt?: number | null }): void {
    if (change.offsetMs !== undefined) this.offsetMs = change.offsetMs;
    if (change.frozenAt !== undefined) this.frozenAt = change.frozenAt;
    this.manual = true;
    for (const listener of this.listeners) listener();
  }

  /** Moves time forward: a frozen clock stays frozen at the later instant. */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.set({ frozenAt: this.frozenAt + ms });
    else this.set({ offsetMs: this.offsetMs + ms });
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): ClockState {
    return {
      now: new Date(this.now()).toISOString(),
      mode: this.mode,
      frozenAt: this.frozenAt === null ? null : new Date(this.frozenAt).toISOString(),
      offsetMs: this.offsetMs,
    };
  }
}
