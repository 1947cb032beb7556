// The audit trail in the Blob Storage container, for several bot instances appending at once.
//
// One blob per entry, audit/<seq padded to 12 digits>, created with If-None-Match "*": Azure lets
// exactly one writer create each sequence number across all instances, and a writer knows the hash
// of the entry before its own when it writes. An append blob per day would serialise appends too (its
// appendPosition condition), but each writer would have to read the tail back to learn the previous
// hash and the blob would need rotating per day.
//
// Beside the entries: "audit-head", the newest entry written as far as the last append knows (a hint:
// appends probe forward from it, and verify() uses it to notice entries cut off the end), and
// "audit-start", the last pruned entry, where the kept chain starts (as in the SQLite trail).
import type { BlobClient, ContainerClient } from '@azure/storage-blob';
import { CHAIN_START, entryHash, verifyChain, type ChainLink, type Verdict } from './auditChain';
import { blobPages, downloadText, mapBounded, unavailable, uploadText } from './blobStore';
import type { AuditEntry, AuditTrail } from './storage';

type NewAuditEntry = Parameters<AuditTrail['append']>[0];

const ENTRIES = 'audit/';
const HEAD = 'audit-head';
const START = 'audit-start';
const PAGE_SIZE = 100;

export function auditEntryBlobName(seq: number): string {
  return ENTRIES + String(seq).padStart(12, '0');
}

function seqOf(blobName: string): number {
  return Number(blobName.slice(ENTRIES.length));
}

/** A blob that is not JSON reads as an entry whose content does not match its hash, so verify() reports it. */
function parseEntry(text: string, seq: number): AuditEntry {
  try {
    return JSON.parse(text) as AuditEntry;
  } catch {
    return { seq, time: '', event: 'audit.unreadable', actor: { id: '', name: '' }, details: {}, prevHash: '', hash: '' };
  }
}

/** Details as they will read back from storage, so the hash covers exactly what is kept. */
function asStored(details: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
}

const later = (a: ChainLink, b: ChainLink) => (b.seq > a.seq ? b : a);

/** Request ids are the caller's strings; metadata values must be ASCII. */
const requestTag = (requestId: string) => encodeURIComponent(requestId);

export class BlobAuditTrail implements AuditTrail {
  /** This instance's appends, one at a time: they would only race each other for the same number. */
  private appending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly container: ContainerClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  append(input: NewAuditEntry): Promise<AuditEntry> {
    const appended = this.appending.then(() => this.appendNow(input));
    this.appending = appended.catch(() => undefined);
    return appended;
  }

  /** Newest first, read by name from the head down: no listing. */
  async recent(limit: number, before?: number): Promise<AuditEntry[]> {
    const { start, head } = await this.ends();
    const found: AuditEntry[] = [];
    let seq = Math.min(head.seq, (before ?? Infinity) - 1);
    while (found.length < limit && seq > start.seq) {
      const batch = Array.from({ length: Math.min(limit - found.length, seq - start.seq) }, (_, i) => seq - i);
      for (const entry of await mapBounded(batch, (n) => this.readEntry(n))) if (entry) found.push(entry);
      seq -= batch.length;
    }
    return found;
  }

