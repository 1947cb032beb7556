import type { UnifiedRoleDefinition } from '@microsoft/microsoft-graph-types';

interface BuiltInRole {
  templateId: string;
  displayName: string;
  description: string;
  allowedResourceActions: string[];
}

// Template ids and descriptions of Microsoft Entra built-in roles (Microsoft Entra built-in roles reference).
const BUILT_IN_ROLES: BuiltInRole[] = [
  { templateId: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator', description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.', allowedResourceActions: ['microsoft.directory/applications/allProperties/allTasks', 'microsoft.directory/roleAssignments/allProperties/allTasks', 'microsoft.office365.exchange/allEntities/basic/allTasks'] },
  { templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader', description: 'Can read everything that a Global Administrator can, but not update anything.', allowedResourceActions: ['microsoft.directory/applications/allProperties/read', 'microsoft.office365.exchange/allEntities/standard/read'] },
  { templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814', displayName: 'Privileged Role Administrator', description: 'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.', allowedResourceActions: ['microsoft.directory/roleAssignments/allProperties/allTasks', 'microsoft.directory/privilegedIdentityManagement/allProperties/allTasks'] },
  { templateId: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', displayName: 'Privileged Authentication Administrator', description: 'Can access to view, set and reset authentication method information for any user (admin or non-admin).', allowedResourceActions: ['microsoft.directory/users/authenticationMethods/create', 'microsoft.directory/users/authenticationMethods/delete', 'microsoft.directory/users/disable', 'microsoft.directory/users/invalidateAllRefreshTokens'] },
  { templateId: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', displayName: 'Application Administrator', description: 'Can create and manage all aspects of app registrations and enterprise apps.', allowedResourceActions: ['microsoft.directory/applications/create', 'microsoft.directory/applications/credentials/update', 'microsoft.directory/servicePrincipals/credentials/update', 'microsoft.directory/servicePrincipals/appRoleAssignedTo/update'] },
  { templateId: '158c047a-c907-4556-b7ef-446551a6b5f7', displayName: 'Cloud Application Administrator', description: 'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.', allowedResourceActions: ['microsoft.directory/applications/create', 'microsoft.directory/applications/credentials/update', 'microsoft.directory/servicePrincipals/credentials/update'] },
  { templateId: '29232cdf-9323-42fd-ade2-1d097af3e4de', displayName: 'Exchange Administrator', description: 'Can manage all aspects of the Exchange product.', allowedResourceActions: ['microsoft.office365.exchange/allEntities/basic/allTasks', 'microsoft.directory/groups.unified/create'] },
  { templateId: '31392ffb-586c-42d1-9346-e59415a2cc4e', displayName: 'Exchange Recipient Administrator', description: 'Can create or update Exchange Online recipients within the Exchange Online organization.', allowedResourceActions: ['microsoft.office365.exchange/allRecipients/allProperties/allTasks'] },
  { templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d', displayName: 'Security Administrator', description: 'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.', allowedResourceActions: ['microsoft.directory/conditionalAccessPolicies/create', 'microsoft.directory/identityProtection/allProperties/allTasks'] },
  { templateId: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', displayName: 'Conditional Access Administrator', description: 'Can manage Conditional Access capabilities.', allowedResourceActions: ['microsoft.directory/conditionalAccessPolicies/create', 'microsoft.directory/conditionalAccessPolicies/delete'] },
  { templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator', description: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.', allowedResourceActions: ['microsoft.directory/users/create', 'microsoft.directory/groups/create'] },
  { templateId: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', displayName: 'Hybrid Identity Administrator', description: 'Can manage Active Directory to Microsoft Entra cloud provisioning, Microsoft Entra Connect, pass-through authentication (PTA), password hash synchronization (PHS), seamless single sign-on (seamless SSO), and federation settings. Does not have access to manage Microsoft Entra Connect Health.', allowedResourceActions: ['microsoft.directory/domains/federation/update', 'microsoft.directory/servicePrincipals/synchronization/standard/read'] },
  { templateId: '5d6b6bb7-de71-4623-b4af-96380a352509', displayName: 'Security Reader', description: 'Can read security information and reports in Microsoft Entra ID and Office 365.', allowedResourceActions: ['microsoft.directory/auditLogs/allProperties/read'] },
  { templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', displayName: 'Helpdesk Administrator', description: 'Can reset passwords for non-administrators and Helpdesk Administrators.', allowedResourceActions: ['microsoft.directory/users/password/update'] },
  { templateId: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', displayName: 'Authentication Administrator', description: 'Can access to view, set and reset authentication method information for any non-admin user.', allowedResourceActions: ['microsoft.directory/users/authenticationMethods/create'] },
  { templateId: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', displayName: 'Groups Administrator', description: 'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.', allowedResourceActions: ['microsoft.directory/groups/create'] },
  { templateId: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', displayName: 'SharePoint Administrator', description: 'Can manage all aspects of the SharePoint service.', allowedResourceActions: ['microsoft.office365.sharePoint/allEntities/allTasks'] },
  { templateId: '69091246-20e8-4a56-aa4d-066075b2a7a8', displayName: 'Teams Administrator', description: 'Can manage the Microsoft Teams service.', allowedResourceActions: ['microsoft.teams/allEntities/allProperties/allTasks'] },
  { templateId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', displayName: 'Directory Readers', description: 'Can read basic directory information. Commonly used to grant directory read access to applications and guests.', allowedResourceActions: ['microsoft.directory/users/standard/read'] },
  { templateId: '9360feb5-f418-4baa-8175-e2a00bac4301', displayName: 'Directory Writers', description: 'Can read and write basic directory information. For granting access to applications, not intended for users.', allowedResourceActions: ['microsoft.directory/users/basic/update'] },
  { templateId: '17315797-102d-40b4-93e0-432062caca18', displayName: 'Compliance Administrator', description: 'Can read and manage compliance configuration and reports in Microsoft Entra ID and Microsoft 365.', allowedResourceActions: ['microsoft.office365.complianceManager/allEntities/allTasks'] },
  { templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', displayName: 'Intune Administrator', description: 'Can manage all aspects of the Intune product.', allowedResourceActions: ['microsoft.intune/allEntities/allTasks'] },
  { templateId: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', displayName: 'Security Operator', description: 'Creates and manages security events.', allowedResourceActions: ['microsoft.directory/identityProtection/allProperties/read'] },
  { templateId: '4a5d8f65-41da-4de4-8968-e035b65339cf', displayName: 'Reports Reader', description: 'Can read sign-in and audit reports.', allowedResourceActions: ['microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read'] },
  { templateId: 'cf1c38e5-3621-4004-a7cb-879624dced7c', displayName: 'Application Developer', description: "Can create application registrations independent of the 'Users can register applications' setting.", allowedResourceActions: ['microsoft.directory/applications/createAsOwner'] },
  { templateId: 'b0f54661-2d74-4c50-afa3-1ec803f12efe', displayName: 'Billing Administrator', description: 'Can perform common billing related tasks like updating payment information.', allowedResourceActions: ['microsoft.commerce.billing/allEntities/allProperties/allTasks'] },
  { templateId: '966707d0-3269-4727-9be2-8c3a10f19b9d', displayName: 'Password Administrator', description: 'Can reset passwords for non-administrators and Password Administrators.', allowedResourceActions: ['microsoft.directory/users/password/update'] },
];

/** Built-in roles as Graph returns them: for built-ins `id` equals `templateId`. */
export function builtInRoleDefinitions(): UnifiedRoleDefinition[] {
  return BUILT_IN_ROLES.map((role) => ({
    id: role.templateId,
    description: role.description,
    displayName: role.displayName,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ['/'],
    templateId: role.templateId,
    version: '1',
    rolePermissions: [{ allowedResourceActions: role.allowedResourceActions, condition: null }],
  }));
}
