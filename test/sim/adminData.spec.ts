import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { loadScenario, type ScenarioFile } from '../../sim/scenario';
import type { RunningSim, SimOptions } from '../../sim/server';
import { exitCode, firstLine, graphClient, http, startTestSim, token, type Graph, type GraphJson } from './helpers';

// Data the "admins without MFA / risky admins / posture" feature reads: licences, signInActivity, authentication
// methods, per-user MFA, admin protection, risky users, PIM eligibility and Conditional Access.

const DEFAULT_SCENARIO = path.resolve(__dirname, '..', '..', '..', 'sim', 'scenarios', 'default.json');
const MAIN = path.resolve(__dirname, '..', '..', 'sim', 'main.js');

const NESTOR = 'ae1c6974-e5b1-48eb-82cb-4ae27673a387'; // Global Administrator, compromised, no MFA
const ISAIAH = '76ae67f2-c885-40e6-8de8-1ce91b52937f'; // Global Administrator, per-user MFA enforced
const MEGAN = '2d4550c1-11e9-491a-a7fa-0001fc611f25'; // Security Administrator
const LIDIA = 'ca612aa2-f7c6-47d9-bb36-3f4d8550d20c'; // Exchange Administrator through a role-assignable group
const DIEGO = '96112c9b-6103-4923-999e-b2b87e1c8270'; // eligible (PIM) only
const LEE = 'a12c4387-f5f1-4ae8-b283-52305f11ca64'; // per-user MFA enabled
const PATTI = '220dac1c-0b3a-4bb9-a7a8-410a7c921640';
const ALEX = '7b43a742-011e-4af1-a72c-d63521ba634b';
const LYNNE = 'aab40f5f-e86e-4ef9-840b-60f71288282f'; // low user risk
const JONI = 'c44115dc-ab66-4130-9cbf-afb3fea523fb'; // last signed in months ago
const PRADEEP = '7702357a-602c-47a7-9639-8202d8dfc2db'; // never signed in
const REMEDIATION_CLIENT_ID = '3e8f1a2b-5c6d-4e7f-8a9b-0c1d2e3f4a5b'; // bot/demo.ts; no service principal in the scenario

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';
const SECURITY_ADMINISTRATOR = '194ae4cb-b126-40b2-bd5b-6091b380977d';
const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';

const SIGN_IN_ACTIVITY_KEYS = [
  'lastSignInDateTime', 'lastSignInRequestId', 'lastNonInteractiveSignInDateTime', 'lastNonInteractiveSignInRequestId',
  'lastSuccessfulSignInDateTime', 'lastSuccessfulSignInRequestId',
];
const NON_PREMIUM = { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Tenant is not a B2C tenant and doesn't have premium license" };
const DENIED = { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
const DAY_MS = 86_400_000;

function assertError(res: GraphJson, status: number, expected: { code: string; message?: string }): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, expected.code);
  if (expected.message) assert.equal(res.body.error.message, expected.message);
  assert.ok(res.body.error.innerError['request-id'], 'Graph error envelope');
}

async function simWith(options: SimOptions = {}, clientId = 'tenant-warden-tests'): Promise<{ sim: RunningSim; graph: Graph }> {
  const sim = await startTestSim({ scenario: DEFAULT_SCENARIO, ...options });
  return { sim, graph: graphClient(sim, await token(sim, { client_id: clientId })) };
}

/** Another client id for each identity-report call keeps the 5-per-10-seconds report limit out of the way. */
let reportClient = 0;
async function asFreshApp(sim: RunningSim): Promise<Graph> {
  reportClient += 1;
  return graphClient(sim, await token(sim, { client_id: `admin-data-reports-${reportClient}` }));
}

