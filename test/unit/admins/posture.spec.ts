import assert from 'node:assert/strict';
import { securityPosture, type PostureCheck, type PostureDeps, type PostureReport } from '../../../services/admins/posture';
import type { SimOptions } from '../../../sim/server';
import { resetSimStats, simStats } from '../../support/stack';
import { startSimTenant, type SimTenant } from '../remediation/simTenant';

async function postureOf(simOptions: SimOptions, overrides: Partial<PostureDeps> = {}): Promise<PostureReport> {
  const tenant: SimTenant = await startSimTenant(simOptions);
  try {
    return await securityPosture({
      graph: tenant.graph,
      exchange: tenant.exchange,
      tenantId: tenant.sim.tenantId,
      trustedAppIds: [],
      now: () => new Date(),
      pendingRequests: async () => 2,
      auditWaitMs: 10_000,
      ...overrides,
    });
  } finally {
    await tenant.stop();
  }
}

const lineOf = (report: PostureReport, check: PostureCheck) => report.lines.find((l) => l.check === check)!;

describe('security posture of the simulated tenant', function () {
  this.timeout(60_000);

  describe('default scenario', () => {
    let report: PostureReport;
    before(async () => {
      report = await postureOf({ auditQueryDelayMs: 100 });
    });

    it('has one line per safeguard, in a fixed order, each with a state and words', () => {
      assert.deepEqual(report.lines.map((l) => l.check), ['auditLogging', 'securityDefaults', 'adminMfaEnforcement', 'adminsWithoutMfa', 'riskyApps', 'connectors', 'transportRules', 'pendingRequests']);
      for (const line of report.lines) assert.ok(line.title && line.text, line.check);
    });

    it('each line points at the command that shows the details', () => {
      assert.deepEqual(Object.fromEntries(report.lines.map((l) => [l.check, l.command])), {
        auditLogging: undefined,
        securityDefaults: undefined,
        adminMfaEnforcement: 'admins without mfa',
        adminsWithoutMfa: 'admins without mfa',
        riskyApps: 'list risky apps',
        connectors: 'show new connectors',
        transportRules: 'show transport rules',
        pendingRequests: 'pending',
      });
    });

    it('audit logging is on', () => {
      assert.equal(lineOf(report, 'auditLogging').state, 'ok');
    });

    it('Security Defaults are off while Conditional Access leaves admins uncovered: a warning', () => {
      assert.equal(lineOf(report, 'securityDefaults').state, 'warning');
    });

    it('counts admins by how fully MFA is required of them', () => {
      const line = lineOf(report, 'adminMfaEnforcement');
      assert.equal(line.state, 'attention');
      assert.equal(line.text, '6 admins: 3 always asked for MFA, 2 only in part, 1 never.');
    });

    it('names the admin without MFA', () => {
      const line = lineOf(report, 'adminsWithoutMfa');
      assert.equal(line.state, 'attention');
      assert.match(line.text, /1 admin without an MFA method: Nestor Wilke/);
    });

    it('counts the apps with high-impact access by risk level', () => {
      const line = lineOf(report, 'riskyApps');
      assert.equal(line.state, 'attention');
      assert.match(line.text, /\d+ apps? with high-impact access: 1 critical/);
    });

    it('reports the connectors and transport rules changed in the last 30 days, flagged ones as attention', () => {
      for (const check of ['connectors', 'transportRules'] as const) {
        const line = lineOf(report, check);
        assert.equal(line.state, 'attention', line.text);
        assert.match(line.text, /created or changed, \d+ flagged high or critical/);
      }
    });

    it('reports the pending remediation requests from the callback', () => {
      assert.deepEqual(lineOf(report, 'pendingRequests'), { check: 'pendingRequests', title: 'Remediation requests waiting', state: 'warning', text: '2 requests waiting for approval.', command: 'pending' });
    });
  });

  it('says "audit search still running" instead of waiting for a slow audit search', async () => {
    const started = Date.now();
    const report = await postureOf({ auditQueryDelayMs: 60_000 }, { auditWaitMs: 300 });
    assert.ok(Date.now() - started < 20_000, 'did not wait for the search');
    for (const check of ['connectors', 'transportRules'] as const) {
      const line = lineOf(report, check);
      assert.equal(line.state, 'unknown');
      assert.match(line.text, /^Audit search still running/);
    }
    assert.equal(lineOf(report, 'adminsWithoutMfa').state, 'attention', 'the other lines are still there');
  });

  it('a callback that throws instead of rejecting is an unknown line too', async () => {
    const report = await postureOf({ auditQueryDelayMs: 100 }, { pendingRequests: () => { throw new Error('no approvals store'); } });
    assert.equal(lineOf(report, 'pendingRequests').text, 'Could not check: no approvals store');
  });

  it('a failing part becomes an unknown line with its reason, and the rest is reported', async () => {
    const report = await postureOf(
      { auditQueryDelayMs: 100, deniedPermissions: ['Exchange.ManageAsApp'] },
      { pendingRequests: async () => Promise.reject(new Error('the approvals store is locked')) },
    );
    const audit = lineOf(report, 'auditLogging');
    assert.equal(audit.state, 'unknown');
    assert.match(audit.text, /^Could not check: Exchange Online refused Get-AdminAuditLogConfig/);
    assert.deepEqual(lineOf(report, 'pendingRequests'), {
      check: 'pendingRequests',
      title: 'Remediation requests waiting',
      state: 'unknown',
      text: 'Could not check: the approvals store is locked',
      command: 'pending',
    });
    assert.equal(lineOf(report, 'adminsWithoutMfa').state, 'attention');
    assert.equal(lineOf(report, 'riskyApps').state, 'attention');
  });

  it('when the role assignments cannot be read, the admin lines are unknown and name the permission', async () => {
    const roleReads = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All'];
    const report = await postureOf({ auditQueryDelayMs: 100, deniedPermissions: roleReads });
    for (const check of ['securityDefaults', 'adminMfaEnforcement', 'adminsWithoutMfa'] as const) {
      const line = lineOf(report, check);
      assert.equal(line.state, 'unknown', check);
      assert.match(line.text, /needs the RoleManagement\.Read\.Directory application permission/, check);
    }
    assert.equal(lineOf(report, 'auditLogging').state, 'ok');
  });

  it('scans the risky apps once for its own line and the two Exchange lines (the audit endpoints are rate-limited)', async () => {
    const tenant = await startSimTenant({ auditQueryDelayMs: 100 });
    try {
      await tenant.graph.get('/organization');
      await resetSimStats(tenant.sim);
      const report = await securityPosture({
        graph: tenant.graph,
        exchange: tenant.exchange,
        tenantId: tenant.sim.tenantId,
        trustedAppIds: [],
        now: () => new Date(),
        pendingRequests: async () => 0,
        auditWaitMs: 10_000,
      });
      assert.equal(lineOf(report, 'connectors').state, 'attention', 'the connectors report finished');
      const { byPath } = (await simStats(tenant.sim)).requests;
      assert.equal(byPath['/v1.0/auditLogs/directoryAudits'], 1, JSON.stringify(byPath));
      assert.equal(byPath['/v1.0/oauth2PermissionGrants'], 1);
    } finally {
      await tenant.stop();
    }
  });

  it('asks every part at once, without waiting for the others to answer', async () => {
    let resolvePending: (n: number) => void = () => undefined;
    const slowPending = new Promise<number>((resolve) => (resolvePending = resolve));
    const tenant = await startSimTenant({ auditQueryDelayMs: 100 });
    try {
      let pendingAsked = false;
      const posture = securityPosture({
        graph: tenant.graph,
        exchange: tenant.exchange,
        tenantId: tenant.sim.tenantId,
        trustedAppIds: [],
        now: () => new Date(),
        pendingRequests: () => {
          pendingAsked = true;
          return slowPending;
        },
        auditWaitMs: 10_000,
      });
      await null; // one turn of the microtask queue: no Graph or Exchange answer can have come yet
      assert.ok(pendingAsked, 'the callback is asked at once, before any Graph answer');
      resolvePending(0);
      assert.equal(lineOf(await posture, 'pendingRequests').state, 'ok');
    } finally {
      await tenant.stop();
    }
  });
});
