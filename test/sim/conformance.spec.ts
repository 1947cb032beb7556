import assert from 'node:assert/strict';
import type { RunningSim } from '../../sim/server';
import { graphClient, startTestSim, token, type Graph, type GraphJson } from './helpers';

// Responses documented in microsoftgraph/microsoft-graph-docs-contrib (api-reference/v1.0/api/*.md). The
// fixture holds the documented resources; each test sends the documented request and compares.

/** Every documented property must come back with the documented value. */
function assertHasDocumented(actual: GraphJson, documented: Record<string, unknown>, ignore: string[] = []): void {
  for (const [key, value] of Object.entries(documented)) {
    if (key === '@odata.context' || ignore.includes(key)) continue;
    assert.deepEqual(actual[key], value, `property ${key}`);
  }
}

/** @odata.context must point at the sim and end like Graph's (host differs; Graph itself varies the case). */
function assertContext(actual: string, documented: string): void {
  const suffix = documented.slice(documented.indexOf('$metadata#'));
  assert.match(actual, /^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/\$metadata#/);
  assert.equal(actual.slice(actual.indexOf('$metadata#')).toLowerCase(), suffix.toLowerCase());
}

function assertCollectionHasDocumented(body: GraphJson, documented: Record<string, unknown>[], ignore: string[] = []): void {
  for (const item of documented) {
    const found = body.value.find((candidate: GraphJson) => candidate.id === item.id);
    assert.ok(found, `item ${String(item.id)} is returned`);
    assertHasDocumented(found, item, ignore);
  }
}

describe('sim conformance with Microsoft Graph documentation examples', () => {
  let sim: RunningSim;
  let graph: Graph;

  before(async () => {
    sim = await startTestSim();
    graph = graphClient(sim, await token(sim));
  });

  after(() => sim.stop());

  it('List appRoleAssignedTo returns the documented assignment and context', async () => {
    const res = await graph('/servicePrincipals/8e881353-1735-45af-af21-ee1344582a4d/appRoleAssignedTo');
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('8e881353-1735-45af-af21-ee1344582a4d')/appRoleAssignedTo");
    assert.deepEqual(res.body.value, [{
      id: '41W1zT6z1U-kJxf62svfp1HFE8pMZhxDun-ThPczmJE', deletedDateTime: null, appRoleId: '00000000-0000-0000-0000-000000000000',
      createdDateTime: '2021-02-02T04:22:45.9480566Z', principalDisplayName: 'MOD Administrator', principalId: 'cdb555e3-b33e-4fd5-a427-17fadacbdfa7',
      principalType: 'User', resourceDisplayName: 'dxprovisioning-graphapi-client', resourceId: '8e881353-1735-45af-af21-ee1344582a4d',
    }]);
  });

  it('List appRoleAssignments granted to a service principal returns the documented assignment', async () => {
    const res = await graph('/servicePrincipals/8e881353-1735-45af-af21-ee1344582a4d/appRoleAssignments');
    assert.equal(res.status, 200);
    // The doc's resourceId (another Microsoft Graph object id) is the fixture's Microsoft Graph service principal here.
    assertCollectionHasDocumented(res.body, [{
      id: 'UxOIjjUXr0WvIe4TRFgqTY4z9Wu5KxpBtlEpoTGjw-A', createdDateTime: '2021-02-02T04:22:45.4980259Z', appRoleId: 'e2a3a72e-5f79-4c64-b1b1-878b674786c9',
      principalDisplayName: 'dxprovisioning-graphapi-client', principalId: '8e881353-1735-45af-af21-ee1344582a4d', principalType: 'ServicePrincipal', resourceDisplayName: 'Microsoft Graph',
    }]);
  });

  it('Get servicePrincipal returns every documented property', async () => {
    const res = await graph('/servicePrincipals/00af5dfb-85da-4b41-a677-0c6b86dd34f8');
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity');
    assertHasDocumented(res.body, {
      accountEnabled: true, addIns: [], alternativeNames: ['http://contoso/a7770d29-4321-41a6-b863-ca11d6639448'], appDisplayName: 'My app', appId: 'appId-value',
      appOwnerOrganizationId: '65415bb1-9267-4313-bbf5-ae259732ee12', appRoleAssignmentRequired: true, appRoles: [], disabledByMicrosoftStatus: null,
      displayName: 'My app instance in tenant', endpoints: [], homepage: null, id: '00af5dfb-85da-4b41-a677-0c6b86dd34f8',
      verifiedPublisher: { displayName: 'publisher_contoso', verifiedPublisherId: '9999999', addedDateTime: '2021-04-24T17:49:44Z' },
      info: { termsOfServiceUrl: null, supportUrl: null, privacyStatementUrl: null, marketingUrl: null, logoUrl: null },
      keyCredentials: [], logoutUrl: null, oauth2PermissionScopes: [], passwordCredentials: [], publisherName: null, replyUrls: [],
      resourceSpecificApplicationPermissions: [], servicePrincipalNames: [], servicePrincipalType: null, signInAudience: 'AzureADandPersonalMicrosoftAccount', tags: [], tokenEncryptionKeyId: null,
    });
  });

  it('Get servicePrincipal with $select returns only the selected properties and says so in @odata.context', async () => {
    const select = 'id,appId,displayName,appRoles,oauth2PermissionScopes,resourceSpecificApplicationPermissions';
    const res = await graph(`/servicePrincipals/7408235b-7540-4850-82fe-a5f15ed019e2?$select=${select}`);
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], `https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(${select})/$entity`);
    assert.deepEqual(Object.keys(res.body).sort(), ['@odata.context', ...select.split(',')].sort());
    assert.equal(res.body.appId, '00000003-0000-0000-c000-000000000000');
    assert.equal(res.body.displayName, 'Microsoft Graph');
    assert.deepEqual(res.body.appRoles[0], {
      allowedMemberTypes: ['Application'], description: 'Allows the app to read all class assignments without grades for all users without a signed-in user.',
      displayName: 'Read all class assignments without grades', id: '6e0a958b-b7fc-4348-b7c4-a6ab9fd3dd0e', isEnabled: true, origin: 'Application', value: 'EduAssignments.ReadBasic.All',
    });
    assert.equal(res.body.oauth2PermissionScopes[0].value, 'profile');
  });

  it('List unifiedRoleAssignments filtered on roleDefinitionId with $expand=principal returns typed principals', async () => {
    const res = await graph("/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '62e90394-69f5-4237-9190-012177145e10'&$expand=principal");
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments(principal())');
    assertCollectionHasDocumented(res.body, [
      { id: 'lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1', principalId: 'ace08ec9-aa11-4ada-9145-addf0398233e', resourceScope: '/', directoryScopeId: '/', roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' },
      { id: 'lAPpYvVpN0KRkAEhdxReEC6Xh29-LklLmYDrOIi9z-E-1', principalId: '6f87972e-2e7e-4b49-9980-eb3888bdcfe1', resourceScope: '/', directoryScopeId: '/', roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' },
      { id: 'lAPpYvVpN0KRkAEhdxReEMgc_BA2rIZBuZsM-BSqLdU-1', principalId: '10fc1cc8-ac36-4186-b99b-0cf814aa2dd5', resourceScope: '/', directoryScopeId: '/', roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' },
    ]);
    const joey = res.body.value.find((a: GraphJson) => a.principalId === 'ace08ec9-aa11-4ada-9145-addf0398233e');
    assertHasDocumented(joey.principal, {
      '@odata.type': '#microsoft.graph.user', id: 'ace08ec9-aa11-4ada-9145-addf0398233e', accountEnabled: true, displayName: 'Joey Cruz',
      imAddresses: ['joeyc@contoso.com'], mail: 'joeyc@contoso.com', mailNickname: 'joeyc', userType: 'Member',
    });
    const kalyan = res.body.value.find((a: GraphJson) => a.principalId === '6f87972e-2e7e-4b49-9980-eb3888bdcfe1');
    assertHasDocumented(kalyan.principal, { '@odata.type': '#microsoft.graph.user', accountEnabled: true, displayName: 'Kalyan Krishna', imAddresses: [], userType: 'Guest' });
  });

  it('List unifiedRoleAssignments filtered on principalId returns exactly the documented assignments', async () => {
    const res = await graph("/roleManagement/directory/roleAssignments?$filter = principalId eq 'f1847572-48aa-47aa-96a3-2ec61904f41f'");
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments');
    assert.deepEqual(res.body.value, [
      { id: 'lAPpYvVpN0KRkAEhdxReEHJ1hPGqSKpHlqMuxhkE9B8-1', principalId: 'f1847572-48aa-47aa-96a3-2ec61904f41f', resourceScope: '/', directoryScopeId: '/', roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' },
      { id: 'LJnv8vs6uUa3z6Em7nTEUXJ1hPGqSKpHlqMuxhkE9B8-1', principalId: 'f1847572-48aa-47aa-96a3-2ec61904f41f', resourceScope: '/', directoryScopeId: '/', roleDefinitionId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' },
    ]);
  });

  it('List directoryAudits returns the documented record unchanged', async () => {
    const res = await graph('/auditLogs/directoryAudits');
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#auditlogs/directoryaudits');
    assertCollectionHasDocumented(res.body, [{
      id: 'id', category: 'UserManagement', correlationId: 'da159bfb-54fa-4092-8a38-6e1fa7870e30', result: 'success', resultReason: 'Successfully added member to group',
      activityDisplayName: 'Add member to group', activityDateTime: '2018-01-09T21:20:02.7215374Z', loggedByService: 'Core Directory',
      initiatedBy: { user: { id: '728309ae-1a37-4937-9afe-e35d964db09b', displayName: 'Audry Oliver', userPrincipalName: 'bob@wingtiptoysonline.com', ipAddress: '127.0.0.1' }, app: null },
      additionalDetails: [{ key: 'Additional Detail Name', value: 'Additional Detail Value' }],
    }]);
  });

  it('List directoryAudits with a filter on initiatedBy/user/id returns only that initiator', async () => {
    const res = await graph("/auditLogs/directoryAudits?$filter=initiatedBy/user/id eq '84b80893-8749-40a3-97b7-68513b600544'");
    assert.equal(res.status, 200);
    assert.ok(res.body.value.length >= 3);
    for (const audit of res.body.value) assert.equal(audit.initiatedBy.user.id, '84b80893-8749-40a3-97b7-68513b600544');
  });

  it('getByIds returns typed, full directory objects', async () => {
    const res = await graph('/directoryObjects/getByIds', { method: 'POST', body: { ids: ['84b80893-8749-40a3-97b7-68513b600544', '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d'], types: ['user'] } });
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects');
    assert.equal(res.body.value.length, 1);
    assertHasDocumented(res.body.value[0], { '@odata.type': '#microsoft.graph.user', id: '84b80893-8749-40a3-97b7-68513b600544', accountEnabled: true, displayName: 'Trevor Jones' });
  });

  it('List userRegistrationDetails returns the documented records', async () => {
    const res = await graph('/reports/authenticationMethods/userRegistrationDetails');
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#reports/authenticationMethods/userRegistrationDetails');
    assertCollectionHasDocumented(res.body, [{
      id: '86462606-fde0-4fc4-9e0c-a20eb73e54c6', userPrincipalName: 'AlexW@Contoso.com', userDisplayName: 'Alex Wilber', isAdmin: false, isSsprRegistered: false, isSsprEnabled: false,
      isSsprCapable: false, isMfaRegistered: true, isMfaCapable: true, isPasswordlessCapable: false, lastUpdatedDateTime: '2023-03-13T19:15:41.6195833Z',
      methodsRegistered: ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'], isSystemPreferredAuthenticationMethodEnabled: true,
      systemPreferredAuthenticationMethods: ['push'], userPreferredMethodForSecondaryAuthentication: 'push', userType: 'member',
    }]);
  });

  it('List roleEligibilityScheduleInstances returns the documented instance', async () => {
    const res = await graph('/roleManagement/directory/roleEligibilityScheduleInstances');
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilityScheduleInstances');
    assertCollectionHasDocumented(res.body, [{
      id: '8MYkhImhnkm70CbBdTyW1BbHHAdHgZdDpbqyEFlRzAs-1-e', principalId: '071cc716-8147-4397-a5ba-b2105951cc0b', roleDefinitionId: '8424c6f0-a189-499e-bbd0-26c1753c96d4',
      directoryScopeId: '/', appScopeId: null, startDateTime: '2022-04-12T14:44:50.287Z', endDateTime: '2024-04-10T00:00:00Z', memberType: 'Direct', roleEligibilityScheduleId: '77f71919-62f3-4d0c-9f88-0a0391b665cd',
    }]);
  });

  it('Get identitySecurityDefaultsEnforcementPolicy has the documented shape', async () => {
    const res = await graph('/policies/identitySecurityDefaultsEnforcementPolicy');
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy');
    assertHasDocumented(res.body, {
      description: 'Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.',
      displayName: 'Security Defaults', id: '00000000-0000-0000-0000-000000000005',
    });
    assert.equal(res.body.isEnabled, false);
  });

  it('List group transitive members returns typed members', async () => {
    const res = await graph('/groups/02bd9fd6-8f93-4758-87c3-1fb73740a315/transitiveMembers');
    assert.equal(res.status, 200);
    const joseph = res.body.value.find((m: GraphJson) => m.id === '11111111-2222-3333-4444-555555555555');
    assertHasDocumented(joseph, { '@odata.type': '#microsoft.graph.user', id: '11111111-2222-3333-4444-555555555555', mail: 'group1@contoso.com' });
  });

  it('transitiveMembers with the microsoft.graph.group cast and $count has the documented context and count', async () => {
    const res = await graph('/groups/02bd9fd6-8f93-4758-87c3-1fb73740a315/transitivemembers/microsoft.graph.group?$count=true', { headers: { ConsistencyLevel: 'eventual' } });
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#groups');
    assert.equal(res.body['@odata.count'], 1);
    assert.equal(res.body.value[0].displayName, 'Tier 1 Admins');
  });

  it('List servicePrincipal memberOf returns groups typed as microsoft.graph.group', async () => {
    const res = await graph('/servicePrincipals/3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d/memberOf');
    assert.equal(res.status, 200);
    const group = res.body.value.find((m: GraphJson) => m['@odata.type'] === '#microsoft.graph.group');
    assertHasDocumented(group, { id: 'd9fb0c47-c783-40a1-bce1-53b52ada51fc', displayName: 'Tier 1 Admins', groupTypes: [], mailEnabled: false, securityEnabled: true });
  });

  it('/users/$count without ConsistencyLevel fails with the documented error envelope', async () => {
    const res = await graph('/users/$count');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'Request_BadRequest');
    assert.equal(res.body.error.message, '$count is not currently supported.');
    assert.deepEqual(Object.keys(res.body.error.innerError).sort(), ['client-request-id', 'date', 'request-id']);
    assert.match(res.body.error.innerError.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    assert.equal(res.body.error.innerError['request-id'], res.headers.get('request-id'));
  });

  it('revokeSignInSessions answers as documented', async () => {
    const res = await graph('/users/86462606-fde0-4fc4-9e0c-a20eb73e54c6/revokeSignInSessions', { method: 'POST' });
    assert.equal(res.status, 200);
    assertContext(res.body['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean');
    assert.equal(res.body.value, true);
  });

  it('$batch answers with the documented responses shape', async () => {
    const res = await graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/servicePrincipals/3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d/memberOf' },
          { id: '5', url: 'users?$select=id,displayName,userPrincipalName&$filter=accountEnabled eq false&$count=true', method: 'GET', headers: { ConsistencyLevel: 'eventual' } },
        ],
      },
    });
    assert.equal(res.status, 200);
    const byId = new Map(res.body.responses.map((r: GraphJson) => [r.id, r]));
    const first = byId.get('1') as GraphJson;
    assert.equal(first.status, 200);
    assert.match(first.headers['Content-Type'], /^application\/json/);
    assertContext(first.body['@odata.context'], 'https://graph.microsoft.com/beta/$metadata#directoryObjects');
    const fifth = byId.get('5') as GraphJson;
    assertContext(fifth.body['@odata.context'], 'https://graph.microsoft.com/beta/$metadata#users(id,displayName,userPrincipalName)');
    assert.equal(fifth.body['@odata.count'], 1);
    assert.deepEqual(fifth.body.value, [{ id: 'c8096958-797c-44fa-8fde-a6fb62567cf0', displayName: 'Bianca Pisani', userPrincipalName: 'BiancaP@Contoso.com' }]);
  });
});
