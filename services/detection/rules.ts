import type { AppEvidence, ScanContext } from '../apps/evidence';
import { findingsOf, type AppRule, type Finding } from './rule';
import { highest, lowered, severityRank, type Severity } from './severity';
import { accessGrantedRecently } from './rules/accessGrantedRecently';
import { activeCredentials } from './rules/activeCredentials';
import { unverifiedOrigin } from './rules/appOrigin';
import { credentialAddedRecently } from './rules/credentialAddedRecently';
import { exchangePowerShellAsApp } from './rules/exchangePowerShellAsApp';
import { federatedCredential } from './rules/federatedCredential';
import { highImpactPermission } from './rules/highImpactPermission';
import { noOwner } from './rules/noOwner';
import { privilegedRole } from './rules/privilegedRole';
import { tenantWideDelegatedGrant } from './rules/tenantWideDelegatedGrant';

/** Every rule for apps, in the order their findings are shown. */
export const APP_RULES: AppRule[] = [
  exchangePowerShellAsApp,
  privilegedRole,
  highImpactPermission,
  tenantWideDelegatedGrant,
  credentialAddedRecently,
  federatedCredential,
  accessGrantedRecently,
  unverifiedOrigin,
  activeCredentials,
  noOwner,
];

export interface AppAssessment {
  app: AppEvidence;
  riskLevel: Severity;
  /** Orders apps of the same level: each finding weighs by its severity. */
  score: number;
  findings: Finding[];
  /** Trusted by an approved request or TRUSTED_APP_IDS. */
  trusted: boolean;
}

const WEIGHT: Record<Severity, number> = { critical: 100, high: 30, medium: 10, low: 1 };

export function assessApp(app: AppEvidence, context: ScanContext, rules: AppRule[] = APP_RULES): AppAssessment {
  const trusted = context.trustedAppIds?.has((app.servicePrincipal.appId ?? '').toLowerCase()) ?? false;
  const findings = rules
    .flatMap((rule) => findingsOf(rule, app, context).map((f) => (trusted && !rule.aboutAChange ? { ...f, severity: lowered(f.severity) } : f)))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return {
    app,
    riskLevel: highest(findings.map((f) => f.severity)),
    score: findings.reduce((sum, f) => sum + WEIGHT[f.severity], 0),
    findings,
    trusted,
  };
}

/** Highest risk first; ties by score, then by name so the order is stable. */
export function byRisk(a: AppAssessment, b: AppAssessment): number {
  return (
    severityRank(b.riskLevel) - severityRank(a.riskLevel) ||
    b.score - a.score ||
    (a.app.servicePrincipal.displayName ?? '').localeCompare(b.app.servicePrincipal.displayName ?? '')
  );
}
