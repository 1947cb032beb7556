import { HIGH_IMPACT_PERMISSIONS, privilegedRole } from './catalog';
import type {
  Application,
  DirectoryAudit,
  DirectoryObject,
  FederatedIdentityCredential,
  OAuth2PermissionGrant,
  ServicePrincipal,
} from '@microsoft/microsoft-graph-types';

/** An application permission the service principal holds, resolved to its name. */
export interface GrantedPermission {
  assignmentId: string;
  resourceId: string;
  resourceAppId: string;
  resourceName: string;
  appRoleId: string;
  permission: string;
  grantedDateTime?: string;
}

export interface HeldRole {
  assignmentId: string;
  roleDefinitionId: string;
  roleName: string;
  directoryScopeId: string;
  /** The role-assignable group the role reaches it through; absent for a direct assignment. */
  viaGroup?: { id: string; displayName: string };
}

export type Owner = DirectoryObject & { displayName?: string | null; userPrincipalName?: string | null; appId?: string | null };

/** Everything known about one service principal that the detection rules look at. */
export interface AppEvidence {
  servicePrincipal: ServicePrincipal;
  /** The app registration, when it lives in this tenant. */
  application?: Application;
  owners: Owner[];
  federatedCredentials: FederatedIdentityCredential[];
  permissions: GrantedPermission[];
  roles: HeldRole[];
  delegatedGrants: OAuth2PermissionGrant[];
  audits: DirectoryAudit[];
}

export interface ScanContext {
  tenantId: string;
  now: Date;
  /** Apps trusted by an approved request or TRUSTED_APP_IDS: standing access is shown one level lower. */
  trustedAppIds?: ReadonlySet<string>;
}

export function holdsHighImpactAccess(app: AppEvidence): boolean {
  return (
    app.permissions.some((p) => HIGH_IMPACT_PERMISSIONS.some((h) => h.resourceAppId === p.resourceAppId && h.value === p.permission)) ||
    app.roles.some((r) => privilegedRole(r.roleDefinitionId) !== undefined)
  );
}
