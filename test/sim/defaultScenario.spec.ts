import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// The default scenario is data for the simulated tenant; these tests check that the
// attack story it tells holds together and that every cross-reference resolves.

type Json = Record<string, any>;

const scenarioPath = path.resolve(__dirname, '../../../sim/scenarios/default.json');
const scenario: Json = JSON.parse(fs.readFileSync(scenarioPath, 'utf8'));

const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const MICROSOFT_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const EXCHANGE_ADMIN = '29232cdf-9323-42fd-ade2-1d097af3e4de';
const BUILT_IN_ROLES = new Set([
  GLOBAL_ADMIN,
  EXCHANGE_ADMIN,
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', // Privileged Authentication Administrator
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', // Conditional Access Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', // Hybrid Identity Administrator
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451', // Global Reader
  '31392ffb-586c-42d1-9346-e59415a2cc4e', // Exchange Recipient Administrator
]);
const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY_MS = 86_400_000;
const now = Date.parse(scenario.now);

const users: Json[] = scenario.users;
const groups: Json[] = scenario.groups;
const applications: Json[] = scenario.applications;
const servicePrincipals: Json[] = scenario.servicePrincipals;
const exchange: Json = scenario.exchange;

const byId = new Map<string, Json>();
for (const o of [...users, ...groups, ...applications, ...servicePrincipals]) byId.set(o.id, o);
const userIds = new Set(users.map((u) => u.id));
const groupIds = new Set(groups.map((g) => g.id));
const spIds = new Set(servicePrincipals.map((s) => s.id));
const principalIds = new Set([...userIds, ...groupIds, ...spIds]);

const spByAppId = (appId: string): Json => {
  const found = servicePrincipals.find((s) => s.appId === appId);
  assert.ok(found, `no service principal for appId ${appId}`);
  return found;
};
const userByUpn = (upn: string): Json => {
  const found = users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase());
  assert.ok(found, `no user ${upn}`);
  return found;
};
const exchangeSp = spByAppId(EXCHANGE_APP_ID);
const graphSp = spByAppId(GRAPH_APP_ID);
const attackerApp = applications.find((a) => a.signInAudience === 'AzureADMultipleOrgs' && a.requiredResourceAccess.some(
  (r: Json) => r.resourceAppId === EXCHANGE_APP_ID && r.resourceAccess.some((x: Json) => x.id === 'dc50a0fb-09a3-484d-be87-e023b12c6440')));
assert.ok(attackerApp, 'the attacker application requesting Exchange.ManageAsApp is missing');
const attackerSp = spByAppId(attackerApp.appId);
const compromisedAdmin = byId.get(attackerApp.owners[0]) as Json;

function rolesHeldBy(principalId: string): string[] {
  return scenario.roleAssignments.filter((r: Json) => r.principalId === principalId).map((r: Json) => r.roleDefinitionId);
}
function transitiveMembers(groupId: string, seen = new Set<string>()): Set<string> {
  for (const member of byId.get(groupId)?.members ?? []) {
    if (seen.has(member)) continue;
    seen.add(member);
    if (groupIds.has(member)) transitiveMembers(member, seen);
  }
  return seen;
}
function appRolesHeldBy(sp: Json, resource: Json): string[] {
  return scenario.appRoleAssignments
    .filter((a: Json) => a.principalId === sp.id && a.resourceId === resource.id)
    .map((a: Json) => resource.appRoles.find((r: Json) => r.id === a.appRoleId)?.value);
}
function isoDateTimes(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => isoDateTimes(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => isoDateTimes(v, out));
  return out;
}
const attackerExchangeRecords = (operation: string): Json[] =>
  exchange.auditRecords.filter((r: Json) => r.operation === operation && r.auditData.AppId === attackerApp.appId);

