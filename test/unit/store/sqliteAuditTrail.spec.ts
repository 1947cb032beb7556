import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { entryHash } from '../../../services/store/auditChain';
import { openDatabase, type SqliteDatabase } from '../../../services/store/database';
import { SqliteAuditTrail } from '../../../services/store/sqliteAuditTrail';
import type { AuditEntry } from '../../../services/store/storage';
import { race } from './contenders';
import { useTempDir } from './tempDir';

const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Megan Bowen' };
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T09:00:00.000Z');

function dayTime(day: number): string {
  return new Date(START + day * DAY).toISOString();
}

async function entries(trail: SqliteAuditTrail): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of trail.all()) all.push(entry);
  return all;
}

describe('the SQLite audit trail', function () {
  this.timeout(20_000);
  const tempDir = useTempDir();
  const file = () => path.join(tempDir(), 'tenant-warden.sqlite');
  let trail: SqliteAuditTrail;
  let sql: SqliteDatabase;

  beforeEach(() => {
    trail = new SqliteAuditTrail(file());
    sql = openDatabase(file());
  });
  afterEach(() => {
    trail.close();
    sql.close();
  });

  /** Five entries, one a day, the middle ones about a request. */
  async function appendFive(): Promise<AuditEntry[]> {
    const appended: AuditEntry[] = [];
    for (let day = 0; day < 5; day++) {
      const requestId = day % 2 ? 'request-1' : undefined;
      appended.push(await trail.append({ event: `test.day${day}`, actor: ADMIN, requestId, details: { day }, time: dayTime(day) }));
    }
    return appended;
  }

  it('chains each entry to the one before it and verifies', async () => {
    const appended = await appendFive();
    assert.deepEqual(appended.map((e) => e.seq), [1, 2, 3, 4, 5]);
    assert.equal(appended[0].prevHash, '');
    for (let i = 1; i < appended.length; i++) assert.equal(appended[i].prevHash, appended[i - 1].hash);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 5 });
  });

  it('hashes the sorted-key JSON of the entry without its hash, so anyone can recompute it', async () => {
    const entry = await trail.append({ event: 'request.created', actor: ADMIN, details: { b: 1, a: [{ d: 2, c: 3 }] }, time: dayTime(0) });
    const canonical =
      '{"actor":{"id":"aaaaaaaa-0000-4000-8000-000000000001","name":"Megan Bowen"},"details":{"a":[{"c":3,"d":2}],"b":1},' +
      '"event":"request.created","prevHash":"","seq":1,"time":"2026-03-01T09:00:00.000Z"}';
    assert.equal(entry.hash, createHash('sha256').update(canonical).digest('hex'));
  });

  it('keeps only what the caller passed', async () => {
    const actor = { ...ADMIN, mail: 'megan@contoso.example' };
    const entry = await trail.append({ event: 'request.approved', actor, requestId: 'r', details: { reason: 'ok' } });
    assert.deepEqual(Object.keys(entry).sort(), ['actor', 'details', 'event', 'hash', 'prevHash', 'requestId', 'seq', 'time']);
    assert.deepEqual((await trail.recent(1))[0], { ...entry, actor: ADMIN });
    const columns = sql.prepare('SELECT * FROM audit_trail').get() as Record<string, unknown>;
    assert.ok(!JSON.stringify(columns).includes('megan@contoso.example'));
  });

  it('lists the newest entries first, page by page, and a request’s entries oldest first', async () => {
    await appendFive();
    assert.deepEqual((await trail.recent(2)).map((e) => e.seq), [5, 4]);
    assert.deepEqual((await trail.recent(2, 4)).map((e) => e.seq), [3, 2]);
    assert.deepEqual((await trail.forRequest('request-1')).map((e) => e.seq), [2, 4]);
    assert.deepEqual((await entries(trail)).map((e) => e.seq), [1, 2, 3, 4, 5]);
  });

  it('detects a detail changed in the database', async () => {
    await appendFive();
    sql.prepare(`UPDATE audit_trail SET details = json_set(details, '$.day', 99) WHERE seq = 3`).run();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'its content no longer matches its hash' });
  });

  it('detects an entry deleted from the middle', async () => {
    await appendFive();
    sql.prepare('DELETE FROM audit_trail WHERE seq = 3').run();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'it is missing (entry 4 follows entry 2)' });
  });

  it('detects a changed hash', async () => {
    await appendFive();
    sql.prepare(`UPDATE audit_trail SET hash = ? WHERE seq = 2`).run('0'.repeat(64));
    assert.deepEqual(await trail.verify(), { ok: false, seq: 2, reason: 'its content no longer matches its hash' });
  });

  it('detects an entry rewritten with a freshly computed hash at the next entry', async () => {
    const appended = await appendFive();
    const forged = { ...appended[1], details: { day: 99 } };
    const { hash: _old, ...unsigned } = forged;
    sql.prepare('UPDATE audit_trail SET details = ?, hash = ? WHERE seq = 2').run(JSON.stringify(forged.details), entryHash(unsigned));
    const verdict = await trail.verify();
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.seq, 3);
  });

  it('detects reordered entries', async () => {
    await appendFive();
    sql.exec('UPDATE audit_trail SET seq = 100 WHERE seq = 2; UPDATE audit_trail SET seq = 2 WHERE seq = 3; UPDATE audit_trail SET seq = 3 WHERE seq = 100');
    const verdict = await trail.verify();
    assert.equal(!verdict.ok && verdict.seq, 2);
  });

  it('detects entries cut off the start or the end', async () => {
    await appendFive();
    sql.prepare('DELETE FROM audit_trail WHERE seq = 5').run();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 5, reason: 'entries 5 to 5 are missing from the end' });
    sql.prepare('DELETE FROM audit_trail WHERE seq = 1').run();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 1, reason: 'it is missing (entry 2 follows entry 0)' });
  });

  it('continues the same chain after the file is closed and reopened', async () => {
    const appended = await appendFive();
    trail.close();
    trail = new SqliteAuditTrail(file());
    assert.deepEqual(await trail.verify(), { ok: true, entries: 5 });
    const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([next.seq, next.prevHash], [6, appended[4].hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 6 });
  });

  it('prunes the oldest entries and stays verifiable from the first kept one', async () => {
    const appended = await appendFive();
    assert.equal(await trail.prune(new Date(dayTime(2))), 2);
    assert.deepEqual((await entries(trail)).map((e) => e.seq), [3, 4, 5]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 3 });
    const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.equal(next.prevHash, appended[4].hash);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 4 });
    assert.equal(await trail.prune(new Date(dayTime(2))), 0);
  });

  it('still notices the first kept entry being deleted after a prune', async () => {
    await appendFive();
    await trail.prune(new Date(dayTime(2)));
    sql.prepare('DELETE FROM audit_trail WHERE seq = 3').run();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'it is missing (entry 4 follows entry 2)' });
  });

  it('prunes everything and carries the chain on from the last pruned entry', async () => {
    const appended = await appendFive();
    assert.equal(await trail.prune(new Date(dayTime(10))), 5);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 0 });
    const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([next.seq, next.prevHash], [6, appended[4].hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 1 });
  });

  it('keeps one unbroken chain when several processes append at once', async () => {
    await trail.append({ event: 'test.first', actor: ADMIN, details: {} });
    const results = await race(['one', 'two', 'three'].map((name) => ['append', file(), name, '40']));
    assert.deepEqual(results, ['appended', 'appended', 'appended']);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 121 });
    const byActor = new Map<string, number>();
    for (const entry of await entries(trail)) byActor.set(entry.actor.id, (byActor.get(entry.actor.id) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byActor), { [ADMIN.id]: 1, one: 40, two: 40, three: 40 });
  });
});
