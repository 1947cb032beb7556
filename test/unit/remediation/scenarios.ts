// The default scenario, and small variations of it that the remediation tests need.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import type { ScenarioFile } from '../../../sim/scenario';

const DEFAULT_SCENARIO = path.resolve(__dirname, '..', '..', '..', '..', 'sim', 'scenarios', 'default.json');

export const ATTACKER_APP_ID = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
export const ATTACKER_NAME = 'Mail Sync [Open](https://mail-sync.example)';
export const HR_SYNC_APP_ID = '89673ad4-cc48-4593-9adf-17ee830da7a1';
export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const EXCHANGE_ADMINISTRATOR = '29232cdf-9323-42fd-ade2-1d097af3e4de';

export function defaultScenario(): ScenarioFile {
  return JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as ScenarioFile;
}

/** The ids of one app in the scenario: its service principal, registration and what it holds. */
export function appIn(scenario: ScenarioFile, appId: string) {
  const servicePrincipal = scenario.servicePrincipals!.find((sp) => sp.appId === appId)!;
  const application = scenario.applications!.find((app) => app.appId === appId)!;
  const spId = servicePrincipal.id as string;
  return {
    servicePrincipalId: spId,
    applicationId: application.id as string,
    assignments: scenario.appRoleAssignments!.filter((a) => a.principalId === spId),
    roleAssignments: scenario.roleAssignments!.filter((a) => a.principalId === spId),
    grants: scenario.oauth2PermissionGrants!.filter((g) => g.clientId === spId),
    appSecrets: application.passwordCredentials ?? [],
    spSecrets: servicePrincipal.passwordCredentials ?? [],
    certificates: application.keyCredentials ?? [],
  };
}

// The sim only checks that a written-back certificate carries its key; these stand for DER certificates.
export function certificate(keyId: string, displayName: string): KeyCredential {
  return {
    customKeyIdentifier: Buffer.from(displayName.padEnd(20, '.').slice(0, 20)).toString('base64'),
    displayName,
    endDateTime: '2027-10-23T00:00:00Z',
    key: Buffer.from(`public certificate of ${displayName}`).toString('base64'),
    keyId,
    startDateTime: '2026-10-23T00:00:00Z',
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
  };
}

export const SECOND_CERTIFICATE_ID = 'a7e3c1d2-5b4f-4e6a-9c8d-1f2e3d4c5b6a';
export const HR_CERTIFICATE_ID = 'b8f4d2e3-6c5a-4f7b-8d9e-2a3b4c5d6e7f';

/** The attacker's app registration holds two certificates (with their public keys), and so does HR Directory Sync hold one. */
export function withCertificates(scenario = defaultScenario()): ScenarioFile {
  for (const app of scenario.applications!) {
    if (app.appId === ATTACKER_APP_ID) {
      const [first] = app.keyCredentials ?? [];
      app.keyCredentials = [{ ...first, key: certificate(first.keyId as string, first.displayName as string).key }, certificate(SECOND_CERTIFICATE_ID, 'CN=mail-sync-backup')];
    }
    if (app.appId === HR_SYNC_APP_ID) app.keyCredentials = [certificate(HR_CERTIFICATE_ID, 'CN=hr-sync')];
  }
  return scenario;
}

// A scenario group's members are ids, though Graph's Group type says directory objects.
const memberIds = (group: { members?: unknown }) => (group.members ?? []) as string[];

export const MESSAGING_OPERATIONS = 'Messaging Operations';

/** The attacker's service principal is also a member of the role-assignable group that holds Exchange Administrator. */
export function withGroupRole(scenario = defaultScenario()): ScenarioFile {
  const spId = appIn(scenario, ATTACKER_APP_ID).servicePrincipalId;
  const group = scenario.groups!.find((g) => g.displayName === MESSAGING_OPERATIONS)!;
  group.members = [...memberIds(group), spId] as typeof group.members;
  return scenario;
}

/** The tenant after someone deleted the attacker's app registration and service principal. */
export function withoutApp(appId: string, scenario = defaultScenario()): ScenarioFile {
  const { servicePrincipalId, applicationId } = appIn(scenario, appId);
  const gone = new Set([servicePrincipalId, applicationId]);
  scenario.servicePrincipals = scenario.servicePrincipals!.filter((sp) => !gone.has(sp.id as string));
  scenario.applications = scenario.applications!.filter((app) => !gone.has(app.id as string));
  scenario.appRoleAssignments = scenario.appRoleAssignments!.filter((a) => !gone.has(a.principalId as string));
  scenario.roleAssignments = scenario.roleAssignments!.filter((a) => !gone.has(a.principalId as string));
  scenario.oauth2PermissionGrants = scenario.oauth2PermissionGrants!.filter((g) => !gone.has(g.clientId as string));
  for (const group of scenario.groups!) group.members = memberIds(group).filter((id) => !gone.has(id)) as typeof group.members;
  return scenario;
}

export const RELAY_CONNECTOR = 'Outbound relay 8814';

/** An outbound connector that sends mail through a smart host the tenant does not own. */
export function withOutboundConnector(scenario = defaultScenario()): ScenarioFile {
  scenario.exchange!.outboundConnectors = [{
    Name: RELAY_CONNECTOR,
    Identity: RELAY_CONNECTOR,
    Guid: '3c1d9e2f-7a4b-4c5d-9e8f-0a1b2c3d4e5f',
    Enabled: true,
    ConnectorType: 'Partner',
    SmartHosts: ['relay.mail-sync.example'],
    RecipientDomains: ['*'],
    UseMXRecord: false,
    Comment: null,
    WhenCreated: '2026-11-18T23:01:44.0000000+00:00',
    WhenChanged: '2026-11-18T23:01:44.0000000+00:00',
  }];
  return scenario;
}
