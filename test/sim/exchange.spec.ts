import assert from 'node:assert/strict';
import { request } from 'node:https';
import * as path from 'node:path';
import type { ScenarioFile } from '../../sim/scenario';
import type { RunningSim } from '../../sim/server';
import { EXCHANGE_SCOPE, exchangeClient, graphClient, http, startTestSim, token, type Exchange, type GraphJson } from './helpers';

const DEFAULT_SCENARIO = path.resolve(__dirname, '..', '..', '..', 'sim', 'scenarios', 'default.json');
const ATTACKER_APP = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
const ATTACKER_SP = 'de3d7478-cc06-49b0-9216-356cc6d488ee';
const WIRE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/;

function startDefault(options = {}) {
  return startTestSim({ scenario: DEFAULT_SCENARIO, auditQueryDelayMs: 0, ...options });
}

const exchangeToken = (sim: RunningSim, clientId = ATTACKER_APP) => token(sim, { scope: EXCHANGE_SCOPE, client_id: clientId });

/** The records an audit log query created now finds for these filters. */
async function auditRecords(sim: RunningSim, filters: Record<string, unknown>): Promise<GraphJson[]> {
  const graph = graphClient(sim, await token(sim));
  const query = await graph('/security/auditLog/queries', { method: 'POST', body: { displayName: 'test', ...filters } });
  assert.equal(query.status, 201, JSON.stringify(query.body));
  const records = await graph(`/security/auditLog/queries/${query.body.id}/records?$top=1000`);
  assert.equal(records.status, 200, JSON.stringify(records.body));
  return records.body.value;
}

