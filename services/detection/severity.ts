export type Severity = 'critical' | 'high' | 'medium' | 'low';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** One level lower, never below low. */
export function lowered(severity: Severity): Severity {
  return (Object.keys(RANK) as Severity[]).find((s) => RANK[s] === Math.max(1, RANK[severity] - 1)) as Severity;
}

export function highest(severities: Severity[]): Severity {
  return severities.reduce<Severity>((top, s) => (RANK[s] > RANK[top] ? s : top), 'low');
}
