import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RunningSim, SimOptions } from '../../sim/server';
import { graphClient, startTestSim, token, type Graph, type GraphJson } from './helpers';

const DEFAULT_SCENARIO = path.resolve(__dirname, '..', '..', '..', 'sim', 'scenarios', 'default.json');
const ATTACKER_APP = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
const QUERIES = '/security/auditLog/queries';
const scenarioRecords: GraphJson[] = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')).exchange.auditRecords;

// The response example of "List auditLogRecords" (api-reference/v1.0/api/security-auditlogquery-list-records.md).
const DOCUMENTED_RECORD = {
  '@odata.type': '#microsoft.graph.security.auditLogRecord',
  id: '40706737-7eca-f9a1-97a5-dedd3260e24a',
  createdDateTime: 'String (timestamp)',
  auditLogRecordType: 'String',
  operation: 'String',
  organizationId: 'String',
  userType: 'String',
  userId: 'String',
  service: 'String',
  objectId: 'String',
  userPrincipalName: 'String',
  clientIp: 'String',
  administrativeUnits: ['String'],
  auditData: { '@odata.type': 'microsoft.graph.security.auditData' },
};

// The JSON representation of auditLogQuery (api-reference/v1.0/resources/security-auditlogquery.md).
const DOCUMENTED_QUERY_PROPERTIES = [
  '@odata.type', 'id', 'displayName', 'filterStartDateTime', 'filterEndDateTime', 'recordTypeFilters', 'keywordFilter', 'serviceFilters',
  'operationFilters', 'userPrincipalNameFilters', 'ipAddressFilters', 'objectIdFilters', 'administrativeUnitIdFilters', 'status',
  'approximateReturnedRecordCount', 'isRecordCountLimitExceeded', 'recordCountLimit',
];

async function startWithGraph(options: SimOptions = {}): Promise<{ sim: RunningSim; graph: Graph }> {
  const sim = await startTestSim({ scenario: DEFAULT_SCENARIO, auditQueryDelayMs: 0, ...options });
  return { sim, graph: graphClient(sim, await token(sim)) };
}

