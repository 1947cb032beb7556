import assert from 'node:assert/strict';
import type { InboundConnector, OutboundConnector, TransportRule } from '../../../services/exchange/types';
import { buildPlan } from '../../../services/remediation/plans';
import { readExchangeObject } from '../../../services/remediation/steps/exchangeObjects';
import { runStep } from '../../../services/remediation/steps';
import type { FindingReference } from '../../../services/remediation/types';
import { planOf, refusalOf } from './outcomes';
import { RELAY_CONNECTOR, withOutboundConnector } from './scenarios';
import { startSimTenant, type SimTenant } from './simTenant';

const PARTNER_CONNECTOR = 'Fabrikam partner TLS';
const HEADER_RULE = 'Transport header normalization';
const DISCLAIMER_RULE = 'External email disclaimer';

describe('connector and transport rule remediation through the Exchange admin API', function () {
  this.timeout(60_000);
  let tenant: SimTenant;
  const plan = (reference: FindingReference) => buildPlan(reference, tenant.planDeps());
  const inbound = (identity: string) => readExchangeObject<InboundConnector>(tenant.exchange, 'InboundConnector', identity);
  const rule = (identity: string) => readExchangeObject<TransportRule>(tenant.exchange, 'TransportRule', identity);

  before(async () => {
    tenant = await startSimTenant({ scenario: withOutboundConnector() });
  });
  after(async () => {
    await tenant?.stop();
  });

  it('disables an inbound connector, then finds it already disabled', async () => {
    const disable = planOf(await plan({ kind: 'disableConnector', target: PARTNER_CONNECTOR }));
    assert.deepEqual(disable.steps.map((s) => s.spec), [{ type: 'disableInboundConnector', identity: PARTNER_CONNECTOR }]);
    assert.match(disable.targetSummary, /^Inbound connector 'Fabrikam partner TLS' \(enabled, type Partner/);
    assert.ok(disable.evidence.some((e) => e.includes('CHG-2107')));
    const run = await runStep(disable.steps[0], tenant.deps);
    assert.equal(run.outcome, 'succeeded', run.message);
    assert.equal((run.snapshot as InboundConnector).Enabled, true);
    assert.equal((await inbound(PARTNER_CONNECTOR))?.Enabled, false);
    assert.equal((await runStep(disable.steps[0], tenant.deps)).outcome, 'alreadyDone');
    assert.match(refusalOf(await plan({ kind: 'disableConnector', target: PARTNER_CONNECTOR })), /is already disabled$/);
  });

  it('removes an inbound connector, then finds nothing left to remove', async () => {
    const remove = planOf(await plan({ kind: 'removeConnector', target: PARTNER_CONNECTOR }));
    assert.deepEqual(remove.steps.map((s) => s.spec), [{ type: 'removeInboundConnector', identity: PARTNER_CONNECTOR }]);
    assert.equal((await runStep(remove.steps[0], tenant.deps)).outcome, 'succeeded');
    assert.equal(await inbound(PARTNER_CONNECTOR), undefined);
    assert.equal((await runStep(remove.steps[0], tenant.deps)).outcome, 'alreadyDone');
    assert.match(refusalOf(await plan({ kind: 'removeConnector', target: PARTNER_CONNECTOR })), /^no connector named 'Fabrikam partner TLS' exists/);
  });

  it('finds an outbound connector by its identity and disables it', async () => {
    const disable = planOf(await plan({ kind: 'disableConnector', target: RELAY_CONNECTOR }));
    assert.deepEqual(disable.steps.map((s) => s.spec), [{ type: 'disableOutboundConnector', identity: RELAY_CONNECTOR }]);
    assert.match(disable.targetSummary, /smart hosts relay\.mail-sync\.example/);
    assert.equal((await runStep(disable.steps[0], tenant.deps)).outcome, 'succeeded');
    const [connector] = await tenant.exchange.invoke<OutboundConnector>('Get-OutboundConnector', { Identity: RELAY_CONNECTOR });
    assert.equal(connector.Enabled, false);
  });

  it('disables the header-stripping rule, with the reasons its settings give', async () => {
    const disable = planOf(await plan({ kind: 'disableTransportRule', target: HEADER_RULE }));
    assert.deepEqual(disable.steps.map((s) => s.spec), [{ type: 'disableTransportRule', identity: HEADER_RULE }]);
    assert.ok(disable.evidence.includes('Removes or rewrites message headers: Removes the header X-Forefront-Antispam-Report.'), disable.evidence.join('\n'));
    assert.ok(disable.evidence.includes('Lets mail skip spam filtering: Sets the spam confidence level (SCL) to -1.'));
    assert.equal((await runStep(disable.steps[0], tenant.deps)).outcome, 'succeeded');
    assert.equal((await rule(HEADER_RULE))?.State, 'Disabled');
    assert.equal((await runStep(disable.steps[0], tenant.deps)).outcome, 'alreadyDone');
  });

  it('removes one transport rule and leaves the other', async () => {
    const remove = planOf(await plan({ kind: 'removeTransportRule', target: DISCLAIMER_RULE }));
    const run = await runStep(remove.steps[0], tenant.deps);
    assert.equal(run.outcome, 'succeeded', run.message);
    assert.equal((run.snapshot as TransportRule).Name, DISCLAIMER_RULE);
    assert.equal(await rule(DISCLAIMER_RULE), undefined);
    assert.ok(await rule(HEADER_RULE));
    assert.match(refusalOf(await plan({ kind: 'disableTransportRule', target: DISCLAIMER_RULE })), /^no transport rule named/);
  });

  it('refuses a connector that does not exist', async () => {
    assert.match(refusalOf(await plan({ kind: 'disableConnector', target: 'Nobody knows this one' })), /^no connector named 'Nobody knows this one' exists, inbound or outbound/);
  });
});
