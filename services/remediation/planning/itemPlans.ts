import type { UnifiedRoleAssignment } from '@microsoft/microsoft-graph-types';
import { privilegedRole } from '../../apps/catalog';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone } from '../steps/graphReads';
import type { RemediationPlan, StepSpec } from '../types';
import { credentialSteps, directRoleStep, disableStep, groupMembershipSteps, revokeStep } from './appSteps';
import { assignmentHolder } from './assignmentHolder';
import { findingsEvidence, targetSummary, type AppTarget } from './appTarget';
import { day, plan, refuse, TOKENS_CAVEAT, type Refusal } from './draft';

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function common(target: AppTarget) {
  return { targetSummary: targetSummary(target), evidence: findingsEvidence(target) };
}

export async function revokePermissionPlan(graph: GraphApi, target: AppTarget, item: string): Promise<RemediationPlan | Refusal> {
  const permission = target.app.permissions.find((p) => sameId(p.assignmentId, item));
  if (!permission) {
    const holder = await assignmentHolder(graph, item);
    if (holder) return refuse(`that item does not belong to this app: app role assignment ${item} gives ${holder.permission} to '${holder.principalName}', not to ${target.name}`);
    return refuse(`${target.name} no longer holds that permission: app role assignment ${item} does not exist any more (it was revoked already)`);
  }
  const { evidence, ...rest } = common(target);
  return plan({
    kind: 'revokePermission',
    title: `Revoke ${permission.permission} from ${target.name}`,
    ...rest,
    evidence: [`Holds ${permission.permission} on ${permission.resourceName}, granted ${day(permission.grantedDateTime)}.`, ...evidence],
    steps: [revokeStep(target, permission)],
    caveats: [TOKENS_CAVEAT],
  });
}

export async function removeRolePlan(graph: GraphApi, target: AppTarget, item: string): Promise<RemediationPlan | Refusal> {
  const role = target.app.roles.find((r) => sameId(r.assignmentId, item));
  if (!role) {
    const assignment = await readOrGone(graph.get<UnifiedRoleAssignment>(`/roleManagement/directory/roleAssignments/${encodeURIComponent(item)}`));
    if (!assignment) return refuse(`${target.name} no longer holds that role: role assignment ${item} does not exist any more (it was removed already)`);
    const name = privilegedRole(assignment.roleDefinitionId as string)?.name ?? `role ${assignment.roleDefinitionId}`;
    return refuse(`that item does not belong to this app: role assignment ${item} gives ${name} to another principal (${assignment.principalId}), not to ${target.name}`);
  }
  const base = { kind: 'removeRole' as const, title: `Remove ${role.roleName} from ${target.name}`, ...common(target) };
  if (!role.viaGroup) return plan({ ...base, steps: [directRoleStep(target, role)], caveats: [TOKENS_CAVEAT] });
  const group = role.viaGroup;
  const throughGroup = target.app.roles.filter((r) => r.viaGroup?.id === group.id);
  const others = [...new Set(throughGroup.filter((r) => r.roleName !== role.roleName).map((r) => r.roleName))];
  return plan({
    ...base,
    steps: groupMembershipSteps(target, throughGroup),
    caveats: [
      `${target.name} holds ${role.roleName} through the group '${group.displayName}': it leaves the group, and the group keeps ${role.roleName} for its other members.`,
      ...(others.length > 0 ? [`Leaving the group also removes ${others.join(' and ')} from ${target.name}.`] : []),
      TOKENS_CAVEAT,
    ],
  });
}

const CREDENTIAL_KINDS: Partial<Record<StepSpec['type'], string>> = {
  removePassword: 'client secret',
  removeKeyCredential: 'certificate',
  deleteFederatedCredential: 'federated credential',
};

export function removeCredentialsPlan(target: AppTarget, item: string | undefined): RemediationPlan | Refusal {
  const steps = credentialSteps(target, item);
  if (steps.length === 0) {
    return refuse(
      item
        ? `that item does not belong to this app: ${target.name} has no secret, certificate or federated credential with id ${item} (it may have been removed already)`
        : `${target.name} has no secrets, certificates or federated credentials left to remove`,
    );
  }
  return plan({
    kind: 'removeCredentials',
    title: item ? `Remove a ${CREDENTIAL_KINDS[steps[0].spec.type]} from ${target.name}` : `Remove every credential of ${target.name}`,
    ...common(target),
    steps,
    caveats: [
      'Tokens already issued with these credentials stay valid until they expire, typically 60–90 minutes.',
      'Anything that legitimately signs in with these credentials stops working.',
    ],
  });
}

export function disableAppPlan(target: AppTarget): RemediationPlan | Refusal {
  if (target.app.servicePrincipal.accountEnabled === false) return refuse(`${target.name} is already disabled`);
  return plan({
    kind: 'disableApp',
    title: `Disable ${target.name}`,
    ...common(target),
    steps: [disableStep(target)],
    caveats: [TOKENS_CAVEAT, 'Its permissions, roles and credentials are kept: enabling the service principal again restores the app as it was.'],
  });
}
