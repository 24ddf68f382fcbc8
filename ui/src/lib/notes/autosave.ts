// Drafts save themselves: `Autosaver` saves ~1.5 s after the last keystroke, at least every
// 5 s while typing goes on, and at once when asked (leaving a field, locking). Saves run one
// after another, each sending the text as it is then. The registry lets App flush every
// open editor before the vault locks.

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
  now: () => number;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class Autosaver {
  private dirtySince: number | null = null;
  private timer: unknown = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private save: () => Promise<void>,
    private onError: (e: unknown) => void = () => undefined,
    private quietMs = 1500,
    private mostMs = 5000,
    private timers: Timers = realTimers,
  ) {}

  /** True while there is typing not yet sent. */
  get pending(): boolean {
    return this.dirtySince !== null;
  }

  /** The text changed: save after a pause, or when it has waited `mostMs`. */
  changed(): void {
    const now = this.timers.now();
    if (this.dirtySince === null) this.dirtySince = now;
    if (this.timer !== null) this.timers.clear(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.dirtySince + this.mostMs - now));
    this.timer = this.timers.set(() => void this.flush(), wait);
  }

  /** Saves now if anything is unsaved; resolves when every save so far has finished. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    if (this.dirtySince !== null) {
      this.dirtySince = null;
      this.chain = this.chain.then(() =>
        this.save().catch((e) => {
          // Not saved: try again at the next change or flush.
          if (this.dirtySince === null) this.dirtySince = this.timers.now();
          this.onError(e);
        }),
      );
    }
    return this.chain;
  }

  /** Stops the timer (the editor closed); a pending save is flushed first. */
  stop(): Promise<void> {
    return this.flush();
  }
}

const open = new Set<() => Promise<void>>();

/** Registers an editor's flush; returns the function that unregisters it. */
export function registerFlush(flush: () => Promise<void>): () => void {
  open.add(flush);
  return () => void open.delete(flush);
}

/** Saves every open editor's unsaved text (before the vault locks). Never rejects. */
export async function flushAll(): Promise<void> {
  await Promise.allSettled([...open].map((f) => f()));
}
