import assert from 'node:assert/strict';
import { blobContainerFrom, BlobStore } from '../../../services/store/blobStore';
import { BlobWatchLease } from '../../../services/store/blobLease';
import { LeaseLostError } from '../../../services/watch/lease';
import { ETagConflictError } from '../../../services/store/storage';
import { startAzurite, type RunningAzurite } from '../../support/azurite';

describe('the watcher lease on Blob Storage', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  let containers = 0;

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });

  async function twoInstances() {
    const name = `lease-${++containers}`;
    await BlobStore.open(blobContainerFrom(azurite.connectionString, name));
    return [new BlobWatchLease(blobContainerFrom(azurite.connectionString, name), 15), new BlobWatchLease(blobContainerFrom(azurite.connectionString, name), 15)];
  }

  it('is held by one instance at a time, renewed by its holder, and free for the other once released', async () => {
    const [a, b] = await twoInstances();
    assert.equal(await a.tryHold(), true);
    assert.equal(await b.tryHold(), false);
    assert.equal(await a.tryHold(), true, 'the holder renews');
    assert.equal(await b.tryHold(), false);
    await a.release();
    assert.equal(await b.tryHold(), true);
    assert.equal(await a.tryHold(), false);
  });

  it('fences the cursors: only the holder writes them, and a former holder that woke up cannot', async () => {
    const [a, b] = await twoInstances();
    await a.tryHold();
    await a.fenced.write({ 'watch/cursor/directoryAudits': { since: '2026-11-25T10:00:00Z', eTag: '*' } });
    await assert.rejects(b.fenced.write({ 'watch/cursor/directoryAudits': { since: '2026-11-25T11:00:00Z', eTag: '*' } }), LeaseLostError);
    // A's lease is given up behind its back (as if it expired while A was stalled) and B takes over.
    await a.release();
    await b.tryHold();
    await assert.rejects(a.fenced.write({ 'watch/cursor/directoryAudits': { since: '2026-11-25T12:00:00Z', eTag: '*' } }), LeaseLostError);
    const read = await b.fenced.read(['watch/cursor/directoryAudits']);
    assert.equal(read['watch/cursor/directoryAudits'].since, '2026-11-25T10:00:00Z');
  });

  it('keeps compare-and-swap semantics for the items inside it', async () => {
    const [a] = await twoInstances();
    await a.tryHold();
    const eTag = await a.fenced.create('watch/inventory', { inventory: { x: 1 } });
    const next = await a.fenced.replace('watch/inventory', { inventory: { x: 2 } }, eTag);
    await assert.rejects(a.fenced.replace('watch/inventory', { inventory: { x: 3 } }, eTag), ETagConflictError);
    assert.deepEqual((await a.fenced.read(['watch/inventory']))['watch/inventory'], { inventory: { x: 2 }, eTag: next });
  });
});
