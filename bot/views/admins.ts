import type { AdminAssessment, AdminAccount, DataGap } from '../../services/admins/types';
import type { AdminActionView, AdminRowView, AdminsView } from '../../cards/views';
import { GLOBAL_ADMINISTRATOR } from '../../services/apps/catalog';
import { dateWithAge } from '../../services/detection/dates';
import { minute } from './exchange';

export interface AdminGuardContext {
  breakGlassAccounts: string[];
  /** Object ids of the enabled users holding Global Administrator actively. */
  enabledGlobalAdmins: string[];
  /** Whether Entra ID Protection data is available (P2): Confirm compromised needs it. */
  riskAvailable: boolean;
}

function rolesText(account: AdminAccount): string {
  return account.roles
    .map((r) => `${r.roleName} (${r.assignment}${r.viaGroup ? `, via group ${r.viaGroup.displayName}` : ''})`)
    .join('; ');
}

function mfaText(account: AdminAccount): string {
  if (account.mfaRegistered === undefined) return 'Unknown (the registration report needs Entra ID P1)';
  const source = account.registrationSource === 'methods' ? ' (from the account\'s methods)' : '';
  if (!account.mfaRegistered) return `Not registered${source}`;
  return `Registered: ${account.methodsRegistered.join(', ') || 'yes'}${source}`;
}

function enforcementText(account: AdminAccount): string {
  const { level, by, notes } = account.enforcement;
  const head = level === 'full' ? `Enforced by ${by.join(', ')}` : level === 'partial' ? `Partly enforced by ${by.join(', ')}` : 'Not enforced';
  return notes.length ? `${head}: ${notes.join(' ')}` : head;
}

function riskText(account: AdminAccount): string {
  if (account.riskLevel === undefined) return 'Unknown (needs Entra ID P2)';
  if (account.riskLevel === 'none') return 'None';
  const updated = account.riskLastUpdated ? `, updated ${account.riskLastUpdated.slice(0, 10)}` : '';
  const detail = account.riskDetail && account.riskDetail !== 'none' ? `, ${account.riskDetail}` : '';
  return `${account.riskLevel[0].toUpperCase()}${account.riskLevel.slice(1)} (${account.riskState ?? 'unknown state'}${detail}${updated})`;
}

/** Which buttons an admin row offers, and why a missing one is missing. */
export function adminActions(account: AdminAccount, guards: AdminGuardContext): { actions: AdminActionView[]; guards: string[] } {
  const actions: AdminActionView[] = [{ title: 'Revoke sessions', kind: 'revokeSessions', target: account.id }];
  const reasons: string[] = [];
  if (guards.riskAvailable) actions.push({ title: 'Confirm compromised', kind: 'confirmCompromised', target: account.id });
  else reasons.push('Confirm compromised is not offered: it needs Entra ID P2.');
  const names = guards.breakGlassAccounts;
  const isGlobalAdmin = account.roles.some((r) => r.roleDefinitionId === GLOBAL_ADMINISTRATOR && r.assignment === 'active' && !r.viaGroup);
  if (names.includes(account.id.toLowerCase()) || names.includes(account.userPrincipalName.toLowerCase())) {
    reasons.push('Block sign-in is not offered: this is an emergency-access (break-glass) account.');
  } else if (!account.accountEnabled) {
    reasons.push('Block sign-in is not offered: the account is already blocked.');
  } else if (isGlobalAdmin && guards.enabledGlobalAdmins.length === 1 && guards.enabledGlobalAdmins[0] === account.id.toLowerCase()) {
    reasons.push('Block sign-in is not offered: this is the last enabled Global Administrator.');
  } else {
    actions.push({ title: 'Block sign-in', kind: 'blockSignIn', target: account.id });
  }
  return { actions, guards: reasons };
}

export function adminRow(assessment: AdminAssessment, guards: AdminGuardContext, now: Date): AdminRowView {
  const { account } = assessment;
  const { actions, guards: reasons } = adminActions(account, guards);
  return {
    userId: account.id,
    displayName: account.displayName,
    userPrincipalName: account.userPrincipalName,
    riskLevel: assessment.riskLevel,
    roles: rolesText(account),
    mfa: mfaText(account),
    enforcement: enforcementText(account),
    userRisk: riskText(account),
    lastSignIn: account.lastSignIn ? dateWithAge(account.lastSignIn, now) : 'Unknown',
    findings: assessment.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, title: f.title, detail: f.detail })),
    actions,
    guards: reasons,
  };
}

export function gapText(gap: DataGap): string {
  return `${gap.source}: ${gap.reason}${gap.fallback ? ` ${gap.fallback}` : ''}`;
}

export function adminsView(
  title: string,
  summary: string,
  assessments: AdminAssessment[],
  gaps: DataGap[],
  guards: AdminGuardContext,
  tenantName: string,
  now: Date,
  shown: number,
): AdminsView {
  return {
    title,
    tenantName,
    generatedAt: `${minute(now)} UTC`,
    summary,
    dataGaps: gaps.map(gapText),
    admins: assessments.slice(0, shown).map((a) => adminRow(a, guards, now)),
    notShown: Math.max(0, assessments.length - shown),
  };
}
