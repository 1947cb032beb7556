export const DAY_MS = 86_400_000;

export function daysBetween(earlier: string | Date, later: Date): number {
  return Math.floor((later.getTime() - new Date(earlier).getTime()) / DAY_MS);
}

/** "2026-10-25 (31 days ago)": an absolute date and how long ago, as an admin reads it. */
export function dateWithAge(iso: string | null | undefined, now: Date): string {
  if (!iso) return 'unknown date';
  const days = daysBetween(iso, now);
  const age = days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  return `${iso.slice(0, 10)} (${age})`;
}
