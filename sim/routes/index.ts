import type { Route } from '../router';
import { applicationRoutes } from './applications';
import { auditLogQueryRoutes } from './auditLogQueries';
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
  ...groupRoutes,
  ...directoryObjectRoutes,
  ...roleManagementRoutes,
  ...oauth2PermissionGrantRoutes,
  ...reportRoutes,
  ...identityProtectionRoutes,
  ...tenantSettingRoutes,
  ...auditLogQueryRoutes,
];
