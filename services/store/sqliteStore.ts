// The production store: items in one SQLite table, each conditional write a single statement (or one
// transaction) so that two bot processes sharing the file can never both win a compare-and-swap.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'better-sqlite3';
import { databaseFrom, type SqliteDatabase } from './database';
import { AlreadyExistsError, ETagConflictError, type ConcurrentStore, type StoreItem, type StoreItems } from './storage';
import { itemJson, itemWithETag, overwrites } from './storedItem';

interface ItemRow {
  key: string;
  value: string;
  etag: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS items (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    etag  TEXT NOT NULL
  )`;

/** Creates the table if this is a new file, then prepares every statement the store runs. */
function prepareStatements(db: SqliteDatabase) {
  db.exec(SCHEMA);
  return {
    read: db.prepare<[string], ItemRow>('SELECT key, value, etag FROM items WHERE key = ?'),
    list: db.prepare<[{ prefix: string }], ItemRow>('SELECT key, value, etag FROM items WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key'),
    upsert: db.prepare<[string, string, string]>(
      'INSERT INTO items (key, value, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag',
    ),
    insert: db.prepare<[string, string, string]>('INSERT INTO items (key, value, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING'),
    swap: db.prepare<[string, string, string, string]>('UPDATE items SET value = ?, etag = ? WHERE key = ? AND etag = ?'),
    delete: db.prepare<[string]>('DELETE FROM items WHERE key = ?'),
  };
}

export class SqliteStore implements ConcurrentStore {
  private readonly db: SqliteDatabase;
  private readonly owned: boolean;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly writeAll: Transaction<(changes: StoreItems) => void>;

  /** A path opens (and `close()` closes) the file; a handle stays the caller's to close. */
  constructor(database: SqliteDatabase | string) {
    ({ db: this.db, owned: this.owned } = databaseFrom(database));
    this.statements = prepareStatements(this.db);
    // All items of one write() land together or, on the first eTag conflict, none do.
    this.writeAll = this.db.transaction((changes: StoreItems) => {
      for (const [key, item] of Object.entries(changes)) {
        if (overwrites(item)) this.statements.upsert.run(key, itemJson(item), randomUUID());
        else this.swapOrThrow(key, item, item.eTag as string);
      }
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.statements.read.get(key);
      if (row) items[key] = itemWithETag(row.value, row.etag);
    }
    return items;
  }

  /** An item whose eTag is "*" or absent overwrites; any other eTag must match the stored one (a missing item matches none). */
  async write(changes: StoreItems): Promise<void> {
    this.writeAll.immediate(changes);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.statements.delete.run(key);
  }

  async create(key: string, item: StoreItem): Promise<string> {
    const eTag = randomUUID();
    if (this.statements.insert.run(key, itemJson(item), eTag).changes === 0) throw new AlreadyExistsError(key);
    return eTag;
  }

  async replace(key: string, item: StoreItem, eTag: string): Promise<string> {
    return this.swapOrThrow(key, item, eTag);
  }

  async list(prefix: string): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const row of this.statements.list.all({ prefix })) items[row.key] = itemWithETag(row.value, row.etag);
    return items;
  }

  close(): void {
    if (this.owned) this.db.close();
  }

  private swapOrThrow(key: string, item: StoreItem, eTag: string): string {
    const next = randomUUID();
    if (this.statements.swap.run(itemJson(item), next, key, eTag).changes === 0) throw new ETagConflictError(key);
    return next;
  }
}