/** The raw answer, body bytes undecoded (the unknown-cmdlet answer is not valid gzip). */
function rawPost(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('sim Exchange admin API (InvokeCommand)', () => {
  describe('reads', () => {
    let sim: RunningSim;
    let exo: Exchange;

    before(async () => {
      sim = await startDefault();
      exo = exchangeClient(sim, await exchangeToken(sim));
    });

    after(() => sim.stop());

    it('answers Get-InboundConnector in the InvokeCommand envelope with annotated values', async () => {
      const res = await exo('Get-InboundConnector');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json;odata\.metadata=minimal/);
      assert.equal(res.body['@odata.context'], `${sim.url}/adminapi/beta/${sim.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`);
      assert.equal(res.body['adminapi.warnings@odata.type'], '#Collection(String)');
      assert.deepEqual(res.body['@adminapi.warnings'], []);
      assert.equal(res.body['@odata.nextLink'], undefined);
      assert.equal(res.body.value.length, 1);
      const connector = res.body.value[0];
      assert.equal(connector.Identity, 'Fabrikam partner TLS');
      assert.equal(connector.Enabled, true);
      assert.equal(connector.ConnectorType, 'Partner');
      assert.equal(connector['Guid@data.type'], 'System.Guid');
      assert.equal(connector['Guid@odata.type'], '#Guid');
      assert.equal(connector['SenderIPAddresses@odata.type'], '#Collection(String)');
      assert.deepEqual(connector.SenderIPAddresses, []);
      assert.equal(connector['WhenCreated@data.type'], 'System.DateTime');
      assert.match(connector.WhenCreated, WIRE_DATE);
      assert.equal(connector.WhenCreatedUTC, connector.WhenCreated.replace('+00:00', 'Z'));
      assert.ok(Date.parse(connector.WhenCreated) < Date.now());
    });

    it('gets one transport rule by name or Guid, and names the missing object as ManagementObjectNotFoundException', async () => {
      const byName = await exo('Get-TransportRule', { Identity: 'transport header normalization' });
      assert.equal(byName.status, 200);
      assert.equal(byName.body.value.length, 1);
      assert.equal(byName.body.value[0].SetSCL, -1);
      assert.equal(byName.body.value[0]['Priority@data.type'], 'System.Int32');
      const byGuid = await exo('Get-TransportRule', { Identity: byName.body.value[0].Guid });
      assert.equal(byGuid.body.value[0].Name, 'Transport header normalization');
      const missing = await exo('Get-TransportRule', { Identity: 'Org header policy 12' });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'NotFound');
      assert.equal(missing.body.error.message, 'Error executing cmdlet');
      assert.equal(missing.body.error.details[0].code, 'Client');
      assert.match(missing.body.error.details[0].message,
        /^Ex6F9304\|Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\|The operation couldn't be performed because object 'Org header policy 12' couldn't be found on '[A-Z0-9.]+'\.$/);
      assert.equal(missing.body.error.innererror.type, 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException');
      assert.deepEqual(missing.body['@adminapi.warnings'], []);
    });

    it('filters Get-TransportRule by State and accepts ResultSize', async () => {
      const enabled = await exo('Get-TransportRule', { State: 'Enabled', ResultSize: 'Unlimited' });
      assert.equal(enabled.body.value.length, 2);
      const disabled = await exo('Get-TransportRule', { State: 'Disabled', ResultSize: 1000 });
      assert.deepEqual(disabled.body.value, []);
    });

    it('returns Get-AdminAuditLogConfig as one object with unified audit log ingestion on', async () => {
      const res = await exo('Get-AdminAuditLogConfig');
      assert.equal(res.status, 200);
      assert.equal(res.body.value.length, 1);
      assert.equal(res.body.value[0].UnifiedAuditLogIngestionEnabled, true);
      assert.equal(res.body.value[0].AdminAuditLogEnabled, true);
      assert.equal(res.body.value[0].Identity, 'Admin Audit Log Settings');
    });

    it('names the tenant by its default domain too, keeping that segment in @odata.context', async () => {
      const res = await exo('Get-TransportRule', {}, { url: `${sim.url}/adminapi/beta/${sim.tenantDomain}/InvokeCommand` });
      assert.equal(res.status, 200);
      assert.match(res.body['@odata.context'], new RegExp(`/adminapi/beta/${sim.tenantDomain}/\\$metadata#`));
    });

    it('applies $select to the returned objects', async () => {
      const res = await exo('Get-TransportRule', {}, { url: `${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand?$select=Name,State` });
      assert.deepEqual(res.body.value.map((rule: GraphJson) => Object.keys(rule)), [['Name', 'State'], ['Name', 'State']]);
    });

    it('refuses a Graph token as Exchange does: empty 401, Bearer challenge and x-ms-diagnostics', async () => {
      const res = await exo('Get-InboundConnector', {}, { accessToken: await token(sim) });
      assert.equal(res.status, 401);
      assert.equal(res.body, '');
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer client_id="00000002-0000-0ff1-ce00-000000000000".*error="invalid_token"/);
      assert.equal(res.headers.get('x-ms-diagnostics'), `2000003;reason="The audience claim value is invalid 'https://graph.microsoft.com'.";error_category="invalid_resource"`);
      const none = await http(`${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand`, { method: 'POST', body: '{}' });
      assert.equal(none.status, 401);
    });

    it('refuses another tenant in the path with 401', async () => {
      const res = await exo('Get-InboundConnector', {}, { url: `${sim.url}/adminapi/beta/fabrikam.onmicrosoft.com/InvokeCommand` });
      assert.equal(res.status, 401);
    });

    it('answers only POST on the beta InvokeCommand (v1.0 and GET are 405)', async () => {
      assert.equal((await exo('Get-InboundConnector', {}, { url: `${sim.url}/adminapi/v1.0/${sim.tenantId}/InvokeCommand` })).status, 405);
      const get = await http(`${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand`, { headers: { Authorization: `Bearer ${await exchangeToken(sim)}` } });
      assert.equal(get.status, 405);
    });

    it('answers an unknown cmdlet with 403 and a body of NUL bytes declared as gzip', async () => {
      const res = await rawPost(`${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand`,
        { Authorization: `Bearer ${await exchangeToken(sim)}`, 'Content-Type': 'application/json' },
        JSON.stringify({ CmdletInput: { CmdletName: 'Get-Mailbox', Parameters: {} } }));
      assert.equal(res.status, 403);
      assert.equal(res.headers['content-encoding'], 'gzip');
      assert.ok(res.bytes.length > 0 && res.bytes.every((byte) => byte === 0));
    });

    it('rejects unknown, mistyped and missing parameters as a ParameterBindingException', async () => {
      const unknown = await exo('Get-InboundConnector', { Filter: "Name -eq 'x'" });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.details[0].message, /^\|System\.Management\.Automation\.ParameterBindingException\|A parameter cannot be found that matches parameter name 'Filter'\.$/);
      const mistyped = await exo('Set-InboundConnector', { Identity: 'Fabrikam partner TLS', Enabled: 'false' });
      assert.equal(mistyped.status, 400);
      assert.match(mistyped.body.error.details[0].message, /Cannot convert value "false" to type "System\.Boolean"/);
      const missing = await exo('Remove-TransportRule', { Confirm: false });
      assert.equal(missing.status, 400);
      assert.match(missing.body.error.details[0].message, /missing mandatory parameters: Identity\./);
      const badBody = await http(`${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand`, {
        method: 'POST', headers: { Authorization: `Bearer ${await exchangeToken(sim)}`, 'Content-Type': 'application/json' }, body: '{"Cmdlet":"Get-InboundConnector"}',
      });
      assert.equal(badBody.status, 400);
    });

    it('counts InvokeCommand under its path and under the cmdlet it ran', async () => {
      await http(`${sim.url}/_sim/stats/reset`, { method: 'POST' });
      await exo('Get-TransportRule');
      await exo('Get-TransportRule', { Identity: 'External email disclaimer' });
      await exo('Get-InboundConnector');
      const stats = (await http(`${sim.url}/_sim/stats`)).body.requests;
      assert.equal(stats.total, 3);
      assert.deepEqual(stats.byPath, {
        '/adminapi/beta/{id}/InvokeCommand': 3,
        '/adminapi/beta/{id}/InvokeCommand#Get-TransportRule': 2,
        '/adminapi/beta/{id}/InvokeCommand#Get-InboundConnector': 1,
      });
    });
  });

  describe('paging', () => {
    let sim: RunningSim;
    let exo: Exchange;
    const rules = Array.from({ length: 1001 }, (_, i) => ({ Name: `Rule ${i}`, Identity: `Rule ${i}`, State: 'Enabled', Priority: i }));

    before(async () => {
      const scenario = { tenant: { id: '11111111-0000-4000-8000-000000000000', displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' }, exchange: { transportRules: rules } } as ScenarioFile;
      sim = await startTestSim({ scenario });
      exo = exchangeClient(sim, await exchangeToken(sim, '44444444-0000-4000-8000-000000000002'));
    });

    after(() => sim.stop());

    it('honours Prefer: odata.maxpagesize and pages by posting the same body to @odata.nextLink', async () => {
      const seen: string[] = [];
      let url: string | undefined;
      let pages = 0;
      do {
        const page = await exo('Get-TransportRule', {}, { url, headers: { Prefer: 'odata.maxpagesize=400' } });
        assert.equal(page.status, 200);
        seen.push(...page.body.value.map((rule: GraphJson) => rule.Name));
        url = page.body['@odata.nextLink'];
        pages++;
        if (url) assert.match(url, new RegExp(`^${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand\\?\\$skiptoken=`));
      } while (url);
      assert.equal(pages, 3);
      assert.deepEqual(seen, rules.map((rule) => rule.Name));
    });

    it('sends at most 1,000 objects a page, without Prefer or when asked for more', async () => {
      for (const headers of [{ Prefer: '' }, { Prefer: 'odata.maxpagesize=5000' }]) {
        const page = await exo('Get-TransportRule', {}, { headers });
        assert.equal(page.body.value.length, 1000);
        assert.ok(page.body['@odata.nextLink']);
      }
    });

    it('refuses a next link posted with another command body', async () => {
      const first = await exo('Get-TransportRule', {}, { headers: { Prefer: 'odata.maxpagesize=10' } });
      const other = await exo('Get-InboundConnector', {}, { url: first.body['@odata.nextLink'] });
      assert.equal(other.status, 400);
    });
  });

  describe('writes', () => {
    let sim: RunningSim;
    let exo: Exchange;

    beforeEach(async () => {
      sim = await startDefault();
      exo = exchangeClient(sim, await exchangeToken(sim));
    });

    afterEach(() => sim.stop());

    it('Set-InboundConnector -Enabled $false disables the connector, answers an empty value and writes an exchangeAdmin record', async () => {
      const before = (await exo('Get-InboundConnector', { Identity: 'Fabrikam partner TLS' })).body.value[0];
      const res = await exo('Set-InboundConnector', { Identity: 'Fabrikam partner TLS', Enabled: false });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.value, []);
      assert.deepEqual(res.body['@adminapi.warnings'], []);
      const after = (await exo('Get-InboundConnector', { Identity: 'Fabrikam partner TLS' })).body.value[0];
      assert.equal(after.Enabled, false);
      assert.ok(Date.parse(after.WhenChanged) > Date.parse(before.WhenChanged));
      assert.equal(after.WhenCreated, before.WhenCreated);

      const [record] = await auditRecords(sim, { recordTypeFilters: ['exchangeAdmin'], operationFilters: ['Set-InboundConnector'] });
      assert.equal(record.operation, 'Set-InboundConnector');
      assert.equal(record.objectId, 'Fabrikam partner TLS');
      assert.equal(record.userType, 'application');
      assert.equal(record.userId, ATTACKER_APP);
      assert.equal(record.service, 'Exchange');
      assert.equal(record.auditLogRecordType, 'exchangeAdmin');
      const data = record.auditData;
      assert.deepEqual(data.Parameters, [{ Name: 'Identity', Value: 'Fabrikam partner TLS' }, { Name: 'Enabled', Value: 'False' }]);
      assert.equal(data.UserType, 5);
      assert.equal(data.RecordType, 1);
      assert.equal(data.ResultStatus, 'True');
      assert.equal(data.Workload, 'Exchange');
      assert.equal(data.Operation, 'Set-InboundConnector');
      for (const key of ['UserId', 'UserKey', 'AppId', 'ClientAppId']) assert.equal(data[key], ATTACKER_APP, key);
      assert.equal(data.TokenObjectId, ATTACKER_SP);
      assert.equal(data.TokenTenantId, sim.tenantId);
      assert.equal(data.OrganizationName, sim.tenantDomain);
      assert.equal(data.Id, record.id);
      assert.equal(data.CreationTime, record.createdDateTime.replace('Z', ''));
      assert.ok(Math.abs(Date.parse(record.createdDateTime) - Date.now()) < 5000);
    });

    it('answers an unchanged Set with Exchange\'s "no settings modified" warning and writes no record', async () => {
      await exo('Set-InboundConnector', { Identity: 'Fabrikam partner TLS', Enabled: false });
      const again = await exo('Set-InboundConnector', { Identity: 'Fabrikam partner TLS', Enabled: false });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body['@adminapi.warnings'], ["The command completed successfully but no settings of 'Fabrikam partner TLS' have been modified."]);
      assert.equal((await auditRecords(sim, { operationFilters: ['Set-InboundConnector'] })).length, 1);
    });

    it('Remove-InboundConnector removes it for every later read and records the Confirm parameter as sent', async () => {
      const res = await exo('Remove-InboundConnector', { Identity: 'Fabrikam partner TLS', Confirm: false });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.value, []);
      assert.deepEqual((await exo('Get-InboundConnector')).body.value, []);
      assert.equal((await exo('Get-InboundConnector', { Identity: 'Fabrikam partner TLS' })).status, 404);
      assert.equal((await exo('Remove-InboundConnector', { Identity: 'Fabrikam partner TLS', Confirm: false })).status, 404);
      const records = await auditRecords(sim, { operationFilters: ['remove-inboundconnector'], objectIdFilters: ['Fabrikam partner TLS'] });
      assert.equal(records.length, 1);
      assert.deepEqual(records[0].auditData.Parameters, [{ Name: 'Identity', Value: 'Fabrikam partner TLS' }, { Name: 'Confirm', Value: 'False' }]);
    });

    it('Disable-TransportRule sets State Disabled, Enable-TransportRule sets it back, Remove-TransportRule deletes it', async () => {
      const identity = 'Transport header normalization';
      assert.equal((await exo('Disable-TransportRule', { Identity: identity, Confirm: false })).status, 200);
      assert.equal((await exo('Get-TransportRule', { Identity: identity })).body.value[0].State, 'Disabled');
      assert.equal((await exo('Enable-TransportRule', { Identity: identity })).status, 200);
      assert.equal((await exo('Get-TransportRule', { Identity: identity })).body.value[0].State, 'Enabled');
      assert.equal((await exo('Remove-TransportRule', { Identity: identity, Confirm: false })).status, 200);
      assert.deepEqual((await exo('Get-TransportRule')).body.value.map((rule: GraphJson) => rule.Name), ['External email disclaimer']);
      const operations = (await auditRecords(sim, { objectIdFilters: [identity] })).map((record) => record.operation);
      assert.deepEqual(operations.slice(0, 3).sort(), ['Disable-TransportRule', 'Enable-TransportRule', 'Remove-TransportRule']);
    });

    it('New-InboundConnector creates the connector, returns it in value, audits it and refuses a duplicate Name', async () => {
      const parameters = {
        Name: 'Mail relay 2', ConnectorType: 'Partner', SenderDomains: ['*'], SenderIPAddresses: ['203.0.113.50', '203.0.113.51'],
        RequireTls: false, RestrictDomainsToIPAddresses: true, Comment: 'temporary relay', Enabled: true,
      };
      const res = await exo('New-InboundConnector', parameters);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body['@adminapi.warnings'], []);
      assert.equal(res.body.value.length, 1);
      const created = res.body.value[0];
      assert.equal(created.Identity, 'Mail relay 2');
      assert.equal(created.Name, 'Mail relay 2');
      assert.equal(created.Id, 'Mail relay 2');
      assert.match(created.Guid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(created['Guid@data.type'], 'System.Guid');
      assert.equal(created.ExchangeObjectId, created.Guid);
      assert.deepEqual(created.SenderDomains, ['smtp:*;1']);
      assert.deepEqual(created.SenderIPAddresses, ['203.0.113.50', '203.0.113.51']);
      assert.equal(created['SenderIPAddresses@odata.type'], '#Collection(String)');
      assert.equal(created.RestrictDomainsToIPAddresses, true);
      assert.equal(created.RestrictDomainsToCertificate, false);
      assert.equal(created.ConnectorType, 'Partner');
      assert.equal(created.Enabled, true);
      assert.equal(created.Comment, 'temporary relay');
      assert.match(created.WhenCreated, WIRE_DATE);
      assert.equal(created.WhenChanged, created.WhenCreated);
      assert.ok(Math.abs(Date.parse(created.WhenCreated) - Date.now()) < 5000);
      const listed = await exo('Get-InboundConnector', { Identity: 'mail relay 2' });
      assert.equal(listed.body.value[0].Guid, created.Guid);
      assert.equal((await exo('Get-InboundConnector', { Identity: created.Guid })).body.value[0].Name, 'Mail relay 2');

      const [record] = await auditRecords(sim, { operationFilters: ['New-InboundConnector'], objectIdFilters: ['Mail relay 2'] });
      assert.equal(record.objectId, 'Mail relay 2');
      assert.equal(record.userId, ATTACKER_APP);
      assert.equal(record.auditData.TokenObjectId, ATTACKER_SP);
      assert.deepEqual(record.auditData.Parameters, [
        { Name: 'Name', Value: 'Mail relay 2' }, { Name: 'ConnectorType', Value: 'Partner' }, { Name: 'SenderDomains', Value: '*' },
        { Name: 'SenderIPAddresses', Value: '203.0.113.50;203.0.113.51' }, { Name: 'RequireTls', Value: 'False' },
        { Name: 'RestrictDomainsToIPAddresses', Value: 'True' }, { Name: 'Comment', Value: 'temporary relay' }, { Name: 'Enabled', Value: 'True' },
      ]);

      for (const name of ['Mail relay 2', 'FABRIKAM PARTNER TLS']) {
        const duplicate = await exo('New-InboundConnector', { Name: name, SenderDomains: '*' });
        assert.equal(duplicate.status, 409);
        assert.equal(duplicate.headers.get('x-exceptiontype'), 'ADObjectAlreadyExistsException');
        assert.match(duplicate.body.error.details[0].message, new RegExp(`^\\|Microsoft\\.Exchange\\.Data\\.Directory\\.ADObjectAlreadyExistsException\\|Active Directory operation failed on SIMPR01A001DC001\\.SIMPR01A001\\.PROD\\.OUTLOOK\\.COM\\. The object 'CN=${name},CN=Transport Settings,CN=Configuration,CN=${sim.tenantDomain.replace(/\./g, '\\.')},CN=ConfigurationUnits,.*' already exists\\.$`));
      }
      assert.equal((await exo('Get-InboundConnector')).body.value.length, 2);
      assert.equal((await auditRecords(sim, { operationFilters: ['New-InboundConnector'], objectIdFilters: ['Mail relay 2'] })).length, 1);
      const missing = await exo('New-InboundConnector', { Name: 'No domains' });
      assert.equal(missing.status, 400);
      assert.match(missing.body.error.details[0].message, /missing mandatory parameters: SenderDomains\./);
      const badType = await exo('New-InboundConnector', { Name: 'Bad type', SenderDomains: '*', ConnectorType: 'Internet' });
      assert.equal(badType.status, 400);
      assert.match(badType.body.error.details[0].message, /ParameterBindingException\|.*ConnectorType/);
    });

    it('New-TransportRule creates the rule at its Priority, describes it, audits it and refuses a duplicate Name', async () => {
      const parameters = { Name: 'Bypass spam filtering', Priority: 0, SenderIpRanges: ['198.51.100.0/24'], SetSCL: -1, SetHeaderName: 'X-Bypass', SetHeaderValue: '1', Comments: 'vendor request' };
      const res = await exo('New-TransportRule', parameters);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const created = res.body.value[0];
      assert.equal(created.Identity, 'Bypass spam filtering');
      assert.equal(created.State, 'Enabled');
      assert.equal(created.Mode, 'Enforce');
      assert.equal(created.Priority, 0);
      assert.equal(created['Priority@data.type'], 'System.Int32');
      assert.equal(created.SetSCL, -1);
      assert.deepEqual(created.SenderIpRanges, ['198.51.100.0/24']);
      assert.equal(created.SetHeaderName, 'X-Bypass');
      assert.equal(created.RemoveHeader, null);
      assert.equal(created.Comments, 'vendor request');
      assert.equal(created.Description, "If the message:\r\n\tsender ip addresses belong to one of these ranges: '198.51.100.0/24'\r\nTake the following actions:\r\n\tSet message header 'X-Bypass' with the value '1'\r\n\tand Set the spam confidence level (SCL) to '-1'\r\n");
      assert.match(created.WhenCreated, WIRE_DATE);
      const rules = (await exo('Get-TransportRule')).body.value;
      assert.deepEqual(rules.map((rule: GraphJson) => [rule.Name, rule.Priority]), [['Bypass spam filtering', 0], ['External email disclaimer', 1], ['Transport header normalization', 2]]);

      const [record] = await auditRecords(sim, { operationFilters: ['New-TransportRule'], objectIdFilters: ['Bypass spam filtering'] });
      assert.deepEqual(record.auditData.Parameters, [
        { Name: 'Name', Value: 'Bypass spam filtering' }, { Name: 'Priority', Value: '0' }, { Name: 'SenderIpRanges', Value: '198.51.100.0/24' },
        { Name: 'SetSCL', Value: '-1' }, { Name: 'SetHeaderName', Value: 'X-Bypass' }, { Name: 'SetHeaderValue', Value: '1' }, { Name: 'Comments', Value: 'vendor request' },
      ]);

      const last = await exo('New-TransportRule', { Name: 'Disabled one', Enabled: false, RemoveHeader: 'X-Test' });
      assert.equal(last.body.value[0].State, 'Disabled');
      assert.equal(last.body.value[0].Priority, 3);
      const duplicate = await exo('New-TransportRule', { Name: 'transport header normalization', RemoveHeader: 'X-Other' });
      assert.equal(duplicate.status, 409);
      assert.match(duplicate.body.error.details[0].message, /ADObjectAlreadyExistsException\|.*The object 'CN=transport header normalization,CN=TransportVersioned,CN=Rules,CN=Transport Settings,.*' already exists\.$/);
      assert.equal((await exo('Get-TransportRule')).body.value.length, 4);
      const badScl = await exo('New-TransportRule', { Name: 'Bad SCL', SetSCL: 12 });
      assert.equal(badScl.status, 400);
    });

    it('Set-TransportRule changes the simulated parameters, moves the rule by Priority and audits the change', async () => {
      const identity = 'External email disclaimer';
      const res = await exo('Set-TransportRule', { Identity: identity, Priority: 1, SenderDomainIs: ['fabrikam.com'], SetSCL: 9 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.value, []);
      const rules = (await exo('Get-TransportRule')).body.value;
      assert.deepEqual(rules.map((rule: GraphJson) => [rule.Name, rule.Priority]), [['Transport header normalization', 0], [identity, 1]]);
      const rule = rules[1];
      assert.deepEqual(rule.SenderDomainIs, ['fabrikam.com']);
      assert.equal(rule.SetSCL, 9);
      assert.ok(Date.parse(rule.WhenChanged) > Date.now() - 5000);
      const [record] = await auditRecords(sim, { operationFilters: ['Set-TransportRule'], objectIdFilters: ['External email disclaimer'] });
      assert.equal(record.objectId, identity);
      assert.deepEqual(record.auditData.Parameters.map((p: GraphJson) => p.Name), ['Identity', 'Priority', 'SenderDomainIs', 'SetSCL']);
      const unchanged = await exo('Set-TransportRule', { Identity: identity, SetSCL: 9 });
      assert.deepEqual(unchanged.body['@adminapi.warnings'], [`The command completed successfully but no settings of '${identity}' have been modified.`]);
      const rename = await exo('Set-TransportRule', { Identity: identity, Name: 'Transport header normalization' });
      assert.equal(rename.status, 409);
      assert.equal((await exo('Set-TransportRule', { Identity: 'No such rule', SetSCL: 1 })).status, 404);
    });

    it('refuses every cmdlet with 401 when the app lacks Exchange.ManageAsApp', async () => {
      await sim.stop();
      sim = await startDefault({ deniedPermissions: ['Exchange.ManageAsApp'] });
      exo = exchangeClient(sim, await exchangeToken(sim));
      for (const cmdlet of ['Get-InboundConnector', 'Set-InboundConnector']) {
        const res = await exo(cmdlet, { Identity: 'Fabrikam partner TLS', Enabled: false });
        assert.equal(res.status, 401);
        assert.equal(res.body.error.code, 'Unauthorized');
        assert.match(res.body.error.message, new RegExp(`The role assigned to application ${ATTACKER_APP} isn't supported in this scenario`));
      }
      assert.equal((await exchangeClient(sim, await exchangeToken(sim))('Get-InboundConnector')).status, 401);
    });
  });

  describe('outbound connectors and audit log configuration from the scenario', () => {
    let sim: RunningSim;
    let exo: Exchange;

    before(async () => {
      const scenario = {
        tenant: { id: '11111111-0000-4000-8000-000000000000', displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' },
        exchange: {
          outboundConnectors: [{ Name: 'Smart host', Identity: 'Smart host', Enabled: true, ConnectorType: 'Partner', SmartHosts: ['203.0.113.25'] }],
          adminAuditLogConfig: { UnifiedAuditLogIngestionEnabled: false },
        },
      } as ScenarioFile;
      sim = await startTestSim({ scenario, auditQueryDelayMs: 0 });
      exo = exchangeClient(sim, await exchangeToken(sim, '44444444-0000-4000-8000-000000000002'));
    });

    after(() => sim.stop());

    it('reports UnifiedAuditLogIngestionEnabled as the scenario sets it', async () => {
      const config = (await exo('Get-AdminAuditLogConfig')).body.value[0];
      assert.equal(config.UnifiedAuditLogIngestionEnabled, false);
      assert.equal(config.AdminAuditLogEnabled, true);
    });

    it('disables and removes an outbound connector', async () => {
      assert.equal((await exo('Set-OutboundConnector', { Identity: 'Smart host', Enabled: false })).status, 200);
      assert.equal((await exo('Get-OutboundConnector')).body.value[0].Enabled, false);
      assert.equal((await exo('Remove-OutboundConnector', { Identity: 'Smart host', Confirm: false })).status, 200);
      assert.deepEqual((await exo('Get-OutboundConnector')).body.value, []);
      const operations = (await auditRecords(sim, { objectIdFilters: ['Smart host'] })).map((record) => record.operation).sort();
      assert.deepEqual(operations, ['Remove-OutboundConnector', 'Set-OutboundConnector']);
    });
  });

  describe('faults and ingestion delay', () => {
    let sim: RunningSim | undefined;

    afterEach(() => sim?.stop());

    it('fails InvokeCommand with 429 and Retry-After under SIM_FAULTS, counted under the cmdlet', async () => {
      sim = await startDefault({ faults: '429:1' });
      const res = await exchangeClient(sim, await exchangeToken(sim))('Get-TransportRule');
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '1');
      assert.equal(res.body.error.code, 'TooManyRequests');
      assert.equal((await http(`${sim.url}/_sim/stats`)).body.requests.byPath['/adminapi/beta/{id}/InvokeCommand#Get-TransportRule'], 1);
    });

    it('makes a write searchable only to queries created after the ingestion delay', async () => {
      sim = await startDefault({ exchangeAuditIngestionDelayMs: 1000 });
      const running = sim;
      const exo = exchangeClient(running, await exchangeToken(running));
      const graph = graphClient(running, await token(running));
      const filters = { operationFilters: ['Disable-TransportRule'] };
      const find = async (): Promise<GraphJson[]> => {
        const query = await graph('/security/auditLog/queries', { method: 'POST', body: filters });
        return (await graph(`/security/auditLog/queries/${query.body.id}/records`)).body.value;
      };
      const writeStarted = Date.now();
      assert.equal((await exo('Disable-TransportRule', { Identity: 'External email disclaimer' })).status, 200);
      assert.deepEqual(await find(), [], 'not yet ingested');
      let found: GraphJson[] = [];
      while (found.length === 0 && Date.now() - writeStarted < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        found = await find();
      }
      assert.equal(found.length, 1);
      assert.ok(Date.now() - writeStarted >= 1000, 'visible only after the delay');
    });
  });
});
