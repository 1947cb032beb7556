import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadScenario, type ScenarioFile } from '../../sim/scenario';
import { CONTOSO, graphClient, startTestSim, token } from './helpers';

const TENANT = { id: '11111111-0000-4000-8000-000000000000', displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' };
const USER = { id: '22222222-0000-4000-8000-000000000001', displayName: 'Ana', userPrincipalName: 'ana@fabrikam.com' };
const RESOURCE = { id: '33333333-0000-4000-8000-000000000001', appId: '00000003-0000-0000-c000-000000000000', displayName: 'Microsoft Graph', appRoles: [{ id: '810c84a8-4a9e-49e6-bf7d-12d183f40d01', value: 'Mail.Read' }] };
const CLIENT = { id: '33333333-0000-4000-8000-000000000002', appId: '44444444-0000-4000-8000-000000000002', displayName: 'Client' };

function scenario(extra: Record<string, unknown>): ScenarioFile {
  return { tenant: TENANT, users: [USER], servicePrincipals: [RESOURCE, CLIENT], ...extra } as ScenarioFile;
}

describe('sim scenario loading', () => {
  it('loads the fixture file with every collection present', () => {
    const loaded = loadScenario(CONTOSO);
    assert.equal(loaded.tenant.displayName, 'Contoso');
    assert.deepEqual(loaded.exchange.outboundConnectors, []);
    assert.ok(loaded.appRoleAssignments.length > 0);
  });

  it('names unknown keys at the top level and inside tenant and exchange', () => {
    assert.throws(() => loadScenario({ ...scenario({}), usrs: [] } as ScenarioFile), /unknown key 'usrs'/);
    assert.throws(() => loadScenario({ ...scenario({}), tenant: { ...TENANT, region: 'EU' } } as ScenarioFile), /tenant: unknown key 'region'/);
    assert.throws(() => loadScenario(scenario({ exchange: { mailboxes: [] } })), /exchange: unknown key 'mailboxes'/);
  });

  it('rejects references to objects the scenario does not hold', () => {
    assert.throws(
      () => loadScenario(scenario({ appRoleAssignments: [{ id: 'a', principalId: '99999999-0000-4000-8000-000000000000', resourceId: RESOURCE.id, appRoleId: RESOURCE.appRoles[0].id }] })),
      /appRoleAssignments\[0\]\.principalId: '99999999-0000-4000-8000-000000000000' is not a user, group or service principal/,
    );
    assert.throws(
      () => loadScenario(scenario({ appRoleAssignments: [{ id: 'a', principalId: CLIENT.id, resourceId: RESOURCE.id, appRoleId: '00000000-1111-4000-8000-000000000000' }] })),
      /is not one of the appRoles of service principal 'Microsoft Graph'/,
    );
    assert.throws(() => loadScenario(scenario({ groups: [{ id: 'g', members: ['nobody'] }] })), /groups\[0\]\.members\[0\]/);
    assert.throws(
      () => loadScenario(scenario({ roleAssignments: [{ id: 'r', principalId: USER.id, roleDefinitionId: '00000000-2222-4000-8000-000000000000' }] })),
      /neither a built-in role nor in roleDefinitions/,
    );
    assert.throws(
      () => loadScenario(scenario({ groups: [{ id: 'g', isAssignableToRole: false }], roleAssignments: [{ id: 'r', principalId: 'g', roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' }] })),
      /not role-assignable/,
    );
    assert.throws(() => loadScenario(scenario({ oauth2PermissionGrants: [{ id: 'o', clientId: CLIENT.id, resourceId: RESOURCE.id, consentType: 'Everyone' }] })), /consentType/);
  });

  it('rejects duplicate ids and appIds', () => {
    assert.throws(() => loadScenario(scenario({ users: [USER, USER] })), /duplicate id/);
    assert.throws(() => loadScenario(scenario({ servicePrincipals: [RESOURCE, { ...CLIENT, appId: RESOURCE.appId }] })), /duplicate appId/);
  });

  it('reports an unreadable or invalid file by path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-scenario-'));
    try {
      const file = path.join(dir, 'broken.json');
      writeFileSync(file, '{ "tenant": ');
      assert.throws(() => loadScenario(file), new RegExp(`Scenario file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`));
      assert.throws(() => loadScenario(path.join(dir, 'missing.json')), /Cannot read scenario file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('moves every ISO date-time by (real now - now), keeping fractions, zones and zone-less values', () => {
    const loaded = loadScenario(scenario({
      now: '2025-01-15T12:00:00Z',
      directoryAudits: [{ id: 'd', activityDisplayName: 'Add service principal', activityDateTime: '2025-01-14T12:00:00.1234567Z', additionalDetails: [{ key: 'date', value: '2025-01-15' }] }],
      conditionalAccessPolicies: [{ id: 'p', state: 'enabled', modifiedDateTime: '2025-01-15T13:00:00+01:00', displayName: 'not a date' }],
      exchange: {
        auditRecords: [{ id: 'r', createdDateTime: '2025-01-15T11:00:00Z', auditLogRecordType: 'exchangeAdmin', auditData: { CreationTime: '2025-01-15T11:00:00', Operation: 'New-InboundConnector' } }],
        inboundConnectors: [{ Name: 'c', Identity: 'c', Enabled: true, WhenCreated: '2025-01-15T11:00:00.0000000+00:00' }],
      },
    }), new Date('2026-03-01T08:30:00Z'));
    assert.equal(loaded.directoryAudits[0].activityDateTime, '2026-02-28T08:30:00.1234567Z');
    assert.deepEqual(loaded.directoryAudits[0].additionalDetails, [{ key: 'date', value: '2025-01-15' }]);
    assert.equal(loaded.conditionalAccessPolicies[0].modifiedDateTime, '2026-03-01T09:30:00+01:00');
    assert.equal(loaded.conditionalAccessPolicies[0].displayName, 'not a date');
    assert.equal((loaded.exchange.auditRecords[0].auditData as Record<string, unknown>).CreationTime, '2026-03-01T07:30:00');
    assert.equal(loaded.exchange.auditRecords[0].createdDateTime, '2026-03-01T07:30:00Z');
    assert.equal(loaded.exchange.inboundConnectors[0].WhenCreated, '2026-03-01T07:30:00.0000000+00:00');
  });

  it('anchors a started sim to the present so relative ages hold', async () => {
    const fixture = JSON.parse(readFileSync(CONTOSO, 'utf8'));
    const sim = await startTestSim({ scenario: { ...fixture, now: '2025-01-16T09:30:00Z' } });
    try {
      const graph = graphClient(sim, await token(sim));
      const audit = await graph('/auditLogs/directoryAudits/Directory_3b0a7c2d_A2');
      const ageMs = Date.now() - Date.parse(audit.body.activityDateTime);
      assert.ok(Math.abs(ageMs - 24 * 3600 * 1000) < 5000, `age ${ageMs} ms`);
    } finally {
      await sim.stop();
    }
  });

  it('checks the Exchange objects: Identity, Name, Enabled, State, dates, record ids and the audit log configuration', () => {
    assert.throws(() => loadScenario(scenario({ exchange: { inboundConnectors: [{ Name: 'c', Enabled: 'yes' }] } })),
      /exchange\.inboundConnectors\[0\]\.Identity: required string[\s\S]*exchange\.inboundConnectors\[0\]\.Enabled: must be true or false/);
    assert.throws(() => loadScenario(scenario({ exchange: { transportRules: [{ Name: 'r', Identity: 'r', State: 'On' }, { Name: 'r', Identity: 'R', State: 'Enabled' }] } })),
      /transportRules\[0\]\.State: must be one of Enabled, Disabled[\s\S]*transportRules\[1\]\.Identity: duplicate Identity 'R'/);
    assert.throws(() => loadScenario(scenario({ exchange: { auditRecords: [{ id: 'a', createdDateTime: 'yesterday', auditLogRecordType: 'exchangeAdmin', auditData: {} }] } })),
      /auditRecords\[0\]\.createdDateTime: required ISO-8601 date-time/);
    assert.throws(() => loadScenario(scenario({ exchange: { adminAuditLogConfig: { UnifiedAuditLogIngestionEnabled: 'True' } } })),
      /exchange\.adminAuditLogConfig\.UnifiedAuditLogIngestionEnabled: must be true or false/);
    assert.equal(loadScenario(scenario({ exchange: { adminAuditLogConfig: { UnifiedAuditLogIngestionEnabled: false } } })).exchange.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled, false);
  });

  it('refuses to start on an invalid scenario', async () => {
    await assert.rejects(startTestSim({ scenario: { tenant: TENANT, servicePrincipalz: [] } as unknown as ScenarioFile }), /unknown key 'servicePrincipalz'/);
  });

  it('starts on sim/scenarios/default.json when no scenario is given', async () => {
    const defaultFile = path.resolve(__dirname, '..', '..', '..', 'sim', 'scenarios', 'default.json');
    const expected = JSON.parse(readFileSync(defaultFile, 'utf8')).tenant.id;
    const sim = await startTestSim({ scenario: undefined });
    try {
      assert.equal(sim.tenantId, expected);
    } finally {
      await sim.stop();
    }
  });
});
