// The audit trail in the store's SQLite file. Appends run in an IMMEDIATE transaction that reads the
// head and writes the next entry together, so two processes appending at once cannot fork the chain.
import { CHAIN_START, entryHash, verifyChain, type ChainLink, type Verdict } from './auditChain';
import { databaseFrom, type SqliteDatabase } from './database';
import type { AuditEntry, AuditTrail } from './storage';

type NewAuditEntry = Parameters<AuditTrail['append']>[0];

interface EntryRow {
  seq: number;
  time: string;
  event: string;
  actor_id: string;
  actor_name: string;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** `audit_chain` holds two links: `start`, the last pruned entry, and `head`, the newest entry written. */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_trail (
    seq        INTEGER PRIMARY KEY,
    time       TEXT NOT NULL,
    event      TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    request_id TEXT,
    details    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_trail_by_request ON audit_trail (request_id, seq);
  CREATE TABLE IF NOT EXISTS audit_chain (
    name TEXT PRIMARY KEY NOT NULL,
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
  )`;

const COLUMNS = 'seq, time, event, actor_id, actor_name, request_id, details, prev_hash, hash';
const EXPORT_PAGE_SIZE = 500;

/** Creates the tables if this is a new file, then prepares every statement the trail runs. */
function prepareStatements(db: SqliteDatabase) {
  db.exec(SCHEMA);
  return {
    insert: db.prepare<[EntryRow]>(
      `INSERT INTO audit_trail (${COLUMNS}) VALUES (@seq, @time, @event, @actor_id, @actor_name, @request_id, @details, @prev_hash, @hash)`,
    ),
    link: db.prepare<[string], ChainLink>('SELECT seq, hash FROM audit_chain WHERE name = ?'),
    setLink: db.prepare<[string, number, string]>(
      'INSERT INTO audit_chain (name, seq, hash) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    ),
    recent: db.prepare<[{ before: number | null; limit: number }], EntryRow>(
      `SELECT ${COLUMNS} FROM audit_trail WHERE @before IS NULL OR seq < @before ORDER BY seq DESC LIMIT @limit`,
    ),
    forRequest: db.prepare<[string], EntryRow>(`SELECT ${COLUMNS} FROM audit_trail WHERE request_id = ? ORDER BY seq`),
    everything: db.prepare<[], EntryRow>(`SELECT ${COLUMNS} FROM audit_trail ORDER BY seq`),
    page: db.prepare<[number, number], EntryRow>(`SELECT ${COLUMNS} FROM audit_trail WHERE seq > ? ORDER BY seq LIMIT ?`),
    firstSince: db.prepare<[string], { seq: number }>('SELECT seq FROM audit_trail WHERE time >= ? ORDER BY seq LIMIT 1'),
    lastBefore: db.prepare<[number], ChainLink>('SELECT seq, hash FROM audit_trail WHERE seq < ? ORDER BY seq DESC LIMIT 1'),
    deleteBefore: db.prepare<[number]>('DELETE FROM audit_trail WHERE seq < ?'),
  };
}

function toEntry(row: EntryRow): AuditEntry {
  return {
    seq: row.seq,
    time: row.time,
    event: row.event,
    actor: { id: row.actor_id, name: row.actor_name },
    ...(row.request_id === null ? {} : { requestId: row.request_id }),
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Lazily, so that a walk that stops early closes the query. */
function* entriesOf(rows: Iterable<EntryRow>): Iterable<AuditEntry> {
  for (const row of rows) yield toEntry(row);
}

function toRow(entry: AuditEntry): EntryRow {
  return {
    seq: entry.seq,
    time: entry.time,
    event: entry.event,
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    request_id: entry.requestId ?? null,
    details: JSON.stringify(entry.details),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/** Details as they will read back from storage, so the hash covers exactly what is kept. */
function asStored(details: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
}

export class SqliteAuditTrail implements AuditTrail {
  private readonly db: SqliteDatabase;
  private readonly owned: boolean;
  private readonly statements: ReturnType<typeof prepareStatements>;

  /** A path opens (and `close()` closes) the file; a handle stays the caller's to close. */
  constructor(
    database: SqliteDatabase | string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    ({ db: this.db, owned: this.owned } = databaseFrom(database));
    this.statements = prepareStatements(this.db);
  }

  /** Stores only what the caller passes (the actor's id and name, not the whole object), plus seq, time and the links. */
  async append(input: NewAuditEntry): Promise<AuditEntry> {
    const time = new Date(input.time ?? this.clock()).toISOString();
    return this.db.transaction(() => {
      const head = this.link('head');
      const unsigned: Omit<AuditEntry, 'hash'> = {
        seq: head.seq + 1,
        time,
        event: input.event,
        actor: { id: input.actor.id, name: input.actor.name },
        ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
        details: asStored(input.details),
        prevHash: head.hash,
      };
      const entry: AuditEntry = { ...unsigned, hash: entryHash(unsigned) };
      this.statements.insert.run(toRow(entry));
      this.statements.setLink.run('head', entry.seq, entry.hash);
      return entry;
    }).immediate();
  }

  async recent(limit: number, before?: number): Promise<AuditEntry[]> {
    return this.statements.recent.all({ before: before ?? null, limit }).map(toEntry);
  }

  async forRequest(requestId: string): Promise<AuditEntry[]> {
    return this.statements.forRequest.all(requestId).map(toEntry);
  }

  /** Reads the whole trail in one read transaction, so appends by other processes meanwhile do not count as breaks. */
  async verify(): Promise<Verdict> {
    return this.db.transaction(() => {
      const start = this.link('start');
      const head = this.link('head');
      return verifyChain(entriesOf(this.statements.everything.iterate()), start, head);
    }).deferred();
  }

  /** Pages through the trail so a caller may use the database between entries. */
  async *all(): AsyncIterable<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = this.statements.page.all(after, EXPORT_PAGE_SIZE);
      for (const row of rows) yield toEntry(row);
      if (rows.length < EXPORT_PAGE_SIZE) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /**
   * Drops every entry before the first one at or after `olderThan`, and records the last dropped
   * entry as where the kept chain starts, so verify() still checks the first kept entry's link.
   */
  async prune(olderThan: Date): Promise<number> {
    return this.db.transaction(() => {
      const firstKept = this.statements.firstSince.get(olderThan.toISOString())?.seq ?? this.link('head').seq + 1;
      const lastDropped = this.statements.lastBefore.get(firstKept);
      if (!lastDropped) return 0;
      const removed = this.statements.deleteBefore.run(firstKept).changes;
      this.statements.setLink.run('start', lastDropped.seq, lastDropped.hash);
      return removed;
    }).immediate();
  }

  close(): void {
    if (this.owned) this.db.close();
  }

  private link(name: 'start' | 'head'): ChainLink {
    return this.statements.link.get(name) ?? CHAIN_START;
  }
}
