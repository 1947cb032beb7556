import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { RunningSim } from '../../sim/server';
import { graphClient, startTestSim, token, type Graph, type GraphJson } from './helpers';

const ATTACKER_APP = '5e2c5f33-9a47-4a8f-8f0d-0d7c1c1a7a11';
const ATTACKER_SP = '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d';
const EXCHANGE_SP = '9f7a2f7c-3b3e-4f35-9f0d-1c2b7d8e6a01';
const GRAPH_SP = '7408235b-7540-4850-82fe-a5f15ed019e2';
const MANAGE_AS_APP_ASSIGNMENT = 'LXwKOx5PSmucjX5vWkszLY8sVcDJ6y9KtB4n1aH2mE0';
const MAIL_READ_ASSIGNMENT = 'LXwKOx5PSmucjX5vWkszLXKqLm0Y8r4wGQ0kQk3Zb1c';
const EXCHANGE_ADMIN_ASSIGNMENT = '3883KSmTkEKt6eEdCXrj3i18CjvOdLZKsrRs4pYtZ3o-1';
const TENANT_WARDEN_APP_ID = '5a9e7b21-4c3d-4e2f-9a1b-0c8d7e6f5a4b';
const JOEY_GLOBAL_ADMIN = 'ace08ec9-aa11-4ada-9145-addf0398233e';
const ALEX = '86462606-fde0-4fc4-9e0c-a20eb73e54c6';
const MESSAGING_OPERATIONS = 'c6c42122-b9d1-4d9e-a9d3-2d0adbb86fd3';
const LIDIA = 'ca612aa2-f7c6-47d9-bb36-3f4d8550d20c';

