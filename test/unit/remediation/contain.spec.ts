import assert from 'node:assert/strict';
import type { AppRoleAssignment, Application, KeyCredential, PasswordCredential, ServicePrincipal, UnifiedRoleAssignment } from '@microsoft/microsoft-graph-types';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep, type StepRun } from '../../../services/remediation/steps';
import type { RemediationPlan } from '../../../services/remediation/types';
import { planOf, refusalOf } from './outcomes';
import { appIn, ATTACKER_APP_ID, ATTACKER_NAME, HR_CERTIFICATE_ID, HR_SYNC_APP_ID, withCertificates } from './scenarios';
import { startSimTenant, type SimTenant } from './simTenant';

async function runAll(plan: RemediationPlan, tenant: SimTenant): Promise<StepRun[]> {
  const results: StepRun[] = [];
  for (const step of plan.steps) results.push(await runStep(step, tenant.deps));
  return results;
}

describe('containing the attacker app of the default scenario', function () {
  this.timeout(60_000);
  const scenario = withCertificates();
  const attacker = appIn(scenario, ATTACKER_APP_ID);
  const hrSync = appIn(scenario, HR_SYNC_APP_ID);
  let tenant: SimTenant;
  let plan: RemediationPlan;
  let firstRun: StepRun[];

  before(async () => {
    tenant = await startSimTenant({ scenario });
    plan = planOf(await buildPlan({ kind: 'contain', target: ATTACKER_APP_ID }, tenant.planDeps()));
    tenant.graphWrites.length = 0;
    firstRun = await runAll(plan, tenant);
  });
  after(async () => {
    await tenant?.stop();
  });

  it('plans to disable the service principal first, then revoke, remove roles, credentials and the tenant-wide grant', () => {
    assert.deepEqual(plan.steps.map((s) => s.spec.type), [
      'disableServicePrincipal',
      'revokeAppRoleAssignment',
      'removeDirectoryRole',
      'removeDirectoryRole',
      'removePassword',
      'removePassword',
      'removeKeyCredential',
      'removeKeyCredential',
      'deleteDelegatedGrant',
    ]);
    assert.deepEqual(plan.steps.map((s) => s.id), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('names exactly what each step changes', () => {
    const [disable, revoke, ...rest] = plan.steps.map((s) => s.description);
    assert.equal(disable, `Disable the service principal of ${ATTACKER_NAME} (object id ${attacker.servicePrincipalId}), so it cannot get new tokens`);
    assert.equal(revoke, `Revoke Exchange.ManageAsApp on Office 365 Exchange Online from ${ATTACKER_NAME} (app role assignment ${attacker.assignments[0].id})`);
    assert.ok(rest.some((d) => d.startsWith(`Remove the Global Administrator role from ${ATTACKER_NAME} (role assignment`)));
    assert.ok(rest.some((d) => d.startsWith(`Remove the Exchange Administrator role from ${ATTACKER_NAME} (role assignment`)));
    assert.ok(rest.some((d) => d.startsWith(`Remove client secret 'kQ7…' named "sync" (keyId ${attacker.appSecrets[0].keyId}, expires`) && d.endsWith(`from the app registration of ${ATTACKER_NAME}`)));
    assert.ok(rest.some((d) => d.startsWith(`Remove client secret 'Vn2…' (keyId ${attacker.spSecrets[0].keyId}`) && d.endsWith(`from the service principal of ${ATTACKER_NAME}`)));
    assert.ok(rest.some((d) => d.startsWith("Remove certificate 'CN=mail-sync' (thumbprint ")));
    assert.ok(rest.some((d) => d.startsWith(`Delete the delegated grant of User.Read on Microsoft Graph that ${ATTACKER_NAME} holds for every user`)));
  });

  it('shows the findings that still hold and the token caveat', () => {
    assert.match(plan.title, /^Contain Mail Sync/);
    assert.match(plan.targetSummary, new RegExp(`appId ${ATTACKER_APP_ID}.*enabled`));
    assert.ok(plan.evidence.some((e) => e === 'Can run Exchange Online PowerShell as itself: Exchange.ManageAsApp plus Global Administrator and Exchange Administrator.'), plan.evidence.join('\n'));
    assert.ok(plan.caveats.includes('Tokens already issued stay valid until they expire, typically 60–90 minutes.'));
  });

  it('carries out every step and confirms it by reading it back', () => {
    assert.deepEqual(firstRun.map((r) => [r.stepId, r.outcome]), plan.steps.map((s) => [s.id, 'succeeded']), firstRun.map((r) => r.message).join('\n'));
    assert.match(firstRun[0].message, /^Done: Disable the service principal/);
  });

  it('writes in plan order, the service principal disabled before anything else', () => {
    const sp = attacker.servicePrincipalId;
    assert.deepEqual(tenant.graphWrites, [
      `PATCH /v1.0/servicePrincipals/${sp}`,
      `DELETE /v1.0/servicePrincipals/${attacker.assignments[0].resourceId}/appRoleAssignedTo/${attacker.assignments[0].id}`,
      `DELETE /v1.0/roleManagement/directory/roleAssignments/${attacker.roleAssignments[0].id}`,
      `DELETE /v1.0/roleManagement/directory/roleAssignments/${attacker.roleAssignments[1].id}`,
      `POST /v1.0/applications/${attacker.applicationId}/removePassword`,
      `POST /v1.0/servicePrincipals/${sp}/removePassword`,
      `PATCH /v1.0/applications/${attacker.applicationId}`,
      `PATCH /v1.0/applications/${attacker.applicationId}`,
      `DELETE /v1.0/oauth2PermissionGrants/${attacker.grants[0].id}`,
    ]);
  });

  it('leaves the app disabled, with no permission, role, secret, certificate or tenant-wide grant', async () => {
    const { graph } = tenant;
    const sp = await graph.get<ServicePrincipal>(`/servicePrincipals/${attacker.servicePrincipalId}?$select=accountEnabled,passwordCredentials,keyCredentials`);
    assert.equal(sp.accountEnabled, false);
    assert.deepEqual(sp.passwordCredentials, []);
    const app = await graph.get<Application>(`/applications/${attacker.applicationId}?$select=passwordCredentials,keyCredentials`);
    assert.deepEqual(app.passwordCredentials, []);
    assert.deepEqual(app.keyCredentials, []);
    assert.deepEqual(await graph.list<AppRoleAssignment>(`/servicePrincipals/${attacker.servicePrincipalId}/appRoleAssignments`), []);
    const roles = await graph.list<UnifiedRoleAssignment>(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${attacker.servicePrincipalId}'`);
    assert.deepEqual(roles, []);
    await assert.rejects(graph.get(`/oauth2PermissionGrants/${attacker.grants[0].id}`), (error: { status?: number }) => error.status === 404);
  });

  it("leaves other apps' certificates and permissions untouched", async () => {
    const { graph } = tenant;
    const hr = await graph.get<Application>(`/applications/${hrSync.applicationId}?$select=keyCredentials`);
    const expected = withCertificates().applications!.find((a) => a.appId === HR_SYNC_APP_ID)!.keyCredentials!;
    assert.deepEqual(hr.keyCredentials?.map((k) => [k.keyId, k.key]), expected.map((k) => [k.keyId, k.key]));
    assert.equal(hr.keyCredentials?.[0].keyId, HR_CERTIFICATE_ID);
    const hrAssignments = await graph.list<AppRoleAssignment>(`/servicePrincipals/${hrSync.servicePrincipalId}/appRoleAssignments`);
    assert.deepEqual(hrAssignments.map((a) => a.id), hrSync.assignments.map((a) => a.id));
  });

  it('records the prior state of each target for the audit trail, never a secret value', () => {
    const snapshots = firstRun.map((r) => r.snapshot);
    const disabled = snapshots[0] as ServicePrincipal;
    const revoked = snapshots[1] as { permission: string; assignment: AppRoleAssignment };
    const role = snapshots[2] as { assignment: UnifiedRoleAssignment };
    const appSecret = snapshots[4] as { secret: PasswordCredential };
    const certificate = snapshots[6] as { certificate: KeyCredential };
    assert.equal(disabled.accountEnabled, true);
    assert.equal(disabled.id, attacker.servicePrincipalId);
    assert.equal(revoked.assignment.id, attacker.assignments[0].id);
    assert.equal(revoked.permission, 'Exchange.ManageAsApp');
    assert.equal(role.assignment.principalId, attacker.servicePrincipalId);
    assert.equal(appSecret.secret.hint, 'kQ7');
    assert.ok(!('secretText' in appSecret.secret));
    assert.equal(certificate.certificate.displayName, 'CN=mail-sync');
    assert.ok(certificate.certificate.key, 'the public key, to put the certificate back');
  });

  it('running the same plan again reports every step already done and changes nothing', async () => {
    tenant.graphWrites.length = 0;
    const again = await runAll(plan, tenant);
    assert.deepEqual(again.map((r) => r.outcome), plan.steps.map(() => 'alreadyDone'), again.map((r) => r.message).join('\n'));
    assert.ok(again.every((r) => r.snapshot === undefined && r.message.startsWith('Already done, nothing changed: ')));
    assert.deepEqual(tenant.graphWrites, []);
  });

  it('refuses to contain the app again: it no longer holds high-impact access', async () => {
    const answer = await buildPlan({ kind: 'contain', target: ATTACKER_APP_ID }, tenant.planDeps());
    assert.match(refusalOf(answer), /no longer holds high-impact access/);
  });

  it('refuses to revoke a permission the app no longer holds', async () => {
    const answer = await buildPlan({ kind: 'revokePermission', target: ATTACKER_APP_ID, item: attacker.assignments[0].id as string }, tenant.planDeps());
    assert.match(refusalOf(answer), /no longer holds that permission/);
  });
});
