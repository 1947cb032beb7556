// Graph's 403 does not say which permission is missing; this table does, per Microsoft's
// "Permissions" section of each API page (least privileged application permission).

interface PermissionRule {
  pattern: RegExp;
  methods?: string[];
  permission: string;
}

const RULES: PermissionRule[] = [
  { pattern: /^\/servicePrincipals\/[^/]+\/appRoleAssign(edTo|ments)\/[^/]+$/, methods: ['DELETE'], permission: 'AppRoleAssignment.ReadWrite.All' },
  { pattern: /^\/roleManagement\/directory\/roleAssignments\/[^/]+$/, methods: ['DELETE'], permission: 'RoleManagement.ReadWrite.Directory' },
  { pattern: /^\/roleManagement\/directory\/roleEligibilityScheduleInstances/, permission: 'RoleManagement.Read.Directory' },
  { pattern: /^\/roleManagement\/directory\//, permission: 'RoleManagement.Read.Directory' },
  { pattern: /^\/(applications|servicePrincipals)[/(][^?]*\/(removePassword|removeKey)$/, permission: 'Application.ReadWrite.All' },
  { pattern: /^\/(applications|servicePrincipals)\b/, methods: ['PATCH', 'DELETE', 'POST'], permission: 'Application.ReadWrite.All' },
  { pattern: /^\/(applications|servicePrincipals)\b/, permission: 'Application.Read.All' },
  { pattern: /^\/oauth2PermissionGrants\/[^/]+$/, methods: ['DELETE'], permission: 'DelegatedPermissionGrant.ReadWrite.All' },
  { pattern: /^\/oauth2PermissionGrants\b/, permission: 'Directory.Read.All' },
  { pattern: /^\/auditLogs\//, permission: 'AuditLog.Read.All' },
  { pattern: /^\/reports\/authenticationMethods\//, permission: 'AuditLog.Read.All' },
  { pattern: /^\/identityProtection\/riskyUsers\/confirmCompromised$/, permission: 'IdentityRiskyUser.ReadWrite.All' },
  { pattern: /^\/identityProtection\/riskyUsers\b/, permission: 'IdentityRiskyUser.Read.All' },
  { pattern: /^\/policies\/|^\/identity\/conditionalAccess\//, permission: 'Policy.Read.All' },
  { pattern: /^\/users\/[^/]+\/revokeSignInSessions$/, permission: 'User.RevokeSessions.All (and, for an admin or a member of a role-assignable group, the Privileged Authentication Administrator role)' },
  { pattern: /^\/users\/[^/]+$/, methods: ['PATCH'], permission: 'User.EnableDisableAccount.All (and, for an admin or a member of a role-assignable group, the Privileged Authentication Administrator role)' },
  { pattern: /^\/users\/[^/]+\/authentication\/methods/, permission: 'UserAuthenticationMethod.Read.All' },
  { pattern: /^\/users\/[^/]+\/authentication\/requirements/, permission: 'Policy.Read.All' },
  { pattern: /^\/(applications|servicePrincipals)\/[^/]+\/owners/, methods: ['DELETE', 'POST'], permission: 'Application.ReadWrite.All' },
  { pattern: /^\/groups\/[^/]+\/members\/[^/]+\/\$ref$/, methods: ['DELETE'], permission: 'GroupMember.ReadWrite.All (and RoleManagement.ReadWrite.Directory for a role-assignable group)' },
  { pattern: /^\/users\/[^/]+\/(checkMemberGroups|checkMemberObjects|getMemberGroups)$/, permission: 'GroupMember.Read.All' },
  { pattern: /^\/(users|groups)\/[^/]+\/(transitiveMemberOf|memberOf|members|transitiveMembers)\b/, permission: 'GroupMember.Read.All' },
  { pattern: /^\/users\b/, permission: 'User.Read.All' },
  { pattern: /^\/groups\b/, permission: 'GroupMember.Read.All' },
  { pattern: /^\/directoryObjects\/getByIds$/, permission: 'Directory.Read.All' },
  { pattern: /^\/security\/auditLog\/queries\b/, permission: 'AuditLogsQuery-Exchange.Read.All' },
  { pattern: /^\/organization\b/, permission: 'Organization.Read.All' },
];

/** The least application permission Graph requires for this request, or undefined when unknown. */
export function permissionFor(method: string, path: string): string | undefined {
  const bare = path.replace(/^https:\/\/[^/]+/, '').replace(/^\/(v1\.0|beta)/, '').split('?')[0];
  const upper = method.toUpperCase();
  return RULES.find((rule) => rule.pattern.test(bare) && (!rule.methods || rule.methods.includes(upper)))?.permission;
}
