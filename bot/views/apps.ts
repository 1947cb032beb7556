import type { AppAssessment } from '../../services/detection/rules';
import type { Finding } from '../../services/detection/rule';
import { MICROSOFT_TENANT_ID } from '../../services/apps/catalog';
import { credentialsOf, type AppCredential } from '../../services/apps/credentials';
import { activityOf, actorOf } from '../../services/apps/actor';
import { dateWithAge } from '../../services/detection/dates';
import type { AppEvidence } from '../../services/apps/evidence';
import type { AppChoiceView, AppDetailView, CredentialView, RiskyAppRowView, RiskyAppsView } from '../../cards/views';
import type { AppMatch } from '../../services/apps/appProfile';

const REASONS_PER_ROW = 3;

export function originOf(app: Pick<AppEvidence['servicePrincipal'], 'appOwnerOrganizationId' | 'verifiedPublisher'>, tenantId: string): string {
  const owner = app.appOwnerOrganizationId;
  if (owner === tenantId) return 'Registered in this tenant';
  if (owner === MICROSOFT_TENANT_ID) return 'Microsoft first-party';
  const publisher = app.verifiedPublisher?.displayName;
  return publisher ? `Third party, verified publisher ${publisher}` : `Third party (tenant ${owner ?? 'unknown'}), publisher not verified`;
}

function displayNameOf(app: AppEvidence): string {
  return app.servicePrincipal.displayName ?? app.application?.displayName ?? (app.servicePrincipal.appId as string);
}

/** One reason per rule on the list card: two roles read as one "privileged directory role" line. */
function reasonsByRule(findings: Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const finding of findings) {
    const earlier = merged.get(finding.ruleId);
    merged.set(finding.ruleId, earlier ? { ...earlier, detail: `${earlier.detail} ${finding.detail}` } : finding);
  }
  return [...merged.values()];
}

const TRUSTED_NOTE = ' · trusted: standing access shown one level lower (see "expected")';

function originWithTrust(assessment: AppAssessment, tenantId: string): string {
  return originOf(assessment.app.servicePrincipal, tenantId) + (assessment.trusted ? TRUSTED_NOTE : '');
}

export function riskyAppRow(assessment: AppAssessment, tenantId: string): RiskyAppRowView {
  const { app } = assessment;
  const findings = reasonsByRule(assessment.findings);
  return {
    appId: app.servicePrincipal.appId as string,
    displayName: displayNameOf(app),
    riskLevel: assessment.riskLevel,
    origin: originWithTrust(assessment, tenantId),
    reasons: findings.slice(0, REASONS_PER_ROW).map((f) => ({ ruleId: f.ruleId, severity: f.severity, title: f.title, detail: f.detail })),
    moreReasons: Math.max(0, findings.length - REASONS_PER_ROW),
  };
}

export function riskyAppsView(assessments: AppAssessment[], shown: number, tenant: { id: string; name: string }, now: Date): RiskyAppsView {
  const counts = (['critical', 'high', 'medium', 'low'] as const)
    .map((level) => [level, assessments.filter((a) => a.riskLevel === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${count} ${level}`);
  return {
    tenantName: tenant.name,
    generatedAt: now.toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    summary:
      assessments.length === 0
        ? 'Checked application permissions, directory roles and tenant-wide consents.'
        : `${assessments.length} service principal(s) hold high-impact access: ${counts.join(', ')}.`,
    apps: assessments.slice(0, shown).map((a) => riskyAppRow(a, tenant.id)),
    notShown: Math.max(0, assessments.length - shown),
  };
}

function credentialView(credential: AppCredential, now: Date): CredentialView {
  return {
    kind: credential.kind === 'secret' ? 'Client secret' : 'Certificate',
    name: credential.name,
    on: credential.on === 'application' ? 'app registration' : 'service principal',
    added: dateWithAge(credential.startDateTime, now),
    expires: credential.endDateTime ? credential.endDateTime.slice(0, 10) : 'never',
  };
}

export function appDetailView(assessment: AppAssessment, tenantId: string, now: Date, evidenceShown: number, resourceNames: Map<string, string> = new Map()): AppDetailView {
  const { app } = assessment;
  const sp = app.servicePrincipal;
  const events = [...app.audits].sort((a, b) => (b.activityDateTime ?? '').localeCompare(a.activityDateTime ?? ''));
  return {
    appId: sp.appId as string,
    displayName: displayNameOf(app),
    servicePrincipalId: sp.id as string,
    riskLevel: assessment.riskLevel,
    origin: originWithTrust(assessment, tenantId),
    publisher: sp.verifiedPublisher?.displayName ?? 'not verified',
    enabled: sp.accountEnabled !== false,
    created: app.application?.createdDateTime ? dateWithAge(app.application.createdDateTime, now) : 'unknown',
    owners: app.owners.map((o) => o.userPrincipalName ?? o.displayName ?? (o.id as string)),
    findings: assessment.findings.map((f) => ({ ...f })),
    permissions: app.permissions.map((p) => ({ assignmentId: p.assignmentId, resource: p.resourceName, permission: p.permission, granted: dateWithAge(p.grantedDateTime, now) })),
    roles: app.roles.map((r) => ({ assignmentId: r.assignmentId, role: r.roleName, via: r.viaGroup ? `group ${r.viaGroup.displayName}` : 'a direct assignment' })),
    credentials: credentialsOf(app).map((c) => credentialView(c, now)),
    federatedCredentials: app.federatedCredentials.map((f) => ({ name: f.name ?? 'unnamed', issuer: f.issuer ?? '?', subject: f.subject ?? '?' })),
    delegatedGrants: app.delegatedGrants.map((g) => ({
      resource: resourceNames.get(g.resourceId ?? '') ?? g.resourceId ?? '',
      scopes: g.scope?.trim() ?? '',
      consent: g.consentType === 'AllPrincipals' ? 'all users' : 'one user',
    })),
    evidence: events.slice(0, evidenceShown).map((e) => ({
      when: (e.activityDateTime ?? '').replace('T', ' ').slice(0, 16),
      activity: activityOf(e),
      actor: actorOf(e),
      target: (e.targetResources ?? []).map((t) => t.displayName ?? t.id ?? '').filter(Boolean).join(', '),
    })),
    notShownEvidence: Math.max(0, events.length - evidenceShown),
  };
}

export function appChoiceView(query: string, matches: AppMatch[], tenantId: string): AppChoiceView {
  return {
    query,
    matches: matches.map((m) => ({ appId: m.appId as string, displayName: m.displayName ?? (m.appId as string), origin: originOf(m, tenantId) })),
  };
}
