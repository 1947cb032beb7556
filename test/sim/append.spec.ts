import assert from 'node:assert/strict';
import type { RunningSim } from '../../sim/server';
import { EXCHANGE_SCOPE, exchangeClient, graphClient, http, startTestSim, token, type Graph, type GraphJson, type HttpResult } from './helpers';

const GRAPH_SP = '7408235b-7540-4850-82fe-a5f15ed019e2';
const GRAPH_ROLE = '6e0a958b-b7fc-4348-b7c4-a6ab9fd3dd0e';
const EXISTING_SP = '8e881353-1735-45af-af21-ee1344582a4d';
const NEW_SP = '5b2f8e0a-9c1d-4e3f-8a7b-6c5d4e3f2a1b';
const NEW_APP_ID = 'c0ffee00-1234-4abc-9def-0123456789ab';

function append(sim: RunningSim, body: unknown): Promise<HttpResult> {
  return http(`${sim.url}/_sim/scenario/append`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const servicePrincipal = (id: string, appId: string, displayName: string) => ({
  id, appId, displayName, accountEnabled: true, servicePrincipalType: 'Application', appRoles: [], passwordCredentials: [], keyCredentials: [],
});

/** The records an audit log query created now finds for these filters. */
async function auditRecords(graph: Graph, filters: Record<string, unknown>): Promise<GraphJson[]> {
  const query = await graph('/security/auditLog/queries', { method: 'POST', body: { displayName: 'append test', ...filters } });
  assert.equal(query.status, 201, JSON.stringify(query.body));
  const records = await graph(`/security/auditLog/queries/${query.body.id}/records?$top=1000`);
  assert.equal(records.status, 200, JSON.stringify(records.body));
  return records.body.value;
}

function exchangeAdminRecord(id: string, createdDateTime: string, objectId: string) {
  return {
    '@odata.type': '#microsoft.graph.security.auditLogRecord',
    id,
    createdDateTime,
    auditLogRecordType: 'exchangeAdmin',
    operation: 'New-InboundConnector',
    organizationId: 'b0a2b8e8-4f1c-4c64-9b3d-7f51d7a2e4c1',
    userType: 'application',
    userId: NEW_APP_ID,
    userPrincipalName: NEW_APP_ID,
    clientIp: '203.0.113.7',
    objectId,
    service: 'Exchange',
    administrativeUnits: [],
    auditData: { CreationTime: createdDateTime.replace(/Z$/, ''), Id: id, Operation: 'New-InboundConnector', RecordType: 1, ResultStatus: 'True', UserType: 5, Workload: 'Exchange', ObjectId: objectId, Parameters: [{ Name: 'Name', Value: objectId }] },
  };
}

describe('sim control route POST /_sim/scenario/append', () => {
  let sim: RunningSim;
  let graph: Graph;

  before(async () => {
    sim = await startTestSim({ auditQueryDelayMs: 0, exchangeAuditIngestionDelayMs: 60 * 60_000 });
    graph = graphClient(sim, await token(sim));
  });

  after(() => sim.stop());

  it('appends a service principal, an app role assignment and a directory audit that Graph then serves (204, no token, not counted)', async () => {
    const before = (await http(`${sim.url}/_sim/stats`)).body.requests.total;
    const res = await append(sim, {
      now: '2025-01-20T12:00:00Z',
      servicePrincipals: [servicePrincipal(NEW_SP, NEW_APP_ID, 'Appended Exfil App')],
      appRoleAssignments: [{ id: 'appended-assignment-1', principalId: NEW_SP, resourceId: GRAPH_SP, appRoleId: GRAPH_ROLE, createdDateTime: '2025-01-20T11:00:00Z' }],
      directoryAudits: [{
        id: 'appended-audit-1', category: 'ApplicationManagement', result: 'success', activityDisplayName: 'Add app role assignment to service principal',
        activityDateTime: '2025-01-20T11:59:00Z', loggedByService: 'Core Directory', initiatedBy: { app: null, user: null }, targetResources: [{ id: NEW_SP, type: 'ServicePrincipal' }],
      }],
    });
    assert.equal(res.status, 204, JSON.stringify(res.body));
    assert.equal(res.body, '');
    assert.equal((await http(`${sim.url}/_sim/stats`)).body.requests.total, before);

    const sp = await graph(`/servicePrincipals/${NEW_SP}`);
    assert.equal(sp.status, 200);
    assert.equal(sp.body.displayName, 'Appended Exfil App');
    const byAppId = await graph(`/servicePrincipals(appId='${NEW_APP_ID}')`);
    assert.equal(byAppId.body.id, NEW_SP);
    const filtered = await graph(`/servicePrincipals?$filter=appId eq '${NEW_APP_ID}'`);
    assert.deepEqual(filtered.body.value.map((item: GraphJson) => item.id), [NEW_SP]);

    const assignments = await graph(`/servicePrincipals/${NEW_SP}/appRoleAssignments`);
    assert.equal(assignments.status, 200);
    assert.equal(assignments.body.value.length, 1);
    const assignment = assignments.body.value[0];
    assert.equal(assignment.appRoleId, GRAPH_ROLE);
    assert.equal(assignment.principalType, 'ServicePrincipal');
    assert.equal(assignment.principalDisplayName, 'Appended Exfil App');
    assert.equal(assignment.resourceDisplayName, 'Microsoft Graph');
    // Anchored like a scenario: an hour before `now` becomes an hour ago.
    const age = Date.now() - Date.parse(assignment.createdDateTime);
    assert.ok(age > 3_590_000 && age < 3_700_000, `createdDateTime ${assignment.createdDateTime}`);
    const assignedTo = await graph(`/servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`);
    assert.ok(assignedTo.body.value.some((item: GraphJson) => item.id === 'appended-assignment-1'));

    const audits = await graph('/auditLogs/directoryAudits');
    assert.equal(audits.status, 200, JSON.stringify(audits.body));
    assert.equal(audits.body.value[0].id, 'appended-audit-1', 'newest first');
    assert.ok(Math.abs(Date.now() - 60_000 - Date.parse(audits.body.value[0].activityDateTime)) < 10_000);
  });

  it('resolves references against the running tenant and refuses ones that resolve nowhere (400 naming the path)', async () => {
    const ok = await append(sim, { oauth2PermissionGrants: [{ id: 'appended-grant-1', clientId: NEW_SP, resourceId: GRAPH_SP, consentType: 'AllPrincipals', scope: 'User.Read' }] });
    assert.equal(ok.status, 204, JSON.stringify(ok.body));
    const grants = await graph(`/servicePrincipals/${NEW_SP}/oauth2PermissionGrants`);
    assert.deepEqual(grants.body.value.map((grant: GraphJson) => grant.id), ['appended-grant-1']);

    const dangling = await append(sim, { appRoleAssignments: [{ id: 'appended-assignment-2', principalId: '11111111-2222-4333-8444-555555555555', resourceId: GRAPH_SP, appRoleId: GRAPH_ROLE }] });
    assert.equal(dangling.status, 400);
    assert.equal(dangling.body.error.code, 'BadRequest');
    assert.match(dangling.body.error.message, /appRoleAssignments\[0\]\.principalId: '11111111-2222-4333-8444-555555555555' is not a user, group or service principal/);
    const wrongRole = await append(sim, { appRoleAssignments: [{ id: 'appended-assignment-3', principalId: NEW_SP, resourceId: GRAPH_SP, appRoleId: '99999999-2222-4333-8444-555555555555' }] });
    assert.equal(wrongRole.status, 400);
    assert.match(wrongRole.body.error.message, /is not one of the appRoles of service principal 'Microsoft Graph'/);
  });

  it('refuses unknown keys and the keys that are not collections with 400 naming them, and invalid JSON', async () => {
    const unknown = await append(sim, { servicePrincipal: [] });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /unknown key 'servicePrincipal'/);
    const tenant = await append(sim, { tenant: { id: sim.tenantId, displayName: 'x', defaultDomain: 'x' } });
    assert.equal(tenant.status, 400);
    assert.match(tenant.body.error.message, /unknown key 'tenant'/);
    const config = await append(sim, { exchange: { adminAuditLogConfig: { UnifiedAuditLogIngestionEnabled: false } } });
    assert.equal(config.status, 400);
    assert.match(config.body.error.message, /exchange: unknown key 'adminAuditLogConfig'/);
    const missingRequired = await append(sim, { directoryAudits: [{ id: 'appended-audit-2', activityDisplayName: 'x' }] });
    assert.equal(missingRequired.status, 400);
    assert.match(missingRequired.body.error.message, /directoryAudits\[0\]\.activityDateTime: required ISO-8601 date-time/);
    const notJson = await append(sim, '{"users": [');
    assert.equal(notJson.status, 400);
    const notObject = await append(sim, '[]');
    assert.equal(notObject.status, 400);
  });

  it('refuses ids the tenant already has with 409 naming them, and applies nothing of that document', async () => {
    const res = await append(sim, {
      servicePrincipals: [servicePrincipal('0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a', 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a', 'Fresh'), servicePrincipal(EXISTING_SP, 'e1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a', 'Clash')],
      exchange: { inboundConnectors: [{ Name: 'Partner relay', Identity: 'Partner relay', Enabled: true }] },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'Conflict');
    assert.match(res.body.error.message, new RegExp(`servicePrincipals\\[1\\]\\.id: '${EXISTING_SP}' already exists`));
    assert.match(res.body.error.message, /exchange\.inboundConnectors\[0\]\.Identity: 'Partner relay' already exists/);
    assert.equal((await graph('/servicePrincipals/0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a')).status, 404);

    const again = await append(sim, { directoryAudits: [{ id: 'appended-audit-1', activityDisplayName: 'x', activityDateTime: '2025-01-20T11:59:00Z' }] });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /directoryAudits\[0\]\.id: 'appended-audit-1' already exists/);
    const appId = await append(sim, { applications: [{ id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', appId: NEW_APP_ID, displayName: 'x' }, { id: '3a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', appId: 'f0f0f0f0-1234-4abc-9def-0123456789ab', displayName: 'y' }] });
    assert.equal(appId.status, 204, 'an application may share its appId with a service principal');
  });

  it('appends an inbound connector that Get-InboundConnector then returns', async () => {
    const res = await append(sim, {
      now: '2025-01-20T12:00:00Z',
      exchange: {
        inboundConnectors: [{
          Name: 'Appended relay', Identity: 'Appended relay', Guid: '4f3e2d1c-0b9a-4876-8543-210fedcba987', Enabled: true, ConnectorType: 'Partner',
          SenderDomains: ['smtp:*;1'], SenderIPAddresses: ['203.0.113.0/24'], RequireTls: false, WhenCreated: '2025-01-20T11:00:00Z', WhenChanged: '2025-01-20T11:00:00Z',
        }],
      },
    });
    assert.equal(res.status, 204, JSON.stringify(res.body));
    const exo = exchangeClient(sim, await token(sim, { scope: EXCHANGE_SCOPE }));
    const all = await exo('Get-InboundConnector');
    assert.deepEqual(all.body.value.map((c: GraphJson) => c.Identity), ['Partner relay', 'Appended relay']);
    const one = await exo('Get-InboundConnector', { Identity: 'appended relay' });
    assert.equal(one.status, 200);
    const connector = one.body.value[0];
    assert.deepEqual(connector.SenderIPAddresses, ['203.0.113.0/24']);
    assert.equal(connector['Guid@data.type'], 'System.Guid');
    assert.match(connector.WhenCreated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/);
    assert.ok(Math.abs(Date.now() - 3_600_000 - Date.parse(connector.WhenCreated)) < 10_000, connector.WhenCreated);

    const duplicate = await append(sim, { exchange: { transportRules: [{ Name: 'R', Identity: 'R', State: 'On' }] } });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.body.error.message, /exchange\.transportRules\[0\]\.State: must be one of Enabled, Disabled/);
  });

  it('makes appended exchangeAdmin records searchable once their createdDateTime plus the ingestion delay has passed', async () => {
    const old = new Date(Date.now() - 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const fresh = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const res = await append(sim, { exchange: { auditRecords: [exchangeAdminRecord('a0000000-0000-4000-8000-000000000001', old, 'Old relay'), exchangeAdminRecord('a0000000-0000-4000-8000-000000000002', fresh, 'Fresh relay')] } });
    assert.equal(res.status, 204, JSON.stringify(res.body));
    const found = await auditRecords(graph, { recordTypeFilters: ['exchangeAdmin'], operationFilters: ['New-InboundConnector'] });
    assert.deepEqual(found.map((record) => record.objectId), ['Old relay'], 'the fresh record is still within the 60-minute ingestion delay');
    assert.equal(found[0].auditData.Parameters[0].Value, 'Old relay');

    const clash = await append(sim, { exchange: { auditRecords: [exchangeAdminRecord('a0000000-0000-4000-8000-000000000001', old, 'Again')] } });
    assert.equal(clash.status, 409);
    assert.match(clash.body.error.message, /exchange\.auditRecords\[0\]\.id: 'a0000000-0000-4000-8000-000000000001' already exists/);
  });
});

describe('sim append without an ingestion delay', () => {
  it('finds an appended audit record with the next audit query', async () => {
    const sim = await startTestSim({ auditQueryDelayMs: 0 });
    try {
      const graph = graphClient(sim, await token(sim));
      const created = new Date(Date.now() - 1_000).toISOString();
      const res = await append(sim, { exchange: { auditRecords: [exchangeAdminRecord('b0000000-0000-4000-8000-000000000001', created, 'Just now')] } });
      assert.equal(res.status, 204, JSON.stringify(res.body));
      const found = await auditRecords(graph, { objectIdFilters: ['Just now'] });
      assert.equal(found.length, 1);
      assert.equal(found[0].id, 'b0000000-0000-4000-8000-000000000001');
    } finally {
      await sim.stop();
    }
  });
});
