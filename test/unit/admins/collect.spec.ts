import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SCENARIO } from '../../../bot/demoTenant';
import { assessAdmins } from '../../../services/admins/assess';
import { collectAdminAccounts, type AdminCollection } from '../../../services/admins/collect';
import { riskyAdmins } from '../../../services/admins/riskyAdmins';
import type { AdminAccount } from '../../../services/admins/types';
import type { GraphApi } from '../../../services/graph/graphApi';
import type { ScenarioFile } from '../../../sim/scenario';
import { startSim, type RunningSim, type SimOptions } from '../../../sim/server';
import { graphOn } from '../../support/simGraph';
import { resetSimStats, simStats } from '../../support/stack';

const NESTOR = 'ae1c6974-e5b1-48eb-82cb-4ae27673a387';
const DIEGO = '96112c9b-6103-4923-999e-b2b87e1c8270';
const LIDIA = 'ca612aa2-f7c6-47d9-bb36-3f4d8550d20c';
const ISAIAH = '76ae67f2-c885-40e6-8de8-1ce91b52937f';
const MEGAN = '2d4550c1-11e9-491a-a7fa-0001fc611f25';
const LEE = 'a12c4387-f5f1-4ae8-b283-52305f11ca64';
const ATTACKER_SP = 'de3d7478-cc06-49b0-9216-356cc6d488ee';
const MESSAGING_OPERATIONS = 'c6c42122-b9d1-4d9e-a9d3-2d0adbb86fd3';

interface Scenario {
  users: { id: string }[];
  groups: { id: string; members?: string[] }[];
  roleAssignments: { principalId: string }[];
  roleEligibilityScheduleInstances: { principalId: string }[];
}
const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as Scenario;

/** The default scenario, changed by edit on a fresh copy. */
function scenarioWith(edit: (copy: Required<ScenarioFile>) => void): ScenarioFile {
  const copy = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as Required<ScenarioFile>;
  edit(copy);
  return copy;
}

