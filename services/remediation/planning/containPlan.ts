import { HIGH_IMPACT_PERMISSIONS } from '../../apps/catalog';
import { holdsHighImpactAccess, type GrantedPermission } from '../../apps/evidence';
import type { RemediationPlan } from '../types';
import { credentialSteps, directRoleStep, disableStep, grantStep, groupMembershipSteps, revokeStep } from './appSteps';
import { findingsEvidence, targetSummary, type AppTarget } from './appTarget';
import { plan, refuse, TOKENS_CAVEAT, type Refusal } from './draft';

const isHighImpact = (p: GrantedPermission) => HIGH_IMPACT_PERMISSIONS.some((h) => h.resourceAppId === p.resourceAppId && h.value === p.permission);

/**
 * Disable first, so the app cannot use what is still to be removed, then take away every permission,
 * role, credential and tenant-wide grant. The objects themselves stay, for investigation and undo.
 */
export function containPlan(target: AppTarget): RemediationPlan | Refusal {
  const { app } = target;
  if (!holdsHighImpactAccess(app)) {
    return refuse(`${target.name} no longer holds high-impact access (no high-impact application permission and no privileged directory role), so there is nothing to contain`);
  }
  const permissions = [...app.permissions.filter(isHighImpact), ...app.permissions.filter((p) => !isHighImpact(p))];
  const tenantWide = app.delegatedGrants.filter((g) => g.consentType === 'AllPrincipals');
  const perUser = app.delegatedGrants.length - tenantWide.length;
  const groups = [...new Set(app.roles.filter((r) => r.viaGroup).map((r) => r.viaGroup!.displayName))];
  const caveats = [
    TOKENS_CAVEAT,
    'The app registration and service principal are kept (disabled) for the investigation; everything removed is recorded so it can be put back by hand.',
    ...groups.map((group) => `The group '${group}' keeps its roles for its other members; only this app leaves it.`),
    ...(perUser > 0 ? [`${perUser} per-user delegated grant(s) stay; the disabled app cannot use them.`] : []),
    'Connectors and transport rules the app may have created are not changed: review them with "show new connectors" and "show transport rules".',
  ];
  return plan({
    kind: 'contain',
    title: `Contain ${target.name}`,
    targetSummary: targetSummary(target),
    evidence: findingsEvidence(target),
    steps: [
      disableStep(target),
      ...permissions.map((permission) => revokeStep(target, permission)),
      ...app.roles.filter((role) => !role.viaGroup).map((role) => directRoleStep(target, role)),
      ...groupMembershipSteps(target, app.roles),
      ...credentialSteps(target),
      ...tenantWide.map((grant) => grantStep(target, grant)),
    ],
    caveats,
  });
}