async function submit(graph: Graph, body: Record<string, unknown>): Promise<GraphJson> {
  const res = await graph(QUERIES, { method: 'POST', body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function recordsOf(graph: Graph, body: Record<string, unknown>): Promise<GraphJson[]> {
  const query = await submit(graph, body);
  const res = await graph(`${QUERIES}/${query.id}/records?$top=1000`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sim audit log query API (security/auditLog/queries)', () => {
  describe('with queries that finish at once', () => {
    let sim: RunningSim;
    let graph: Graph;

    before(async () => {
      ({ sim, graph } = await startWithGraph());
    });

    after(() => sim.stop());

    it('creates a query: 201 with the filters echoed, status notStarted and the $entity context', async () => {
      const start = new Date(Date.now() - 365 * 86_400_000);
      start.setUTCHours(0, 0, 0, 0);
      const end = new Date(start.getTime() + 400 * 86_400_000);
      const body = {
        '@odata.type': '#microsoft.graph.security.auditLogQuery',
        displayName: 'Exchange changes',
        filterStartDateTime: start.toISOString(),
        filterEndDateTime: end.toISOString().replace('Z', '+00:00'),
        recordTypeFilters: ['exchangeAdmin'],
        operationFilters: ['New-InboundConnector'],
      };
      const created = await submit(graph, body);
      assert.equal(created['@odata.context'], `${sim.url}/v1.0/$metadata#security/auditLog/queries/$entity`);
      assert.deepEqual(Object.keys(created).filter((key) => key !== '@odata.context'), DOCUMENTED_QUERY_PROPERTIES);
      assert.equal(created.status, 'notStarted');
      assert.equal(created.displayName, 'Exchange changes');
      assert.equal(created.filterStartDateTime, start.toISOString().replace('.000Z', 'Z'));
      assert.equal(created.filterEndDateTime, end.toISOString().replace('.000Z', 'Z'));
      assert.deepEqual(created.recordTypeFilters, ['exchangeAdmin']);
      assert.deepEqual(created.operationFilters, ['New-InboundConnector']);
      assert.deepEqual(created.serviceFilters, []);
      assert.equal(created.keywordFilter, null);
      assert.equal(created.isRecordCountLimitExceeded, false);
      const fetched = await graph(`${QUERIES}/${created.id}`);
      assert.equal(fetched.status, 200);
      assert.equal(fetched.body['@odata.context'], `${sim.url}/v1.0/$metadata#security/auditLog/queries/$entity`);
      assert.equal(fetched.body.status, 'succeeded');
      assert.equal(fetched.body.approximateReturnedRecordCount, 3);
      const listed = await graph(QUERIES);
      assert.equal(listed.body['@odata.context'], `${sim.url}/v1.0/$metadata#security/auditLog/queries`);
      assert.ok(listed.body.value.some((query: GraphJson) => query.id === created.id));
    });

    it('returns a scenario record exactly in the documented auditLogRecord shape', async () => {
      const query = await submit(graph, { recordTypeFilters: ['exchangeAdmin'], operationFilters: ['New-TransportRule'], objectIdFilters: ['Transport header normalization'] });
      const res = await graph(`${QUERIES}/${query.id}/records`);
      assert.equal(res.status, 200);
      assert.equal(res.body['@odata.context'], `${sim.url}/v1.0/$metadata#security/auditLog/queries('${query.id}')/records`);
      assert.equal(res.body.value.length, 1);
      const record = res.body.value[0];
      assert.deepEqual(Object.keys(record).sort(), Object.keys(DOCUMENTED_RECORD).sort());
      assert.equal(record['@odata.type'], DOCUMENTED_RECORD['@odata.type']);
      for (const [key, documented] of Object.entries(DOCUMENTED_RECORD)) {
        if (key === 'auditData' || key === 'administrativeUnits') continue;
        assert.equal(typeof record[key], typeof documented, key);
      }
      assert.match(record.createdDateTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.ok(Array.isArray(record.administrativeUnits));
      assert.equal(typeof record.auditData, 'object');
      assert.equal(record.auditData['@odata.type'], '#microsoft.graph.security.exchangeAdminAuditRecord');
      const source = scenarioRecords.find((r) => r.operation === 'New-TransportRule' && r.objectId === 'Transport header normalization');
      const { '@odata.type': _auditDataType, ...auditData } = record.auditData;
      assert.deepEqual({ ...record, auditData }, { ...source, createdDateTime: record.createdDateTime, auditData: { ...source.auditData, CreationTime: auditData.CreationTime } });
      assert.equal(auditData.CreationTime, record.createdDateTime.replace('Z', ''));
    });

    it('filters by time window (start inclusive, end exclusive), operation in any case, user, IP, object and keyword', async () => {
      const newest = scenarioRecords[0];
      const all = await recordsOf(graph, { recordTypeFilters: ['exchangeAdmin'] });
      assert.equal(all.length, scenarioRecords.length);
      assert.deepEqual(all.map((r) => r.id), scenarioRecords.map((r) => r.id), 'newest first');
      const at = all[0].createdDateTime;
      assert.deepEqual((await recordsOf(graph, { filterStartDateTime: at, filterEndDateTime: new Date(Date.parse(at) + 1000).toISOString() })).map((r) => r.id), [newest.id]);
      assert.deepEqual(await recordsOf(graph, { filterStartDateTime: new Date(Date.parse(at) - 1000).toISOString(), filterEndDateTime: at }), []);
      assert.equal((await recordsOf(graph, { operationFilters: ['remove-transportrule'] })).length, 24);
      const admin = await recordsOf(graph, { userPrincipalNameFilters: ['lidiah@contoso.onmicrosoft.com'] });
      assert.deepEqual(admin.map((r) => r.operation).sort(), ['New-InboundConnector', 'New-TransportRule', 'Set-TransportRule']);
      assert.equal((await recordsOf(graph, { ipAddressFilters: ['192.0.2.10'] })).length, 3);
      assert.equal((await recordsOf(graph, { objectIdFilters: ['Partner relay 7731'] })).length, 2);
      assert.equal((await recordsOf(graph, { keywordFilter: 'MAIL.fabrikam.com' })).length, 1);
      assert.equal((await recordsOf(graph, { serviceFilters: ['exchange'], userPrincipalNameFilters: [ATTACKER_APP] })).length, 53);
      assert.deepEqual(await recordsOf(graph, { recordTypeFilters: ['sharePoint'] }), []);
    });

    it('pages records with $top and @odata.nextLink, up to 1,000 a page', async () => {
      const query = await submit(graph, { recordTypeFilters: ['exchangeAdmin'] });
      const ids: string[] = [];
      let next: string | undefined = `${QUERIES}/${query.id}/records?$top=20`;
      while (next) {
        const page: GraphJson = await graph(next);
        assert.equal(page.status, 200);
        assert.ok(page.body.value.length <= 20);
        ids.push(...page.body.value.map((r: GraphJson) => r.id));
        next = page.body['@odata.nextLink'];
      }
      assert.deepEqual(ids, scenarioRecords.map((r) => r.id));
      assert.equal((await graph(`${QUERIES}/${query.id}/records?$top=1001`)).status, 400);
    });

    it('rejects unknown properties (such as serviceFilter), record types and malformed dates with 400', async () => {
      for (const body of [{ serviceFilter: 'Exchange' }, { recordTypeFilters: ['exchangeAdministration'] }, { filterStartDateTime: '2026-01-01' }, { operationFilters: 'Set-InboundConnector' }]) {
        const res = await graph(QUERIES, { method: 'POST', body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'BadRequest');
      }
    });

    it('answers 404 for a query that does not exist', async () => {
      const res = await graph(`${QUERIES}/5c9d7d1e-0000-4000-8000-000000000000`);
      assert.equal(res.status, 404);
    });

    it('needs an AuditLogsQuery permission (403 without) and returns only the services it covers', async () => {
      await sim.stop();
      const denied = ['AuditLogsQuery-Exchange.Read.All', 'AuditLogsQuery.Read.All'];
      ({ sim, graph } = await startWithGraph({ deniedPermissions: denied }));
      const res = await graph(QUERIES, { method: 'POST', body: {} });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'Authorization_RequestDenied');
      await sim.stop();
      // A token that holds AuditLogsQuery-Entra.Read.All only (a permission the sim's tokens carry when the
      // scenario's Microsoft Graph service principal defines it) may query, but reads no Exchange records.
      const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
      const graphSp = scenario.servicePrincipals.find((sp: GraphJson) => sp.appId === '00000003-0000-0000-c000-000000000000');
      graphSp.appRoles.push({ ...graphSp.appRoles[0], id: '8b4c1c5f-0000-4000-8000-00000000a0d1', value: 'AuditLogsQuery-Entra.Read.All', displayName: 'Read Entra audit logs' });
      ({ sim, graph } = await startWithGraph({ scenario, deniedPermissions: denied }));
      assert.deepEqual(await recordsOf(graph, { recordTypeFilters: ['exchangeAdmin'] }), []);
    });
  });

  describe('while a query runs', () => {
    let sim: RunningSim | undefined;

    afterEach(() => sim?.stop());

    it('reports running until auditQueryDelayMs has passed, then succeeded; records before that are 400', async () => {
      let graph: Graph;
      ({ sim, graph } = await startWithGraph({ auditQueryDelayMs: 400 }));
      const query = await submit(graph, { recordTypeFilters: ['exchangeAdmin'] });
      const early = await graph(`${QUERIES}/${query.id}`);
      assert.equal(early.body.status, 'running');
      assert.equal(early.body.approximateReturnedRecordCount, null);
      const tooSoon = await graph(`${QUERIES}/${query.id}/records`);
      assert.equal(tooSoon.status, 400);
      assert.equal(tooSoon.body.error.code, 'BadRequest');
      let status = early.body.status;
      const started = Date.now();
      while (status === 'running' && Date.now() - started < 5000) {
        await sleep(50);
        status = (await graph(`${QUERIES}/${query.id}`)).body.status;
      }
      assert.equal(status, 'succeeded');
      assert.equal((await graph(`${QUERIES}/${query.id}/records`)).status, 200);
    });

    it('ends queries as failed when auditQueryOutcome is failed, and their records stay unavailable', async () => {
      let graph: Graph;
      ({ sim, graph } = await startWithGraph({ auditQueryOutcome: 'failed' }));
      const query = await submit(graph, {});
      assert.equal((await graph(`${QUERIES}/${query.id}`)).body.status, 'failed');
      assert.equal((await graph(`${QUERIES}/${query.id}/records`)).status, 400);
    });

    it('allows 50 queued or running queries per tenant, then 429 with Retry-After', async () => {
      let graph: Graph;
      ({ sim, graph } = await startWithGraph({ auditQueryDelayMs: 60_000 }));
      for (let i = 0; i < 50; i++) await submit(graph, { displayName: `q${i}` });
      const refused = await graph(QUERIES, { method: 'POST', body: {} });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'TooManyRequests');
      assert.ok(Number(refused.headers.get('retry-after')) >= 50);
    });

    it('allows 200 submissions per tenant in 24 hours, then 429', async () => {
      let graph: Graph;
      ({ sim, graph } = await startWithGraph());
      for (let i = 0; i < 200; i++) await submit(graph, {});
      const refused = await graph(QUERIES, { method: 'POST', body: {} });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 86_000);
    });
  });
});
