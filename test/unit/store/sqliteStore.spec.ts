import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../services/store/database';
import { SqliteAuditTrail } from '../../../services/store/sqliteAuditTrail';
import { SqliteStore } from '../../../services/store/sqliteStore';
import { ETagConflictError } from '../../../services/store/storage';
import { race } from './contenders';
import { behavesAsAConcurrentStore } from './storeContract';
import { useTempDir } from './tempDir';

describe('the SQLite store', function () {
  this.timeout(20_000);
  const tempDir = useTempDir();
  const opened: SqliteStore[] = [];
  const file = () => path.join(tempDir(), 'data', 'tenant-warden.sqlite');
  const open = () => {
    const store = new SqliteStore(file());
    opened.push(store);
    return store;
  };
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });

  behavesAsAConcurrentStore(open);

  it('creates its folder and keeps its data in WAL mode', () => {
    open();
    const db = openDatabase(file());
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('keeps items across closing and reopening the file', async () => {
    const first = open();
    const eTag = await first.create('requests/1', { status: 'pending' });
    first.close();
    const reopened = open();
    assert.deepEqual(await reopened.read(['requests/1']), { 'requests/1': { status: 'pending', eTag } });
  });

  it('lets two instances on one file see each other’s writes and conflicts', async () => {
    const [one, two] = [open(), open()];
    const eTag = await one.create('requests/1', { status: 'pending' });
    assert.equal((await two.read(['requests/1']))['requests/1'].eTag, eTag);
    await two.replace('requests/1', { status: 'approved' }, eTag);
    await assert.rejects(one.replace('requests/1', { status: 'rejected' }, eTag), ETagConflictError);
    assert.equal((await one.list('requests/'))['requests/1'].status, 'approved');
  });

  it('lets exactly one of several instances win a replace with the same eTag', async () => {
    const stores = [open(), open(), open(), open()];
    const eTag = await stores[0].create('requests/1', { status: 'pending' });
    const outcomes = await Promise.allSettled(stores.map((store, i) => store.replace('requests/1', { by: i }, eTag)));
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    assert.ok(outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof ETagConflictError));
  });

  it('lets exactly one of several processes win a replace with the same eTag', async () => {
    const eTag = await open().create('requests/1', { status: 'pending' });
    const results = await race(Array.from({ length: 4 }, () => ['replace', file(), 'requests/1', eTag]));
    assert.deepEqual([...results].sort(), ['lost', 'lost', 'lost', 'won']);
    const winner = (await open().read(['requests/1']))['requests/1'].winner;
    assert.equal(typeof winner, 'number');
  });

  it('lets exactly one of several processes create the same key', async () => {
    open();
    const results = await race(Array.from({ length: 4 }, () => ['create', file(), 'requests/1']));
    assert.deepEqual([...results].sort(), ['lost', 'lost', 'lost', 'won']);
  });

  it('shares a handle with the audit trail and leaves closing it to the owner', async () => {
    const db = openDatabase(file());
    const store = new SqliteStore(db);
    const trail = new SqliteAuditTrail(db);
    await store.write({ k: { n: 1 } });
    await trail.append({ event: 'test', actor: { id: 'system', name: 'Tenant Warden' }, details: {} });
    store.close();
    trail.close();
    assert.equal(db.open, true);
    assert.equal((await store.read(['k'])).k.n, 1);
    db.close();
    assert.ok(fs.existsSync(file()));
  });
});
