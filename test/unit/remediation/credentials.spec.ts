import assert from 'node:assert/strict';
import type { Application, FederatedIdentityCredential } from '@microsoft/microsoft-graph-types';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep } from '../../../services/remediation/steps';
import { planOf } from './outcomes';
import { appIn, ATTACKER_APP_ID, defaultScenario, SECOND_CERTIFICATE_ID, withCertificates } from './scenarios';
import { startSimTenant, type SimTenant } from './simTenant';

describe('removing one certificate of an app registration', function () {
  this.timeout(60_000);
  const scenario = withCertificates();
  const attacker = appIn(scenario, ATTACKER_APP_ID);
  let tenant: SimTenant;

  before(async () => {
    tenant = await startSimTenant({ scenario });
  });
  after(async () => {
    await tenant?.stop();
  });

  it("keeps the app's other certificate, public key and all", async () => {
    const [kept, removed] = attacker.certificates;
    assert.equal(removed.keyId, SECOND_CERTIFICATE_ID);
    const plan = planOf(await buildPlan({ kind: 'removeCredentials', target: ATTACKER_APP_ID, item: SECOND_CERTIFICATE_ID }, tenant.planDeps()));
    assert.deepEqual(plan.steps.map((s) => s.spec), [
      { type: 'removeKeyCredential', on: 'application', objectId: attacker.applicationId, keyId: SECOND_CERTIFICATE_ID, name: 'CN=mail-sync-backup' },
    ]);
    const run = await runStep(plan.steps[0], tenant.deps);
    assert.equal(run.outcome, 'succeeded', run.message);
    const app = await tenant.graph.get<Application>(`/applications/${attacker.applicationId}?$select=keyCredentials`);
    assert.deepEqual(app.keyCredentials?.map((k) => [k.keyId, k.displayName, k.key]), [[kept.keyId, kept.displayName, kept.key]]);
  });
});

describe('removing a federated credential', function () {
  this.timeout(60_000);
  const INFRA_DEPLOY_APP_ID = 'f7aefe1e-3f34-46de-afba-5ae6d0986c96';
  const scenario = defaultScenario();
  const registration = scenario.applications!.find((a) => a.appId === INFRA_DEPLOY_APP_ID)!;
  const federated = registration.federatedIdentityCredentials![0];
  let tenant: SimTenant;

  before(async () => {
    tenant = await startSimTenant({ scenario });
  });
  after(async () => {
    await tenant?.stop();
  });

  it('deletes the named federated credential of the app registration', async () => {
    const plan = planOf(await buildPlan({ kind: 'removeCredentials', target: INFRA_DEPLOY_APP_ID, item: federated.id as string }, tenant.planDeps()));
    assert.equal(plan.title, 'Remove a federated credential from contoso-infra-deploy');
    assert.deepEqual(plan.steps.map((s) => s.spec), [
      { type: 'deleteFederatedCredential', applicationId: registration.id, credentialId: federated.id, name: 'github-infrastructure-production' },
    ]);
    assert.match(plan.steps[0].description, /issuer https:\/\/token\.actions\.githubusercontent\.com, subject repo:contoso\/infrastructure:environment:production/);
    const run = await runStep(plan.steps[0], tenant.deps);
    assert.equal(run.outcome, 'succeeded', run.message);
    assert.equal((run.snapshot as FederatedIdentityCredential).subject, federated.subject);
    assert.deepEqual(await tenant.graph.list(`/applications/${registration.id}/federatedIdentityCredentials`), []);
    assert.equal((await runStep(plan.steps[0], tenant.deps)).outcome, 'alreadyDone');
  });
});
