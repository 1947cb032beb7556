// One watcher at a time. The instance that holds the lease runs the rounds and delivers the alerts; the
// watcher's cursors and inventory are written through the lease's fenced store, so an instance that lost
// the lease (stalled, then woke up) cannot move them.
import type { ConcurrentStore } from '../store/storage';

export interface WatchLease {
  /** Takes the lease if it is free, renews it if this instance holds it; false when another instance holds it. */
  tryHold(): Promise<boolean>;
  /** Gives the lease up at once (on shutdown), so another instance can take over without waiting. */
  release(): Promise<void>;
  /** The store for the watcher's cursors and inventory: every write is conditional on holding the lease. */
  readonly fenced: ConcurrentStore;
  /** How often tryHold must be called to keep the lease. */
  readonly renewEveryMs: number;
}

/** Thrown by a fenced write when this instance no longer holds the lease. */
export class LeaseLostError extends Error {
  constructor() {
    super('this instance no longer holds the watcher lease; another instance runs the watcher');
    this.name = 'LeaseLostError';
  }
}

/** A single instance (the SQLite store): it always holds the lease, and the fenced store is the store. */
export class LocalLease implements WatchLease {
  readonly renewEveryMs = 60_000;
  constructor(readonly fenced: ConcurrentStore) {}
  async tryHold(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
}
