import assert from 'node:assert/strict';
import type { ServicePrincipal, User } from '@microsoft/microsoft-graph-types';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep } from '../../../services/remediation/steps';
import type { FindingReference } from '../../../services/remediation/types';
import { planOf, refusalOf } from './outcomes';
import { appIn, ATTACKER_APP_ID, ATTACKER_NAME, defaultScenario, GLOBAL_ADMINISTRATOR, HR_SYNC_APP_ID } from './scenarios';
import { startSimTenant, type SimTenant } from './simTenant';

const UNKNOWN_ID = '0b7c5d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e';
const scenario = defaultScenario();
const attacker = appIn(scenario, ATTACKER_APP_ID);
const hrSync = appIn(scenario, HR_SYNC_APP_ID);

// Two tenants: each app plan reads the directory audits, which allow 5 requests per 10 seconds.
function withTenant(): { tenant: () => SimTenant; plan: (reference: FindingReference) => ReturnType<typeof buildPlan> } {
  let tenant: SimTenant;
  before(async () => {
    tenant = await startSimTenant({ scenario });
  });
  after(async () => {
    await tenant?.stop();
  });
  return { tenant: () => tenant, plan: (reference) => buildPlan(reference, tenant.planDeps()) };
}

describe('refusals: an app that is gone, or an item that is not its own', function () {
  this.timeout(60_000);
  const { plan } = withTenant();

  it('refuses an app that does not exist, and a target that is not an appId', async () => {
    assert.match(refusalOf(await plan({ kind: 'contain', target: UNKNOWN_ID })), /^no such app/);
    assert.match(refusalOf(await plan({ kind: 'disableApp', target: "Mail Sync' or 1 eq 1" })), /^no such app/);
  });

  it('refuses to revoke a permission whose assignment belongs to another app', async () => {
    const refused = refusalOf(await plan({ kind: 'revokePermission', target: ATTACKER_APP_ID, item: hrSync.assignments[0].id as string }));
    assert.match(refused, /^that item does not belong to this app/);
    assert.match(refused, /'Contoso HR Directory Sync'/);
  });

  it('refuses to remove a role assignment held by someone else', async () => {
    const someoneElses = scenario.roleAssignments!.find((a) => a.principalId !== attacker.servicePrincipalId)!.id as string;
    assert.match(refusalOf(await plan({ kind: 'removeRole', target: ATTACKER_APP_ID, item: someoneElses })), /^that item does not belong to this app/);
  });

  it('refuses a credential id the app does not have, and a request that names no item', async () => {
    const otherSecret = scenario.applications!.find((a) => a.appId === HR_SYNC_APP_ID)!.passwordCredentials![0].keyId as string;
    assert.match(refusalOf(await plan({ kind: 'removeCredentials', target: ATTACKER_APP_ID, item: otherSecret })), /^that item does not belong to this app/);
    assert.match(refusalOf(await plan({ kind: 'revokePermission', target: ATTACKER_APP_ID })), /does not say which permission/);
  });
});

describe('plans for one item of an app, from the tenant as it is now', function () {
  this.timeout(60_000);
  const { tenant, plan } = withTenant();

  it('plans the revocation of one permission, naming the permission, the resource and the app', async () => {
    const result = planOf(await plan({ kind: 'revokePermission', target: ATTACKER_APP_ID, item: attacker.assignments[0].id as string }));
    assert.equal(result.title, `Revoke Exchange.ManageAsApp from ${ATTACKER_NAME}`);
    assert.deepEqual(result.steps.map((s) => s.description), [
      `Revoke Exchange.ManageAsApp on Office 365 Exchange Online from ${ATTACKER_NAME} (app role assignment ${attacker.assignments[0].id})`,
    ]);
    assert.match(result.evidence[0], /^Holds Exchange.ManageAsApp on Office 365 Exchange Online, granted \d{4}-\d\d-\d\d\.$/);
  });

  it('plans the removal of one directly assigned role', async () => {
    const globalAdmin = attacker.roleAssignments.find((a) => a.roleDefinitionId === GLOBAL_ADMINISTRATOR)!;
    const result = planOf(await plan({ kind: 'removeRole', target: ATTACKER_APP_ID, item: globalAdmin.id as string }));
    assert.deepEqual(result.steps.map((s) => s.spec), [
      { type: 'removeDirectoryRole', assignmentId: globalAdmin.id, roleName: 'Global Administrator', principalId: attacker.servicePrincipalId },
    ]);
  });

  it("removes only the named secret of the service principal, keeping the registration's secret", async () => {
    const keyId = attacker.spSecrets[0].keyId as string;
    const result = planOf(await plan({ kind: 'removeCredentials', target: ATTACKER_APP_ID, item: keyId.toUpperCase() }));
    assert.deepEqual(result.steps.map((s) => s.spec), [{ type: 'removePassword', on: 'servicePrincipal', objectId: attacker.servicePrincipalId, keyId, name: 'secret Vn2…' }]);
    assert.equal((await runStep(result.steps[0], tenant().deps)).outcome, 'succeeded');
    const sp = await tenant().graph.get<ServicePrincipal>(`/servicePrincipals/${attacker.servicePrincipalId}?$select=passwordCredentials`);
    assert.deepEqual(sp.passwordCredentials, []);
    const app = await tenant().graph.get<ServicePrincipal>(`/applications/${attacker.applicationId}?$select=passwordCredentials`);
    assert.deepEqual(app.passwordCredentials?.map((p) => p.keyId), [attacker.appSecrets[0].keyId]);
  });

  it('disables the app, then refuses to disable it again', async () => {
    const result = planOf(await plan({ kind: 'disableApp', target: ATTACKER_APP_ID }));
    assert.deepEqual(result.steps.map((s) => s.spec.type), ['disableServicePrincipal']);
    assert.equal((await runStep(result.steps[0], tenant().deps)).outcome, 'succeeded');
    const sp = await tenant().graph.get<ServicePrincipal>(`/servicePrincipals/${attacker.servicePrincipalId}?$select=accountEnabled`);
    assert.equal(sp.accountEnabled, false);
    assert.match(refusalOf(await plan({ kind: 'disableApp', target: ATTACKER_APP_ID })), /is already disabled$/);
  });

  it('revokes the sign-in sessions of a user, which cannot be read back, and refuses an unknown user', async () => {
    // An ordinary user: no role, and not in a role-assignable group (whose members Graph protects like admins).
    const roleGroups = scenario.groups!.filter((g) => g.isAssignableToRole).flatMap((g) => g.members ?? []);
    const user = scenario.users!.find(
      (u) => !scenario.roleAssignments!.some((a) => a.principalId === u.id) && !roleGroups.includes(u.id as string),
    ) as User;
    const result = planOf(await plan({ kind: 'revokeSessions', target: user.id as string }));
    assert.deepEqual(result.steps.map((s) => s.spec), [{ type: 'revokeSignInSessions', userId: user.id, userPrincipalName: user.userPrincipalName }]);
    const run = await runStep(result.steps[0], tenant().deps);
    assert.equal(run.outcome, 'succeeded', run.message);
    assert.match(run.message, /cannot be read back/);
    assert.match(refusalOf(await plan({ kind: 'revokeSessions', target: UNKNOWN_ID })), /^no such user/);
  });
});
