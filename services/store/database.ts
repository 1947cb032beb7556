// Opens the SQLite file that holds the store and the audit trail, set up for several processes
// (bot instances, a restart overlapping the old process, the audit CLI) sharing it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

const DATABASE_FILE_NAME = 'tenant-warden.sqlite';

/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

/** Creates the folder and the file if needed; `readonly` opens an existing file without changing it. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  const readonly = options.readonly ?? false;
  if (!readonly && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!readonly) db.pragma('journal_mode = WAL');
  return db;
}

/** A constructor argument: a handle the caller owns, or a path the store opens (and closes) itself. */
export function databaseFrom(source: SqliteDatabase | string): { db: SqliteDatabase; owned: boolean } {
  return typeof source === 'string' ? { db: openDatabase(source), owned: true } : { db: source, owned: false };
}
