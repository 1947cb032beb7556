import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { entryHash } from '../../../services/store/auditChain';
import { BlobAuditTrail, auditEntryBlobName } from '../../../services/store/blobAuditTrail';
import { StorageUnavailableError, blobContainerFrom } from '../../../services/store/blobStore';
import type { AuditEntry } from '../../../services/store/storage';
import { startAzurite, type RunningAzurite } from '../../support/azurite';

const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Megan Bowen' };
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T09:00:00.000Z');
const FAIL_FAST = { retryOptions: { maxTries: 2, tryTimeoutInMs: 2000, retryDelayInMs: 100 } };

function dayTime(day: number): string {
  return new Date(START + day * DAY).toISOString();
}

async function entries(trail: BlobAuditTrail): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of trail.all()) all.push(entry);
  return all;
}

describe('the Blob Storage audit trail', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  let containers = 0;
  let containerName: string;
  let container: ContainerClient;
  let trail: BlobAuditTrail;

  /** Another instance's client on the same container. */
  const client = (): ContainerClient => blobContainerFrom(azurite.connectionString, containerName, FAIL_FAST);
  const entryBlob = (seq: number) => container.getBlockBlobClient(auditEntryBlobName(seq));
  const overwrite = (name: string, text: string) => container.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
  const storedEntry = async (seq: number) => JSON.parse((await entryBlob(seq).downloadToBuffer()).toString('utf8')) as AuditEntry;

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });
  beforeEach(async () => {
    containerName = `audit-${++containers}`;
    container = client();
    await container.create();
    trail = new BlobAuditTrail(container);
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

  it('keeps one blob per entry, named by its zero-padded sequence number', async () => {
    const appended = await appendFive();
    assert.deepEqual(await storedEntry(3), appended[2]);
    assert.equal(auditEntryBlobName(3), 'audit/000000000003');
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
    assert.ok(!(await entryBlob(1).downloadToBuffer()).toString('utf8').includes('megan@contoso.example'));
  });

  it('lists the newest entries first, page by page, and a request’s entries oldest first', async () => {
    await appendFive();
    assert.deepEqual((await trail.recent(2)).map((e) => e.seq), [5, 4]);
    assert.deepEqual((await trail.recent(2, 4)).map((e) => e.seq), [3, 2]);
    assert.deepEqual((await trail.recent(10, 3)).map((e) => e.seq), [2, 1]);
    assert.deepEqual((await trail.forRequest('request-1')).map((e) => e.seq), [2, 4]);
    assert.deepEqual(await trail.forRequest('request-2'), []);
    assert.deepEqual((await entries(trail)).map((e) => e.seq), [1, 2, 3, 4, 5]);
  });

  it('detects a detail changed in an entry’s blob, at that entry', async () => {
    await appendFive();
    const tampered = { ...(await storedEntry(3)), details: { day: 99 } };
    await overwrite(auditEntryBlobName(3), JSON.stringify(tampered));
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'its content no longer matches its hash' });
  });

  it('detects an entry’s blob that is no longer JSON', async () => {
    await appendFive();
    await overwrite(auditEntryBlobName(2), 'garbage');
    assert.deepEqual(await trail.verify(), { ok: false, seq: 2, reason: 'its content no longer matches its hash' });
  });

  it('detects an entry deleted from the middle', async () => {
    await appendFive();
    await entryBlob(3).delete();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'it is missing (entry 4 follows entry 2)' });
  });

  it('detects an entry rewritten with a freshly computed hash at the next entry', async () => {
    const appended = await appendFive();
    const { hash: _old, ...unsigned } = { ...appended[1], details: { day: 99 } };
    await overwrite(auditEntryBlobName(2), JSON.stringify({ ...unsigned, hash: entryHash(unsigned) }));
    const verdict = await trail.verify();
    assert.equal(!verdict.ok && verdict.seq, 3);
  });

  it('detects reordered entries', async () => {
    await appendFive();
    const [second, third] = [await storedEntry(2), await storedEntry(3)];
    await overwrite(auditEntryBlobName(2), JSON.stringify(third));
    await overwrite(auditEntryBlobName(3), JSON.stringify(second));
    const verdict = await trail.verify();
    assert.equal(!verdict.ok && verdict.seq, 2);
  });

  it('detects entries cut off the start or the end', async () => {
    await appendFive();
    await entryBlob(5).delete();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 5, reason: 'entries 5 to 5 are missing from the end' });
    await entryBlob(1).delete();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 1, reason: 'it is missing (entry 2 follows entry 0)' });
  });

  it('continues the same chain from another client on the container', async () => {
    const appended = await appendFive();
    trail = new BlobAuditTrail(client());
    assert.deepEqual(await trail.verify(), { ok: true, entries: 5 });
    const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([next.seq, next.prevHash], [6, appended[4].hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 6 });
  });

  it('appends after the newest entry when the recorded head is behind', async () => {
    const appended = await appendFive();
    await overwrite('audit-head', JSON.stringify({ seq: 2, hash: appended[1].hash }));
    assert.deepEqual((await trail.recent(1)).map((e) => e.seq), [5]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 5 });
    const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([next.seq, next.prevHash], [6, appended[4].hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 6 });
  });

  it('never reuses a pruned sequence number, even when the recorded head is behind the pruned ones', async () => {
    const appended = await appendFive();
    await overwrite('audit-head', JSON.stringify({ seq: 2, hash: appended[1].hash }));
    assert.equal(await trail.prune(new Date(dayTime(10))), 5);
    const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([next.seq, next.prevHash], [6, appended[4].hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 1 });
  });

  it('prunes the oldest entries and stays verifiable from the first kept one', async () => {
    const appended = await appendFive();
    assert.equal(await trail.prune(new Date(dayTime(2))), 2);
    assert.deepEqual((await entries(trail)).map((e) => e.seq), [3, 4, 5]);
    assert.deepEqual((await trail.recent(10)).map((e) => e.seq), [5, 4, 3]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 3 });
    const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.equal(next.prevHash, appended[4].hash);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 4 });
    assert.equal(await trail.prune(new Date(dayTime(2))), 0);
  });

  it('still notices the first kept entry being deleted after a prune', async () => {
    await appendFive();
    await trail.prune(new Date(dayTime(2)));
    await entryBlob(3).delete();
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'it is missing (entry 4 follows entry 2)' });
  });

  it('prunes everything and carries the chain on from the last pruned entry', async () => {
    const appended = await appendFive();
    assert.equal(await trail.prune(new Date(dayTime(10))), 5);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 0 });
    const next = await new BlobAuditTrail(client()).append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([next.seq, next.prevHash], [6, appended[4].hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 1 });
  });

  it('keeps one unbroken chain when two instances append 30 entries each at once', async () => {
    const instances = ['one', 'two'].map((name) => ({ name, trail: new BlobAuditTrail(client()) }));
    const appended = await Promise.all(
      instances.flatMap(({ name, trail: instance }) =>
        Array.from({ length: 30 }, (_, i) => instance.append({ event: 'test.appended', actor: { id: name, name }, details: { i } })),
      ),
    );
    assert.deepEqual(appended.map((e) => e.seq).sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i + 1));
    assert.deepEqual(await trail.verify(), { ok: true, entries: 60 });
    const stored = await entries(trail);
    assert.deepEqual(stored.map((e) => e.seq), Array.from({ length: 60 }, (_, i) => i + 1));
    for (const name of ['one', 'two']) assert.equal(stored.filter((e) => e.actor.id === name).length, 30);
  });

  it('says the storage is unreachable while Azurite is down, and appends again when it is back', async () => {
    await appendFive();
    await azurite.stop({ keepData: true });
    try {
      await assert.rejects(trail.append({ event: 'test.down', actor: ADMIN, details: {} }), StorageUnavailableError);
      await assert.rejects(trail.verify(), (error: unknown) => error instanceof StorageUnavailableError && error.message.includes(containerName));
    } finally {
      await azurite.restart();
    }
    assert.equal((await trail.append({ event: 'test.back', actor: ADMIN, details: {} })).seq, 6);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 6 });
  });
});
