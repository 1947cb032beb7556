export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const EXCHANGE_AUDIENCE = 'https://outlook.office365.com';

/** Microsoft Graph application permissions (app role value -> app role id, from Microsoft's permissions reference). */
export const GRAPH_APP_ROLES: Readonly<Record<string, string>> = {
  'Application.Read.All': '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  'Application.ReadWrite.All': '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
  'Application.ReadWrite.OwnedBy': '18a4783c-866b-4cc7-a460-3d5e5662c884',
  'AppRoleAssignment.ReadWrite.All': '06b708a9-e830-4db3-a914-8e69da51d44f',
  'AuditLog.Read.All': 'b0afded3-3588-46d8-8b3d-9842eff778da',
  'Calendars.Read': '798ee544-9d2d-430c-a058-570e29e34338',
  'Contacts.Read': '089fe4d0-434a-44c5-8827-41ba8a0b17f5',
  'DelegatedPermissionGrant.ReadWrite.All': '8e8e4742-1d95-4f68-9d56-6ee75648c72a',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'Directory.ReadWrite.All': '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'Group.ReadWrite.All': '62a82d76-70ea-41e2-9197-370581804d09',
  'GroupMember.Read.All': '98830695-27a2-44f7-8c18-0c3ebc9698f6',
  'IdentityRiskyUser.Read.All': 'dc5007c0-2d7d-4c42-879c-2dab87571379',
  'IdentityRiskyUser.ReadWrite.All': '656f6061-f9fe-4807-9708-6a2e0934df76',
  'Mail.Read': '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
  'Organization.Read.All': '498476ce-e0fe-48b0-b801-37ba7e2685c6',
  'People.Read.All': 'b528084d-ad10-4598-8b93-929746b4d7d6',
  'Policy.Read.All': '246dd0d5-5bd0-4def-940b-0421030a5b68',
  'Reports.Read.All': '230c1aed-a721-4c5d-9cb4-a90514e508ef',
  'RoleManagement.Read.All': 'c7fbd983-d9aa-4fa7-84b8-17382c103bc4',
  'RoleManagement.Read.Directory': '483bed4a-2ad3-4361-a73b-c83ccdbdc53c',
  'RoleManagement.ReadWrite.Directory': '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
  'Sites.Read.All': '332a536c-c7ef-4017-ab91-336970924f0d',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'User.ReadWrite.All': '741f803b-c850-494e-b5df-cde7c675a1ca',
};

/** Further Graph application permissions the sim knows by name only (route tables and the audit-log query API). */
const GRAPH_PERMISSION_NAMES_WITHOUT_ROLE_IDS = [
  'AuditLogsQuery-Exchange.Read.All',
  'AuditLogsQuery.Read.All',
  'DelegatedPermissionGrant.Read.All',
  'GroupMember.ReadBasic.All',
  'GroupMember.ReadWrite.All',
  'Organization.ReadWrite.All',
  'Policy.ReadWrite.AuthenticationMethod',
  'Policy.ReadWrite.ConditionalAccess',
  'RoleEligibilitySchedule.Read.Directory',
  'RoleEligibilitySchedule.ReadWrite.Directory',
  'User.EnableDisableAccount.All',
  'User.ReadBasic.All',
  'User.RevokeSessions.All',
  'UserAuthenticationMethod.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
];

export const EXCHANGE_APP_PERMISSIONS = ['Exchange.ManageAsApp', 'full_access_as_app', 'Mail.Read', 'Mail.ReadWrite', 'Mail.Send'];

/** Low-impact Graph application permissions used for noise grants. */
export const LOW_IMPACT_GRAPH_PERMISSIONS = ['User.Read.All', 'Group.Read.All', 'Sites.Read.All', 'Calendars.Read', 'Contacts.Read', 'People.Read.All', 'Organization.Read.All', 'Reports.Read.All'];

export function knownGraphPermissions(): string[] {
  return [...Object.keys(GRAPH_APP_ROLES), ...GRAPH_PERMISSION_NAMES_WITHOUT_ROLE_IDS];
}
