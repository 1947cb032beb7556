import assert from 'node:assert/strict';
import type { RunningSim } from '../../sim/server';
import { allPages, graphClient, startTestSim, token, type Graph, type GraphJson } from './helpers';

const EVENTUAL = { ConsistencyLevel: 'eventual' };
const GRAPH_SP = '7408235b-7540-4850-82fe-a5f15ed019e2';
const ATTACKER_SP = '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d';
const ADMINS_GROUP = 'd9fb0c47-c783-40a1-bce1-53b52ada51fc';
const ALL_COMPANY = '02bd9fd6-8f93-4758-87c3-1fb73740a315';

describe('sim OData behaviour', () => {
  let sim: RunningSim;
  let graph: Graph;

  before(async () => {
    sim = await startTestSim({ noiseServicePrincipals: 250 });
    graph = graphClient(sim, await token(sim));
  });

  after(() => sim.stop());

  describe('paging', () => {
    it('pages with $top and an absolute, opaque @odata.nextLink that keeps the other options', async () => {
      const first = await graph("/users?$top=3&$select=id,displayName");
      assert.equal(first.body.value.length, 3);
      const next = new URL(first.body['@odata.nextLink']);
      assert.equal(next.origin, sim.url);
      assert.equal(next.pathname, '/v1.0/users');
      assert.equal(next.searchParams.get('$top'), '3');
      assert.equal(next.searchParams.get('$select'), 'id,displayName');
      assert.match(next.searchParams.get('$skiptoken') ?? '', /^[A-Za-z0-9_-]+$/);
      const everyone = await allPages(graph, '/users?$top=3&$select=id,displayName');
      const direct = await graph('/users?$top=999&$select=id');
      assert.deepEqual(everyone.map((u) => u.id), direct.body.value.map((u: GraphJson) => u.id));
    });

    it('returns 100 items per page by default and no nextLink on the last page', async () => {
      const first = await graph('/servicePrincipals?$select=id');
      assert.equal(first.body.value.length, 100);
      assert.ok(first.body['@odata.nextLink']);
      const all = await allPages(graph, '/servicePrincipals?$select=id');
      assert.equal(new Set(all.map((sp) => sp.id)).size, all.length);
      assert.ok(all.length > 250);
    });

    it('accepts $top up to 999 and rejects 1000 and 0 with 400', async () => {
      assert.equal((await graph('/servicePrincipals?$top=999')).status, 200);
      const tooMany = await graph('/servicePrincipals?$top=1000');
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.error.code, 'Request_UnsupportedQuery');
      assert.equal((await graph('/servicePrincipals?$top=0')).status, 400);
      assert.equal((await graph('/servicePrincipals?$top=ten')).status, 400);
    });

    it('rejects a forged $skiptoken', async () => {
      const res = await graph('/users?$skiptoken=bm90LWEtdG9rZW4');
      assert.equal(res.status, 400);
    });
  });

  describe('$select', () => {
    it('returns only selected properties (unset ones as null) and names them in @odata.context', async () => {
      const res = await graph(`/servicePrincipals/${ATTACKER_SP}?$select=displayName,appId,homepage`);
      assert.deepEqual(Object.keys(res.body), ['@odata.context', 'displayName', 'appId', 'homepage']);
      assert.equal(res.body.homepage, null);
      assert.match(res.body['@odata.context'], /\$metadata#servicePrincipals\(displayName,appId,homepage\)\/\$entity$/);
    });

    it('returns the default user properties unless $select asks for more', async () => {
      const plain = await graph('/users/84b80893-8749-40a3-97b7-68513b600544');
      assert.equal(plain.body.accountEnabled, undefined);
      assert.equal(plain.body.displayName, 'Trevor Jones');
      const selected = await graph('/users/TrevorJ@contoso.com?$select=id,accountEnabled');
      assert.equal(selected.body.accountEnabled, true);
    });
  });

  describe('$filter', () => {
    it('filters with eq on a key and with in (...)', async () => {
      const eq = await graph("/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'&$select=id");
      assert.deepEqual(eq.body.value, [{ id: GRAPH_SP }]);
      const inList = await graph("/servicePrincipals?$filter=appId in ('00000003-0000-0000-c000-000000000000','00000002-0000-0ff1-ce00-000000000000')&$select=displayName");
      assert.deepEqual(inList.body.value.map((s: GraphJson) => s.displayName).sort(), ['Microsoft Graph', 'Office 365 Exchange Online']);
    });

    it("filters with startswith and reads '' as a quote", async () => {
      const res = await graph("/users?$filter=startswith(displayName,'Pat O''B')");
      assert.deepEqual(res.body.value.map((u: GraphJson) => u.displayName), ["Pat O'Brien"]);
    });

    it('filters on unquoted GUIDs and date-times, nested paths and any() lambdas', async () => {
      const byGuid = await graph('/roleManagement/directory/roleAssignments?$filter=principalId eq f1847572-48aa-47aa-96a3-2ec61904f41f');
      assert.equal(byGuid.body.value.length, 2);
      const recent = await graph("/auditLogs/directoryAudits?$filter=activityDateTime ge 2025-01-15T00:00:00Z and activityDateTime lt 2025-01-15T10:00:00Z");
      assert.deepEqual(recent.body.value.map((a: GraphJson) => a.id), ['Directory_3b0a7c2d_A2', 'Directory_policy_A5']);
      const byApp = await graph("/auditLogs/directoryAudits?$filter=initiatedBy/app/appId eq '7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5'");
      assert.deepEqual(byApp.body.value.map((a: GraphJson) => a.id), ['Directory_3b0a7c2d_A3']);
      const target = await graph(`/auditLogs/directoryAudits?$filter=targetResources/any(t: t/id eq '${ATTACKER_SP}') and (activityDisplayName eq 'Add member to role' or activityDisplayName eq 'Add service principal')`);
      assert.deepEqual(target.body.value.map((a: GraphJson) => a.id), ['Directory_3b0a7c2d_A4', 'Directory_3b0a7c2d_A1']);
      const tags = await graph("/servicePrincipals?$filter=tags/any(t: t eq 'WindowsAzureActiveDirectoryIntegratedApp') and startswith(displayName,'Mail')&$select=id");
      assert.deepEqual(tags.body.value, [{ id: ATTACKER_SP }]);
    });

    it('answers 400 for an invalid $filter', async () => {
      const res = await graph("/users?$filter=displayName eq 'unterminated");
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'BadRequest');
      assert.match(res.body.error.message, /^Invalid filter clause/);
    });

    it('needs ConsistencyLevel: eventual and $count=true for ne and not on directory objects', async () => {
      const refused = await graph("/users?$filter=accountEnabled ne true");
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'Request_UnsupportedQuery');
      const accepted = await graph("/users?$filter=accountEnabled ne true&$count=true", { headers: EVENTUAL });
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body['@odata.count'], 1);
      const negated = await graph("/users?$filter=not(accountEnabled eq true)&$count=true", { headers: EVENTUAL });
      assert.deepEqual(negated.body.value.map((u: GraphJson) => u.displayName), ['Bianca Pisani']);
    });

    it('allows ne on collections that are not directory objects', async () => {
      const res = await graph("/identity/conditionalAccess/policies?$filter=state ne 'enabled'");
      assert.deepEqual(res.body.value.map((p: GraphJson) => p.displayName), ['Block legacy authentication']);
    });
  });

  describe('$count', () => {
    it('ignores $count=true without ConsistencyLevel on directory objects, as Graph does', async () => {
      const res = await graph('/servicePrincipals?$count=true&$top=1');
      assert.equal(res.status, 200);
      assert.equal(res.body['@odata.count'], undefined);
    });

    it('adds @odata.count with ConsistencyLevel: eventual', async () => {
      const res = await graph("/servicePrincipals?$count=true&$filter=startswith(displayName,'Microsoft')&$select=id", { headers: EVENTUAL });
      assert.equal(res.body['@odata.count'], 1);
    });

    it('answers /$count as text with ConsistencyLevel and 400 without it', async () => {
      const counted = await graph('/servicePrincipals/$count', { headers: EVENTUAL });
      assert.equal(counted.status, 200);
      assert.match(counted.headers.get('content-type') ?? '', /^text\/plain/);
      const all = await allPages(graph, '/servicePrincipals?$select=id&$top=999');
      assert.equal(counted.body, String(all.length));
      const refused = await graph('/servicePrincipals/$count');
      assert.equal(refused.status, 400);
    });
  });

  describe('keys, casts and $expand', () => {
    it("addresses servicePrincipals(appId='…') and applications(appId='…')", async () => {
      const sp = await graph("/servicePrincipals(appId='7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5')?$select=id");
      assert.equal(sp.body.id, ATTACKER_SP);
      const app = await graph("/applications(appId='7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5')?$select=id,displayName");
      assert.equal(app.body.displayName, 'Mail Sync Helper');
      const missing = await graph("/servicePrincipals(appId='00000000-0000-0000-0000-00000000abcd')");
      assert.equal(missing.status, 404);
    });

    it('casts transitiveMembers to service principals with advanced query parameters only', async () => {
      const res = await graph(`/groups/${ALL_COMPANY}/transitiveMembers/microsoft.graph.servicePrincipal?$count=true&$select=id`, { headers: EVENTUAL });
      assert.equal(res.status, 200);
      assert.match(res.body['@odata.context'], /\$metadata#servicePrincipals\(id\)$/);
      assert.deepEqual(res.body.value, [{ id: ATTACKER_SP }]);
      const refused = await graph(`/groups/${ALL_COMPANY}/transitiveMembers/microsoft.graph.servicePrincipal`);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'Request_UnsupportedQuery');
    });

    it('needs advanced query parameters for $filter on membership lists, except on id', async () => {
      const refused = await graph(`/groups/${ADMINS_GROUP}/members?$filter=startswith(displayName,'Mail')`);
      assert.equal(refused.status, 400);
      const byId = await graph(`/groups/${ADMINS_GROUP}/members?$filter=id eq '${ATTACKER_SP}'`);
      assert.equal(byId.status, 200);
      assert.equal(byId.body.value.length, 1);
    });

    it('expands the principal of role assignments with its @odata.type', async () => {
      const res = await graph(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${ATTACKER_SP}'&$expand=principal`);
      assert.equal(res.body.value[0].principal['@odata.type'], '#microsoft.graph.servicePrincipal');
      assert.equal(res.body.value[0].principal.appId, '7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5');
      const group = await graph(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${ADMINS_GROUP}'&$expand=principal`);
      assert.equal(group.body.value[0].principal['@odata.type'], '#microsoft.graph.group');
      const unknown = await graph('/roleManagement/directory/roleAssignments?$expand=frobnicator');
      assert.equal(unknown.status, 400);
    });
  });

  describe('other options', () => {
    it('rejects unknown system query options and $skip', async () => {
      assert.equal((await graph('/users?$frobnicate=1')).status, 400);
      assert.equal((await graph('/users?$skip=2')).status, 400);
    });

    it('orders with $orderby', async () => {
      const res = await graph('/auditLogs/directoryAudits?$orderby=activityDateTime asc&$top=2');
      assert.deepEqual(res.body.value.map((a: GraphJson) => a.id), ['id', 'Directory_3b0a7c2d_A1']);
    });

    it('needs ConsistencyLevel for $search on directory objects', async () => {
      assert.equal((await graph('/users?$search="displayName:Trevor"')).status, 400);
      const res = await graph('/users?$search="displayName:Trevor"', { headers: EVENTUAL });
      assert.deepEqual(res.body.value.map((u: GraphJson) => u.displayName), ['Trevor Jones']);
    });
  });
});
