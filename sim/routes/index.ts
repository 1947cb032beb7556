import type { Route } from '../router';
import { applicationRoutes } from './applications';
import { auditLogQueryRoutes } from './auditLogQueries';
import { authenticationRoutes, betaAuthenticationRoutes } from './authentication';
import { directoryObjectRoutes } from './directoryObjects';
import { groupRoutes } from './groups';
import { identityProtectionRoutes } from './identityProtection';
import { oauth2PermissionGrantRoutes } from './oauth2PermissionGrants';
import { reportRoutes } from './reports';
import { roleManagementRoutes } from './roleManagement';
import { servicePrincipalRoutes } from './servicePrincipals';
import { tenantSettingRoutes } from './tenantSettings';
import { userRoutes } from './users';

/** Every simulated Microsoft Graph v1.0 route, with the application permissions each accepts. */
export const GRAPH_ROUTES: readonly Route[] = [
  ...servicePrincipalRoutes,
  ...applicationRoutes,
  ...userRoutes,
  ...authenticationRoutes,
  ...groupRoutes,
  ...directoryObjectRoutes,
  ...roleManagementRoutes,
  ...oauth2PermissionGrantRoutes,
  ...reportRoutes,
  ...identityProtectionRoutes,
  ...tenantSettingRoutes,
  ...auditLogQueryRoutes,
];

/** The Microsoft Graph beta routes the sim serves (per-user MFA state only). */
export const GRAPH_BETA_ROUTES: readonly Route[] = [...betaAuthenticationRoutes];
