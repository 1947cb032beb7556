import assert from 'node:assert/strict';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep, type StepDeps } from '../../../services/remediation/steps';
import { MemoryStore } from '../../../services/store/memoryStore';
import { KnownGood } from '../../../services/watch/knownGood';
import { scanRiskyApps } from '../../../services/apps/riskyApps';
import { parseRemediationReference } from '../../../bot/actions/findingReference';
import { planOf } from '../remediation/outcomes';
import { ATTACKER_APP_ID, defaultScenario } from '../remediation/scenarios';
import { startSimTenant, type SimTenant } from '../remediation/simTenant';

const PARTNER = 'Fabrikam partner TLS';
const SEEDED = '0d4a8f2e-5b6c-4d7e-8f90-a1b2c3d4e5f6';

describe('the known-good list through approved requests', function () {
  this.timeout(60_000);
  let tenant: SimTenant;
  let list: KnownGood;
  const planDeps = () => ({ ...tenant.planDeps(), knownGood: list });
  const stepDeps = (requestId = 'request-1'): StepDeps => ({ ...tenant.deps, knownGood: { list, requestId, now: () => new Date('2026-11-20T09:00:00Z') } });

  beforeEach(async () => {
    tenant = await startSimTenant({ scenario: defaultScenario() });
    list = new KnownGood(new MemoryStore(), [SEEDED]);
  });
  afterEach(() => tenant.stop());

  it('"expect connector" pins the connector by Guid and settings fingerprint, shown to the approver', async () => {
    const plan = planOf(await buildPlan({ kind: 'expectConnector', target: PARTNER }, planDeps()));
    assert.equal(plan.steps.length, 1);
    const spec = plan.steps[0].spec;
    assert.equal(spec.type, 'expectConnector');
    assert.match(plan.evidence[0], /^Settings fingerprint [0-9a-f]{12}…/);
    assert.equal((await runStep(plan.steps[0], stepDeps())).outcome, 'succeeded');
    const [expected] = await list.expectedConnectors();
    assert.equal(expected.name, PARTNER);
    assert.equal(expected.requestId, 'request-1');
    assert.equal(expected.key, `inboundConnector:${expected.guid}`);
    assert.equal(expected.fingerprint, spec.type === 'expectConnector' ? spec.fingerprint : '');
    assert.deepEqual(await buildPlan({ kind: 'expectConnector', target: PARTNER }, planDeps()), { refused: `the connector '${PARTNER}' is already expected with exactly these settings` });
  });

  it('records nothing when the connector changed between the request and the approval', async () => {
    const plan = planOf(await buildPlan({ kind: 'expectConnector', target: PARTNER }, planDeps()));
    await tenant.exchange.invoke('Set-InboundConnector', { Identity: PARTNER, Enabled: false });
    const run = await runStep(plan.steps[0], stepDeps());
    assert.equal(run.outcome, 'failed');
    assert.match(run.message, /settings changed after the request was made/);
    assert.deepEqual(await list.expectedConnectors(), []);
  });

  it('refuses a connector that does not exist', async () => {
    assert.deepEqual(await buildPlan({ kind: 'expectConnector', target: 'No such connector' }, planDeps()), { refused: "no connector named 'No such connector' exists, inbound or outbound" });
  });

  it('"trust app" shows the approver what the app holds, and can be undone; a seeded app cannot be forgotten from chat', async () => {
    const plan = planOf(await buildPlan({ kind: 'trustApp', target: ATTACKER_APP_ID }, planDeps()));
    assert.ok(plan.evidence.some((line) => /Exchange\.ManageAsApp/.test(line)), plan.evidence.join('\n'));
    assert.ok(plan.caveats.some((line) => /still alerted/.test(line)));
    assert.equal((await runStep(plan.steps[0], stepDeps())).outcome, 'succeeded');
    assert.ok((await list.trustedAppIds()).has(ATTACKER_APP_ID));
    assert.deepEqual(await buildPlan({ kind: 'trustApp', target: ATTACKER_APP_ID }, planDeps()), { refused: `the app ${ATTACKER_APP_ID} is already trusted` });

    const forget = planOf(await buildPlan({ kind: 'forgetKnownGood', target: `knownGood/apps/${ATTACKER_APP_ID}` }, planDeps()));
    assert.equal((await runStep(forget.steps[0], stepDeps('request-2'))).outcome, 'succeeded');
    assert.ok(!(await list.trustedAppIds()).has(ATTACKER_APP_ID));
    assert.deepEqual(await buildPlan({ kind: 'forgetKnownGood', target: `knownGood/apps/${SEEDED}` }, planDeps()), {
      refused: `the app ${SEEDED} is trusted by the TRUSTED_APP_IDS setting; change the setting instead`,
    });
  });

  it('trust lowers standing access one level and leaves recent credentials and grants as they were', async () => {
    const now = new Date();
    const plain = (await scanRiskyApps(tenant.graph, { tenantId: tenant.sim.tenantId, now })).assessments.find((a) => a.app.servicePrincipal.appId === ATTACKER_APP_ID)!;
    const trusted = (await scanRiskyApps(tenant.graph, { tenantId: tenant.sim.tenantId, now, trustedAppIds: new Set([ATTACKER_APP_ID]) })).assessments.find(
      (a) => a.app.servicePrincipal.appId === ATTACKER_APP_ID,
    )!;
    assert.equal(plain.trusted, false);
    assert.equal(trusted.trusted, true);
    const severities = (a: typeof plain, rule: string) => a.findings.filter((f) => f.ruleId === rule).map((f) => f.severity);
    assert.deepEqual(severities(plain, 'exchange-powershell-as-app'), ['critical']);
    assert.deepEqual(severities(trusted, 'exchange-powershell-as-app'), ['high']);
    assert.ok(severities(plain, 'credential-added-recently').length > 0);
    assert.deepEqual(severities(trusted, 'credential-added-recently'), severities(plain, 'credential-added-recently'));
    assert.deepEqual(severities(trusted, 'access-granted-recently'), severities(plain, 'access-granted-recently'));
  });

  it('a Stop button names only a known-good key', () => {
    assert.equal(parseRemediationReference({ kind: 'forgetKnownGood', target: `knownGood/apps/${ATTACKER_APP_ID}` }).ok, true);
    assert.equal(parseRemediationReference({ kind: 'forgetKnownGood', target: 'requests/abc' }).ok, false);
    assert.equal(parseRemediationReference({ kind: 'forgetKnownGood', target: `knownGood/apps/${ATTACKER_APP_ID}`, item: 'x' }).ok, false);
  });
});