const TENANT = { id: '5b9d4f1e-7c2a-4e8b-9d3f-0a1b2c3d4e5f', displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' };

function smallScenario(extra: Record<string, unknown> = {}): ScenarioFile {
  return {
    tenant: TENANT,
    users: [{ id: '6a1f0c3e-1111-4a5b-8c7d-000000000001', displayName: 'Ana Lima', userPrincipalName: 'ana@fabrikam.onmicrosoft.com' }],
    ...extra,
  } as ScenarioFile;
}


/** Runs sim/main.js with extra environment variables, hands its URL to `use`, then stops it. */
async function withMain(env: Record<string, string>, use: (url: string, tenantId: string) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, SIM_PORT: '0', SIM_SCENARIO: DEFAULT_SCENARIO, SIM_CA_DIR: '.sim', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const ready = JSON.parse(await firstLine(child));
    await use(ready.url, ready.tenantId);
  } finally {
    const exited = exitCode(child);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
}

async function mainToken(url: string, tenantId: string, clientId: string): Promise<string> {
  const res = await http(`${url}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'tenant-warden-sim-secret', scope: 'https://graph.microsoft.com/.default' }),
  });
  return res.body.access_token as string;
}

describe('sim admin data: licences', () => {
  it('validates the scenario key licenses; both plans by default, entraIdP2 follows entraIdP1', () => {
    assert.deepEqual(loadScenario(smallScenario()).licenses, { entraIdP1: true, entraIdP2: true });
    assert.deepEqual(loadScenario(smallScenario({ licenses: { entraIdP1: false } })).licenses, { entraIdP1: false, entraIdP2: false });
    assert.deepEqual(loadScenario(smallScenario({ licenses: { entraIdP2: false } })).licenses, { entraIdP1: true, entraIdP2: false });
    assert.throws(() => loadScenario(smallScenario({ licenses: { entraIdP1: 'yes' } as never })), /licenses\.entraIdP1: must be true or false/);
    assert.throws(() => loadScenario(smallScenario({ licenses: { entraIdP3: true } as never })), /licenses: unknown key 'entraIdP3'/);
    assert.throws(() => loadScenario(smallScenario({ licenses: { entraIdP1: false, entraIdP2: true } })), /entraIdP2 includes entraIdP1/);
    assert.throws(() => loadScenario(smallScenario({ licenses: ['p2'] as never })), /licenses: must be/);
  });

  it('refuses an unknown SIM_LICENSE / license option', async () => {
    await assert.rejects(startTestSim({ scenario: DEFAULT_SCENARIO, license: 'e5' as never }), /license must be one of free, p1, p2/);
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, SIM_PORT: '0', SIM_LICENSE: 'premium' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    assert.equal(await exitCode(child), 1);
    assert.match(stderr, /SIM_LICENSE must be one of free, p1, p2/);
  });

  describe('SIM_LICENSE=free (sim/main.js)', () => {
    it('refuses the P1 reports and signInActivity, and the P2 APIs, and keeps the rest', async () => {
      await withMain({ SIM_LICENSE: 'free' }, async (url, tenantId) => {
        const accessToken = await mainToken(url, tenantId, 'free-tenant-reader');
        const get = (p: string, headers: Record<string, string> = {}) => http(p.startsWith('/beta') ? `${url}${p}` : `${url}/v1.0${p}`, { headers: { Authorization: `Bearer ${accessToken}`, ...headers } });
        assertError(await get('/reports/authenticationMethods/userRegistrationDetails'), 403, NON_PREMIUM);
        assertError(await get(`/reports/authenticationMethods/userRegistrationDetails/${NESTOR}`), 403, NON_PREMIUM);
        assertError(await get('/users?$select=displayName,signInActivity'), 403, NON_PREMIUM);
        assertError(await get(`/users/${NESTOR}?$select=signInActivity`), 403, NON_PREMIUM);
        assertError(await get('/users?$filter=signInActivity/lastSignInDateTime le 2026-01-01T00:00:00Z'), 403, NON_PREMIUM);
        assertError(await get('/identityProtection/riskyUsers'), 403, { code: 'Forbidden', message: 'Your tenant is not licensed for this feature.' });
        assertError(await get(`/identityProtection/riskyUsers/${NESTOR}`), 403, { code: 'Forbidden' });
        assertError(await get('/roleManagement/directory/roleEligibilityScheduleInstances'), 400, {
          code: 'AadPremiumLicenseRequired', message: 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.',
        });
        // What a free tenant can still read: users, roles, methods, per-user MFA, security defaults, and the
        // Conditional Access policies it holds ("Remaining policies can be viewed and deleted, but no longer updated").
        assert.equal((await get('/users?$select=displayName,accountEnabled')).status, 200);
        assert.equal((await get(`/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '${GLOBAL_ADMINISTRATOR}'&$expand=principal`)).status, 200);
        const methods = await get(`/users/${NESTOR}/authentication/methods`);
        assert.equal(methods.status, 200);
        assert.deepEqual(methods.body.value.map((m: GraphJson) => m['@odata.type']), ['#microsoft.graph.passwordAuthenticationMethod', '#microsoft.graph.emailAuthenticationMethod']);
        assert.equal((await get(`/beta/users/${ISAIAH}/authentication/requirements`)).body.perUserMfaState, 'enforced');
        assert.equal((await get('/policies/identitySecurityDefaultsEnforcementPolicy')).status, 200);
        const policies = await get('/identity/conditionalAccess/policies');
        assert.equal(policies.status, 200);
        assert.equal(policies.body.value.length, 2);
      });
    });

    it('checks the permission before the licence', async () => {
      await withMain({ SIM_LICENSE: 'free', SIM_DENY_PERMISSIONS: 'AuditLog.Read.All' }, async (url, tenantId) => {
        const accessToken = await mainToken(url, tenantId, 'free-tenant-no-audit');
        const get = (p: string) => http(`${url}/v1.0${p}`, { headers: { Authorization: `Bearer ${accessToken}` } });
        assertError(await get('/reports/authenticationMethods/userRegistrationDetails'), 403, DENIED);
        assertError(await get('/users?$select=signInActivity'), 403, DENIED);
      });
    });
  });

  describe('SIM_LICENSE=p2 (sim/main.js)', () => {
    it('serves the reports, signInActivity, risky users and eligibility', async () => {
      await withMain({ SIM_LICENSE: 'p2' }, async (url, tenantId) => {
        const accessToken = await mainToken(url, tenantId, 'p2-tenant-reader');
        const get = (p: string) => http(`${url}/v1.0${p}`, { headers: { Authorization: `Bearer ${accessToken}` } });
        assert.equal((await get('/reports/authenticationMethods/userRegistrationDetails')).status, 200);
        assert.equal((await get('/users?$select=displayName,signInActivity')).status, 200);
        assert.equal((await get('/identityProtection/riskyUsers')).body.value.length, 2);
        assert.equal((await get('/roleManagement/directory/roleEligibilityScheduleInstances')).body.value.length, 2);
      });
    });
  });

  describe('license option p1', () => {
    let sim: RunningSim;
    let graph: Graph;

    before(async () => ({ sim, graph } = await simWith({ license: 'p1' })));
    after(() => sim.stop());

    it('serves the P1 data and refuses the P2 APIs, writes included', async () => {
      assert.equal((await (await asFreshApp(sim))('/reports/authenticationMethods/userRegistrationDetails')).status, 200);
      assert.equal((await graph(`/users/${NESTOR}?$select=signInActivity`)).status, 200);
      assertError(await graph('/identityProtection/riskyUsers'), 403, { code: 'Forbidden', message: 'Your tenant is not licensed for this feature.' });
      assertError(await graph('/identityProtection/riskyUsers/confirmCompromised', { method: 'POST', body: { userIds: [NESTOR] } }), 403, { code: 'Forbidden' });
      assertError(await graph('/identityProtection/riskyUsers/dismiss', { method: 'POST', body: { userIds: [LYNNE] } }), 403, { code: 'Forbidden' });
      assertError(await graph('/roleManagement/directory/roleEligibilityScheduleInstances'), 400, { code: 'AadPremiumLicenseRequired' });
    });

    it('overrides the scenario key (licenses in the file say P2)', () => {
      assert.deepEqual(loadScenario(DEFAULT_SCENARIO).licenses, { entraIdP1: true, entraIdP2: true });
    });
  });

  it('reads the licences from the scenario when no option is given', async () => {
    const sim = await startTestSim({ scenario: smallScenario({ licenses: { entraIdP1: false } }) });
    try {
      const graph = graphClient(sim, await token(sim));
      assertError(await graph('/users?$select=signInActivity'), 403, NON_PREMIUM);
    } finally {
      await sim.stop();
    }
  });
});

describe('sim admin data: signInActivity on users', () => {
  let sim: RunningSim;
  let graph: Graph;

  before(async () => ({ sim, graph } = await simWith()));
  after(() => sim.stop());

  it('returns signInActivity only when $select names it, with every documented property', async () => {
    const res = await graph('/users?$select=displayName,userPrincipalName,signInActivity');
    assert.equal(res.status, 200);
    assert.equal(res.body['@odata.context'], `${sim.url}/v1.0/$metadata#users(displayName,userPrincipalName,signInActivity)`);
    for (const user of res.body.value) {
      assert.deepEqual(Object.keys(user), ['displayName', 'userPrincipalName', 'signInActivity']);
      if (user.signInActivity !== null) assert.deepEqual(Object.keys(user.signInActivity), SIGN_IN_ACTIVITY_KEYS);
    }
    const byUpn = new Map(res.body.value.map((u: GraphJson) => [u.userPrincipalName.split('@')[0], u.signInActivity]));
    // "This property isn't returned for a user who never signed in."
    assert.equal(byUpn.get('PradeepG'), null);
    // The compromised admin signed in recently (the attacker's sessions); the stale account months ago.
    const nestor = byUpn.get('NestorW') as GraphJson;
    assert.ok(Date.now() - Date.parse(nestor.lastSignInDateTime) < DAY_MS);
    assert.ok(Date.now() - Date.parse(nestor.lastSuccessfulSignInDateTime) < DAY_MS);
    assert.match(nestor.lastSignInRequestId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(Date.now() - Date.parse((byUpn.get('JoniS') as GraphJson).lastSignInDateTime) > 90 * DAY_MS);
    // Microsoft's own example writes a sign-in type that never happened as 0001-01-01T00:00:00Z or "".
    const alex = byUpn.get('AlexW') as GraphJson;
    assert.equal(alex.lastNonInteractiveSignInDateTime, '0001-01-01T00:00:00Z');
    assert.equal(alex.lastSuccessfulSignInDateTime, '');
    // A failed attempt is the last sign-in; the last success is older.
    const lynne = byUpn.get('LynneR') as GraphJson;
    assert.ok(Date.parse(lynne.lastSuccessfulSignInDateTime) < Date.parse(lynne.lastSignInDateTime));
  });

  it('leaves signInActivity out of default, $select and expanded user objects', async () => {
    const plain = await graph(`/users/${NESTOR}`);
    assert.ok(!('signInActivity' in plain.body));
    const selected = await graph(`/users/${NESTOR}?$select=displayName,accountEnabled`);
    assert.deepEqual(Object.keys(selected.body).filter((k) => !k.startsWith('@')), ['displayName', 'accountEnabled']);
    const expanded = await graph(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${NESTOR}'&$expand=principal`);
    assert.ok(!('signInActivity' in expanded.body.value[0].principal));
    assert.ok(!('perUserMfaState' in expanded.body.value[0].principal), 'the sim key perUserMfaState is never a user property');
    const byIds = await graph('/directoryObjects/getByIds', { method: 'POST', body: { ids: [NESTOR, ISAIAH], types: ['user'] } });
    for (const user of byIds.body.value) assert.ok(!('signInActivity' in user) && !('perUserMfaState' in user));
  });

  it('returns signInActivity for one user on $select', async () => {
    const res = await graph(`/users/${NESTOR}?$select=id,signInActivity`);
    assert.equal(res.status, 200);
    assert.equal(res.body['@odata.context'], `${sim.url}/v1.0/$metadata#users(id,signInActivity)/$entity`);
    assert.equal(res.body.id, NESTOR);
    assert.deepEqual(Object.keys(res.body.signInActivity), SIGN_IN_ACTIVITY_KEYS);
    assert.equal((await graph(`/users/${PRADEEP}?$select=signInActivity`)).body.signInActivity, null);
    assert.equal((await graph('/users/NestorW@contoso.onmicrosoft.com?$select=signInActivity')).body.signInActivity.lastSignInRequestId, res.body.signInActivity.lastSignInRequestId);
  });

  it('filters on signInActivity dates with eq, ne, not, ge, le only, and not with other properties', async () => {
    const cutoff = new Date(Date.now() - 30 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const stale = await graph(`/users?$filter=signInActivity/lastSignInDateTime le ${cutoff}&$select=userPrincipalName,signInActivity`);
    assert.equal(stale.status, 200);
    assert.deepEqual(stale.body.value.map((u: GraphJson) => u.userPrincipalName), ['JoniS@contoso.onmicrosoft.com']);
    const recent = await graph(`/users?$filter=signInActivity/lastSuccessfulSignInDateTime ge ${new Date(Date.now() - DAY_MS).toISOString()}`);
    assert.equal(recent.status, 200);
    assert.ok(recent.body.value.some((u: GraphJson) => u.id === NESTOR));
    assert.ok(!recent.body.value.some((u: GraphJson) => [JONI, PRADEEP, LYNNE].includes(u.id)));
    assert.ok(!('signInActivity' in recent.body.value[0]), 'filtering does not select');
    for (const filter of [
      `signInActivity/lastSignInDateTime gt ${cutoff}`,
      `signInActivity/lastSignInDateTime le ${cutoff} and accountEnabled eq true`,
      `startswith(signInActivity/lastSignInRequestId,'a')`,
      `signInActivity/lastSignInLocation le ${cutoff}`,
    ]) {
      assertError(await graph(`/users?$filter=${encodeURIComponent(filter)}`), 400, {
        code: 'Request_UnsupportedQuery', message: "Unsupported or invalid query filter clause specified for property 'signInActivity' of resource 'User'.",
      });
    }
    // ne and not are advanced queries on users, as for every other user property.
    assert.equal((await graph(`/users?$filter=not(signInActivity/lastSignInDateTime le ${cutoff})`)).status, 400);
    const advanced = await graph(`/users?$filter=not(signInActivity/lastSignInDateTime le ${cutoff})&$count=true`, { headers: { ConsistencyLevel: 'eventual' } });
    assert.equal(advanced.status, 200);
    assert.ok(!advanced.body.value.some((u: GraphJson) => u.id === JONI));
  });

  it('needs AuditLog.Read.All and a permission that reads full user objects', async () => {
    for (const denied of [['AuditLog.Read.All'], ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']]) {
      const other = await startTestSim({ scenario: DEFAULT_SCENARIO, deniedPermissions: denied });
      try {
        const reader = graphClient(other, await token(other));
        assertError(await reader('/users?$select=displayName,signInActivity'), 403, DENIED);
        assertError(await reader(`/users/${NESTOR}?$select=signInActivity`), 403, DENIED);
        assert.equal((await reader('/users?$select=displayName')).status, 200);
      } finally {
        await other.stop();
      }
    }
  });

  it('is read-only', async () => {
    const res = await graph(`/users/${ALEX}`, { method: 'PATCH', body: { signInActivity: { lastSignInDateTime: '2020-01-01T00:00:00Z' } } });
    assert.equal(res.status, 400);
  });

  it('works inside $batch', async () => {
    const res = await graph('/$batch', {
      method: 'POST',
      body: { requests: [
        { id: '1', method: 'GET', url: `/users/${NESTOR}?$select=signInActivity` },
        { id: '2', method: 'GET', url: '/users?$select=id,signInActivity&$top=2' },
      ] },
    });
    const byId = new Map(res.body.responses.map((r: GraphJson) => [r.id, r]));
    assert.equal((byId.get('1') as GraphJson).status, 200);
    assert.ok((byId.get('1') as GraphJson).body.signInActivity.lastSignInDateTime);
    assert.equal((byId.get('2') as GraphJson).body.value.length, 2);
  });

  it('caps pages at 500 users when signInActivity is selected or filtered', async () => {
    const users = Array.from({ length: 620 }, (_, i) => ({
      id: `6a1f0c3e-2222-4a5b-8c7d-${String(i).padStart(12, '0')}`,
      displayName: `User ${i}`,
      userPrincipalName: `user${i}@fabrikam.onmicrosoft.com`,
      signInActivity: { lastSignInDateTime: '2026-01-01T00:00:00Z', lastSignInRequestId: 'r' },
    }));
    const many = await startTestSim({ scenario: smallScenario({ users }) });
    try {
      const reader = graphClient(many, await token(many));
      assert.equal((await reader('/users?$top=999')).body.value.length, 620);
      const first = await reader('/users?$select=id,signInActivity&$top=999');
      assert.equal(first.body.value.length, 500);
      const second = await reader(first.body['@odata.nextLink']);
      assert.equal(second.body.value.length, 120);
      assert.equal((await reader('/users?$filter=signInActivity/lastSignInDateTime le 2026-06-01T00:00:00Z&$top=999')).body.value.length, 500);
      assert.equal((await reader('/users?$select=id,signInActivity&$top=1000')).status, 400);
      assert.equal((await reader('/users?$select=id,signInActivity')).body.value.length, 100);
    } finally {
      await many.stop();
    }
  });

  it('validates signInActivity and perUserMfaState on scenario users and moves their dates with `now`', () => {
    const user = { id: '6a1f0c3e-1111-4a5b-8c7d-000000000009', displayName: 'Bo', userPrincipalName: 'bo@fabrikam.onmicrosoft.com' };
    assert.throws(() => loadScenario(smallScenario({ users: [{ ...user, signInActivity: { lastSignInDateTime: 'yesterday' } }] })), /users\[0\]\.signInActivity\.lastSignInDateTime: must be an ISO-8601 date-time/);
    assert.throws(() => loadScenario(smallScenario({ users: [{ ...user, signInActivity: { lastLogon: '2026-01-01T00:00:00Z' } } as never] })), /users\[0\]\.signInActivity: unknown key 'lastLogon'/);
    assert.throws(() => loadScenario(smallScenario({ users: [{ ...user, signInActivity: 'never' } as never] })), /users\[0\]\.signInActivity: must be an object/);
    assert.throws(() => loadScenario(smallScenario({ users: [{ ...user, perUserMfaState: 'on' } as never] })), /users\[0\]\.perUserMfaState: must be one of disabled, enabled, enforced/);
    const anchored = loadScenario(smallScenario({
      now: '2026-01-10T00:00:00Z',
      users: [{ ...user, signInActivity: { lastSignInDateTime: '2026-01-09T00:00:00Z', lastNonInteractiveSignInDateTime: '0001-01-01T00:00:00Z', lastSuccessfulSignInDateTime: '' } }],
    }));
    const activity = anchored.users[0].signInActivity as GraphJson;
    assert.ok(Math.abs(Date.now() - DAY_MS - Date.parse(activity.lastSignInDateTime)) < 5_000);
    assert.equal(activity.lastNonInteractiveSignInDateTime, '0001-01-01T00:00:00Z', 'the "never" value is not moved');
    assert.equal(activity.lastSuccessfulSignInDateTime, '');
  });
});

// The documented properties of each authentication method type: the JSON representation on its v1.0 resource page.
const DOCUMENTED_METHOD_PROPERTIES: Record<string, string[]> = {
  '#microsoft.graph.passwordAuthenticationMethod': ['createdDateTime', 'id', 'password'],
  '#microsoft.graph.phoneAuthenticationMethod': ['id', 'phoneNumber', 'phoneType', 'smsSignInState'],
  '#microsoft.graph.emailAuthenticationMethod': ['id', 'emailAddress'],
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': ['id', 'displayName', 'deviceTag', 'phoneAppVersion', 'createdDateTime'],
  '#microsoft.graph.softwareOathAuthenticationMethod': ['id', 'secretKey'],
  '#microsoft.graph.fido2AuthenticationMethod': ['aaGuid', 'attestationCertificates', 'attestationLevel', 'createdDateTime', 'displayName', 'id', 'model'],
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': ['id', 'displayName', 'createdDateTime', 'keyStrength'],
  '#microsoft.graph.platformCredentialAuthenticationMethod': ['id', 'displayName', 'createdDateTime', 'keyStrength', 'platform'],
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': ['id', 'temporaryAccessPass', 'createdDateTime', 'startDateTime', 'lifetimeInMinutes', 'isUsableOnce', 'isUsable', 'methodUsabilityReason'],
};

function assertDocumentedShape(method: GraphJson): void {
  const type = method['@odata.type'];
  const documented = DOCUMENTED_METHOD_PROPERTIES[type];
  assert.ok(documented, `documented type ${type}`);
  assert.deepEqual(Object.keys(method).filter((k) => k !== '@odata.type').sort(), [...documented].sort(), type);
  for (const key of ['createdDateTime', 'startDateTime']) {
    if (method[key] !== undefined && method[key] !== null) assert.match(method[key], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, `${type}.${key}`);
  }
}

describe('sim admin data: authentication methods (v1.0, the fallback without P1)', () => {
  const EVERY_METHOD_USER = '6a1f0c3e-3333-4a5b-8c7d-000000000001';
  const PUSH_AND_CODES_USER = '6a1f0c3e-3333-4a5b-8c7d-000000000002';
  const OTHER_APP_CODES_USER = '6a1f0c3e-3333-4a5b-8c7d-000000000003';
  const NO_REGISTRATION_USER = '6a1f0c3e-3333-4a5b-8c7d-000000000004';
  const registration = (id: string, methodsRegistered: string[]) => ({ id, methodsRegistered, lastUpdatedDateTime: '2026-03-01T10:00:00Z', isMfaRegistered: methodsRegistered.length > 0 });
  const scenario = smallScenario({
    licenses: { entraIdP1: false },
    users: [
      { id: EVERY_METHOD_USER, displayName: 'Kim Akers', givenName: 'Kim', surname: 'Akers', userPrincipalName: 'kim@fabrikam.onmicrosoft.com', businessPhones: ['+1 425 555 0100'], mobilePhone: '+1 425 555 0199', createdDateTime: '2024-01-01T00:00:00Z' },
      { id: PUSH_AND_CODES_USER, displayName: 'Alex W', userPrincipalName: 'alexw@fabrikam.onmicrosoft.com' },
      { id: OTHER_APP_CODES_USER, displayName: 'Otto', userPrincipalName: 'otto@fabrikam.onmicrosoft.com' },
      { id: NO_REGISTRATION_USER, displayName: 'Nora', userPrincipalName: 'nora@fabrikam.onmicrosoft.com' },
    ],
    userRegistrationDetails: [
      registration(EVERY_METHOD_USER, ['mobilePhone', 'alternateMobilePhone', 'officePhone', 'email', 'microsoftAuthenticatorPasswordless', 'microsoftAuthenticatorPush', 'fido2SecurityKey', 'passKeyDeviceBoundAuthenticator', 'windowsHelloForBusiness', 'macOsSecureEnclaveKey', 'temporaryAccessPass', 'hardwareOneTimePasscode', 'securityQuestion']),
      registration(PUSH_AND_CODES_USER, ['microsoftAuthenticatorPush', 'softwareOneTimePasscode']),
      registration(OTHER_APP_CODES_USER, ['softwareOneTimePasscode']),
    ],
  });
  let sim: RunningSim;
  let graph: Graph;

  before(async () => {
    sim = await startTestSim({ scenario });
    graph = graphClient(sim, await token(sim));
  });
  after(() => sim.stop());

  it('maps methodsRegistered to the documented method types, password first, without P1', async () => {
    const res = await graph(`/users/${EVERY_METHOD_USER}/authentication/methods`);
    assert.equal(res.status, 200);
    assert.equal(res.body['@odata.context'], `${sim.url}/v1.0/$metadata#users('${EVERY_METHOD_USER}')/authentication/methods`);
    assert.deepEqual(res.body.value.map((m: GraphJson) => m['@odata.type'].replace('#microsoft.graph.', '')), [
      'passwordAuthenticationMethod', 'phoneAuthenticationMethod', 'phoneAuthenticationMethod', 'phoneAuthenticationMethod', 'emailAuthenticationMethod',
      'microsoftAuthenticatorAuthenticationMethod', 'fido2AuthenticationMethod', 'fido2AuthenticationMethod', 'windowsHelloForBusinessAuthenticationMethod',
      'platformCredentialAuthenticationMethod', 'temporaryAccessPassAuthenticationMethod',
    ], 'hardware OATH and security questions have no v1.0 type');
    for (const method of res.body.value) assertDocumentedShape(method);
    const [password, mobile, alternate, office, email, authenticator] = res.body.value;
    // Fixed ids Microsoft documents.
    assert.deepEqual(password, { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490', password: null, createdDateTime: null });
    assert.deepEqual([mobile.id, mobile.phoneType], ['3179e48a-750b-4051-897c-87b9720928f7', 'mobile']);
    assert.deepEqual([alternate.id, alternate.phoneType, alternate.smsSignInState], ['b6332ec1-7057-4abe-9331-3d72feddfe41', 'alternateMobile', 'notSupported']);
    assert.deepEqual([office.id, office.phoneType, office.phoneNumber], ['e37fc753-ff3b-4958-9484-eaa9425c82bc', 'office', '+1 4255550100']);
    for (const phone of [mobile, alternate, office]) assert.match(phone.phoneNumber, /^\+\d{1,3} \d{10}$/, 'the documented +{country code} {number} format');
    assert.equal(email.id, '3ddfcfc8-9383-446f-83cc-3ab9be4be18f');
    assert.match(email.emailAddress, /@/);
    assert.match(authenticator.createdDateTime, /^2026-|^2025-|^2024-/, 'registered for passwordless sign-in: createdDateTime is set');
    const [key, passkey] = res.body.value.filter((m: GraphJson) => m['@odata.type'] === '#microsoft.graph.fido2AuthenticationMethod');
    assert.equal(key.attestationLevel, 'attested');
    assert.match(key.aaGuid, /^[0-9a-f-]{36}$/);
    assert.equal(passkey.model, 'Microsoft Authenticator - iOS');
    assert.notEqual(key.id, passkey.id);
    const tap = res.body.value.at(-1);
    assert.equal(tap.temporaryAccessPass, null, 'the pass itself is never read back');
  });

  it('matches the shapes of the List methods example (fido2 and Windows Hello for Business)', async () => {
    // api-reference/v1.0/api/authentication-list-methods.md; the example's "creationDateTime" on the key is a typo
    // for the resource's createdDateTime.
    const documented = [
      { '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: '-2_GRUg2-HYz6_1YG4YRAQ2', displayName: 'Red key', createdDateTime: '2020-08-10T06:44:09Z', aaGuid: '2fc0579f-8113-47ea-b116-555a8db9202a', model: 'NFC key', attestationCertificates: ['dbe793efdf1945e2df25d93653a1e8a3268a9075'], attestationLevel: 'attested' },
      { '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod', id: 'b5e01f81-1f81-b5e0-811f-e0b5811fe0b5', displayName: "Jordan's Surface Book", createdDateTime: '2020-11-27T23:12:49Z', keyStrength: 'normal' },
    ];
    const res = await graph(`/users/${EVERY_METHOD_USER}/authentication/methods`);
    for (const example of documented) {
      const actual = res.body.value.find((m: GraphJson) => m['@odata.type'] === example['@odata.type']);
      assert.deepEqual(Object.keys(actual).sort(), Object.keys(example).sort());
      for (const [keyName, value] of Object.entries(example)) assert.equal(typeof actual[keyName], typeof value, `${example['@odata.type']}.${keyName}`);
    }
  });

  it('lists the Authenticator once: its codes are not a software OATH token; codes from another app are', async () => {
    const pushAndCodes = await graph(`/users/${PUSH_AND_CODES_USER}/authentication/methods`);
    assert.deepEqual(pushAndCodes.body.value.map((m: GraphJson) => m['@odata.type']), ['#microsoft.graph.passwordAuthenticationMethod', '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod']);
    assert.equal(pushAndCodes.body.value[1].createdDateTime, null, 'null unless registered for passwordless Phone Sign-In');
    const otherApp = await graph(`/users/${OTHER_APP_CODES_USER}/authentication/methods`);
    assert.deepEqual(otherApp.body.value.map((m: GraphJson) => m['@odata.type']), ['#microsoft.graph.passwordAuthenticationMethod', '#microsoft.graph.softwareOathAuthenticationMethod']);
    assert.equal(otherApp.body.value[1].secretKey, null);
    const none = await graph(`/users/${NO_REGISTRATION_USER}/authentication/methods`);
    assert.deepEqual(none.body.value.map((m: GraphJson) => m.id), ['28c10230-6103-485e-b985-444c60001490']);
  });

  it('answers the same ids every time, by id or userPrincipalName; 404 for an unknown user', async () => {
    const first = await graph(`/users/${EVERY_METHOD_USER}/authentication/methods`);
    const again = await graph('/users/kim@fabrikam.onmicrosoft.com/authentication/methods');
    assert.deepEqual(again.body.value, first.body.value);
    assertError(await graph('/users/6a1f0c3e-9999-4a5b-8c7d-000000000000/authentication/methods'), 404, { code: 'Request_ResourceNotFound' });
  });

  it('works in $batch, one request per user (at most 20)', async () => {
    const ids = [EVERY_METHOD_USER, PUSH_AND_CODES_USER, OTHER_APP_CODES_USER, NO_REGISTRATION_USER];
    const res = await graph('/$batch', { method: 'POST', body: { requests: ids.map((id, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${id}/authentication/methods` })) } });
    assert.equal(res.status, 200);
    for (const answer of res.body.responses) {
      assert.equal(answer.status, 200);
      assert.ok(answer.body.value[0].id === '28c10230-6103-485e-b985-444c60001490');
    }
  });

  it('needs UserAuthenticationMethod.Read.All (or ReadWrite.All)', async () => {
    const other = await startTestSim({ scenario, deniedPermissions: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'] });
    try {
      const reader = graphClient(other, await token(other));
      assertError(await reader(`/users/${EVERY_METHOD_USER}/authentication/methods`), 403, DENIED);
    } finally {
      await other.stop();
    }
    const readWriteOnly = await startTestSim({ scenario, deniedPermissions: ['UserAuthenticationMethod.Read.All'] });
    try {
      assert.equal((await graphClient(readWriteOnly, await token(readWriteOnly))(`/users/${EVERY_METHOD_USER}/authentication/methods`)).status, 200);
    } finally {
      await readWriteOnly.stop();
    }
  });

  it('tells the default scenario admins apart by what they registered', async () => {
    const { sim: tenant, graph: reader } = await simWith();
    try {
      const types = async (id: string) => (await reader(`/users/${id}/authentication/methods`)).body.value.map((m: GraphJson) => m['@odata.type'].replace('#microsoft.graph.', ''));
      assert.deepEqual(await types(NESTOR), ['passwordAuthenticationMethod', 'emailAuthenticationMethod'], 'the compromised admin: email is for SSPR only, no MFA method');
      assert.deepEqual(await types(MEGAN), ['passwordAuthenticationMethod', 'phoneAuthenticationMethod', 'microsoftAuthenticatorAuthenticationMethod', 'fido2AuthenticationMethod']);
      assert.deepEqual(await types(JONI), ['passwordAuthenticationMethod']);
    } finally {
      await tenant.stop();
    }
  });
});

describe('sim admin data: per-user MFA (beta)', () => {
  let sim: RunningSim;
  let graph: Graph;
  let accessToken: string;

  before(async () => {
    sim = await startTestSim({ scenario: DEFAULT_SCENARIO });
    accessToken = await token(sim);
    graph = graphClient(sim, accessToken);
  });
  after(() => sim.stop());

  const beta = (p: string, init: RequestInit = {}) => http(`${sim.url}/beta${p}`, { ...init, headers: { Authorization: `Bearer ${accessToken}`, ...(init.headers ?? {}) } });

  it('GET /beta/users/{id}/authentication/requirements answers perUserMfaState (default disabled)', async () => {
    const enforced = await beta(`/users/${ISAIAH}/authentication/requirements`);
    assert.equal(enforced.status, 200);
    assert.deepEqual(enforced.body, { '@odata.context': `${sim.url}/beta/$metadata#users('${ISAIAH}')/authentication/requirements`, perUserMfaState: 'enforced' });
    assert.equal((await beta(`/users/${LEE}/authentication/requirements`)).body.perUserMfaState, 'enabled');
    assert.equal((await beta(`/users/${NESTOR}/authentication/requirements`)).body.perUserMfaState, 'disabled');
    assert.equal((await beta('/users/IsaiahL@contoso.onmicrosoft.com/authentication/requirements')).body.perUserMfaState, 'enforced');
    assertError(await beta('/users/6a1f0c3e-9999-4a5b-8c7d-000000000000/authentication/requirements'), 404, { code: 'Request_ResourceNotFound' });
  });

  it('keeps every other /beta request at 400, and v1.0 has no requirements', async () => {
    for (const [p, method] of [['/users', 'GET'], [`/users/${ISAIAH}`, 'GET'], [`/users/${ISAIAH}/authentication/methods`, 'GET'], [`/users/${ISAIAH}/authentication/requirements`, 'PATCH'], ['/identityProtection/riskyUsers', 'GET']]) {
      const res = await beta(p, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'PATCH' ? '{"perUserMfaState":"enforced"}' : undefined });
      assert.equal(res.status, 400, `${method} /beta${p}`);
      assert.match(res.body.error.message, /Invalid version: beta/);
    }
    assert.equal((await graph(`/users/${ISAIAH}/authentication/requirements`)).status, 400);
    assert.equal((await beta(`/users/${NESTOR}`)).status, 400);
  });

  it('needs a token (401) and Policy.Read.All or Policy.ReadWrite.AuthenticationMethod (403)', async () => {
    assert.equal((await http(`${sim.url}/beta/users/${ISAIAH}/authentication/requirements`)).status, 401);
    const other = await startTestSim({ scenario: DEFAULT_SCENARIO, deniedPermissions: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'] });
    try {
      const res = await http(`${other.url}/beta/users/${ISAIAH}/authentication/requirements`, { headers: { Authorization: `Bearer ${await token(other)}` } });
      assertError(res, 403, DENIED);
    } finally {
      await other.stop();
    }
    const writeOnly = await startTestSim({ scenario: DEFAULT_SCENARIO, deniedPermissions: ['Policy.Read.All'] });
    try {
      const res = await http(`${writeOnly.url}/beta/users/${ISAIAH}/authentication/requirements`, { headers: { Authorization: `Bearer ${await token(writeOnly)}` } });
      assert.equal(res.status, 200);
    } finally {
      await writeOnly.stop();
    }
  });

  it('answers inside POST /beta/$batch, 20 users a batch, other beta requests 400 there too', async () => {
    const ids = [ISAIAH, LEE, NESTOR];
    const res = await beta('/$batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ requests: [...ids.map((id) => ({ id, method: 'GET', url: `/users/${id}/authentication/requirements` })), { id: 'other', method: 'GET', url: '/users' }] }),
    });
    assert.equal(res.status, 200);
    const byId = new Map(res.body.responses.map((r: GraphJson) => [r.id, r]));
    assert.deepEqual(ids.map((id) => (byId.get(id) as GraphJson).body.perUserMfaState), ['enforced', 'enabled', 'disabled']);
    assert.equal((byId.get('other') as GraphJson).status, 400);
  });

  it('is counted under its beta path', async () => {
    await http(`${sim.url}/_sim/stats/reset`, { method: 'POST' });
    await beta(`/users/${ISAIAH}/authentication/requirements`);
    const stats = await http(`${sim.url}/_sim/stats`);
    assert.equal(stats.body.requests.byPath['/beta/users/{id}/authentication/requirements'], 1);
  });
});

describe('sim admin data: disabling and revoking admins', () => {
  const disable = (graph: Graph, id: string) => graph(`/users/${id}`, { method: 'PATCH', body: { accountEnabled: false } });
  const revoke = (graph: Graph, id: string) => graph(`/users/${id}/revokeSignInSessions`, { method: 'POST' });

  it('refuses a role holder without callerRoles, with Graph\'s documented error; non-admins are fine', async () => {
    const { sim, graph } = await simWith({}, REMEDIATION_CLIENT_ID);
    try {
      for (const admin of [NESTOR, ISAIAH, MEGAN, LIDIA]) {
        assertError(await disable(graph, admin), 403, DENIED);
        assertError(await revoke(graph, admin), 403, DENIED);
      }
      assert.equal((await graph(`/users/${NESTOR}?$select=accountEnabled`)).body.accountEnabled, true, 'nothing changed');
      assert.equal((await disable(graph, PATTI)).status, 204);
      assert.equal((await revoke(graph, PATTI)).status, 200);
      // Eligibility (PIM) alone does not make a role holder here (not confirmed for Graph).
      assert.equal((await disable(graph, DIEGO)).status, 204);
    } finally {
      await sim.stop();
    }
  });

  it('lets the remediation identity act once callerRoles grants it Privileged Authentication Administrator', async () => {
    const { sim, graph } = await simWith({ callerRoles: { [REMEDIATION_CLIENT_ID]: [PRIVILEGED_AUTHENTICATION_ADMINISTRATOR] } }, REMEDIATION_CLIENT_ID);
    try {
      const before = Date.now() - 1000;
      assert.equal((await disable(graph, NESTOR)).status, 204);
      const revoked = await revoke(graph, NESTOR);
      assert.equal(revoked.status, 200);
      assert.equal(revoked.body.value, true);
      const nestor = await graph(`/users/${NESTOR}?$select=accountEnabled,signInSessionsValidFromDateTime`);
      assert.equal(nestor.body.accountEnabled, false);
      assert.ok(Date.parse(nestor.body.signInSessionsValidFromDateTime) >= before);
      assert.equal((await disable(graph, LIDIA)).status, 204, 'a role held through a group counts too');
      // Another app (no roles) is still refused.
      const other = graphClient(sim, await token(sim, { client_id: 'some-other-app' }));
      assertError(await disable(other, ISAIAH), 403, DENIED);
    } finally {
      await sim.stop();
    }
  });

  it('accepts Global Administrator too, not a lesser role', async () => {
    const roles = { 'ga-app': [GLOBAL_ADMINISTRATOR], 'secadmin-app': [SECURITY_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR] };
    const sim = await startTestSim({ scenario: DEFAULT_SCENARIO, callerRoles: roles });
    try {
      assert.equal((await disable(graphClient(sim, await token(sim, { client_id: 'GA-APP' })), NESTOR)).status, 204, 'client ids compare case-insensitively');
      assertError(await revoke(graphClient(sim, await token(sim, { client_id: 'secadmin-app' })), ISAIAH), 403, DENIED);
    } finally {
      await sim.stop();
    }
  });

  it('protects members of a role-assignable group even when the group holds no role', async () => {
    const member = '6a1f0c3e-4444-4a5b-8c7d-000000000001';
    const plainMember = '6a1f0c3e-4444-4a5b-8c7d-000000000002';
    const sim = await startTestSim({ scenario: smallScenario({
      users: [{ id: member, displayName: 'Ren', userPrincipalName: 'ren@fabrikam.onmicrosoft.com' }, { id: plainMember, displayName: 'Sol', userPrincipalName: 'sol@fabrikam.onmicrosoft.com' }],
      groups: [
        { id: '7d1c0b2a-0000-4000-8000-000000000010', displayName: 'Tier 0 (role-assignable, no role yet)', isAssignableToRole: true, securityEnabled: true, members: [member] },
        { id: '7d1c0b2a-0000-4000-8000-000000000011', displayName: 'Everyone', securityEnabled: true, members: [member, plainMember] },
      ],
    }) });
    try {
      const graph = graphClient(sim, await token(sim, { client_id: REMEDIATION_CLIENT_ID }));
      assertError(await disable(graph, member), 403, DENIED);
      assert.equal((await disable(graph, plainMember)).status, 204);
    } finally {
      await sim.stop();
    }
  });

  it('rejects a malformed callerRoles option', async () => {
    await assert.rejects(startTestSim({ scenario: DEFAULT_SCENARIO, callerRoles: { app: ['Privileged Authentication Administrator'] } }), /role template ids/);
    await assert.rejects(startTestSim({ scenario: DEFAULT_SCENARIO, callerRoles: { app: [] } }), /non-empty array/);
  });

  it('reads SIM_CALLER_ROLES in sim/main.js (clientId=roleTemplateId|roleTemplateId,…)', async () => {
    await withMain({ SIM_CALLER_ROLES: `${REMEDIATION_CLIENT_ID}=${PRIVILEGED_AUTHENTICATION_ADMINISTRATOR}|${SECURITY_ADMINISTRATOR},other-app=${GLOBAL_ADMINISTRATOR}` }, async (url, tenantId) => {
      const accessToken = await mainToken(url, tenantId, REMEDIATION_CLIENT_ID);
      const res = await http(`${url}/v1.0/users/${NESTOR}`, { method: 'PATCH', headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' }, body: '{"accountEnabled":false}' });
      assert.equal(res.status, 204);
    });
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, SIM_PORT: '0', SIM_CALLER_ROLES: `${REMEDIATION_CLIENT_ID}=Privileged Authentication Administrator` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    assert.equal(await exitCode(child), 1);
    assert.match(stderr, /SIM_CALLER_ROLES entries must be clientId=roleTemplateId\|roleTemplateId/);
  });
});

describe('sim admin data: risky users (P2)', () => {
  let sim: RunningSim;
  let graph: Graph;

  beforeEach(async () => ({ sim, graph } = await simWith()));
  afterEach(() => sim.stop());

  it('confirmCompromised (204) shows in riskyUsers afterwards, for a listed and an unlisted user', async () => {
    const res = await graph('/identityProtection/riskyUsers/confirmCompromised', { method: 'POST', body: { userIds: [NESTOR, MEGAN] } });
    assert.equal(res.status, 204);
    assert.equal(res.body, '');
    const list = await graph('/identityProtection/riskyUsers');
    for (const id of [NESTOR, MEGAN]) {
      const risky = list.body.value.find((u: GraphJson) => u.id === id);
      assert.ok(risky, `${id} is listed`);
      assert.equal(risky.riskLevel, 'high');
      assert.equal(risky.riskState, 'confirmedCompromised');
      assert.equal(risky.riskDetail, 'adminConfirmedUserCompromised');
      assert.ok(Date.now() - Date.parse(risky.riskLastUpdatedDateTime) < 60_000);
    }
    const megan = await graph(`/identityProtection/riskyUsers/${MEGAN}`);
    assert.equal(megan.body.userPrincipalName, 'MeganB@contoso.onmicrosoft.com');
    assert.equal(megan.body.isDeleted, false);
    const filtered = await graph("/identityProtection/riskyUsers?$filter=riskState eq 'confirmedCompromised'");
    assert.deepEqual(filtered.body.value.map((u: GraphJson) => u.id).sort(), [NESTOR, MEGAN].sort());
  });

  it('dismiss (204) sets the risk to none', async () => {
    assert.equal((await graph('/identityProtection/riskyUsers/dismiss', { method: 'POST', body: { userIds: [LYNNE, PATTI] } })).status, 204);
    const lynne = await graph(`/identityProtection/riskyUsers/${LYNNE}`);
    assert.deepEqual([lynne.body.riskLevel, lynne.body.riskState, lynne.body.riskDetail], ['none', 'dismissed', 'adminDismissedAllRiskForUser']);
    assert.equal((await graph(`/identityProtection/riskyUsers/${PATTI}`)).status, 404, 'a user who was not risky is not added');
  });

  it('rejects bad bodies and unknown users without changing anything', async () => {
    for (const body of [{}, { userIds: [] }, { userIds: 'x' }, { userIds: [1] }]) {
      assert.equal((await graph('/identityProtection/riskyUsers/confirmCompromised', { method: 'POST', body })).status, 400);
    }
    const unknown = await graph('/identityProtection/riskyUsers/confirmCompromised', { method: 'POST', body: { userIds: [MEGAN, '6a1f0c3e-9999-4a5b-8c7d-000000000000'] } });
    assert.equal(unknown.status, 404);
    assert.equal((await graph(`/identityProtection/riskyUsers/${MEGAN}`)).status, 404);
  });

  it('needs IdentityRiskyUser.ReadWrite.All to write', async () => {
    await sim.stop();
    ({ sim, graph } = await simWith({ deniedPermissions: ['IdentityRiskyUser.ReadWrite.All'] }));
    assertError(await graph('/identityProtection/riskyUsers/confirmCompromised', { method: 'POST', body: { userIds: [NESTOR] } }), 403, DENIED);
    assertError(await graph('/identityProtection/riskyUsers/dismiss', { method: 'POST', body: { userIds: [NESTOR] } }), 403, DENIED);
    assert.equal((await graph('/identityProtection/riskyUsers')).status, 200, 'IdentityRiskyUser.Read.All still reads');
  });
});

describe('sim admin data: PIM eligibility and Conditional Access', () => {
  let sim: RunningSim;
  let graph: Graph;

  before(async () => ({ sim, graph } = await simWith()));
  after(() => sim.stop());

  it('roleEligibilityScheduleInstances supports $expand=principal and $filter on principalId and roleDefinitionId', async () => {
    const all = await graph('/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal');
    assert.equal(all.status, 200);
    assert.equal(all.body['@odata.context'], `${sim.url}/v1.0/$metadata#roleManagement/directory/roleEligibilityScheduleInstances(principal())`);
    assert.equal(all.body.value.length, 2);
    for (const instance of all.body.value) {
      assert.equal(instance.principal['@odata.type'], '#microsoft.graph.user');
      assert.equal(instance.principal.id, instance.principalId);
      assert.ok('accountEnabled' in instance.principal, 'the whole user object');
      assert.ok(!('signInActivity' in instance.principal));
    }
    const byRole = await graph(`/roleManagement/directory/roleEligibilityScheduleInstances?$filter=roleDefinitionId eq '${PRIVILEGED_ROLE_ADMINISTRATOR}'&$expand=principal`);
    assert.deepEqual(byRole.body.value.map((i: GraphJson) => i.principal.userPrincipalName).sort(), ['DiegoS@contoso.onmicrosoft.com', 'IsaiahL@contoso.onmicrosoft.com']);
    const byPrincipal = await graph(`/roleManagement/directory/roleEligibilityScheduleInstances?$filter=principalId eq '${DIEGO}'`);
    assert.deepEqual(byPrincipal.body.value.map((i: GraphJson) => i.principalId), [DIEGO]);
    assert.ok(!('principal' in byPrincipal.body.value[0]), 'principal only on $expand');
    const both = await graph(`/roleManagement/directory/roleEligibilityScheduleInstances?$filter=principalId eq '${DIEGO}' and roleDefinitionId eq '${PRIVILEGED_ROLE_ADMINISTRATOR}'&$expand=roleDefinition`);
    assert.equal(both.body.value[0].roleDefinition.displayName, 'Privileged Role Administrator');
  });

  it('returns the scenario\'s Conditional Access policies exactly', async () => {
    const policies = [
      {
        id: '4a9c2e71-5d3b-4f0a-9e8c-1b2d3c4e5f60', templateId: null, displayName: 'Phishing-resistant MFA for admins', createdDateTime: '2025-02-01T10:00:00Z', modifiedDateTime: null,
        state: 'enabled', sessionControls: null, description: null,
        conditions: {
          applications: { applicationFilter: null, excludeApplications: [], includeApplications: ['All'], includeAuthenticationContextClassReferences: [], includeUserActions: [] },
          clientAppTypes: ['all'], users: {
            excludeGroups: ['7d1c0b2a-0000-4000-8000-000000000001'], excludeGuestsOrExternalUsers: null, excludeRoles: [], excludeUsers: ['6a1f0c3e-1111-4a5b-8c7d-000000000001'],
            includeGroups: [], includeGuestsOrExternalUsers: null, includeRoles: [GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR], includeUsers: [],
          },
          platforms: null, locations: null, devices: null, signInRiskLevels: [], userRiskLevels: [], servicePrincipalRiskLevels: [], authenticationFlows: null, clientApplications: null,
        },
        grantControls: {
          operator: 'AND', builtInControls: [], customAuthenticationFactors: [], termsOfUse: [],
          authenticationStrength: { id: '00000000-0000-0000-0000-000000000004', displayName: 'Phishing-resistant MFA', policyType: 'builtIn', requirementsSatisfied: 'mfa', allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'] },
        },
      },
      {
        id: '4a9c2e71-5d3b-4f0a-9e8c-1b2d3c4e5f61', templateId: null, displayName: 'Require MFA for all users (report-only)', createdDateTime: '2025-03-01T10:00:00Z', modifiedDateTime: '2025-04-01T10:00:00Z',
        state: 'enabledForReportingButNotEnforced', sessionControls: null, description: null,
        conditions: { applications: { includeApplications: ['All'], excludeApplications: [] }, clientAppTypes: ['all'], users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] } },
        grantControls: { operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null },
      },
      {
        id: '4a9c2e71-5d3b-4f0a-9e8c-1b2d3c4e5f62', templateId: null, displayName: 'Old block rule', createdDateTime: '2023-03-01T10:00:00Z', modifiedDateTime: '2024-04-01T10:00:00Z',
        state: 'disabled', sessionControls: null, description: null,
        conditions: { applications: { includeApplications: ['All'], excludeApplications: [] }, clientAppTypes: ['exchangeActiveSync', 'other'], users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] } },
        grantControls: { operator: 'OR', builtInControls: ['block'], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null },
      },
    ];
    const ca = await startTestSim({ scenario: smallScenario({ groups: [{ id: '7d1c0b2a-0000-4000-8000-000000000001', displayName: 'Break glass' }], conditionalAccessPolicies: policies }) });
    try {
      const reader = graphClient(ca, await token(ca));
      const res = await reader('/identity/conditionalAccess/policies');
      assert.equal(res.status, 200);
      assert.equal(res.body['@odata.context'], `${ca.url}/v1.0/$metadata#identity/conditionalAccess/policies`);
      assert.deepEqual(res.body.value, policies);
      const one = await reader(`/identity/conditionalAccess/policies/${policies[0].id}`);
      assert.deepEqual({ ...one.body, '@odata.context': undefined }, { ...policies[0], '@odata.context': undefined });
      const enabled = await reader("/identity/conditionalAccess/policies?$filter=state eq 'enabled'");
      assert.deepEqual(enabled.body.value.map((p: GraphJson) => p.id), [policies[0].id]);
    } finally {
      await ca.stop();
    }
    // The default scenario's policies come back as the file holds them (dates moved to the present).
    const expected = loadScenario(DEFAULT_SCENARIO).conditionalAccessPolicies;
    const served = (await graph('/identity/conditionalAccess/policies')).body.value;
    const withoutDates = (p: GraphJson) => ({ ...p, createdDateTime: undefined, modifiedDateTime: undefined });
    assert.deepEqual(served.map(withoutDates), expected.map(withoutDates));
  });

  it('validates the policy parts a reader evaluates', () => {
    const base = { id: 'p', state: 'enabled', conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] } }, grantControls: { operator: 'OR', builtInControls: ['mfa'] } };
    assert.doesNotThrow(() => loadScenario(smallScenario({ conditionalAccessPolicies: [base] })));
    assert.throws(() => loadScenario(smallScenario({ conditionalAccessPolicies: [{ ...base, state: 'on' }] })), /state: must be one of enabled, disabled, enabledForReportingButNotEnforced/);
    assert.throws(() => loadScenario(smallScenario({ conditionalAccessPolicies: [{ ...base, conditions: { users: { includeRoles: 'GA' } } }] })), /conditions\.users\.includeRoles: must be an array of strings/);
    assert.throws(() => loadScenario(smallScenario({ conditionalAccessPolicies: [{ ...base, grantControls: { operator: 'XOR' } }] })), /grantControls\.operator: must be 'AND' or 'OR'/);
  });
});
