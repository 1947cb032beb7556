import { readFileSync, writeFileSync } from 'node:fs';

export interface SimStats {
  requests: { total: number; byPath: Record<string, number>; batched: number; throttled: number };
  handling: { requests: number; totalMs: number; maxMs: number };
}

export async function simStats(simUrl: string): Promise<SimStats> {
  return (await (await fetch(`${simUrl}/_sim/stats`)).json()) as SimStats;
}

/** Zeroes the counts and clears the 5-per-10-seconds report window, as a pause between an admin's commands would. */
export async function freshSimWindow(simUrl: string): Promise<void> {
  await fetch(`${simUrl}/_sim/stats/reset`, { method: 'POST' });
  await fetch(`${simUrl}/_sim/throttling/reset`, { method: 'POST' });
}

export interface RequestCounts {
  /** Microsoft Graph requests, those inside a $batch included (each $batch counts once more). */
  graph: number;
  /** Exchange admin API (InvokeCommand) requests. */
  exchange: number;
  /** HTTP requests of any kind, token requests included; a $batch is one. */
  http: number;
  /** Report requests answered 429 by the 5-per-10-seconds limit. */
  throttled: number;
  /** The simulator's own time per HTTP request (without the configured latency): mean, and the slowest. */
  simMsPerRequest: number;
  simMaxMs: number;
}

export function countsOf(stats: SimStats): RequestCounts {
  const sum = (keep: (path: string) => boolean) =>
    Object.entries(stats.requests.byPath).filter(([path]) => !path.includes('#') && keep(path)).reduce((total, [, n]) => total + n, 0);
  const { handling } = stats;
  return {
    graph: sum((path) => path.startsWith('/v1.0/') || path.startsWith('/beta/')),
    exchange: sum((path) => path.startsWith('/adminapi/')),
    http: stats.requests.total - stats.requests.batched,
    throttled: stats.requests.throttled,
    simMsPerRequest: handling.requests ? handling.totalMs / handling.requests : 0,
    simMaxMs: handling.maxMs,
  };
}

/** Resets a process's peak resident set (Linux: writing 5 to clear_refs), so VmHWM then says the peak from now on. */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** The process's peak resident set in MB (VmHWM). */
export const peakRssMb = (pid: number) => statusMb(pid, 'VmHWM');

/** The process's resident set now, in MB. */
export const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
