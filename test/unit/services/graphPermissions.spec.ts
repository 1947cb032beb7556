import assert from 'node:assert/strict';
import { permissionFor } from '../../../services/graph/permissions';

describe('the permission a Graph request needs', () => {
  const cases: [string, string, string][] = [
    ['GET', '/servicePrincipals/abc/appRoleAssignedTo?$top=999', 'Application.Read.All'],
    ['GET', "/servicePrincipals(appId='x')", 'Application.Read.All'],
    ['DELETE', '/servicePrincipals/abc/appRoleAssignedTo/def', 'AppRoleAssignment.ReadWrite.All'],
    ['GET', '/roleManagement/directory/roleAssignments?$filter=x', 'RoleManagement.Read.Directory'],
    ['DELETE', '/roleManagement/directory/roleAssignments/abc', 'RoleManagement.ReadWrite.Directory'],
    ['GET', 'https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=x', 'AuditLog.Read.All'],
    ['POST', '/applications/abc/removePassword', 'Application.ReadWrite.All'],
    ['POST', '/users/abc/checkMemberGroups', 'GroupMember.Read.All'],
    ['GET', '/oauth2PermissionGrants?$filter=x', 'Directory.Read.All'],
    ['POST', '/users/abc/revokeSignInSessions', 'User.RevokeSessions.All (and, for an admin or a member of a role-assignable group, the Privileged Authentication Administrator role)'],
  ];
  for (const [method, path, permission] of cases) {
    it(`${method} ${path.split('?')[0]} needs ${permission}`, () => assert.equal(permissionFor(method, path), permission));
  }
});
