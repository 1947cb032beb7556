import assert from 'node:assert/strict';
import type { ContainerClient } from '@azure/storage-blob';
import { BlobStore, StorageUnavailableError, blobContainerFrom, blobNameOf, keyOf } from '../../../services/store/blobStore';
import { AlreadyExistsError, ETagConflictError } from '../../../services/store/storage';
import { startAzurite, type RunningAzurite } from '../../support/azurite';
import { behavesAsAConcurrentStore } from './storeContract';

/** Few, short tries, so that a test of Azurite being down fails fast. */
const FAIL_FAST = { retryOptions: { maxTries: 2, tryTimeoutInMs: 2000, retryDelayInMs: 100 } };

/** Keys Azure would not take as they are: dots, empty segments, '%', '~', spaces, non-ASCII, a Teams conversation id. */
const AWKWARD_KEYS = ['', '/', 'a//b', '/lead', 'trail/', '.', '..', 'a/./b', 'a/../b', 'end.', '%41', '~', '~41', 'with space', 'ü/日本/😀', '19:abc@thread.tacv2', 'q?x=1#y', 'back\\slash'];

describe('the Blob Storage store', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  let containers = 0;
  let containerName: string;
  let store: BlobStore;

  /** Another instance's client on the same container. */
  const client = (): ContainerClient => blobContainerFrom(azurite.connectionString, containerName, FAIL_FAST);

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });
  beforeEach(async () => {
    containerName = `store-${++containers}`;
    store = await BlobStore.open(client());
  });

  behavesAsAConcurrentStore(() => store);

  it('creates its container if absent, and opens one that exists', async () => {
    assert.equal(await client().exists(), true);
    await store.write({ k: { n: 1 } });
    const reopened = await BlobStore.open(client());
    assert.equal((await reopened.read(['k'])).k.n, 1);
  });

  it('maps every key to one blob name Azure keeps as it is, and back', async () => {
    const names = AWKWARD_KEYS.map(blobNameOf);
    assert.equal(new Set(names).size, AWKWARD_KEYS.length);
    for (const [i, name] of names.entries()) {
      assert.equal(keyOf(name), AWKWARD_KEYS[i]);
      assert.ok(name.startsWith('items/'));
      for (const segment of name.split('/')) assert.match(segment, /^[A-Za-z0-9_~-]+$/, name);
    }
    assert.equal(blobNameOf('requests/r-1'), 'items/requests/r-1');
  });

  it('stores, lists and deletes items under awkward keys', async () => {
    await store.write(Object.fromEntries(AWKWARD_KEYS.map((key, n) => [key, { n }])));
    const listed = await store.list('');
    assert.deepEqual(Object.keys(listed).sort(), [...AWKWARD_KEYS].sort());
    for (const [n, key] of AWKWARD_KEYS.entries()) assert.equal(listed[key].n, n);
    assert.deepEqual(Object.keys(await store.list('a/')).sort(), ['a/../b', 'a/./b', 'a//b']);
    assert.deepEqual(Object.keys(await store.list('~4')), ['~41']);
    await store.delete(AWKWARD_KEYS);
    assert.deepEqual(await store.list(''), {});
  });

  it('keeps its items apart from other blobs in the container', async () => {
    await client().getBlockBlobClient('audit/000000000001').upload('{}', 2);
    await store.write({ 'audit/000000000001': { n: 1 } });
    assert.deepEqual(Object.keys(await store.list('')), ['audit/000000000001']);
    assert.equal((await store.read(['audit/000000000001']))['audit/000000000001'].n, 1);
  });

  it('lists more items than it reads at once', async () => {
    await store.write(Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`requests/${n}`, { n }])));
    const listed = await store.list('requests/');
    assert.equal(Object.keys(listed).length, 40);
    assert.ok(Object.entries(listed).every(([key, item]) => key === `requests/${item.n}`));
  });

  it('returns the blob’s ETag as the item’s eTag', async () => {
    const eTag = await store.create('requests/1', { status: 'pending' });
    const properties = await client().getBlobClient(blobNameOf('requests/1')).getProperties();
    assert.equal(eTag, properties.etag);
  });

  it('lets two instances on one container see each other’s writes and conflicts', async () => {
    const [one, two] = [new BlobStore(client()), new BlobStore(client())];
    const eTag = await one.create('requests/1', { status: 'pending' });
    assert.equal((await two.read(['requests/1']))['requests/1'].eTag, eTag);
    await two.replace('requests/1', { status: 'approved' }, eTag);
    await assert.rejects(one.replace('requests/1', { status: 'rejected' }, eTag), ETagConflictError);
    assert.equal((await one.list('requests/'))['requests/1'].status, 'approved');
  });

  it('lets exactly one of 20 concurrent replaces with the same eTag win', async () => {
    const eTag = await store.create('requests/1', { status: 'pending' });
    const stores = Array.from({ length: 20 }, () => new BlobStore(client()));
    const outcomes = await Promise.allSettled(stores.map((contender, by) => contender.replace('requests/1', { by }, eTag)));
    const won = outcomes.flatMap((o, by) => (o.status === 'fulfilled' ? [{ by, eTag: o.value }] : []));
    assert.equal(won.length, 1);
    assert.ok(outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof ETagConflictError));
    assert.deepEqual((await store.read(['requests/1']))['requests/1'], { by: won[0].by, eTag: won[0].eTag });
  });

  it('lets exactly one of 20 concurrent creates of the same key win', async () => {
    const stores = Array.from({ length: 20 }, () => new BlobStore(client()));
    const outcomes = await Promise.allSettled(stores.map((contender, by) => contender.create('requests/1', { by })));
    const won = outcomes.flatMap((o, by) => (o.status === 'fulfilled' ? [by] : []));
    assert.equal(won.length, 1);
    assert.ok(outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof AlreadyExistsError));
    assert.equal((await store.read(['requests/1']))['requests/1'].by, won[0]);
  });

  it('says the storage is unreachable, naming the container, while Azurite is down, and works again when it is back', async () => {
    await store.write({ k: { n: 1 } });
    await azurite.stop({ keepData: true });
    try {
      const started = Date.now();
      const failure = await store.read(['k']).then(
        () => assert.fail('read() succeeded with Azurite down'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof StorageUnavailableError, String(failure));
      assert.match(failure.message, new RegExp(`unreachable.*"${containerName}"|"${containerName}".*unreachable`));
      assert.doesNotMatch(failure.message, /AccountKey|Eby8|devstoreaccount1|127\.0\.0\.1/);
      assert.ok(Date.now() - started < 5000, `failed after ${Date.now() - started} ms`);
      await assert.rejects(store.write({ k: { n: 2 } }), StorageUnavailableError);
      await assert.rejects(store.list(''), StorageUnavailableError);
    } finally {
      await azurite.restart();
    }
    assert.equal((await store.read(['k'])).k.n, 1);
  });
});
