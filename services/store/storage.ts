// The shape of botbuilder's Storage (read/write/delete of items keyed by string, with eTag
// concurrency), declared here so services/ does not import botbuilder. Any botbuilder Storage
// implementation satisfies it, and ours can be handed to botbuilder as one.

export interface StoreItem {
  [key: string]: unknown;
  /** "*" or absent on write: overwrite. A value: write only if the stored item still has it. */
  eTag?: string;
}

export interface StoreItems {
  [key: string]: StoreItem;
}

export interface Storage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** Thrown by write() when an item's eTag no longer matches: someone else changed it first. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`the stored item ${key} was changed by someone else (eTag mismatch)`);
    this.name = 'ETagConflictError';
  }
}

/** Thrown by create(): an item with that key exists already. */
export class AlreadyExistsError extends Error {
  constructor(readonly key: string) {
    super(`an item ${key} exists already`);
    this.name = 'AlreadyExistsError';
  }
}

/** Storage plus the two conditional writes the approval flow needs, named for what they mean. */
export interface ConcurrentStore extends Storage {
  /** Writes only if no item has this key (create-if-absent). */
  create(key: string, item: StoreItem): Promise<string>;
  /** Writes only if the item still has this eTag (compare-and-swap); returns the new eTag. */
  replace(key: string, item: StoreItem, eTag: string): Promise<string>;
  /** Every item whose key starts with the prefix (e.g. all remediation requests). */
  list(prefix: string): Promise<StoreItems>;
}

export interface AuditEntry {
  /** Position in the trail, from 1. */
  seq: number;
  time: string;
  /** e.g. "request.created", "request.approved", "step.succeeded", "approvalsChat.set", "refused". */
  event: string;
  /** Who did it: Entra object id and display name, or "system". */
  actor: { id: string; name: string };
  requestId?: string;
  /** Event details: ids, names needed for the record, prior state of a target, error text. */
  details: Record<string, unknown>;
  /** sha256 hex of the previous entry's canonical JSON ("" for the first). */
  prevHash: string;
  /** sha256 hex of this entry's canonical JSON without `hash`. */
  hash: string;
}

export interface AuditTrail {
  append(entry: Omit<AuditEntry, 'seq' | 'time' | 'prevHash' | 'hash'> & { time?: string }): Promise<AuditEntry>;
  /** Newest first. */
  recent(limit: number, before?: number): Promise<AuditEntry[]>;
  forRequest(requestId: string): Promise<AuditEntry[]>;
  /** The first broken link, or undefined when the chain holds. */
  verify(): Promise<{ ok: true; entries: number } | { ok: false; seq: number; reason: string }>;
  /** Every entry, oldest first, for export. */
  all(): AsyncIterable<AuditEntry>;
  /** Drops entries older than the retention; the chain stays verifiable from the first kept entry. */
  prune(olderThan: Date): Promise<number>;
}
