import assert from 'node:assert/strict';
import type { RunningSim } from '../../sim/server';
import { graphClient, startTestSim, token, type Graph, type GraphJson } from './helpers';

const ATTACKER_APP = '5e2c5f33-9a47-4a8f-8f0d-0d7c1c1a7a11';
const ATTACKER_SP = '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d';
const GRAPH_SP = '7408235b-7540-4850-82fe-a5f15ed019e2';
const TREVOR = '84b80893-8749-40a3-97b7-68513b600544';
const JOSEPH = '11111111-2222-3333-4444-555555555555';
const ALEX = '86462606-fde0-4fc4-9e0c-a20eb73e54c6';
const ADMINS_GROUP = 'd9fb0c47-c783-40a1-bce1-53b52ada51fc';
const ALL_COMPANY = '02bd9fd6-8f93-4758-87c3-1fb73740a315';

const REFERENCE_ROLES: Record<string, string> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '31392ffb-586c-42d1-9346-e59415a2cc4e': 'Exchange Recipient Administrator',
};

const types = (body: GraphJson): string[] => body.value.map((o: GraphJson) => `${o['@odata.type']} ${o.displayName}`).sort();

describe('sim Graph routes (reads)', () => {
  let sim: RunningSim;
  let graph: Graph;

  before(async () => {
    sim = await startTestSim();
    graph = graphClient(sim, await token(sim));
  });

  after(() => sim.stop());

  describe('servicePrincipals and applications', () => {
    it('lists owners as typed directory objects', async () => {
      const spOwners = await graph(`/servicePrincipals/${ATTACKER_SP}/owners`);
      assert.match(spOwners.body['@odata.context'], /\$metadata#directoryObjects$/);
      assert.deepEqual(types(spOwners.body), ['#microsoft.graph.user Trevor Jones']);
      const appOwners = await graph(`/applications/${ATTACKER_APP}/owners`);
      assert.deepEqual(types(appOwners.body), ['#microsoft.graph.user Trevor Jones']);
    });

    it('lists memberOf with groups and the directory roles held directly', async () => {
      const res = await graph(`/servicePrincipals/${ATTACKER_SP}/memberOf`);
      assert.deepEqual(types(res.body), ['#microsoft.graph.directoryRole Exchange Administrator', '#microsoft.graph.group Tier 1 Admins']);
      const role = res.body.value.find((o: GraphJson) => o['@odata.type'] === '#microsoft.graph.directoryRole');
      assert.equal(role.roleTemplateId, '29232cdf-9323-42fd-ade2-1d097af3e4de');
    });

    it('lists transitiveMemberOf with nested groups and roles held through groups', async () => {
      const res = await graph(`/servicePrincipals/${ATTACKER_SP}/transitiveMemberOf`);
      assert.deepEqual(types(res.body), [
        '#microsoft.graph.directoryRole Exchange Administrator',
        '#microsoft.graph.directoryRole Exchange Recipient Administrator',
        '#microsoft.graph.group All Company',
        '#microsoft.graph.group Tier 1 Admins',
      ]);
    });

    it('lists the delegated grants a client holds', async () => {
      const res = await graph(`/servicePrincipals/${ATTACKER_SP}/oauth2PermissionGrants`);
      assert.deepEqual(res.body.value.map((g: GraphJson) => g.scope), ['Mail.Read offline_access']);
    });

    it('lists and gets federated identity credentials', async () => {
      const list = await graph(`/applications/${ATTACKER_APP}/federatedIdentityCredentials`);
      assert.match(list.body['@odata.context'], new RegExp(`\\$metadata#applications\\('${ATTACKER_APP}'\\)/federatedIdentityCredentials$`));
      assert.equal(list.body.value[0].issuer, 'https://token.actions.githubusercontent.com');
      const one = await graph(`/applications/${ATTACKER_APP}/federatedIdentityCredentials/${list.body.value[0].id}`);
      assert.equal(one.body.subject, 'repo:contoso/mail-sync:ref:refs/heads/main');
    });

    it('never returns secretText and returns certificate keys only for a single application with $select=keyCredentials', async () => {
      const list = await graph('/applications');
      const app = list.body.value.find((a: GraphJson) => a.id === ATTACKER_APP);
      assert.equal(app.passwordCredentials[0].secretText, null);
      assert.equal(app.passwordCredentials[0].hint, 'Xy1');
      assert.equal(app.keyCredentials[0].key, null);
      const plain = await graph(`/applications/${ATTACKER_APP}`);
      assert.equal(plain.body.keyCredentials[0].key, null);
      const selected = await graph(`/applications/${ATTACKER_APP}?$select=keyCredentials`);
      assert.equal(selected.body.keyCredentials[0].key, 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsimkeysimkey');
      const sp = await graph(`/servicePrincipals/${ATTACKER_SP}`);
      assert.equal(sp.body.passwordCredentials[0].secretText, null);
    });

    it('lists what was granted on a resource through its appId key', async () => {
      const res = await graph("/servicePrincipals(appId='00000002-0000-0ff1-ce00-000000000000')/appRoleAssignedTo");
      assert.deepEqual(res.body.value.map((a: GraphJson) => [a.principalDisplayName, a.principalType, a.appRoleId]), [
        ['Mail Sync Helper', 'ServicePrincipal', 'dc50a0fb-09a3-484d-be87-e023b12c6440'],
      ]);
    });
  });

  describe('users and groups', () => {
    it('gets a user by userPrincipalName', async () => {
      const res = await graph('/users/joeyc@contoso.com');
      assert.equal(res.body.id, 'ace08ec9-aa11-4ada-9145-addf0398233e');
    });

    it('lists memberOf and transitiveMemberOf for users', async () => {
      const direct = await graph(`/users/${JOSEPH}/memberOf`);
      assert.deepEqual(types(direct.body), ['#microsoft.graph.group Tier 1 Admins']);
      const transitive = await graph(`/users/${JOSEPH}/transitiveMemberOf/microsoft.graph.group?$count=true`, { headers: { ConsistencyLevel: 'eventual' } });
      assert.deepEqual(transitive.body.value.map((g: GraphJson) => g.displayName).sort(), ['All Company', 'Tier 1 Admins']);
    });

    it('checks group membership transitively with checkMemberGroups', async () => {
      const res = await graph(`/users/${JOSEPH}/checkMemberGroups`, { method: 'POST', body: { groupIds: [ALL_COMPANY, ADMINS_GROUP, '00000000-0000-0000-0000-000000000001'] } });
      assert.equal(res.status, 200);
      assert.match(res.body['@odata.context'], /\$metadata#Collection\(Edm\.String\)$/);
      assert.deepEqual(res.body.value, [ALL_COMPANY, ADMINS_GROUP]);
      const alex = await graph(`/users/${ALEX}/checkMemberGroups`, { method: 'POST', body: { groupIds: [ADMINS_GROUP] } });
      assert.deepEqual(alex.body.value, []);
      const tooMany = await graph(`/users/${ALEX}/checkMemberGroups`, { method: 'POST', body: { groupIds: Array.from({ length: 21 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`) } });
      assert.equal(tooMany.status, 400);
    });

    it('lists groups, a group and its direct members', async () => {
      const groups = await graph('/groups');
      assert.deepEqual(groups.body.value.map((g: GraphJson) => g.displayName), ['All Company', 'Tier 1 Admins']);
      const group = await graph(`/groups/${ADMINS_GROUP}`);
      assert.equal(group.body.isAssignableToRole, true);
      const members = await graph(`/groups/${ALL_COMPANY}/members`);
      assert.deepEqual(types(members.body), ['#microsoft.graph.group Tier 1 Admins', '#microsoft.graph.user Alex Wilber']);
    });

    it('resolves directory objects by id, optionally limited by type', async () => {
      const all = await graph('/directoryObjects/getByIds', { method: 'POST', body: { ids: [TREVOR, ATTACKER_SP, ADMINS_GROUP, '00000000-0000-0000-0000-0000000000ff'] } });
      assert.deepEqual(all.body.value.map((o: GraphJson) => o['@odata.type']), ['#microsoft.graph.user', '#microsoft.graph.servicePrincipal', '#microsoft.graph.group']);
      const sps = await graph('/directoryObjects/getByIds', { method: 'POST', body: { ids: [TREVOR, ATTACKER_SP], types: ['servicePrincipal'] } });
      assert.deepEqual(sps.body.value.map((o: GraphJson) => o.id), [ATTACKER_SP]);
    });
  });

  describe('role management', () => {
    it('knows every built-in role of the reference by template id, with id equal to templateId', async () => {
      const res = await graph('/roleManagement/directory/roleDefinitions?$top=999');
      for (const [templateId, displayName] of Object.entries(REFERENCE_ROLES)) {
        const role = res.body.value.find((r: GraphJson) => r.templateId === templateId);
        assert.ok(role, displayName);
        assert.equal(role.displayName, displayName);
        assert.equal(role.id, templateId);
        assert.equal(role.isBuiltIn, true);
      }
      const one = await graph('/roleManagement/directory/roleDefinitions/29232cdf-9323-42fd-ade2-1d097af3e4de');
      assert.equal(one.body.displayName, 'Exchange Administrator');
    });

    it("filters role assignments with roleDefinitionId in (...)", async () => {
      const res = await graph("/roleManagement/directory/roleAssignments?$filter=roleDefinitionId in ('29232cdf-9323-42fd-ade2-1d097af3e4de','31392ffb-586c-42d1-9346-e59415a2cc4e')");
      assert.deepEqual(res.body.value.map((a: GraphJson) => a.principalId).sort(), [ATTACKER_SP, ADMINS_GROUP].sort());
    });

    it('expands the principal of eligibility instances', async () => {
      const res = await graph('/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal');
      assert.equal(res.body.value[0].principal.displayName, 'Isaiah Langer');
    });
  });

  describe('grants, reports and tenant settings', () => {
    it('filters oauth2PermissionGrants on clientId, consentType and resourceId', async () => {
      const byClient = await graph(`/oauth2PermissionGrants?$filter=clientId eq '${ATTACKER_SP}'`);
      assert.equal(byClient.body.value.length, 1);
      const tenantWide = await graph("/oauth2PermissionGrants?$filter=consentType eq 'AllPrincipals'");
      assert.deepEqual(tenantWide.body.value.map((g: GraphJson) => g.clientId), [ATTACKER_SP]);
      const byResource = await graph(`/oauth2PermissionGrants?$filter=resourceId eq '${GRAPH_SP}'`);
      assert.equal(byResource.body.value.length, 2);
    });

    it('lists directory audits newest first', async () => {
      const res = await graph('/auditLogs/directoryAudits');
      const times = res.body.value.map((a: GraphJson) => Date.parse(a.activityDateTime));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      const one = await graph('/auditLogs/directoryAudits/Directory_3b0a7c2d_A3');
      assert.equal(one.body.activityDisplayName, 'Update application – Certificates and secrets management ');
    });

    it('lists risky users, conditional access policies, security defaults and the organization', async () => {
      const risky = await graph('/identityProtection/riskyUsers');
      assert.deepEqual(risky.body.value.map((u: GraphJson) => [u.userPrincipalName, u.riskLevel]), [['TrevorJ@contoso.com', 'medium']]);
      const policies = await graph('/identity/conditionalAccess/policies');
      assert.deepEqual(policies.body.value.map((p: GraphJson) => p.state), ['enabled', 'disabled']);
      const defaults = await graph('/policies/identitySecurityDefaultsEnforcementPolicy');
      assert.equal(defaults.body.isEnabled, false);
      const organization = await graph('/organization');
      assert.equal(organization.body.value[0].id, sim.tenantId);
      assert.equal(organization.body.value[0].verifiedDomains[0].name, sim.tenantDomain);
    });
  });
});