describe('sim Graph writes are visible to later reads', () => {
  let sim: RunningSim;
  let graph: Graph;

  beforeEach(async () => {
    sim = await startTestSim();
    graph = graphClient(sim, await token(sim));
  });

  afterEach(() => sim.stop());

  it('DELETE a group member $ref removes the membership only (204), then 404; a role-assignable group needs RoleManagement.ReadWrite.Directory', async () => {
    await sim.stop();
    const defaultScenario = path.resolve(__dirname, '..', '..', '..', 'sim', 'scenarios', 'default.json');
    sim = await startTestSim({ scenario: defaultScenario, deniedPermissions: ['RoleManagement.ReadWrite.Directory'] });
    const ref = `/groups/${MESSAGING_OPERATIONS}/members/${LIDIA}/$ref`;
    assert.equal((await graphClient(sim, await token(sim))(ref, { method: 'DELETE' })).status, 403);
    await sim.stop();
    sim = await startTestSim({ scenario: defaultScenario });
    graph = graphClient(sim, await token(sim));
    assert.equal((await graph(ref, { method: 'DELETE' })).status, 204);
    assert.deepEqual((await graph(`/groups/${MESSAGING_OPERATIONS}/members`)).body.value, []);
    assert.ok(!(await graph(`/users/${LIDIA}/memberOf`)).body.value.some((g: GraphJson) => g.id === MESSAGING_OPERATIONS));
    assert.equal((await graph(`/groups/${MESSAGING_OPERATIONS}`)).status, 200);
    assert.equal((await graph(ref, { method: 'DELETE' })).status, 404);
  });

  it('DELETE appRoleAssignedTo removes the assignment (204), then 404', async () => {
    const path = `/servicePrincipals/${EXCHANGE_SP}/appRoleAssignedTo/${MANAGE_AS_APP_ASSIGNMENT}`;
    const deleted = await graph(path, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, '');
    const remaining = await graph(`/servicePrincipals/${EXCHANGE_SP}/appRoleAssignedTo`);
    assert.deepEqual(remaining.body.value, []);
    const fromPrincipal = await graph(`/servicePrincipals/${ATTACKER_SP}/appRoleAssignments`);
    assert.deepEqual(fromPrincipal.body.value.map((a: GraphJson) => a.id), [MAIL_READ_ASSIGNMENT]);
    assert.equal((await graph(path, { method: 'DELETE' })).status, 404);
  });

  it('DELETE an assignment through a service principal it does not belong to is 404', async () => {
    const res = await graph(`/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo/${MANAGE_AS_APP_ASSIGNMENT}`, { method: 'DELETE' });
    assert.equal(res.status, 404);
  });

  it('DELETE appRoleAssignments from the principal side removes it from the resource side too', async () => {
    assert.equal((await graph(`/servicePrincipals/${ATTACKER_SP}/appRoleAssignments/${MAIL_READ_ASSIGNMENT}`, { method: 'DELETE' })).status, 204);
    const graphGrants = await graph(`/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`);
    assert.ok(!graphGrants.body.value.some((a: GraphJson) => a.id === MAIL_READ_ASSIGNMENT));
  });

  it('DELETE a role assignment removes the role from lists and from memberOf', async () => {
    assert.equal((await graph(`/roleManagement/directory/roleAssignments/${EXCHANGE_ADMIN_ASSIGNMENT}`, { method: 'DELETE' })).status, 204);
    const left = await graph(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${ATTACKER_SP}'`);
    assert.deepEqual(left.body.value, []);
    const memberOf = await graph(`/servicePrincipals/${ATTACKER_SP}/memberOf`);
    assert.ok(!memberOf.body.value.some((o: GraphJson) => o['@odata.type'] === '#microsoft.graph.directoryRole'));
    assert.equal((await graph(`/roleManagement/directory/roleAssignments/${EXCHANGE_ADMIN_ASSIGNMENT}`, { method: 'DELETE' })).status, 404);
  });

  it('PATCH a service principal disables it (204)', async () => {
    const patched = await graph(`/servicePrincipals/${ATTACKER_SP}`, { method: 'PATCH', body: { accountEnabled: false } });
    assert.equal(patched.status, 204);
    const read = await graph(`/servicePrincipals/${ATTACKER_SP}?$select=accountEnabled`);
    assert.equal(read.body.accountEnabled, false);
    const readOnly = await graph(`/servicePrincipals/${ATTACKER_SP}`, { method: 'PATCH', body: { appId: 'x' } });
    assert.equal(readOnly.status, 400);
  });

  it('PATCH keyCredentials replaces the collection and needs the key of every certificate kept', async () => {
    const withKeys = await graph(`/applications/${ATTACKER_APP}?$select=keyCredentials`);
    const kept = withKeys.body.keyCredentials;
    const withoutKey = await graph(`/applications/${ATTACKER_APP}`, { method: 'PATCH', body: { keyCredentials: kept.map((k: GraphJson) => ({ ...k, key: null })) } });
    assert.equal(withoutKey.status, 400);
    assert.equal((await graph(`/applications/${ATTACKER_APP}`, { method: 'PATCH', body: { keyCredentials: kept } })).status, 204);
    assert.equal((await graph(`/applications/${ATTACKER_APP}`, { method: 'PATCH', body: { keyCredentials: [] } })).status, 204);
    const after = await graph(`/applications/${ATTACKER_APP}?$select=keyCredentials`);
    assert.deepEqual(after.body.keyCredentials, []);
  });

  it('removePassword removes a secret (204); an unknown keyId is 404 and a malformed one 400', async () => {
    const path = `/applications/${ATTACKER_APP}/removePassword`;
    const removed = await graph(path, { method: 'POST', body: { keyId: 'b1a2c3d4-e5f6-4789-a012-3456789abcde' } });
    assert.equal(removed.status, 204);
    const app = await graph(`/applications/${ATTACKER_APP}?$select=passwordCredentials`);
    assert.deepEqual(app.body.passwordCredentials, []);
    const again = await graph(path, { method: 'POST', body: { keyId: 'b1a2c3d4-e5f6-4789-a012-3456789abcde' } });
    assert.equal(again.status, 404);
    const malformed = await graph(path, { method: 'POST', body: { keyId: 'not-a-guid' } });
    assert.equal(malformed.status, 400);
    const spRemoved = await graph(`/servicePrincipals/${ATTACKER_SP}/removePassword`, { method: 'POST', body: { keyId: 'd4e5f6a7-b8c9-4d01-8e23-456789abcdef' } });
    assert.equal(spRemoved.status, 204);
    const sp = await graph(`/servicePrincipals/${ATTACKER_SP}?$select=passwordCredentials`);
    assert.deepEqual(sp.body.passwordCredentials, []);
  });

  it('DELETE a federated identity credential and a delegated grant', async () => {
    const path = `/applications/${ATTACKER_APP}/federatedIdentityCredentials/bcd7c908-1c4d-4d48-93ee-ff38349a75c8`;
    assert.equal((await graph(path, { method: 'DELETE' })).status, 204);
    assert.deepEqual((await graph(`/applications/${ATTACKER_APP}/federatedIdentityCredentials`)).body.value, []);
    assert.equal((await graph(path, { method: 'DELETE' })).status, 404);
    assert.equal((await graph('/oauth2PermissionGrants/PQvrlNa5yEKv9BzvkPnP1G3pZb9kO4hNuIN0Ujd1aDk', { method: 'DELETE' })).status, 204);
    const grants = await graph(`/oauth2PermissionGrants?$filter=clientId eq '${ATTACKER_SP}'`);
    assert.deepEqual(grants.body.value, []);
  });

  it('PATCH a user disables the account; revokeSignInSessions moves signInSessionsValidFromDateTime', async () => {
    const before = Date.now() - 1000;
    assert.equal((await graph(`/users/${ALEX}`, { method: 'PATCH', body: { accountEnabled: false } })).status, 204);
    assert.equal((await graph(`/users/${ALEX}/revokeSignInSessions`, { method: 'POST' })).status, 200);
    const user = await graph(`/users/${ALEX}?$select=accountEnabled,signInSessionsValidFromDateTime`);
    assert.equal(user.body.accountEnabled, false);
    assert.ok(Date.parse(user.body.signInSessionsValidFromDateTime) >= before);
  });

  it('disabling or revoking a role holder needs Privileged Authentication Administrator on the calling app', async () => {
    const refused = await graph(`/users/${JOEY_GLOBAL_ADMIN}`, { method: 'PATCH', body: { accountEnabled: false } });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'Authorization_RequestDenied');
    assert.equal((await graph(`/users/${JOEY_GLOBAL_ADMIN}/revokeSignInSessions`, { method: 'POST' })).status, 403);
    const warden = graphClient(sim, await token(sim, { client_id: TENANT_WARDEN_APP_ID }));
    assert.equal((await warden(`/users/${JOEY_GLOBAL_ADMIN}`, { method: 'PATCH', body: { accountEnabled: false } })).status, 204);
    assert.equal((await warden(`/users/${JOEY_GLOBAL_ADMIN}/revokeSignInSessions`, { method: 'POST' })).status, 200);
  });

  it('confirmCompromised makes the users high risk', async () => {
    const res = await graph('/identityProtection/riskyUsers/confirmCompromised', { method: 'POST', body: { userIds: ['84b80893-8749-40a3-97b7-68513b600544', ALEX] } });
    assert.equal(res.status, 204);
    const risky = await graph("/identityProtection/riskyUsers?$filter=riskState eq 'confirmedCompromised'");
    assert.deepEqual(risky.body.value.map((u: GraphJson) => u.riskLevel), ['high', 'high']);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const res = await fetch(`${sim.url}/v1.0/servicePrincipals/${ATTACKER_SP}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${await token(sim)}`, 'Content-Type': 'application/json' },
      body: '{not json',
    });
    assert.equal(res.status, 400);
  });
});

describe('sim write permissions', () => {
  let sim: RunningSim;

  before(async () => {
    sim = await startTestSim({ deniedPermissions: ['AppRoleAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'] });
  });

  after(() => sim.stop());

  it('refuses to revoke an app role without AppRoleAssignment.ReadWrite.All', async () => {
    const graph = graphClient(sim, await token(sim));
    const res = await graph(`/servicePrincipals/${EXCHANGE_SP}/appRoleAssignedTo/${MANAGE_AS_APP_ASSIGNMENT}`, { method: 'DELETE' });
    assert.equal(res.status, 403);
  });

  it('lets User.EnableDisableAccount.All change accountEnabled only', async () => {
    const graph = graphClient(sim, await token(sim));
    assert.equal((await graph(`/users/${ALEX}`, { method: 'PATCH', body: { accountEnabled: false } })).status, 204);
    assert.equal((await graph(`/users/${ALEX}`, { method: 'PATCH', body: { jobTitle: 'Intern' } })).status, 403);
  });
});