  /**
   * Lists the whole trail, names and metadata only (Blob Storage has no index to ask), and reads just
   * the entries whose `requestid` metadata, set when they were written, names the request.
   */
  async forRequest(requestId: string): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    for await (const blobs of blobPages(this.container, ENTRIES, { metadata: true, pageSize: 5000 })) {
      const tagged = blobs.filter((blob) => blob.metadata?.requestid === requestTag(requestId));
      const entries = await mapBounded(tagged, (blob) => this.readEntry(seqOf(blob.name)));
      found.push(...entries.filter((entry): entry is AuditEntry => entry?.requestId === requestId));
    }
    return found;
  }

  /**
   * Walks every entry from the first kept one, a page at a time, up to the head as it was when the
   * walk began (entries appended meanwhile are checked next time).
   */
  async verify(): Promise<Verdict> {
    const { start, head } = await this.ends();
    let previous = start;
    let entries = 0;
    for await (const page of this.pages(head.seq)) {
      if (page.length === 0) continue;
      const last = page[page.length - 1];
      const verdict = verifyChain(page, previous, { seq: last.seq, hash: last.hash });
      if (!verdict.ok) return verdict;
      entries += verdict.entries;
      previous = { seq: last.seq, hash: last.hash };
    }
    const atHead = verifyChain([], previous, head);
    return atHead.ok ? { ok: true, entries } : atHead;
  }

  async *all(): AsyncIterable<AuditEntry> {
    for await (const page of this.pages()) yield* page;
  }

  /**
   * Drops every entry before the first one at or after `olderThan`, oldest first. The last dropped
   * entry is recorded as where the kept chain starts before anything is deleted, so an interrupted
   * prune leaves entries that the next prune drops, never a chain that starts in the wrong place.
   */
  async prune(olderThan: Date): Promise<number> {
    const cutoff = olderThan.toISOString();
    const recorded = await this.readLink(START);
    const dropped: number[] = [];
    let lastDropped: ChainLink | undefined;
    walk: for await (const page of this.pages()) {
      for (const entry of page) {
        if (entry.time >= cutoff) break walk;
        dropped.push(entry.seq);
        lastDropped = { seq: entry.seq, hash: entry.hash };
      }
    }
    if (!lastDropped) return 0;
    // Another prune moved the start since we read it: walk again from where it left the trail.
    if (!(await this.writeLink(START, lastDropped, recorded?.eTag))) return this.prune(olderThan);
    await mapBounded(dropped, async (seq) => {
      try {
        await this.entryBlob(seq).deleteIfExists();
      } catch (error) {
        throw unavailable(this.container.containerName, error);
      }
    });
    return dropped.length;
  }

  /** Stores only what the caller passes (the actor's id and name, not the whole object), plus seq, time and the links. */
  private async appendNow(input: NewAuditEntry): Promise<AuditEntry> {
    const time = new Date(input.time ?? this.clock()).toISOString();
    const [hint, start] = await Promise.all([this.readLink(HEAD), this.readLink(START)]);
    let last = later(hint?.link ?? CHAIN_START, start?.link ?? CHAIN_START);
    for (;;) {
      last = await this.probeForward(last);
      const unsigned: Omit<AuditEntry, 'hash'> = {
        seq: last.seq + 1,
        time,
        event: input.event,
        actor: { id: input.actor.id, name: input.actor.name },
        ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
        details: asStored(input.details),
        prevHash: last.hash,
      };
      const entry: AuditEntry = { ...unsigned, hash: entryHash(unsigned) };
      const metadata = entry.requestId === undefined ? undefined : { requestid: requestTag(entry.requestId) };
      // Lost to another instance: that entry is now the last, probe on from it.
      if ((await uploadText(this.entryBlob(entry.seq), JSON.stringify(entry), { ifNoneMatch: '*' }, metadata)) === undefined) continue;
      await this.advanceHead(entry, hint?.eTag);
      return entry;
    }
  }

  /** The entry is written whatever happens here: a head left behind only costs the next append a probe. */
  private async advanceHead(entry: AuditEntry, eTag: string | undefined): Promise<void> {
    try {
      await this.writeLink(HEAD, { seq: entry.seq, hash: entry.hash }, eTag);
    } catch {
      // Unreachable storage: the next append probes forward from the older head.
    }
  }

  /** From a link to an entry that exists, on to the last entry after it. */
  private async probeForward(link: ChainLink): Promise<ChainLink> {
    for (;;) {
      const next = await this.readEntry(link.seq + 1);
      if (!next) return link;
      link = { seq: link.seq + 1, hash: next.hash };
    }
  }

  /** Where the kept chain starts, and the newest entry (the recorded head, probed forward). */
  private async ends(): Promise<{ start: ChainLink; head: ChainLink }> {
    const [hint, recorded] = await Promise.all([this.readLink(HEAD), this.readLink(START)]);
    const start = recorded?.link ?? CHAIN_START;
    return { start, head: await this.probeForward(later(hint?.link ?? CHAIN_START, start)) };
  }

  /** The stored entries in order, a page at a time; up to `upTo` when given. */
  private async *pages(upTo = Infinity): AsyncIterable<AuditEntry[]> {
    for await (const blobs of blobPages(this.container, ENTRIES, { pageSize: PAGE_SIZE })) {
      const seqs = blobs.map((blob) => seqOf(blob.name)).filter((seq) => seq <= upTo);
      const entries = await mapBounded(seqs, (seq) => this.readEntry(seq));
      yield entries.filter((entry): entry is AuditEntry => entry !== undefined);
      if (seqs.length < blobs.length) return;
    }
  }

  private async readEntry(seq: number): Promise<AuditEntry | undefined> {
    const stored = await downloadText(this.entryBlob(seq));
    return stored && parseEntry(stored.text, seq);
  }

  private async readLink(name: string): Promise<{ link: ChainLink; eTag: string } | undefined> {
    const stored = await downloadText(this.container.getBlobClient(name));
    return stored && { link: JSON.parse(stored.text) as ChainLink, eTag: stored.eTag };
  }

  /** Only over the version read (or if there is none yet); false when someone else wrote it first. */
  private async writeLink(name: string, link: ChainLink, eTag: string | undefined): Promise<boolean> {
    const conditions = eTag === undefined ? { ifNoneMatch: '*' } : { ifMatch: eTag };
    return (await uploadText(this.container.getBlobClient(name), JSON.stringify(link), conditions)) !== undefined;
  }

  private entryBlob(seq: number): BlobClient {
    return this.container.getBlobClient(auditEntryBlobName(seq));
  }
}