const guid = (n: number) => `0000abcd-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** n more users without any role, each in the registration report and half of them flagged by Identity Protection. */
function withOrdinaryUsers(n: number) {
  return scenarioWith((copy) => {
    for (let i = 0; i < n; i++) {
      const user = { id: guid(i), displayName: `Ordinary User ${i}`, userPrincipalName: `user${i}@contoso.onmicrosoft.com`, accountEnabled: true, userType: 'Member' };
      copy.users.push(user);
      copy.userRegistrationDetails.push({ id: user.id, userPrincipalName: user.userPrincipalName, userDisplayName: user.displayName, isAdmin: false, isMfaRegistered: true, methodsRegistered: ['mobilePhone'], userType: 'member' });
      if (i % 2 === 0) copy.riskyUsers.push({ id: user.id, isDeleted: false, isProcessing: false, riskDetail: 'none', riskLastUpdatedDateTime: '2026-11-14T18:03:21Z', riskLevel: 'medium', riskState: 'atRisk', userDisplayName: user.displayName, userPrincipalName: user.userPrincipalName });
    }
  });
}

/** Users of the scenario holding no directory role in any way: none of them may appear. */
function usersWithoutRoles(): string[] {
  const principals = new Set([...scenario.roleAssignments, ...scenario.roleEligibilityScheduleInstances].map((a) => a.principalId));
  const viaGroups = scenario.groups.filter((g) => principals.has(g.id)).flatMap((g) => g.members ?? []);
  return scenario.users.map((u) => u.id).filter((id) => !principals.has(id) && !viaGroups.includes(id));
}

interface Measured {
  collection: AdminCollection;
  graphRequests: number;
  httpRequests: number;
  byPath: Record<string, number>;
}

async function withSim<T>(options: SimOptions, use: (sim: RunningSim, graph: GraphApi) => Promise<T>): Promise<T> {
  const sim = await startSim({ port: 0, ...options });
  try {
    return await use(sim, graphOn(sim));
  } finally {
    await sim.stop();
  }
}

/** collectAdminAccounts with a warm token, counted by the simulator. */
async function measured(sim: RunningSim, graph: GraphApi): Promise<Measured> {
  await graph.get('/organization');
  await resetSimStats(sim);
  const collection = await collectAdminAccounts(graph);
  const { requests } = await simStats(sim);
  return { collection, graphRequests: requests.total, httpRequests: requests.total - (requests.batched ?? 0), byPath: requests.byPath };
}

const byId = (accounts: AdminAccount[], id: string) => accounts.find((a) => a.id === id);

describe('collectAdminAccounts against the simulated tenant', function () {
  this.timeout(60_000);

  describe('default scenario', () => {
    let result: Measured;
    before(async () => {
      result = await withSim({}, measured);
    });

    it('the compromised admin comes first: no MFA, high risk, excluded from the admin MFA policy, not enforced', () => {
      const [first] = assessAdmins(result.collection.accounts, { now: new Date() });
      assert.equal(first.account.id, NESTOR);
      assert.equal(first.account.displayName, 'Nestor Wilke');
      assert.equal(first.riskLevel, 'critical');
      assert.equal(first.account.mfaRegistered, false);
      assert.equal(first.account.riskLevel, 'high');
      assert.equal(first.account.enforcement.level, 'none');
      assert.ok(first.account.enforcement.notes.some((n) => /excluded from 'Require MFA for administrators' by user exclusion/.test(n)), first.account.enforcement.notes.join());
      assert.deepEqual(first.findings.map((f) => f.ruleId).sort(), ['admin-without-mfa', 'risky-admin']);
      assert.deepEqual(riskyAdmins(result.collection.accounts).map((a) => a.id), [NESTOR]);
    });

    it('no user without a privileged role appears, and no service principal', () => {
      const ids = new Set(result.collection.accounts.map((a) => a.id));
      const strangers = usersWithoutRoles().filter((id) => ids.has(id));
      assert.deepEqual(strangers, []);
      assert.ok(!ids.has(ATTACKER_SP), 'the attacker app holds Global Administrator but is not a user');
      assert.equal(result.collection.accounts.length, 6);
    });

    it('the eligible-only admin appears as eligible, and the role policy covers them only while activated', () => {
      const diego = byId(result.collection.accounts, DIEGO)!;
      assert.deepEqual(diego.roles.map((r) => [r.roleName, r.assignment]), [['Privileged Role Administrator', 'eligible']]);
      assert.equal(diego.enforcement.level, 'partial');
      assert.match(diego.enforcement.notes.join(), /only while the eligible role Privileged Role Administrator is activated/);
    });

    it('the admin holding a role through the Messaging Operations group appears with that group', () => {
      const lidia = byId(result.collection.accounts, LIDIA)!;
      assert.deepEqual(lidia.roles, [{ roleDefinitionId: '29232cdf-9323-42fd-ade2-1d097af3e4de', roleName: 'Exchange Administrator', assignment: 'active', viaGroup: { id: MESSAGING_OPERATIONS, displayName: 'Messaging Operations' } }]);
      assert.equal(lidia.enforcement.level, 'full');
    });

    it('an admin with an active and an eligible role keeps both', () => {
      const isaiah = byId(result.collection.accounts, ISAIAH)!;
      assert.deepEqual(isaiah.roles.map((r) => `${r.roleName}/${r.assignment}`).sort(), ['Global Administrator/active', 'Privileged Role Administrator/eligible']);
      assert.equal(isaiah.enforcement.level, 'full');
    });

    it('registration comes from the report, risk from Identity Protection (absent means none)', () => {
      for (const account of result.collection.accounts) assert.equal(account.registrationSource, 'report', account.displayName);
      assert.deepEqual(byId(result.collection.accounts, NESTOR)!.methodsRegistered, ['email']);
      assert.equal(byId(result.collection.accounts, ISAIAH)!.riskLevel, 'none');
    });

    it('per-user MFA comes from beta, in one batch: enforced is full, enabled is partial', () => {
      const isaiah = byId(result.collection.accounts, ISAIAH)!;
      assert.ok(isaiah.enforcement.by.includes('per-user MFA (enforced)'), isaiah.enforcement.by.join());
      const lee = byId(result.collection.accounts, LEE)!;
      assert.equal(lee.enforcement.level, 'partial');
      assert.deepEqual(lee.enforcement.by, ['per-user MFA (enabled)']);
      assert.equal(result.byPath['/beta/$batch'], 1);
      assert.equal(result.byPath['/beta/users/{id}/authentication/requirements'], 6);
    });

    it('the last sign-in comes from signInActivity, the latest of its times', () => {
      const nestor = byId(result.collection.accounts, NESTOR)!;
      assert.ok(nestor.lastSignIn, 'Nestor signed in');
      assert.ok(Date.now() - Date.parse(nestor.lastSignIn) < 2 * 86_400_000, nestor.lastSignIn);
    });

    it('leaves no gap when the tenant has Entra ID P2 and every permission', () => {
      assert.deepEqual(result.collection.gaps, []);
    });

    it('reads the tenant in a handful of $batch requests', () => {
      assert.equal(result.httpRequests, 5, `HTTP requests: ${JSON.stringify(result.byPath)}`);
      assert.equal(result.byPath['/v1.0/reports/authenticationMethods/userRegistrationDetails'], 1, 'one report request for up to 15 admins');
      assert.equal(result.byPath['/v1.0/users'], 1, 'one users request for up to 15 admins');
      assert.equal(result.collection.securityDefaults, false);
    });
  });

  it('does not grow with the number of service principals in the tenant', async () => {
    const small = await withSim({}, measured);
    const large = await withSim({ noiseServicePrincipals: 10_000, noiseGrants: 5_000 }, measured);
    assert.equal(large.graphRequests, small.graphRequests, `none: ${JSON.stringify(small.byPath)}\n10,000: ${JSON.stringify(large.byPath)}`);
    assert.equal(large.collection.accounts.length, small.collection.accounts.length);
  });

  it('does not grow with the number of users who hold no role', async () => {
    const small = await withSim({}, measured);
    const large = await withSim({ scenario: withOrdinaryUsers(3_000) }, measured);
    assert.equal(large.graphRequests, small.graphRequests, `none: ${JSON.stringify(small.byPath)}\n3,000: ${JSON.stringify(large.byPath)}`);
    assert.deepEqual(large.collection.accounts.map((a) => a.id), small.collection.accounts.map((a) => a.id));
  });

  it('an admin excluded through a nested group in a policy\'s excluded group is not covered, and the note names the group', async () => {
    const BREAK_GLASS = guid(0xb1);
    const NESTED = guid(0xb2);
    const group = (id: string, displayName: string, members: string[]) => ({ id, displayName, members, securityEnabled: true, mailEnabled: false, groupTypes: [], isAssignableToRole: false, mailNickname: displayName.replace(/\W/g, '') });
    const edited = scenarioWith((copy) => {
      copy.groups.push(group(BREAK_GLASS, 'Break glass', [NESTED]), group(NESTED, 'Break glass (nested)', [MEGAN]));
      copy.conditionalAccessPolicies[0].conditions!.users!.excludeGroups = [BREAK_GLASS];
    });
    const { collection, httpRequests } = await withSim({ scenario: edited }, measured);
    const megan = byId(collection.accounts, MEGAN)!;
    assert.equal(megan.enforcement.level, 'none');
    assert.ok(megan.enforcement.notes.includes("excluded from 'Require MFA for administrators' by group 'Break glass'"), megan.enforcement.notes.join());
    assert.equal(byId(collection.accounts, LIDIA)!.enforcement.level, 'full', 'members of other groups stay covered');
    assert.ok(httpRequests <= 6, `memberships are read in the same batch: ${httpRequests} HTTP requests`);
  });

  it('reads no beta endpoint when per-user MFA is turned off', async () => {
    const { collection, byPath } = await withSim({}, async (sim, graph) => {
      await graph.get('/organization');
      await resetSimStats(sim);
      const collected = await collectAdminAccounts(graph, { perUserMfa: false });
      return { collection: collected, byPath: (await simStats(sim)).requests.byPath };
    });
    assert.equal(Object.keys(byPath).filter((path) => path.startsWith('/beta')).length, 0, JSON.stringify(byPath));
    assert.ok(!byId(collection.accounts, ISAIAH)!.enforcement.by.includes('per-user MFA (enforced)'));
  });

  it('an admin who has not signed in for 90 days is found stale', async () => {
    const edited = scenarioWith((copy) => {
      const megan = copy.users.find((u) => u.id === MEGAN)!;
      (megan as { signInActivity?: object }).signInActivity = { lastSignInDateTime: '2026-07-01T10:00:00Z', lastNonInteractiveSignInDateTime: '2026-07-02T10:00:00Z', lastSuccessfulSignInDateTime: '2026-07-02T10:00:00Z' };
    });
    const { collection } = await withSim({ scenario: edited }, measured);
    const megan = assessAdmins(collection.accounts, { now: new Date() }).find((a) => a.account.id === MEGAN)!;
    assert.deepEqual(megan.findings.map((f) => `${f.ruleId}:${f.severity}`), ['stale-admin:low']);
    assert.match(megan.findings[0].detail, /Last sign-in 20\d\d-\d\d-\d\d \(1\d\d days ago\)/);
  });

  describe('licences: what the tenant\'s plan hides is a gap with a fallback', () => {
    it('without Entra ID P1 (free): registered methods are read per admin in one batch, no last sign-in, no risk, no eligible roles', async () => {
      const { collection, httpRequests, byPath } = await withSim({ license: 'free' }, measured);
      const reasons = Object.fromEntries(collection.gaps.map((g) => [g.source, g.reason]));
      assert.equal(reasons['the MFA registration report'], 'Entra ID P1 is needed for the MFA registration report.');
      assert.equal(reasons["the admins' last sign-in"], "Entra ID P1 is needed for the admins' last sign-in.");
      assert.equal(reasons["the admins' user risk (Identity Protection)"], "Entra ID P2 is needed for the admins' user risk (Identity Protection).");
      assert.equal(reasons['the eligible (PIM) role assignments'], 'Entra ID P2 is needed for the eligible (PIM) role assignments.');

      assert.equal(collection.accounts.length, 5, 'the eligible-only admin cannot be seen without PIM');
      for (const account of collection.accounts) {
        assert.equal(account.registrationSource, 'methods', account.displayName);
        assert.equal(account.lastSignIn, undefined);
        assert.equal(account.riskLevel, undefined);
        assert.ok(account.userPrincipalName.includes('@') && account.accountEnabled, 'the accounts are still read, without signInActivity');
      }
      const nestor = byId(collection.accounts, NESTOR)!;
      assert.equal(nestor.mfaRegistered, false);
      assert.deepEqual(nestor.methodsRegistered, ['email']);
      assert.ok(collection.accounts.filter((a) => a.id !== NESTOR).every((a) => a.mfaRegistered === true));
      assert.equal(assessAdmins(collection.accounts, { now: new Date() })[0].account.id, NESTOR, 'the admin without MFA still comes first');

      assert.equal(byPath['/v1.0/users/{id}/authentication/methods'], 5, 'one methods request per admin');
      assert.equal(httpRequests, 6, `one more batch than with P2 (methods and accounts again): ${JSON.stringify(byPath)}`);
    });

    it('with Entra ID P1 only: registration report and last sign-in, but no risk and no eligible roles', async () => {
      const { collection } = await withSim({ license: 'p1' }, measured);
      assert.deepEqual(collection.gaps.map((g) => g.source).sort(), ["the admins' user risk (Identity Protection)", 'the eligible (PIM) role assignments']);
      assert.ok(collection.accounts.every((a) => a.registrationSource === 'report' && a.lastSignIn && a.riskLevel === undefined));
      assert.ok(collection.gaps.every((g) => g.reason.startsWith('Entra ID P2 is needed')));
    });

    it('the methods fallback costs ceil(admins / 20) requests however many admins there are', async () => {
      const edited = scenarioWith((copy) => {
        for (let i = 0; i < 25; i++) {
          const id = guid(0x1000 + i);
          copy.users.push({ id, displayName: `Helpdesk Admin ${i}`, userPrincipalName: `helpdesk${i}@contoso.onmicrosoft.com`, accountEnabled: true });
          copy.userRegistrationDetails.push({ id, userPrincipalName: `helpdesk${i}@contoso.onmicrosoft.com`, isMfaRegistered: true, methodsRegistered: ['microsoftAuthenticatorPush'] });
          copy.roleAssignments.push({ id: guid(0x2000 + i), principalId: id, roleDefinitionId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', directoryScopeId: '/' });
        }
      });
      const { collection, byPath } = await withSim({ scenario: edited, license: 'free' }, measured);
      assert.equal(collection.accounts.length, 30);
      assert.equal(byPath['/v1.0/users/{id}/authentication/methods'], 30);
      assert.ok(collection.accounts.filter((a) => a.displayName.startsWith('Helpdesk')).every((a) => a.mfaRegistered === true && a.registrationSource === 'methods'));
      // Three batches find the admins and the policies, one reads their details, and the 30 methods
      // requests (with the accounts read again without signInActivity) take two: ceil(32 / 20).
      assert.equal(byPath['/v1.0/$batch'], 3 + 1 + 2, JSON.stringify(byPath));
    });
  });

  describe('missing permissions are gaps, not failures', () => {
    it('without IdentityRiskyUser.Read.All the report has no risk column and names the permission', async () => {
      const { collection } = await withSim({ deniedPermissions: ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'] }, measured);
      assert.equal(collection.accounts.length, 6);
      assert.ok(collection.accounts.every((a) => a.riskLevel === undefined));
      const gap = collection.gaps.find((g) => /user risk/.test(g.source));
      assert.ok(gap, JSON.stringify(collection.gaps));
      assert.match(gap.reason, /IdentityRiskyUser\.Read\.All/);
    });

    it('without AuditLog.Read.All the registration report is a gap naming the permission, and the admins are still listed', async () => {
      const { collection } = await withSim({ deniedPermissions: ['AuditLog.Read.All'] }, measured);
      assert.equal(collection.accounts.length, 6);
      const gap = collection.gaps.find((g) => g.source === 'the MFA registration report');
      assert.ok(gap, JSON.stringify(collection.gaps));
      assert.match(gap.reason, /AuditLog\.Read\.All/);
      assert.equal(gap.fallback, 'Registered methods were read per admin instead.');
      assert.ok(collection.accounts.every((a) => a.registrationSource === 'methods'), 'the per-admin methods answered instead');
      assert.equal(byId(collection.accounts, NESTOR)!.mfaRegistered, false);
    });

    it('without UserAuthenticationMethod.Read.All as well, registration is unknown, and both gaps name their permission', async () => {
      const denied = ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'];
      const { collection } = await withSim({ deniedPermissions: denied }, measured);
      assert.ok(collection.accounts.every((a) => a.mfaRegistered === undefined && a.registrationSource === 'unavailable'));
      const methods = collection.gaps.find((g) => g.source === "the admins' registered authentication methods");
      assert.match(methods?.reason ?? '', /UserAuthenticationMethod\.Read\.All/);
    });

    it('without any Policy permission the enforcement notes say the policies could not be read', async () => {
      const denied = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'];
      const { collection } = await withSim({ deniedPermissions: denied }, measured);
      assert.equal(collection.securityDefaults, undefined);
      assert.ok(collection.gaps.some((g) => g.source === 'the Conditional Access policies' && /Policy\.Read\.All/.test(g.reason)), JSON.stringify(collection.gaps));
      const nestor = byId(collection.accounts, NESTOR)!;
      assert.equal(nestor.enforcement.level, 'none');
      assert.match(nestor.enforcement.notes.join(), /Conditional Access policies could not be read/);
    });
  });
});
