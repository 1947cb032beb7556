import assert from 'node:assert/strict';
import { APP_RULES, assessApp, byRisk } from '../../../services/detection/rules';
import { exchangePowerShellAsApp } from '../../../services/detection/rules/exchangePowerShellAsApp';
import { highImpactPermission } from '../../../services/detection/rules/highImpactPermission';
import { privilegedRole } from '../../../services/detection/rules/privilegedRole';
import { credentialAddedRecently } from '../../../services/detection/rules/credentialAddedRecently';
import { activeCredentials } from '../../../services/detection/rules/activeCredentials';
import { federatedCredential } from '../../../services/detection/rules/federatedCredential';
import { tenantWideDelegatedGrant } from '../../../services/detection/rules/tenantWideDelegatedGrant';
import { accessGrantedRecently } from '../../../services/detection/rules/accessGrantedRecently';
import { unverifiedOrigin } from '../../../services/detection/rules/appOrigin';
import { noOwner } from '../../../services/detection/rules/noOwner';
import { MICROSOFT_TENANT_ID } from '../../../services/apps/catalog';
import { app, context, daysAgo, exchangeAdmin, globalAdmin, manageAsApp, permission, TENANT } from './evidence';

describe('detection rules for apps', () => {
  it('every rule has an id, a title, why and how to fix in plain words', () => {
    const ids = new Set<string>();
    for (const rule of APP_RULES) {
      assert.match(rule.id, /^[a-z0-9-]+$/);
      assert.ok(!ids.has(rule.id), `duplicate rule id ${rule.id}`);
      ids.add(rule.id);
      for (const text of [rule.title, rule.why, rule.fix]) assert.ok(text.split(' ').length >= 3, `${rule.id} needs words`);
    }
  });

  it('Exchange.ManageAsApp with Exchange Administrator is critical: the spam-relay combination', () => {
    const results = exchangePowerShellAsApp.evaluate(app({ permissions: [manageAsApp()], roles: [exchangeAdmin()] }), context);
    assert.deepEqual(results.map((r) => r.severity), ['critical']);
    assert.match(results[0].detail, /Exchange Administrator/);
  });

  it('Exchange.ManageAsApp with Global Administrator through a group still counts', () => {
    const results = exchangePowerShellAsApp.evaluate(
      app({ permissions: [manageAsApp()], roles: [{ ...globalAdmin(), viaGroup: { id: 'g', displayName: 'Ops' } }] }),
      context,
    );
    assert.equal(results.length, 1);
  });

  it('Exchange.ManageAsApp alone is not the combination', () => {
    assert.deepEqual(exchangePowerShellAsApp.evaluate(app({ permissions: [manageAsApp()] }), context), []);
  });

  it('a high-impact permission is reported with what it lets the app do and when it was granted', () => {
    const [result] = highImpactPermission.evaluate(app({ permissions: [permission('RoleManagement.ReadWrite.Directory', undefined, 3)] }), context);
    assert.equal(result.severity, 'critical');
    assert.match(result.detail, /Global Administrator/);
    assert.match(result.detail, /3 days ago/);
  });

  it('a low-impact permission such as User.Read.All is not a finding', () => {
    assert.deepEqual(highImpactPermission.evaluate(app({ permissions: [permission('User.Read.All')] }), context), []);
  });

  it('a permission of the same name on another resource is not mistaken for it', () => {
    const impostor = { ...permission('Mail.Send'), resourceAppId: '99999999-0000-4000-8000-000000000000' };
    assert.deepEqual(highImpactPermission.evaluate(app({ permissions: [impostor] }), context), []);
  });

  it('a privileged role names the group it comes through', () => {
    const [result] = privilegedRole.evaluate(app({ roles: [exchangeAdmin({ id: 'g', displayName: 'Messaging Operations' })] }), context);
    assert.equal(result.severity, 'high');
    assert.match(result.detail, /through the role-assignable group Messaging Operations/);
  });

  it('Global Administrator is critical', () => {
    assert.equal(privilegedRole.evaluate(app({ roles: [globalAdmin()] }), context)[0].severity, 'critical');
  });

  it('a secret added 10 days ago to a privileged app is a high finding; one added 200 days ago is not recent', () => {
    const fresh = { keyId: 'k1', displayName: 'x', startDateTime: daysAgo(10), endDateTime: daysAgo(-700) };
    const old = { keyId: 'k2', displayName: 'y', startDateTime: daysAgo(200), endDateTime: daysAgo(-100) };
    const subject = app({ roles: [globalAdmin()], application: { id: 'app', passwordCredentials: [fresh, old], keyCredentials: [] } });
    const results = credentialAddedRecently.evaluate(subject, context);
    assert.equal(results.length, 1);
    assert.equal(results[0].severity, 'high');
    assert.match(results[0].detail, /10 days ago/);
  });

  it('an expired credential is neither recent nor active', () => {
    const expired = { keyId: 'k1', startDateTime: daysAgo(20), endDateTime: daysAgo(1) };
    const subject = app({ application: { id: 'app', passwordCredentials: [expired] } });
    assert.deepEqual(credentialAddedRecently.evaluate(subject, context), []);
    assert.deepEqual(activeCredentials.evaluate(subject, context), []);
  });

  it('credentials on the service principal and long-lived secrets raise the inventory to medium', () => {
    const subject = app({
      servicePrincipal: { ...app().servicePrincipal, passwordCredentials: [{ keyId: 'k', startDateTime: daysAgo(400), endDateTime: daysAgo(-900) }] },
    });
    const [result] = activeCredentials.evaluate(subject, context);
    assert.equal(result.severity, 'medium');
    assert.match(result.detail, /on the service principal/);
    assert.match(result.detail, /more than a year/);
  });

  it('SAML signing certificates on a service principal are not counted as credentials', () => {
    const subject = app({ servicePrincipal: { ...app().servicePrincipal, keyCredentials: [{ keyId: 's', usage: 'Sign', endDateTime: daysAgo(-30) }] } });
    assert.deepEqual(activeCredentials.evaluate(subject, context), []);
  });

  it('a federated credential names its issuer and subject', () => {
    const [result] = federatedCredential.evaluate(
      app({ permissions: [permission('Application.ReadWrite.All')], federatedCredentials: [{ name: 'gh', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/deploy:environment:prod' }] }),
      context,
    );
    assert.equal(result.severity, 'high');
    assert.match(result.detail, /repo:contoso\/deploy/);
  });

  it('a tenant-wide consent of Mail.ReadWrite is high; the same scope for one user is not tenant-wide', () => {
    const grant = { id: 'g', clientId: 'c', resourceId: 'r', scope: 'User.Read Mail.ReadWrite', consentType: 'AllPrincipals' };
    assert.equal(tenantWideDelegatedGrant.evaluate(app({ delegatedGrants: [grant] }), context)[0].severity, 'high');
    assert.deepEqual(tenantWideDelegatedGrant.evaluate(app({ delegatedGrants: [{ ...grant, consentType: 'Principal' }] }), context), []);
    assert.deepEqual(tenantWideDelegatedGrant.evaluate(app({ delegatedGrants: [{ ...grant, scope: 'User.Read openid profile' }] }), context), []);
  });

  it('audit evidence names who granted access, from where and when', () => {
    const event = {
      id: 'e',
      activityDisplayName: 'Add member to role',
      activityDateTime: daysAgo(5),
      result: 'success' as const,
      initiatedBy: { user: { id: 'u', userPrincipalName: 'admin@contoso.onmicrosoft.com', ipAddress: '203.0.113.7' } },
      targetResources: [],
    };
    const [result] = accessGrantedRecently.evaluate(app({ audits: [event] }), context);
    assert.match(result.detail, /admin@contoso\.onmicrosoft\.com from 203\.0\.113\.7/);
    assert.match(result.detail, /5 days ago/);
  });

  it('a multi-tenant app registered here and an unverified third-party app are flagged; Microsoft apps are not', () => {
    const home = app({ application: { id: 'a', signInAudience: 'AzureADMultipleOrgs' } });
    assert.equal(unverifiedOrigin.evaluate(home, context).length, 1);
    const thirdParty = app({ servicePrincipal: { ...app().servicePrincipal, appOwnerOrganizationId: '44444444-0000-4000-8000-000000000000' } });
    assert.equal(unverifiedOrigin.evaluate(thirdParty, context).length, 1);
    const verified = app({ servicePrincipal: { ...thirdParty.servicePrincipal, verifiedPublisher: { verifiedPublisherId: '123', displayName: 'Fabrikam' } } });
    assert.deepEqual(unverifiedOrigin.evaluate(verified, context), []);
    const microsoft = app({ servicePrincipal: { ...app().servicePrincipal, appOwnerOrganizationId: MICROSOFT_TENANT_ID } });
    assert.deepEqual(unverifiedOrigin.evaluate(microsoft, context), []);
  });

  it('an app registered here with no owner is a low finding', () => {
    assert.equal(noOwner.evaluate(app({ owners: [] }), context)[0].severity, 'low');
    assert.deepEqual(noOwner.evaluate(app(), context), []);
  });

  it('the attacker-shaped app outranks a verified third-party mail app', () => {
    const attacker = assessApp(app({ permissions: [manageAsApp()], roles: [globalAdmin(), exchangeAdmin()] }), context);
    const vendor = assessApp(
      app({
        servicePrincipal: { ...app().servicePrincipal, displayName: 'Vendor', appOwnerOrganizationId: '44444444-0000-4000-8000-000000000000', verifiedPublisher: { verifiedPublisherId: '1', displayName: 'V' } },
        permissions: [permission('Mail.Read')],
      }),
      context,
    );
    assert.equal(attacker.riskLevel, 'critical');
    assert.equal(vendor.riskLevel, 'medium');
    assert.deepEqual([vendor, attacker].sort(byRisk), [attacker, vendor]);
    assert.equal(attacker.findings[0].ruleId, 'exchange-powershell-as-app');
    assert.equal(TENANT, context.tenantId);
  });
});