describe('default scenario', () => {
  describe('format', () => {
    it('has only the top-level keys of the scenario format', () => {
      const allowed = new Set([
        'tenant', 'now', 'users', 'groups', 'applications', 'servicePrincipals', 'appRoleAssignments', 'oauth2PermissionGrants',
        'roleDefinitions', 'roleAssignments', 'roleEligibilityScheduleInstances', 'userRegistrationDetails', 'riskyUsers',
        'securityDefaults', 'conditionalAccessPolicies', 'directoryAudits', 'deniedPermissions', 'licenses', 'exchange',
      ]);
      for (const key of Object.keys(scenario)) assert.ok(allowed.has(key), `unexpected top-level key ${key}`);
      assert.deepEqual(Object.keys(scenario.tenant).sort(), ['defaultDomain', 'displayName', 'id']);
      assert.deepEqual(Object.keys(exchange).sort(), ['adminAuditLogConfig', 'auditRecords', 'inboundConnectors', 'outboundConnectors', 'transportRules']);
      assert.equal(exchange.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled, true);
      assert.deepEqual(Object.keys(scenario.securityDefaults), ['isEnabled']);
      assert.deepEqual(scenario.licenses, { entraIdP1: true, entraIdP2: true });
      assert.equal(scenario.now, '2026-11-20T09:00:00Z');
    });

    it('gives every object a unique lower-case version-4 GUID', () => {
      const ids: string[] = [
        scenario.tenant.id,
        ...[users, groups, applications, servicePrincipals, scenario.appRoleAssignments, scenario.oauth2PermissionGrants,
          scenario.roleAssignments, scenario.roleEligibilityScheduleInstances, scenario.conditionalAccessPolicies,
          scenario.directoryAudits, exchange.auditRecords].flatMap((list: Json[]) => list.map((o) => o.id)),
        ...applications.map((a) => a.appId),
        ...applications.flatMap((a) => a.federatedIdentityCredentials.map((f: Json) => f.id)),
        ...exchange.inboundConnectors.map((c: Json) => c.Guid),
        ...exchange.transportRules.map((r: Json) => r.Guid),
      ];
      for (const id of ids) assert.match(id, GUID_V4, `not a lower-case v4 GUID: ${id}`);
      const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
      assert.deepEqual(duplicates, [], 'duplicate ids');
      const appIds = servicePrincipals.map((s) => s.appId);
      assert.equal(new Set(appIds).size, appIds.length, 'two service principals share an appId');
    });

    it('keeps every credential id and app role id unique within its owner', () => {
      for (const o of [...applications, ...servicePrincipals]) {
        const keyIds = [...o.passwordCredentials, ...o.keyCredentials].map((c: Json) => c.keyId);
        assert.equal(new Set(keyIds).size, keyIds.length, `${o.displayName} repeats a keyId`);
        for (const c of o.passwordCredentials) assert.equal(c.secretText, null, 'a secret text is never returned');
      }
      for (const s of servicePrincipals) {
        const roleIds = s.appRoles.map((r: Json) => r.id);
        assert.equal(new Set(roleIds).size, roleIds.length, `${s.displayName} repeats an app role id`);
      }
    });

    it('dates every past event before the scenario now', () => {
      const past = [
        ...users.map((u) => u.createdDateTime), ...groups.map((g) => g.createdDateTime), ...applications.map((a) => a.createdDateTime),
        ...scenario.appRoleAssignments.map((a: Json) => a.createdDateTime), ...scenario.directoryAudits.map((a: Json) => a.activityDateTime),
        ...exchange.auditRecords.map((r: Json) => r.createdDateTime), ...scenario.riskyUsers.map((r: Json) => r.riskLastUpdatedDateTime),
        ...exchange.transportRules.map((r: Json) => r.WhenChanged), ...exchange.inboundConnectors.map((c: Json) => c.WhenCreated),
      ];
      for (const t of past) assert.ok(Date.parse(t) < now, `${t} is not before now`);
      assert.ok(isoDateTimes(scenario).length > 100, 'date-times are written as ISO 8601 UTC strings');
    });
  });

  describe('references', () => {
    it('resolves group members and application and service principal owners', () => {
      for (const g of groups) for (const m of g.members) assert.ok(principalIds.has(m), `${g.displayName} member ${m}`);
      for (const o of [...applications, ...servicePrincipals]) {
        for (const owner of o.owners ?? []) assert.ok(userIds.has(owner) || spIds.has(owner), `${o.displayName} owner ${owner}`);
      }
    });

    it('gives every tenant application a service principal with the same appId', () => {
      for (const a of applications) {
        const s = spByAppId(a.appId);
        assert.equal(s.appOwnerOrganizationId, scenario.tenant.id, `${a.displayName} is registered in this tenant`);
      }
      for (const s of servicePrincipals.filter((x) => x.appOwnerOrganizationId === scenario.tenant.id)) {
        assert.ok(applications.some((a) => a.appId === s.appId), `${s.displayName} has no application object`);
      }
    });

    it('resolves app role assignments through the resource service principal app roles', () => {
      for (const a of scenario.appRoleAssignments) {
        const principal = byId.get(a.principalId);
        const resource = byId.get(a.resourceId);
        assert.ok(principal && spIds.has(a.principalId), `assignment ${a.id} principal`);
        assert.ok(resource && spIds.has(a.resourceId), `assignment ${a.id} resource`);
        assert.ok(resource.appRoles.some((r: Json) => r.id === a.appRoleId), `assignment ${a.id} app role`);
        assert.equal(a.principalDisplayName, principal.displayName);
        assert.equal(a.resourceDisplayName, resource.displayName);
      }
    });

    it('resolves delegated permission grants', () => {
      for (const g of scenario.oauth2PermissionGrants) {
        assert.ok(spIds.has(g.clientId) && spIds.has(g.resourceId), `grant ${g.id}`);
        if (g.consentType === 'AllPrincipals') assert.equal(g.principalId, null);
        else assert.ok(userIds.has(g.principalId), `grant ${g.id} principal`);
      }
    });

    it('resolves requested permissions of every application against the resource app roles', () => {
      for (const a of applications) {
        for (const r of a.requiredResourceAccess) {
          const resource = spByAppId(r.resourceAppId);
          for (const access of r.resourceAccess.filter((x: Json) => x.type === 'Role')) {
            assert.ok(resource.appRoles.some((role: Json) => role.id === access.id), `${a.displayName} requests unknown role ${access.id}`);
          }
        }
      }
    });

    it('resolves directory role assignments and eligibilities to principals and built-in roles', () => {
      for (const r of [...scenario.roleAssignments, ...scenario.roleEligibilityScheduleInstances]) {
        assert.ok(principalIds.has(r.principalId), `role holder ${r.principalId}`);
        assert.ok(BUILT_IN_ROLES.has(r.roleDefinitionId), `role ${r.roleDefinitionId}`);
        assert.equal(r.directoryScopeId, '/');
      }
      for (const r of scenario.roleAssignments) {
        if (groupIds.has(r.principalId)) assert.equal(byId.get(r.principalId)?.isAssignableToRole, true, 'a role goes only to a role-assignable group');
      }
    });

    it('has registration details for every user and risk only for known users', () => {
      const registered = scenario.userRegistrationDetails.map((d: Json) => d.id).sort();
      assert.deepEqual(registered, [...userIds].sort());
      for (const d of scenario.userRegistrationDetails) assert.equal(d.userPrincipalName, (byId.get(d.id) as Json).userPrincipalName);
      for (const r of scenario.riskyUsers) assert.equal(r.userPrincipalName, (byId.get(r.id) as Json | undefined)?.userPrincipalName);
    });

    it('resolves conditional access users and roles', () => {
      for (const p of scenario.conditionalAccessPolicies) {
        const u = p.conditions.users;
        for (const id of [...u.includeUsers, ...u.excludeUsers].filter((x: string) => !['All', 'None', 'GuestsOrExternalUsers'].includes(x))) {
          assert.ok(userIds.has(id), `${p.displayName} user ${id}`);
        }
        for (const id of [...u.includeGroups, ...u.excludeGroups]) assert.ok(groupIds.has(id), `${p.displayName} group ${id}`);
        for (const id of [...u.includeRoles, ...u.excludeRoles]) assert.ok(BUILT_IN_ROLES.has(id), `${p.displayName} role ${id}`);
      }
    });

    it('resolves the initiators and targets of directory audits', () => {
      for (const a of scenario.directoryAudits) {
        const initiator = a.initiatedBy.user;
        assert.ok(initiator && userIds.has(initiator.id), `${a.activityDisplayName} initiator`);
        assert.equal(initiator.userPrincipalName, (byId.get(initiator.id) as Json).userPrincipalName);
        for (const t of a.targetResources) {
          if (t.type === 'Role') assert.ok(BUILT_IN_ROLES.has(t.id), `role target ${t.id}`);
          else if (t.type === 'Policy') assert.ok(scenario.conditionalAccessPolicies.some((p: Json) => p.id === t.id), `policy target ${t.id}`);
          else assert.ok(byId.has(t.id), `${a.activityDisplayName} target ${t.type} ${t.id}`);
          if (t.type === 'User') assert.equal(t.userPrincipalName, (byId.get(t.id) as Json).userPrincipalName);
        }
      }
    });

    it('attributes Exchange admin records to a known user or tenant application', () => {
      for (const r of exchange.auditRecords) {
        assert.equal(r.auditData.Id, r.id);
        assert.equal(r.auditData.Operation, r.operation);
        assert.equal(r.auditData.OrganizationId, scenario.tenant.id);
        assert.equal(r.organizationId, scenario.tenant.id);
        assert.equal(r.auditData.ObjectId, r.objectId);
        assert.equal(r.auditData.CreationTime, r.createdDateTime.replace('Z', ''));
        if (r.auditData.UserType === 5) {
          assert.equal(r.userType, 'application');
          assert.ok(applications.some((a) => a.appId === r.userId), `unknown app ${r.userId}`);
        } else {
          assert.equal(r.userType, 'admin');
          userByUpn(r.userId);
        }
      }
    });
  });

  describe('the attack', () => {
    it('gives the attacker service principal Exchange.ManageAsApp, resolved by value through the Exchange app roles', () => {
      assert.deepEqual(appRolesHeldBy(attackerSp, exchangeSp), ['Exchange.ManageAsApp']);
      const role = exchangeSp.appRoles.find((r: Json) => r.value === 'Exchange.ManageAsApp');
      assert.equal(role.id, 'dc50a0fb-09a3-484d-be87-e023b12c6440');
      assert.equal(exchangeSp.appRoles.find((r: Json) => r.value === 'full_access_as_app').id, 'dc890d15-9560-4a4c-9b7f-a736ec74ec40');
    });

    it('makes the attacker service principal Global Administrator and Exchange Administrator', () => {
      assert.deepEqual(rolesHeldBy(attackerSp.id).sort(), [EXCHANGE_ADMIN, GLOBAL_ADMIN].sort());
    });

    it('registers the attacker app in this tenant, multi-tenant, unverified, with a markdown name and new credentials', () => {
      assert.equal(attackerSp.appOwnerOrganizationId, scenario.tenant.id);
      assert.equal(attackerApp.signInAudience, 'AzureADMultipleOrgs');
      assert.equal(attackerApp.verifiedPublisher.verifiedPublisherId, null);
      assert.match(attackerApp.displayName, /\[[^\]]+\]\(https?:\/\/[^)]+\)/);
      assert.equal(attackerApp.passwordCredentials.length, 1);
      assert.equal(attackerApp.passwordCredentials[0].hint.length, 3);
      assert.equal(attackerApp.keyCredentials[0].type, 'AsymmetricX509Cert');
      assert.equal(attackerApp.keyCredentials[0].usage, 'Verify');
      assert.equal(attackerSp.passwordCredentials.length, 1);
      assert.deepEqual(attackerApp.federatedIdentityCredentials, []);
    });

    it('leaves the compromised admin a high-risk Global Administrator without MFA, excluded from the admin MFA policy', () => {
      assert.ok(rolesHeldBy(compromisedAdmin.id).includes(GLOBAL_ADMIN));
      const registration = scenario.userRegistrationDetails.find((d: Json) => d.id === compromisedAdmin.id);
      assert.equal(registration.isMfaRegistered, false);
      assert.equal(registration.isAdmin, true);
      const risk = scenario.riskyUsers.find((r: Json) => r.id === compromisedAdmin.id);
      assert.equal(risk.riskLevel, 'high');
      assert.equal(risk.riskState, 'atRisk');
      const adminPolicy = scenario.conditionalAccessPolicies.find((p: Json) => p.state === 'enabled' && p.conditions.users.includeRoles.includes(GLOBAL_ADMIN));
      assert.ok(adminPolicy.conditions.users.excludeUsers.includes(compromisedAdmin.id));
      assert.equal(scenario.securityDefaults.isEnabled, false);
      assert.equal(compromisedAdmin.perUserMfaState, undefined, 'no per-user MFA either');
    });

    it('has the compromised admin signed in within the last day (the attacker), after the attack began', () => {
      const activity = compromisedAdmin.signInActivity;
      const firstAttackerAudit = Math.min(...scenario.directoryAudits
        .filter((a: Json) => a.initiatedBy.user?.id === compromisedAdmin.id).map((a: Json) => Date.parse(a.activityDateTime)));
      for (const key of ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime']) {
        const at = Date.parse(activity[key]);
        assert.ok(now - at < DAY_MS && at < now && at > firstAttackerAudit, `${key} ${activity[key]}`);
      }
      for (const user of users.filter((u) => u.signInActivity)) {
        for (const value of Object.values(user.signInActivity as Json).filter((v) => typeof v === 'string' && /^\d{4}-/.test(v) && !v.startsWith('0001-'))) {
          assert.ok(Date.parse(value as string) < now, `${user.userPrincipalName} ${value}`);
          assert.ok(Date.parse(value as string) > Date.parse(user.createdDateTime), `${user.userPrincipalName} signed in before the account existed`);
        }
      }
    });

    it('records each setup step in the directory audit, initiated by the compromised admin within the last 30 days', () => {
      const steps = ['Add application', 'Add service principal', 'Add owner to application', 'Update application – Certificates and secrets management ',
        'Add service principal credentials', 'Add app role assignment to service principal', 'Add member to role', 'Consent to application'];
      const mine = scenario.directoryAudits.filter((a: Json) => a.initiatedBy.user?.id === compromisedAdmin.id);
      for (const step of steps) {
        const found = mine.filter((a: Json) => a.activityDisplayName === step);
        assert.ok(found.length > 0, `missing audit "${step}"`);
        for (const a of found) assert.ok(now - Date.parse(a.activityDateTime) < 30 * DAY_MS, `"${step}" falls outside 30 days`);
      }
      const grant = mine.find((a: Json) => a.activityDisplayName === 'Add app role assignment to service principal');
      const props = Object.fromEntries(grant.targetResources[0].modifiedProperties.map((p: Json) => [p.displayName, JSON.parse(p.newValue)]));
      assert.equal(props['AppRole.Value'], 'Exchange.ManageAsApp');
      assert.equal(props['ServicePrincipal.ObjectID'], attackerSp.id);
      const roleTemplates = mine.filter((a: Json) => a.activityDisplayName === 'Add member to role').map((a: Json) =>
        JSON.parse(a.targetResources[0].modifiedProperties.find((p: Json) => p.displayName === 'Role.TemplateId').newValue));
      assert.deepEqual(roleTemplates.sort(), [EXCHANGE_ADMIN, GLOBAL_ADMIN].sort());
    });

    it('shows the attacker app creating a connector and twelve header-stripping rules, then removing them, twice', () => {
      const time = (r: Json) => Date.parse(r.createdDateTime);
      const connectors = attackerExchangeRecords('New-InboundConnector');
      assert.equal(connectors.length, 2, 'two campaigns each create a connector');
      for (const connector of connectors) {
        const params = Object.fromEntries(connector.auditData.Parameters.map((p: Json) => [p.Name, p.Value]));
        assert.equal(params.ConnectorType, 'OnPremises');
        assert.ok(params.SenderIPAddresses);
        const removal = attackerExchangeRecords('Remove-InboundConnector').find((r) => r.objectId === connector.objectId && time(r) > time(connector));
        assert.ok(removal, `${connector.objectId} is removed`);
        const rules = attackerExchangeRecords('New-TransportRule').filter((r) => time(r) > time(connector) && time(r) < time(removal));
        assert.equal(rules.length, 12, `twelve rules come with ${connector.objectId}`);
        const headers = new Set<string>();
        for (const rule of rules) {
          const ruleParams = Object.fromEntries(rule.auditData.Parameters.map((p: Json) => [p.Name, p.Value]));
          assert.match(ruleParams.RemoveHeader, /^X-/);
          headers.add(ruleParams.RemoveHeader);
          assert.equal(ruleParams.SetSCL, '-1');
          assert.equal(ruleParams.SenderIpRanges, params.SenderIPAddresses);
          assert.equal(rule.auditData.UserType, 5);
          assert.equal(rule.auditData.UserId, attackerApp.appId);
          assert.equal(rule.auditData.ClientAppId, attackerApp.appId);
          const ruleRemoval = attackerExchangeRecords('Remove-TransportRule').find((r) => r.objectId === rule.objectId);
          assert.ok(ruleRemoval && time(ruleRemoval) > time(rule) && time(ruleRemoval) <= time(removal), `${rule.objectId} is removed before its connector`);
        }
        assert.equal(headers.size, 12, 'each rule strips a different header');
      }
    });

    it('leaves one attacker rule live, no attacker connector, and the benign partner connector and disclaimer', () => {
      const attackerCreated = new Set(attackerExchangeRecords('New-TransportRule').map((r) => r.objectId));
      const attackerRemoved = new Set(attackerExchangeRecords('Remove-TransportRule').map((r) => r.objectId));
      const liveAttackerRules = exchange.transportRules.filter((r: Json) => attackerCreated.has(r.Name));
      assert.equal(liveAttackerRules.length, 1);
      assert.ok(!attackerRemoved.has(liveAttackerRules[0].Name));
      assert.equal(liveAttackerRules[0].SetSCL, -1);
      const attackerConnectors = new Set(attackerExchangeRecords('New-InboundConnector').map((r) => r.objectId));
      assert.ok(exchange.inboundConnectors.every((c: Json) => !attackerConnectors.has(c.Name)));
      const partner = exchange.inboundConnectors.find((c: Json) => c.ConnectorType === 'Partner');
      assert.equal(partner.RequireTls, true);
      assert.ok(partner.TlsSenderCertificateName);
      assert.ok(exchange.transportRules.some((r: Json) => r.RemoveHeader === null && /disclaimer/i.test(r.Name)));
    });
  });

  describe('the people and the noise', () => {
    it('puts a non-compromised Security Administrator with MFA in Tenant Warden Admins and keeps approvers separate', () => {
      const admins = groups.find((g) => g.displayName === 'Tenant Warden Admins') as Json;
      const approvers = groups.find((g) => g.displayName === 'Tenant Warden Approvers') as Json;
      const members = transitiveMembers(admins.id);
      assert.ok([...members].some((id) => groupIds.has(id)), 'the admins group nests a group');
      const megan = userByUpn('MeganB@contoso.onmicrosoft.com');
      assert.ok(members.has(megan.id));
      assert.ok(rolesHeldBy(megan.id).includes('194ae4cb-b126-40b2-bd5b-6091b380977d'));
      assert.equal(scenario.userRegistrationDetails.find((d: Json) => d.id === megan.id).isMfaRegistered, true);
      assert.ok(!members.has(compromisedAdmin.id));
      const approverPeople = transitiveMembers(approvers.id);
      assert.equal(approverPeople.size, 2);
      for (const id of approverPeople) assert.ok(!members.has(id), 'an approver is not also a Tenant Warden admin');
    });

    it('holds Exchange Administrator through a role-assignable group and has an eligible-only admin', () => {
      const viaGroup = scenario.roleAssignments.find((r: Json) => r.roleDefinitionId === EXCHANGE_ADMIN && groupIds.has(r.principalId));
      assert.equal((byId.get(viaGroup.principalId) as Json).isAssignableToRole, true);
      const eligibleOnly = scenario.roleEligibilityScheduleInstances.filter((e: Json) => rolesHeldBy(e.principalId).length === 0);
      assert.ok(eligibleOnly.length >= 1);
    });

    it('includes benign apps: a verified third-party mail app, a federated CI app and tenant-wide ordinary consent', () => {
      const thirdParty = servicePrincipals.find((s) => s.verifiedPublisher.verifiedPublisherId && appRolesHeldBy(s, graphSp).includes('Mail.Read')) as Json;
      assert.notEqual(thirdParty.appOwnerOrganizationId, scenario.tenant.id);
      assert.ok(scenario.oauth2PermissionGrants.some((g: Json) => g.clientId === thirdParty.id && g.consentType === 'AllPrincipals' && g.scope === 'Mail.ReadWrite Mail.Send'));
      const ci = applications.find((a) => a.federatedIdentityCredentials.length > 0) as Json;
      assert.equal(ci.federatedIdentityCredentials[0].issuer, 'https://token.actions.githubusercontent.com');
      assert.deepEqual(appRolesHeldBy(spByAppId(ci.appId), graphSp), ['Application.ReadWrite.All']);
      assert.ok(scenario.oauth2PermissionGrants.some((g: Json) => g.consentType === 'AllPrincipals' && g.scope === 'User.Read openid profile'));
      for (const s of [graphSp, exchangeSp]) assert.equal(s.appOwnerOrganizationId, MICROSOFT_TENANT);
    });
  });
});
