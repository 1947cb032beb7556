import type { AdminAccount } from './types';

/** Risk still open: remediated and dismissed risk keeps its level for the record. */
export const LIVE_RISK_STATES = new Set(['atRisk', 'confirmedCompromised']);
const RISKY_LEVELS = new Set(['medium', 'high']);

const time = (iso: string | undefined) => (iso ? Date.parse(iso) || 0 : 0);

/** Admins whose user risk is medium or high and still open, newest risk first. */
export function riskyAdmins(accounts: AdminAccount[]): AdminAccount[] {
  return accounts
    .filter((a) => RISKY_LEVELS.has(a.riskLevel ?? '') && LIVE_RISK_STATES.has(a.riskState ?? ''))
    .sort((a, b) => time(b.riskLastUpdated) - time(a.riskLastUpdated) || a.displayName.localeCompare(b.displayName));
}
