import assert from 'node:assert/strict';
import { assessAdmin, assessAdmins, ADMIN_RULES } from '../../../services/admins/assess';
import { riskyAdmins } from '../../../services/admins/riskyAdmins';
import { adminWithoutMfa } from '../../../services/admins/rules/adminWithoutMfa';
import { mfaNotEnforced } from '../../../services/admins/rules/mfaNotEnforced';
import { riskyAdmin } from '../../../services/admins/rules/riskyAdmin';
import { staleAdmin } from '../../../services/admins/rules/staleAdmin';
import { admin, EXCHANGE_ADMIN, GLOBAL_ADMIN, GROUP_ID, PRIVILEGED_ROLE_ADMIN, role } from './fixtures';

const now = new Date('2026-11-20T09:00:00Z');
const context = { now };
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('admin rules', () => {
  it('every rule has an id, a title, and why/fix words for the card', () => {
    for (const rule of ADMIN_RULES) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(rule.title.length > 10 && rule.why.length > 40 && rule.fix.length > 40, rule.id);
    }
    assert.deepEqual(ADMIN_RULES.map((r) => r.id).sort(), ['admin-without-mfa', 'mfa-not-enforced', 'risky-admin', 'stale-admin']);
  });

  describe('admin-without-mfa', () => {
    it('a Global Administrator without an MFA method is critical', () => {
      const [finding] = adminWithoutMfa.evaluate(admin({ roles: [role(GLOBAL_ADMIN)], mfaRegistered: false, methodsRegistered: ['email'] }), context);
      assert.equal(finding.severity, 'critical');
      assert.match(finding.detail, /only email, which cannot answer an MFA prompt/);
      assert.match(finding.detail, /Global Administrator \(active\)/);
    });

    it('an eligible Privileged Role Administrator without MFA is critical too', () => {
      const [finding] = adminWithoutMfa.evaluate(admin({ roles: [role(PRIVILEGED_ROLE_ADMIN, 'eligible')], mfaRegistered: false, methodsRegistered: [] }), context);
      assert.equal(finding.severity, 'critical');
      assert.match(finding.detail, /no method at all/);
    });

    it('an Exchange Administrator without MFA is high, and the detail says how the role is held', () => {
      const viaGroup = role(EXCHANGE_ADMIN, 'active', { id: GROUP_ID, displayName: 'Messaging Operations' });
      const [finding] = adminWithoutMfa.evaluate(admin({ roles: [viaGroup], mfaRegistered: false, methodsRegistered: [] }), context);
      assert.equal(finding.severity, 'high');
      assert.match(finding.detail, /Exchange Administrator \(active through group Messaging Operations\)/);
    });

    it('when no policy would ask for MFA either, the detail carries the enforcement notes', () => {
      const account = admin({ mfaRegistered: false, methodsRegistered: [], enforcement: { level: 'none', by: [], notes: ["excluded from 'Require MFA' by user exclusion"] } });
      assert.match(adminWithoutMfa.evaluate(account, context)[0].detail, /No policy would ask for MFA either: excluded from 'Require MFA' by user exclusion/);
    });

    it('says nothing when MFA is registered or when registration is unknown', () => {
      assert.deepEqual(adminWithoutMfa.evaluate(admin({ mfaRegistered: true }), context), []);
      assert.deepEqual(adminWithoutMfa.evaluate(admin({ mfaRegistered: undefined, registrationSource: 'unavailable' }), context), []);
    });
  });

  describe('mfa-not-enforced', () => {
    it('registered but required by nothing is medium, with the notes', () => {
      const account = admin({ enforcement: { level: 'none', by: [], notes: ["policy 'Require MFA' is report-only"] } });
      const [finding] = mfaNotEnforced.evaluate(account, context);
      assert.equal(finding.severity, 'medium');
      assert.match(finding.detail, /report-only/);
    });

    it('partly required is low for an Exchange Administrator, with the reason', () => {
      const account = admin({ enforcement: { level: 'partial', by: ["Conditional Access policy 'MFA'"], notes: ["'MFA' applies not from trusted locations"] } });
      const [finding] = mfaNotEnforced.evaluate(account, context);
      assert.equal(finding.severity, 'low');
      assert.match(finding.detail, /Required only in part, by Conditional Access policy 'MFA': 'MFA' applies not from trusted locations/);
    });

    it('partly required is medium for a Global Administrator', () => {
      const account = admin({ roles: [role(GLOBAL_ADMIN)], enforcement: { level: 'partial', by: ['per-user MFA (enabled)'], notes: [] } });
      assert.equal(mfaNotEnforced.evaluate(account, context)[0].severity, 'medium');
    });

    it('says nothing when fully enforced, or when no method is registered (admin-without-mfa says it)', () => {
      assert.deepEqual(mfaNotEnforced.evaluate(admin(), context), []);
      assert.deepEqual(mfaNotEnforced.evaluate(admin({ mfaRegistered: false, enforcement: { level: 'none', by: [], notes: [] } }), context), []);
    });
  });

  describe('risky-admin', () => {
    it('medium user risk is high', () => {
      const [finding] = riskyAdmin.evaluate(admin({ riskLevel: 'medium', riskState: 'atRisk', riskLastUpdated: daysAgo(2) }), context);
      assert.equal(finding.severity, 'high');
      assert.match(finding.detail, /User risk medium since .*2 days ago/);
    });

    it('high user risk is critical', () => {
      assert.equal(riskyAdmin.evaluate(admin({ riskLevel: 'high', riskState: 'atRisk', riskDetail: 'none' }), context)[0].severity, 'critical');
    });

    it('confirmed compromised is critical', () => {
      const [finding] = riskyAdmin.evaluate(admin({ riskLevel: 'high', riskState: 'confirmedCompromised', riskDetail: 'adminConfirmedUserCompromised' }), context);
      assert.equal(finding.severity, 'critical');
      assert.match(finding.detail, /Confirmed compromised/);
    });

    it('low risk, remediated or dismissed risk, and no risk data say nothing', () => {
      assert.deepEqual(riskyAdmin.evaluate(admin({ riskLevel: 'low', riskState: 'atRisk' }), context), []);
      assert.deepEqual(riskyAdmin.evaluate(admin({ riskLevel: 'high', riskState: 'remediated' }), context), []);
      assert.deepEqual(riskyAdmin.evaluate(admin({ riskLevel: 'medium', riskState: 'dismissed' }), context), []);
      assert.deepEqual(riskyAdmin.evaluate(admin({ riskLevel: undefined, riskState: undefined }), context), []);
    });
  });

  describe('stale-admin', () => {
    it('no sign-in for 90 days is low', () => {
      const [finding] = staleAdmin.evaluate(admin({ lastSignIn: daysAgo(120) }), context);
      assert.equal(finding.severity, 'low');
      assert.match(finding.detail, /120 days ago/);
    });

    it('a recent sign-in, or an unknown one (no Entra ID P1), says nothing', () => {
      assert.deepEqual(staleAdmin.evaluate(admin({ lastSignIn: daysAgo(89) }), context), []);
      assert.deepEqual(staleAdmin.evaluate(admin({ lastSignIn: undefined }), context), []);
    });
  });

  describe('assessment and order', () => {
    it('an admin\'s risk is their worst finding, findings worst first', () => {
      const account = admin({ roles: [role(GLOBAL_ADMIN)], mfaRegistered: false, methodsRegistered: [], lastSignIn: daysAgo(200), riskLevel: 'medium', riskState: 'atRisk' });
      const assessment = assessAdmin(account, context);
      assert.equal(assessment.riskLevel, 'critical');
      assert.deepEqual(assessment.findings.map((f) => f.ruleId), ['admin-without-mfa', 'risky-admin', 'stale-admin']);
      assert.ok(assessment.findings.every((f) => f.why && f.fix && f.title));
    });

    it('an admin with no finding has risk none', () => {
      assert.equal(assessAdmin(admin(), context).riskLevel, 'none');
    });

    it('orders by risk, then by user risk, then by name', () => {
      const accounts = [
        admin({ id: 'a', displayName: 'Zoe Fine' }),
        admin({ id: 'b', displayName: 'Bob Medium', enforcement: { level: 'none', by: [], notes: [] } }),
        admin({ id: 'c', displayName: 'Carl Medium', enforcement: { level: 'none', by: [], notes: [] }, riskLevel: 'low', riskState: 'atRisk' }),
        admin({ id: 'd', displayName: 'Dana Critical', roles: [role(GLOBAL_ADMIN)], mfaRegistered: false }),
        admin({ id: 'e', displayName: 'Anna Fine' }),
      ];
      assert.deepEqual(assessAdmins(accounts, context).map((a) => a.account.displayName), ['Dana Critical', 'Carl Medium', 'Bob Medium', 'Anna Fine', 'Zoe Fine']);
    });
  });

  describe('riskyAdmins', () => {
    it('lists admins at medium or high risk, newest risk first, and leaves out low, remediated and unknown risk', () => {
      const accounts = [
        admin({ id: '1', displayName: 'Old High', riskLevel: 'high', riskState: 'atRisk', riskLastUpdated: daysAgo(30) }),
        admin({ id: '2', displayName: 'New Medium', riskLevel: 'medium', riskState: 'atRisk', riskLastUpdated: daysAgo(1) }),
        admin({ id: '3', displayName: 'Low', riskLevel: 'low', riskState: 'atRisk', riskLastUpdated: daysAgo(0) }),
        admin({ id: '4', displayName: 'Remediated', riskLevel: 'high', riskState: 'remediated', riskLastUpdated: daysAgo(0) }),
        admin({ id: '5', displayName: 'No P2', riskLevel: undefined, riskState: undefined }),
        admin({ id: '6', displayName: 'Confirmed', riskLevel: 'high', riskState: 'confirmedCompromised', riskLastUpdated: daysAgo(5) }),
      ];
      assert.deepEqual(riskyAdmins(accounts).map((a) => a.displayName), ['New Medium', 'Confirmed', 'Old High']);
    });
  });
});
