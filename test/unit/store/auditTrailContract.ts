// The behaviours every AuditTrail must have, run against each implementation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { entryHash } from '../../../services/store/auditChain';
import type { AuditEntry, AuditTrail } from '../../../services/store/storage';

export const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Megan Bowen' };
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T09:00:00.000Z');

/** Nine in the morning (UTC) on the given day after the first of March 2026. */
export function dayTime(day: number): string {
  return new Date(START + day * DAY).toISOString();
}

/** Every entry, oldest first, as an export reads them. */
export async function entries(trail: AuditTrail): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of trail.all()) all.push(entry);
  return all;
}

/** Five entries, one a day, the middle ones about a request. */
export async function appendFive(trail: AuditTrail): Promise<AuditEntry[]> {
  const appended: AuditEntry[] = [];
  for (let day = 0; day < 5; day++) {
    const requestId = day % 2 ? 'request-1' : undefined;
    appended.push(await trail.append({ event: `test.day${day}`, actor: ADMIN, requestId, details: { day }, time: dayTime(day) }));
  }
  return appended;
}

/** Appends one more entry, checks that it follows `last`, and that the trail then verifies with `entries` entries. */
export async function appendsAfter(trail: AuditTrail, last: AuditEntry, entries: number): Promise<AuditEntry> {
  const next = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
  assert.deepEqual([next.seq, next.prevHash], [last.seq + 1, last.hash]);
  assert.deepEqual(await trail.verify(), { ok: true, entries });
  return next;
}

/** The storage behind a trail, read and changed directly, as someone with access to it could. */
export interface AuditTrailTamper {
  /** What the storage holds for entry `seq`, as text. */
  stored(seq: number): Promise<string>;
  /** Puts `entry` where entry `seq` is kept, in place of what is there. */
  overwrite(seq: number, entry: AuditEntry): Promise<void>;
  /** Deletes entry `seq`. */
  remove(seq: number): Promise<void>;
  /** Lets the entries `a` and `b` trade places. */
  swap(a: number, b: number): Promise<void>;
}

export interface AuditTrailHooks<T extends AuditTrail> {
  /** Lets go of a trail as a bot that stops would (closes its file); left out where a trail holds nothing open. */
  close?: (trail: T) => void;
  /** Left out, the tests of tampering are not run, nor the check of what the storage keeps. */
  tamper?: AuditTrailTamper;
}

/**
 * `open` gives a trail on the running test's storage, empty at the start of each test; every call
 * gives another instance on that same storage, as another process or a restarted bot would have.
 */
export function behavesAsAnAuditTrail<T extends AuditTrail>(open: () => T | Promise<T>, { close, tamper }: AuditTrailHooks<T> = {}): void {
  let trail: T;
  beforeEach(async () => {
    trail = await open();
  });

  it('chains each entry to the one before it and verifies', async () => {
    const appended = await appendFive(trail);
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
    if (tamper) assert.ok(!(await tamper.stored(1)).includes('megan@contoso.example'));
  });

  it('lists the newest entries first, page by page, and a request’s entries oldest first', async () => {
    await appendFive(trail);
    assert.deepEqual((await trail.recent(2)).map((e) => e.seq), [5, 4]);
    assert.deepEqual((await trail.recent(2, 4)).map((e) => e.seq), [3, 2]);
    assert.deepEqual((await trail.recent(10, 3)).map((e) => e.seq), [2, 1]);
    assert.deepEqual((await trail.forRequest('request-1')).map((e) => e.seq), [2, 4]);
    assert.deepEqual(await trail.forRequest('request-2'), []);
    assert.deepEqual((await entries(trail)).map((e) => e.seq), [1, 2, 3, 4, 5]);
  });

  it('continues the same chain in a trail opened again on the same storage, the first one closed', async () => {
    const appended = await appendFive(trail);
    close?.(trail);
    trail = await open();
    assert.deepEqual(await trail.verify(), { ok: true, entries: 5 });
    await appendsAfter(trail, appended[4], 6);
  });

  it('prunes the oldest entries and stays verifiable from the first kept one', async () => {
    const appended = await appendFive(trail);
    assert.equal(await trail.prune(new Date(dayTime(2))), 2);
    assert.deepEqual((await entries(trail)).map((e) => e.seq), [3, 4, 5]);
    assert.deepEqual((await trail.recent(10)).map((e) => e.seq), [5, 4, 3]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 3 });
    await appendsAfter(trail, appended[4], 4);
    assert.equal(await trail.prune(new Date(dayTime(2))), 0);
  });

  it('prunes everything and carries the chain on from the last pruned entry, in another trail and in the one that pruned', async () => {
    const appended = await appendFive(trail);
    assert.equal(await trail.prune(new Date(dayTime(10))), 5);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 0 });
    const next = await (await open()).append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([next.seq, next.prevHash], [6, appended[4].hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 1 });
    const after = await trail.append({ event: 'test.after', actor: ADMIN, details: {} });
    assert.deepEqual([after.seq, after.prevHash], [7, next.hash]);
    assert.deepEqual(await trail.verify(), { ok: true, entries: 2 });
  });

  if (tamper) detectsTampering(() => trail, tamper);
}

/** What a trail notices when entries are changed in its storage behind its back. */
function detectsTampering(current: () => AuditTrail, changed: AuditTrailTamper): void {
  let trail: AuditTrail;
  beforeEach(() => {
    trail = current();
  });

  it('detects a detail changed in storage, at that entry', async () => {
    const appended = await appendFive(trail);
    await changed.overwrite(3, { ...appended[2], details: { day: 99 } });
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'its content no longer matches its hash' });
  });

  it('detects a changed hash', async () => {
    const appended = await appendFive(trail);
    await changed.overwrite(2, { ...appended[1], hash: '0'.repeat(64) });
    assert.deepEqual(await trail.verify(), { ok: false, seq: 2, reason: 'its content no longer matches its hash' });
  });

  it('detects an entry deleted from the middle', async () => {
    await appendFive(trail);
    await changed.remove(3);
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'it is missing (entry 4 follows entry 2)' });
  });

  it('detects an entry rewritten with a freshly computed hash at the next entry', async () => {
    const appended = await appendFive(trail);
    const { hash: _old, ...unsigned } = { ...appended[1], details: { day: 99 } };
    await changed.overwrite(2, { ...unsigned, hash: entryHash(unsigned) });
    const verdict = await trail.verify();
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.seq, 3);
  });

  it('detects reordered entries', async () => {
    await appendFive(trail);
    await changed.swap(2, 3);
    const verdict = await trail.verify();
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.seq, 2);
  });

  it('detects entries cut off the start or the end', async () => {
    await appendFive(trail);
    await changed.remove(5);
    assert.deepEqual(await trail.verify(), { ok: false, seq: 5, reason: 'entries 5 to 5 are missing from the end' });
    await changed.remove(1);
    assert.deepEqual(await trail.verify(), { ok: false, seq: 1, reason: 'it is missing (entry 2 follows entry 0)' });
  });

  it('still notices the first kept entry being deleted after a prune', async () => {
    await appendFive(trail);
    await trail.prune(new Date(dayTime(2)));
    await changed.remove(3);
    assert.deepEqual(await trail.verify(), { ok: false, seq: 3, reason: 'it is missing (entry 4 follows entry 2)' });
  });
}
