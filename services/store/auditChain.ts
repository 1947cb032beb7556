// The hash chain of the audit trail: how an entry's hash is computed and how a run of entries is
// checked, independent of where the entries are kept.
import { createHash } from 'node:crypto';
import type { AuditEntry } from './storage';

/** Where the kept part of the chain starts: after `seq`, whose hash was `hash` (0 and "" when nothing was pruned). */
export interface ChainLink {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainLink = { seq: 0, hash: '' };

export type Verdict = { ok: true; entries: number } | { ok: false; seq: number; reason: string };

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 does) at every level, so that the
 * same entry always hashes the same whatever order its properties were built in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry), 'utf8').digest('hex');
}

/** Walks entries in stored order from `start` and reports the first that does not hold, or whether the walk ends at `head`. */
export function verifyChain(entries: Iterable<AuditEntry>, start: ChainLink, head: ChainLink): Verdict {
  let previous = start;
  let count = 0;
  for (const entry of entries) {
    const { hash, ...unsigned } = entry;
    if (entry.seq !== previous.seq + 1) return { ok: false, seq: previous.seq + 1, reason: outOfSequence(entry.seq, previous.seq) };
    if (entryHash(unsigned) !== hash) return { ok: false, seq: entry.seq, reason: 'its content no longer matches its hash' };
    if (entry.prevHash !== previous.hash) {
      return { ok: false, seq: entry.seq, reason: `its prevHash does not match the hash of the entry before it (${previous.seq})` };
    }
    previous = { seq: entry.seq, hash };
    count++;
  }
  return endsAtHead(previous, head) ?? { ok: true, entries: count };
}

function outOfSequence(found: number, previous: number): string {
  if (found > previous) return `it is missing (entry ${found} follows entry ${previous})`;
  return `the kept trail starts after entry ${previous}, yet entry ${found} is there`;
}

/** The newest entry is recorded apart from the chain, so that cutting entries off its end is noticed too. */
function endsAtHead(last: ChainLink, head: ChainLink): Verdict | undefined {
  if (last.seq < head.seq) {
    return { ok: false, seq: last.seq + 1, reason: `entries ${last.seq + 1} to ${head.seq} are missing from the end` };
  }
  if (last.seq > head.seq) {
    return { ok: false, seq: head.seq + 1, reason: `entries after ${head.seq} were not written by the audit trail` };
  }
  if (last.hash !== head.hash) return { ok: false, seq: last.seq, reason: 'it is not the newest entry that was written' };
  return undefined;
}
