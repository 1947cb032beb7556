import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase, type SqliteDatabase } from '../../../services/store/database';
import { SqliteAuditTrail } from '../../../services/store/sqliteAuditTrail';
import type { AuditEntry } from '../../../services/store/storage';
import { ADMIN, behavesAsAnAuditTrail, entries } from './auditTrailContract';
import { race } from './contenders';
import { useTempDir } from './tempDir';

describe('the SQLite audit trail', function () {
  this.timeout(20_000);
  const tempDir = useTempDir();
  const file = () => path.join(tempDir(), 'tenant-warden.sqlite');
  const opened: SqliteAuditTrail[] = [];
  const open = () => {
    const trail = new SqliteAuditTrail(file());
    opened.push(trail);
    return trail;
  };
  /** The file as someone with access to it sees it, for changes behind the trail's back. */
  let sql: SqliteDatabase;

  beforeEach(() => {
    sql = openDatabase(file());
  });
  afterEach(() => {
    for (const trail of opened.splice(0)) trail.close();
    sql.close();
  });

  behavesAsAnAuditTrail(open, {
    close: (trail) => trail.close(),
    tamper: {
      stored: async (seq) => JSON.stringify(sql.prepare('SELECT * FROM audit_trail WHERE seq = ?').get(seq)),
      overwrite: async (seq, entry: AuditEntry) => {
        sql
          .prepare(
            `UPDATE audit_trail SET time = ?, event = ?, actor_id = ?, actor_name = ?, request_id = ?, details = ?, prev_hash = ?, hash = ? WHERE seq = ?`,
          )
          .run(entry.time, entry.event, entry.actor.id, entry.actor.name, entry.requestId ?? null, JSON.stringify(entry.details), entry.prevHash, entry.hash, seq);
      },
      remove: async (seq) => {
        sql.prepare('DELETE FROM audit_trail WHERE seq = ?').run(seq);
      },
      swap: async (a, b) => {
        const move = sql.prepare('UPDATE audit_trail SET seq = ? WHERE seq = ?');
        sql.transaction(() => {
          move.run(-1, a);
          move.run(a, b);
          move.run(b, -1);
        })();
      },
    },
  });

  it('keeps one unbroken chain when several processes append at once', async () => {
    const trail = open();
    await trail.append({ event: 'test.first', actor: ADMIN, details: {} });
    const results = await race(['one', 'two', 'three'].map((name) => ['append', file(), name, '40']));
    assert.deepEqual(results, ['appended', 'appended', 'appended']);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 121 });
    const byActor = new Map<string, number>();
    for (const entry of await entries(trail)) byActor.set(entry.actor.id, (byActor.get(entry.actor.id) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byActor), { [ADMIN.id]: 1, one: 40, two: 40, three: 40 });
  });
});
