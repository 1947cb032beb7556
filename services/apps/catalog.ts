// What counts as high-impact access. Permission ids are resolved at run time from the
// resource's appRoles by value; role template ids are Microsoft's fixed built-in ids.
import type { Severity } from '../detection/severity';

export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface HighImpactPermission {
  resourceAppId: string;
  value: string;
  severity: Severity;
  /** What the permission lets an app do, in an admin's words. */
  power: string;
}

export const HIGH_IMPACT_PERMISSIONS: HighImpactPermission[] = [
  { resourceAppId: EXCHANGE_ONLINE_APP_ID, value: 'Exchange.ManageAsApp', severity: 'high', power: 'run Exchange Online PowerShell as itself (with an Exchange role it can create connectors and transport rules)' },
  { resourceAppId: EXCHANGE_ONLINE_APP_ID, value: 'full_access_as_app', severity: 'high', power: 'read and send mail as every mailbox through EWS' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'RoleManagement.ReadWrite.Directory', severity: 'critical', power: 'make any account, including itself, a Global Administrator' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'AppRoleAssignment.ReadWrite.All', severity: 'critical', power: 'grant itself or any app any application permission' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'Application.ReadWrite.All', severity: 'high', power: 'add credentials to any app in the tenant and act as it' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'Directory.ReadWrite.All', severity: 'high', power: 'change users, groups and directory settings' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'Policy.ReadWrite.ConditionalAccess', severity: 'high', power: 'turn off or weaken Conditional Access, including MFA requirements' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'Domain.ReadWrite.All', severity: 'high', power: 'add or federate domains, a way to sign in as any user' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'User.ReadWrite.All', severity: 'medium', power: 'change any user profile' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'Mail.Send', severity: 'high', power: 'send mail as any user' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'Mail.ReadWrite', severity: 'high', power: 'read, change and delete mail in every mailbox' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'MailboxSettings.ReadWrite', severity: 'medium', power: 'create inbox forwarding rules in every mailbox' },
  { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: 'Mail.Read', severity: 'medium', power: 'read mail in every mailbox' },
];

/** Delegated scopes that, consented for every user, give an app control of mail or the directory. */
export const HIGH_IMPACT_DELEGATED_SCOPES: Record<string, Severity> = {
  'Mail.ReadWrite': 'high',
  'Mail.Send': 'high',
  'Mail.Read': 'medium',
  'MailboxSettings.ReadWrite': 'medium',
  'Directory.ReadWrite.All': 'high',
  'Directory.AccessAsUser.All': 'high',
  'RoleManagement.ReadWrite.Directory': 'critical',
  'AppRoleAssignment.ReadWrite.All': 'critical',
  'Application.ReadWrite.All': 'high',
  'User.ReadWrite.All': 'medium',
  'EWS.AccessAsUser.All': 'high',
  'full_access_as_user': 'high',
};

export interface PrivilegedRole {
  templateId: string;
  name: string;
  severity: Severity;
}

export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const EXCHANGE_ADMINISTRATOR = '29232cdf-9323-42fd-ade2-1d097af3e4de';

export const PRIVILEGED_ROLES: PrivilegedRole[] = [
  { templateId: GLOBAL_ADMINISTRATOR, name: 'Global Administrator', severity: 'critical' },
  { templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814', name: 'Privileged Role Administrator', severity: 'critical' },
  { templateId: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', name: 'Privileged Authentication Administrator', severity: 'critical' },
  // Not marked privileged by Microsoft, but it is what the spam-relay attack needs.
  { templateId: EXCHANGE_ADMINISTRATOR, name: 'Exchange Administrator', severity: 'high' },
  { templateId: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', name: 'Application Administrator', severity: 'high' },
  { templateId: '158c047a-c907-4556-b7ef-446551a6b5f7', name: 'Cloud Application Administrator', severity: 'high' },
  { templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d', name: 'Security Administrator', severity: 'high' },
  { templateId: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', name: 'Conditional Access Administrator', severity: 'high' },
  { templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator', severity: 'high' },
  { templateId: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', name: 'Hybrid Identity Administrator', severity: 'high' },
  { templateId: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', name: 'Authentication Administrator', severity: 'high' },
  { templateId: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', name: 'SharePoint Administrator', severity: 'high' },
  { templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', name: 'Intune Administrator', severity: 'high' },
  { templateId: '9360feb5-f418-4baa-8175-e2a00bac4301', name: 'Directory Writers', severity: 'high' },
  { templateId: '8329153b-31d0-4727-b945-745eb3bc5f31', name: 'Domain Name Administrator', severity: 'high' },
  { templateId: 'be2f45a1-457d-42af-a067-6ec1fa63bc45', name: 'External Identity Provider Administrator', severity: 'high' },
  { templateId: 'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8', name: 'Partner Tier2 Support', severity: 'high' },
  { templateId: '31392ffb-586c-42d1-9346-e59415a2cc4e', name: 'Exchange Recipient Administrator', severity: 'medium' },
  { templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: 'Global Reader', severity: 'medium' },
];

export function privilegedRole(roleDefinitionId: string): PrivilegedRole | undefined {
  return PRIVILEGED_ROLES.find((role) => role.templateId === roleDefinitionId);
}
