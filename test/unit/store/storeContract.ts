// The behaviours every ConcurrentStore must have, run against each implementation.
import assert from 'node:assert/strict';
import { AlreadyExistsError, ETagConflictError, type ConcurrentStore } from '../../../services/store/storage';

export function behavesAsAConcurrentStore(open: () => ConcurrentStore): void {
  let store: ConcurrentStore;
  beforeEach(() => {
    store = open();
  });

  async function eTagOf(key: string): Promise<string> {
    return (await store.read([key]))[key].eTag as string;
  }

  it('reads back what was written, with an eTag, and leaves missing keys out', async () => {
    await store.write({ 'settings/a': { value: 1 } });
    const items = await store.read(['settings/a', 'settings/missing']);
    assert.deepEqual(Object.keys(items), ['settings/a']);
    assert.equal(items['settings/a'].value, 1);
    assert.equal(typeof items['settings/a'].eTag, 'string');
  });

  it('gives every write a new eTag', async () => {
    await store.write({ k: { n: 1 } });
    const first = await eTagOf('k');
    await store.write({ k: { n: 2 } });
    assert.notEqual(await eTagOf('k'), first);
  });

  it('writes an item whose eTag matches the stored one', async () => {
    await store.write({ k: { n: 1 } });
    await store.write({ k: { n: 2, eTag: await eTagOf('k') } });
    assert.equal((await store.read(['k'])).k.n, 2);
  });

  it('refuses a write with a stale eTag and leaves the item unchanged', async () => {
    await store.write({ k: { n: 1 } });
    const stale = await eTagOf('k');
    await store.write({ k: { n: 2 } });
    const before = await store.read(['k']);
    await assert.rejects(store.write({ k: { n: 3, eTag: stale } }), (error: unknown) => error instanceof ETagConflictError && error.key === 'k');
    assert.deepEqual(await store.read(['k']), before);
  });

  it('overwrites whatever is stored when the eTag is "*" or absent', async () => {
    await store.write({ k: { n: 1 } });
    await store.write({ k: { n: 2, eTag: '*' } });
    assert.equal((await store.read(['k'])).k.n, 2);
    await store.write({ k: { n: 3 } });
    assert.equal((await store.read(['k'])).k.n, 3);
  });

  it('refuses a write with an eTag for an item that no longer exists', async () => {
    await store.write({ k: { n: 1 } });
    const eTag = await eTagOf('k');
    await store.delete(['k']);
    await assert.rejects(store.write({ k: { n: 2, eTag } }), ETagConflictError);
    assert.deepEqual(await store.read(['k']), {});
  });

  it('writes all items of one write or, when one conflicts, none of them', async () => {
    await store.write({ a: { n: 1 }, b: { n: 1 } });
    await assert.rejects(store.write({ a: { n: 2 }, b: { n: 2, eTag: 'stale' } }), ETagConflictError);
    const items = await store.read(['a', 'b']);
    assert.equal(items.a.n, 1);
    assert.equal(items.b.n, 1);
  });

  it('returns the stored eTag, not the one the caller wrote with', async () => {
    await store.write({ k: { n: 1, eTag: '*' } });
    assert.notEqual(await eTagOf('k'), '*');
  });

  it('keeps what was written, not later changes to the caller’s object', async () => {
    const item = { nested: { n: 1 } };
    await store.write({ k: item });
    item.nested.n = 2;
    const read = await store.read(['k']);
    (read.k.nested as { n: number }).n = 3;
    assert.deepEqual((await store.read(['k'])).k.nested, { n: 1 });
  });

  it('deletes items, and deleting a missing key is not an error', async () => {
    await store.write({ a: { n: 1 }, b: { n: 1 } });
    await store.delete(['a', 'missing']);
    assert.deepEqual(Object.keys(await store.read(['a', 'b'])), ['b']);
  });

  it('creates an item once; a second create of the key fails and keeps the first', async () => {
    const eTag = await store.create('requests/1', { by: 'first' });
    assert.equal(await eTagOf('requests/1'), eTag);
    await assert.rejects(store.create('requests/1', { by: 'second' }), (error: unknown) => error instanceof AlreadyExistsError && error.key === 'requests/1');
    assert.equal((await store.read(['requests/1']))['requests/1'].by, 'first');
  });

  it('replaces an item that still has the eTag and returns the new one', async () => {
    const created = await store.create('requests/1', { status: 'pending' });
    const replaced = await store.replace('requests/1', { status: 'approved' }, created);
    const read = (await store.read(['requests/1']))['requests/1'];
    assert.deepEqual(read, { status: 'approved', eTag: replaced });
    assert.notEqual(replaced, created);
  });

  it('refuses a replace with a stale eTag, so the second of two approvers loses', async () => {
    const created = await store.create('requests/1', { status: 'pending' });
    await store.replace('requests/1', { status: 'approved', by: 'first' }, created);
    await assert.rejects(store.replace('requests/1', { status: 'rejected', by: 'second' }, created), ETagConflictError);
    assert.equal((await store.read(['requests/1']))['requests/1'].by, 'first');
  });

  it('refuses a replace of a missing item', async () => {
    await assert.rejects(store.replace('requests/none', { status: 'approved' }, 'any'), ETagConflictError);
    assert.deepEqual(await store.read(['requests/none']), {});
  });

  it('lists exactly the items whose key starts with the prefix, wildcards taken literally', async () => {
    await store.write({ 'requests/1': { n: 1 }, 'requests/2': { n: 2 }, 'requests_3': { n: 3 }, 'requestsX': { n: 4 }, 'settings/a': { n: 5 } });
    assert.deepEqual(Object.keys(await store.list('requests/')).sort(), ['requests/1', 'requests/2']);
    assert.deepEqual(Object.keys(await store.list('requests_')), ['requests_3']);
    assert.deepEqual(Object.keys(await store.list('%')), []);
    const listed = await store.list('settings/');
    assert.deepEqual(listed, await store.read(['settings/a']));
  });
}
