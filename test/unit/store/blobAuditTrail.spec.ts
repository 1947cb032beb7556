import assert from 'node:assert/strict';
import type { ContainerClient } from '@azure/storage-blob';
import { BlobAuditTrail, auditEntryBlobName } from '../../../services/store/blobAuditTrail';
import { StorageUnavailableError, blobContainerFrom } from '../../../services/store/blobStore';
import type { AuditEntry } from '../../../services/store/storage';
import { startAzurite, type RunningAzurite } from '../../support/azurite';
import { ADMIN, appendFive, appendsAfter, behavesAsAnAuditTrail, dayTime, entries } from './auditTrailContract';

const FAIL_FAST = { retryOptions: { maxTries: 2, tryTimeoutInMs: 2000, retryDelayInMs: 100 } };

describe('the Blob Storage audit trail', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  let containers = 0;
  let containerName: string;
  let container: ContainerClient;
  let trail: BlobAuditTrail;

  /** Another instance's client on the same container. */
  const client = (): ContainerClient => blobContainerFrom(azurite.connectionString, containerName, FAIL_FAST);
  const open = () => new BlobAuditTrail(client());
  const entryBlob = (seq: number) => container.getBlockBlobClient(auditEntryBlobName(seq));
  const overwrite = (name: string, text: string) => container.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
  const storedText = async (seq: number) => (await entryBlob(seq).downloadToBuffer()).toString('utf8');
  const storedEntry = async (seq: number) => JSON.parse(await storedText(seq)) as AuditEntry;

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
    trail = open();
  });

  behavesAsAnAuditTrail(open, {
    tamper: {
      stored: storedText,
      overwrite: async (seq, entry) => {
        await overwrite(auditEntryBlobName(seq), JSON.stringify(entry));
      },
      remove: async (seq) => {
        await entryBlob(seq).delete();
      },
      swap: async (a, b) => {
        const [first, second] = [await storedText(a), await storedText(b)];
        await overwrite(auditEntryBlobName(a), second);
        await overwrite(auditEntryBlobName(b), first);
      },
    },
  });

  it('keeps one blob per entry, named by its zero-padded sequence number', async () => {
    const appended = await appendFive(trail);
    assert.deepEqual(await storedEntry(3), appended[2]);
    assert.equal(auditEntryBlobName(3), 'audit/000000000003');
  });

  it('detects an entry’s blob that is no longer JSON', async () => {
    await appendFive(trail);
    await overwrite(auditEntryBlobName(2), 'garbage');
    assert.deepEqual(await trail.verify(), { ok: false, seq: 2, reason: 'its content no longer matches its hash' });
  });

  it('appends after the newest entry when the recorded head is behind', async () => {
    const appended = await appendFive(trail);
    await overwrite('audit-head', JSON.stringify({ seq: 2, hash: appended[1].hash }));
    assert.deepEqual((await trail.recent(1)).map((e) => e.seq), [5]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 5 });
    await appendsAfter(trail, appended[4], 6);
  });

  it('never reuses a pruned sequence number, even when the recorded head is behind the pruned ones', async () => {
    const appended = await appendFive(trail);
    await overwrite('audit-head', JSON.stringify({ seq: 2, hash: appended[1].hash }));
    assert.equal(await trail.prune(new Date(dayTime(10))), 5);
    await appendsAfter(trail, appended[4], 1);
  });

  it('keeps one unbroken chain when two instances append 30 entries each at once', async () => {
    const instances = ['one', 'two'].map((name) => ({ name, trail: open() }));
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
    await appendFive(trail);
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
