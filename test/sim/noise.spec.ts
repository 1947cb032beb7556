import assert from 'node:assert/strict';
import { generateNoise, microsoftGraphServicePrincipal } from '../../sim/noise';
import { LOW_IMPACT_GRAPH_PERMISSIONS, GRAPH_APP_ROLES } from '../../sim/permissions';
import type { RunningSim } from '../../sim/server';
import { allPages, graphClient, startTestSim, token, type Graph, type GraphJson } from './helpers';

const EVENTUAL = { ConsistencyLevel: 'eventual' };
const GRAPH_SP = '7408235b-7540-4850-82fe-a5f15ed019e2';
const TENANT = '927c6607-8060-4f4a-a5f8-34964ac78d70';
const SCENARIO_SERVICE_PRINCIPALS = 6;
const SCENARIO_APPLICATIONS = 2;
const LOW_IMPACT_ROLE_IDS = new Set(LOW_IMPACT_GRAPH_PERMISSIONS.map((p) => GRAPH_APP_ROLES[p]));

async function count(graph: Graph, path: string): Promise<number> {
  const res = await graph(`${path}/$count`, { headers: EVENTUAL });
  assert.equal(res.status, 200);
  return Number(res.body);
}

describe('sim noise', () => {
  describe('with 50 noise service principals and 120 grants', () => {
    let sim: RunningSim;
    let graph: Graph;

    before(async () => {
      sim = await startTestSim({ noiseServicePrincipals: 50, noiseGrants: 120 });
      graph = graphClient(sim, await token(sim));
    });

    after(() => sim.stop());

    it('adds N service principals, each with an application registered in the tenant', async () => {
      assert.equal(await count(graph, '/servicePrincipals'), SCENARIO_SERVICE_PRINCIPALS + 50);
      assert.equal(await count(graph, '/applications'), SCENARIO_APPLICATIONS + 50);
      const noise = await graph(`/servicePrincipals?$filter=appOwnerOrganizationId eq '${TENANT}'&$top=999&$select=appId,displayName,servicePrincipalType`);
      const apps = new Set((await allPages(graph, '/applications?$select=appId&$top=999')).map((a) => a.appId));
      for (const sp of noise.body.value) assert.ok(apps.has(sp.appId), `${sp.displayName} has its application`);
      const names = noise.body.value.map((sp: GraphJson) => sp.displayName);
      assert.equal(new Set(names).size, names.length);
      assert.ok(names.includes('Fabrikam Expense Sync'), 'names read like real line-of-business apps');
    });

    it('spreads M low-impact Microsoft Graph grants over the noise service principals', async () => {
      const assigned = await allPages(graph, `/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo?$top=999`);
      const noise = assigned.filter((a) => LOW_IMPACT_ROLE_IDS.has(a.appRoleId));
      assert.equal(noise.length, 120);
      assert.equal(new Set(noise.map((a) => a.principalId)).size, 50);
      assert.equal(new Set(noise.map((a) => `${a.principalId}:${a.appRoleId}`)).size, 120);
      for (const a of noise) assert.equal(a.principalType, 'ServicePrincipal');
    });

    it('gives noise service principals no directory roles and no other app role assignments', async () => {
      const noise = await graph(`/servicePrincipals?$filter=appOwnerOrganizationId eq '${TENANT}'&$select=id,displayName&$top=999`);
      const sample = noise.body.value.filter((sp: GraphJson) => sp.displayName !== 'Mail Sync Helper' && sp.displayName !== 'Tenant Warden').slice(0, 5);
      for (const sp of sample) {
        const roles = await graph(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${sp.id}'`);
        assert.deepEqual(roles.body.value, []);
        const assignments = await graph(`/servicePrincipals/${sp.id}/appRoleAssignments`);
        for (const a of assignments.body.value) assert.ok(LOW_IMPACT_ROLE_IDS.has(a.appRoleId));
      }
    });
  });

  it('is deterministic', () => {
    const options = { servicePrincipals: 20, grants: 30, tenantId: TENANT, tenantDomain: 'contoso.onmicrosoft.com', now: new Date('2025-01-01T00:00:00Z') };
    const graph = microsoftGraphServicePrincipal(TENANT);
    assert.deepEqual(generateNoise(options, graph), generateNoise(options, graph));
  });

  it('refuses grants without noise service principals', async () => {
    await assert.rejects(startTestSim({ noiseGrants: 5 }), /noiseGrants needs noiseServicePrincipals > 0/);
  });

  it('creates the Microsoft Graph service principal when the scenario has none', async () => {
    const sim = await startTestSim({
      scenario: { tenant: { id: TENANT, displayName: 'Empty', defaultDomain: 'empty.onmicrosoft.com' } },
      noiseServicePrincipals: 3,
      noiseGrants: 3,
    });
    try {
      const graph = graphClient(sim, await token(sim));
      const res = await graph("/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')/appRoleAssignedTo");
      assert.equal(res.body.value.length, 3);
    } finally {
      await sim.stop();
    }
  });

  describe('at 100,000 service principals', () => {
    let sim: RunningSim;
    let graph: Graph;
    let startupMs: number;

    before(async () => {
      const started = Date.now();
      sim = await startTestSim({ noiseServicePrincipals: 100_000, noiseGrants: 100_000 });
      startupMs = Date.now() - started;
      graph = graphClient(sim, await token(sim));
    });

    after(() => sim.stop());

    it('loads within a few seconds', () => {
      assert.ok(startupMs < 8000, `startup took ${startupMs} ms`);
      assert.ok(sim.port > 0);
    });

    it('answers key lookups and indexed filters fast', async () => {
      const timed = async (path: string, headers?: Record<string, string>): Promise<GraphJson> => {
        const started = Date.now();
        const res = await graph(path, { headers });
        const elapsed = Date.now() - started;
        assert.equal(res.status, 200, path);
        assert.ok(elapsed < 300, `${path} took ${elapsed} ms`);
        return res.body;
      };
      const page = await timed('/servicePrincipals?$top=999&$select=id,appId');
      const last = page.value[page.value.length - 1];
      assert.equal((await timed(`/servicePrincipals(appId='${last.appId}')?$select=id`)).id, last.id);
      assert.equal((await timed(`/servicePrincipals?$filter=appId eq '${last.appId}'&$select=id`)).value[0].id, last.id);
      assert.equal((await timed(`/servicePrincipals/${last.id}/appRoleAssignments`)).value.length > 0, true);
      assert.equal((await timed(`/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`)).value.length, 100);
      assert.equal(Number(await timed('/servicePrincipals/$count', EVENTUAL)), SCENARIO_SERVICE_PRINCIPALS + 100_000);
    });
  });
});
