/** Who did something, as the records say. */
export interface TimelineActor {
  kind: 'user' | 'app' | 'otherApp' | 'unknown';
  /** A person's display name or UPN; another app's name; empty for the investigated app itself. */
  name: string;
  userPrincipalName?: string;
  ip?: string;
}

/** One line of an app's story: a single audit event, or a burst of like changes made within minutes. */
export interface TimelineEntry {
  /** Epoch ms of the first event. */
  at: number;
  /** Epoch ms of the last event, for a burst. */
  until?: number;
  source: 'directory' | 'exchange';
  actor: TimelineActor;
  /** What happened, in plain words and without the actor: "added a client secret to the app registration". */
  what: string;
  /** The objects a burst concerns (rule names); empty for a single event. */
  names: string[];
  /** The audit records this entry stands for. */
  recordIds: string[];
}

/** Oldest first; a directory event before an Exchange one at the same instant, since grants come before use. */
export function chronological(entries: TimelineEntry[]): TimelineEntry[] {
  const order = { directory: 0, exchange: 1 } as const;
  return [...entries].sort((a, b) => a.at - b.at || order[a.source] - order[b.source]);
}

/** Each audit record once: directory audits and Exchange pages can both repeat a record. */
export function uniqueById<T>(records: T[], idOf: (record: T) => string | null | undefined): T[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const id = idOf(record);
    if (!id) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function buildTimeline(directory: TimelineEntry[], exchange: TimelineEntry[]): TimelineEntry[] {
  return chronological([...directory, ...exchange]);
}
