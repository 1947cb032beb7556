/** A stored Graph resource: plain JSON with an id. */
export type Entity = { id: string } & Record<string, unknown>;

const keyOf = (value: unknown): string => String(value).toLowerCase();

/** Index entries hold one row key, or an array once a value is shared (keeps 100,000 rows cheap). */
type IndexEntry = string | string[];

/**
 * Rows in insertion order with hash indexes on chosen properties, so key lookups never scan.
 * Directory keys (GUIDs, UPNs) compare case-insensitively, as in Entra. `id` is always indexed.
 */
export class EntityTable<T extends Entity = Entity> {
  private readonly rows = new Map<string, T>();
  private readonly indexes = new Map<string, Map<string, IndexEntry>>();
  private snapshot: T[] | undefined;

  constructor(indexedProperties: readonly string[] = []) {
    for (const property of indexedProperties) {
      if (property !== 'id') this.indexes.set(property, new Map());
    }
  }

  get size(): number {
    return this.rows.size;
  }

  add(row: T): void {
    const key = keyOf(row.id);
    this.rows.set(key, row);
    this.index(row, key, true);
    this.snapshot = undefined;
  }

  get(id: string): T | undefined {
    return this.rows.get(keyOf(id));
  }

  delete(id: string): T | undefined {
    const key = keyOf(id);
    const row = this.rows.get(key);
    if (!row) return undefined;
    this.index(row, key, false);
    this.rows.delete(key);
    this.snapshot = undefined;
    return row;
  }

  /** Replaces a row's properties (the row keeps its place in the order). */
  update(id: string, changes: Record<string, unknown>): T | undefined {
    const key = keyOf(id);
    const row = this.rows.get(key);
    if (!row) return undefined;
    this.index(row, key, false);
    Object.assign(row, changes);
    this.index(row, key, true);
    return row;
  }

  all(): readonly T[] {
    this.snapshot ??= Array.from(this.rows.values());
    return this.snapshot;
  }

  /** Rows whose indexed `property` equals `value`; undefined when the property has no index. */
  lookup(property: string, value: unknown): T[] | undefined {
    if (property === 'id') {
      const row = this.rows.get(keyOf(value));
      return row ? [row] : [];
    }
    const index = this.indexes.get(property);
    if (!index) return undefined;
    const entry = index.get(keyOf(value));
    if (entry === undefined) return [];
    const keys = typeof entry === 'string' ? [entry] : entry;
    return keys.map((key) => this.rows.get(key)).filter((row): row is T => row !== undefined);
  }

  private index(row: T, rowKey: string, adding: boolean): void {
    for (const [property, index] of this.indexes) {
      const value = row[property];
      if (value === undefined || value === null) continue;
      const key = keyOf(value);
      const entry = index.get(key);
      if (adding) {
        if (entry === undefined) index.set(key, rowKey);
        else if (typeof entry === 'string') index.set(key, [entry, rowKey]);
        else entry.push(rowKey);
      } else if (entry === rowKey) {
        index.delete(key);
      } else if (Array.isArray(entry)) {
        const kept = entry.filter((k) => k !== rowKey);
        index.set(key, kept.length === 1 ? kept[0] : kept);
      }
    }
  }
}
