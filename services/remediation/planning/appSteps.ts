import type { FederatedIdentityCredential, OAuth2PermissionGrant } from '@microsoft/microsoft-graph-types';
import { credentialsOf, type AppCredential } from '../../apps/credentials';
import type { GrantedPermission, HeldRole } from '../../apps/evidence';
import type { AppTarget } from './appTarget';
import { day, type DraftStep } from './draft';

// Builders of the steps an app plan is made of; each description names exactly what changes.

export function disableStep(target: AppTarget): DraftStep {
  const id = target.app.servicePrincipal.id as string;
  return {
    spec: { type: 'disableServicePrincipal', servicePrincipalId: id },
    description: `Disable the service principal of ${target.name} (object id ${id}), so it cannot get new tokens`,
  };
}

export function revokeStep(target: AppTarget, permission: GrantedPermission): DraftStep {
  return {
    spec: {
      type: 'revokeAppRoleAssignment',
      servicePrincipalId: target.app.servicePrincipal.id as string,
      resourceId: permission.resourceId,
      assignmentId: permission.assignmentId,
      permission: permission.permission,
    },
    description: `Revoke ${permission.permission} on ${permission.resourceName} from ${target.name} (app role assignment ${permission.assignmentId})`,
  };
}

export function directRoleStep(target: AppTarget, role: HeldRole): DraftStep {
  const scope = role.directoryScopeId === '/' ? 'whole directory' : role.directoryScopeId;
  return {
    spec: { type: 'removeDirectoryRole', assignmentId: role.assignmentId, roleName: role.roleName, principalId: target.app.servicePrincipal.id as string },
    description: `Remove the ${role.roleName} role from ${target.name} (role assignment ${role.assignmentId}, scope: ${scope})`,
  };
}

/** One step per role-assignable group the app holds roles through: leaving the group drops them all. */
export function groupMembershipSteps(target: AppTarget, roles: HeldRole[]): DraftStep[] {
  const groups = new Map<string, { displayName: string; roles: string[] }>();
  for (const role of roles) {
    if (!role.viaGroup) continue;
    const group = groups.get(role.viaGroup.id) ?? { displayName: role.viaGroup.displayName, roles: [] };
    group.roles.push(role.roleName);
    groups.set(role.viaGroup.id, group);
  }
  return [...groups].map(([groupId, group]) => ({
    spec: { type: 'removeGroupMember', groupId, groupName: group.displayName, memberId: target.app.servicePrincipal.id as string },
    description:
      `Remove ${target.name} from the role-assignable group '${group.displayName}' (group id ${groupId}), through which it holds ` +
      `${group.roles.join(' and ')}; the group keeps its roles for its other members`,
  }));
}

type Holder = 'application' | 'servicePrincipal';

function holderName(on: Holder, target: AppTarget): string {
  return `${on === 'application' ? 'the app registration' : 'the service principal'} of ${target.name}`;
}

function thumbprint(customKeyIdentifier: string | null | undefined): string | undefined {
  if (!customKeyIdentifier) return undefined;
  const bytes = Buffer.from(customKeyIdentifier, 'base64');
  return bytes.length === 20 ? bytes.toString('hex').toUpperCase() : undefined;
}

function holderOf(target: AppTarget, on: Holder) {
  return on === 'application' ? target.app.application : target.app.servicePrincipal;
}

function secretStep(target: AppTarget, credential: AppCredential): DraftStep {
  const raw = holderOf(target, credential.on)?.passwordCredentials?.find((p) => p.keyId === credential.keyId);
  const label = raw?.hint ? `'${raw.hint}…'` : 'without a hint';
  const named = raw?.displayName ? ` named "${raw.displayName}"` : '';
  return {
    spec: { type: 'removePassword', on: credential.on, objectId: holderOf(target, credential.on)?.id as string, keyId: credential.keyId, name: credential.name },
    description: `Remove client secret ${label}${named} (keyId ${credential.keyId}, expires ${day(credential.endDateTime)}) from ${holderName(credential.on, target)}`,
  };
}

function certificateStep(target: AppTarget, credential: AppCredential): DraftStep {
  const raw = holderOf(target, credential.on)?.keyCredentials?.find((k) => k.keyId === credential.keyId);
  const print = thumbprint(raw?.customKeyIdentifier);
  return {
    spec: { type: 'removeKeyCredential', on: credential.on, objectId: holderOf(target, credential.on)?.id as string, keyId: credential.keyId, name: credential.name },
    description:
      `Remove certificate '${credential.name}' (${print ? `thumbprint ${print}, ` : ''}keyId ${credential.keyId}, expires ${day(credential.endDateTime)}) ` +
      `from ${holderName(credential.on, target)}`,
  };
}

function federatedStep(target: AppTarget, credential: FederatedIdentityCredential): DraftStep {
  return {
    spec: { type: 'deleteFederatedCredential', applicationId: target.app.application?.id as string, credentialId: credential.id as string, name: credential.name ?? (credential.id as string) },
    description:
      `Delete federated credential '${credential.name}' (issuer ${credential.issuer}, subject ${credential.subject}, id ${credential.id}) ` +
      `from ${holderName('application', target)}`,
  };
}

/** Secrets, then certificates, then federated credentials; `only` keeps the one with that key or credential id. */
export function credentialSteps(target: AppTarget, only?: string): DraftStep[] {
  const wanted = (id: string | null | undefined) => only === undefined || (id ?? '').toLowerCase() === only.toLowerCase();
  const credentials = credentialsOf(target.app).filter((c) => wanted(c.keyId));
  return [
    ...credentials.filter((c) => c.kind === 'secret').map((c) => secretStep(target, c)),
    ...credentials.filter((c) => c.kind === 'certificate').map((c) => certificateStep(target, c)),
    ...target.app.federatedCredentials.filter((f) => wanted(f.id)).map((f) => federatedStep(target, f)),
  ];
}

export function grantStep(target: AppTarget, grant: OAuth2PermissionGrant): DraftStep {
  const resource = target.resourceNames.get(grant.resourceId as string) ?? (grant.resourceId as string);
  const scopes = (grant.scope ?? '').trim();
  return {
    spec: { type: 'deleteDelegatedGrant', grantId: grant.id as string, scopes },
    description: `Delete the delegated grant of ${scopes} on ${resource} that ${target.name} holds for every user (grant id ${grant.id})`,
  };
}
