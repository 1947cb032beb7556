import { highest, severityRank } from '../detection/severity';
import { adminFindingsOf, type AdminContext, type AdminRule } from './rule';
import { adminWithoutMfa } from './rules/adminWithoutMfa';
import { mfaNotEnforced } from './rules/mfaNotEnforced';
import { riskyAdmin } from './rules/riskyAdmin';
import { staleAdmin } from './rules/staleAdmin';
import type { AdminAccount, AdminAssessment } from './types';

/** Every rule for admin accounts, in the order their findings are shown. */
export const ADMIN_RULES: AdminRule[] = [riskyAdmin, adminWithoutMfa, mfaNotEnforced, staleAdmin];

const USER_RISK_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };

export function assessAdmin(account: AdminAccount, context: AdminContext, rules: AdminRule[] = ADMIN_RULES): AdminAssessment {
  const findings = rules
    .flatMap((rule) => adminFindingsOf(rule, account, context))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { account, riskLevel: findings.length ? highest(findings.map((f) => f.severity)) : 'none', findings };
}

const rank = (level: AdminAssessment['riskLevel']) => (level === 'none' ? 0 : severityRank(level));

/** Highest risk first; ties by the user's Identity Protection risk, then by name so the order is stable. */
export function byAdminRisk(a: AdminAssessment, b: AdminAssessment): number {
  return (
    rank(b.riskLevel) - rank(a.riskLevel) ||
    (USER_RISK_RANK[b.account.riskLevel ?? ''] ?? 0) - (USER_RISK_RANK[a.account.riskLevel ?? ''] ?? 0) ||
    a.account.displayName.localeCompare(b.account.displayName)
  );
}

export function assessAdmins(accounts: AdminAccount[], context: AdminContext): AdminAssessment[] {
  return accounts.map((account) => assessAdmin(account, context)).sort(byAdminRisk);
}
