import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { User } from '@microsoft/microsoft-graph-types';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { DEFAULT_SCENARIO } from '../../bot/demoTenant';
import { PRIVILEGED_ROLES } from '../../services/apps/catalog';
import { assertValidCard } from '../unit/cards/validateWithAdaptiveCards';
import { elementsOfType, readableLines } from '../unit/cards/cardText';
import { REMEDIATION_CLIENT_ID, startStack, withStack, type Stack } from '../support/stack';
import { graphOn } from '../support/simGraph';
import { cardsIn, pressButton, sendMessage, type TeamsUser } from '../support/teams';

const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';
const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
const NESTOR = scenario.users.find((u: { userPrincipalName: string }) => /^nestorw@/i.test(u.userPrincipalName));
const PATTI: TeamsUser = (() => {
  const u = scenario.users.find((x: { userPrincipalName: string }) => /^pattif@/i.test(x.userPrincipalName));
  return { aadObjectId: u.id, name: u.displayName };
})();

/** Users who hold a privileged role: active, eligible, or as members of a role-assignable group that holds one. */
function privilegedUserUpns(): Set<string> {
  const privileged = new Set(PRIVILEGED_ROLES.map((r) => r.templateId));
  const principals = [...scenario.roleAssignments, ...(scenario.roleEligibilityScheduleInstances ?? [])]
    .filter((a: { roleDefinitionId: string }) => privileged.has(a.roleDefinitionId))
    .map((a: { principalId: string }) => a.principalId);
  const ids = new Set<string>(principals);
  const expand = (groupId: string): void => {
    const group = scenario.groups.find((g: { id: string }) => g.id === groupId);
    for (const member of group?.members ?? []) {
      if (!ids.has(member)) ids.add(member);
      expand(member);
    }
  };
  for (const id of principals) expand(id);
  return new Set(scenario.users.filter((u: { id: string }) => ids.has(u.id)).map((u: { userPrincipalName: string }) => u.userPrincipalName.toLowerCase()));
}

async function card(stack: Stack, text: string, user = stack.admin): Promise<AdaptiveCard> {
  const replies = await sendMessage(stack.botUrl, text, user, stack.conversation);
  const found = cardsIn(replies)[0] as AdaptiveCard;
  assert.ok(found, `a card for "${text}": ${JSON.stringify(replies).slice(0, 300)}`);
  assertValidCard(found);
  return found;
}

/** Admin rows in order: the bold medium-size name runs. */
function adminNames(admins: AdaptiveCard): string[] {
  return elementsOfType(admins, 'TextRun').filter((r) => r.weight === 'Bolder' && r.size === 'Medium').map((r) => String(r.text));
}

describe('admin accounts against the simulated tenant', function () {
  this.timeout(180_000);
  let stack: Stack;

  before(async () => {
    stack = await startStack({ auditQueryDelayMs: 300, callerRoles: { [REMEDIATION_CLIENT_ID]: [PRIVILEGED_AUTHENTICATION_ADMINISTRATOR] } }, {}, { remediation: true });
  });
  after(async () => {
    await stack?.stop();
  });

  it('"admins without mfa" lists the compromised admin first, high risk and not enforced, and only privileged users', async () => {
    const admins = await card(stack, 'admins without mfa');
    const text = readableLines(admins).join('\n');
    assert.equal(adminNames(admins)[0], NESTOR.displayName, text.slice(0, 600));
    assert.match(text, /User risk: High/);
    assert.match(text, /Enforced: Not enforced/);
    const upns = elementsOfType(admins, 'TextRun').flatMap((r) => String(r.text).match(/[\w.-]+@contoso\.onmicrosoft\.com/gi) ?? []);
    const privileged = privilegedUserUpns();
    assert.ok(upns.length >= 2);
    for (const upn of upns) assert.ok(privileged.has(upn.toLowerCase()), `${upn} holds a privileged role`);
  });

  it('"risky admins" lists the compromised admin with the risk detail', async () => {
    const text = readableLines(await card(stack, 'risky admins')).join('\n');
    assert.match(text, new RegExp(NESTOR.displayName));
    assert.match(text, /High \(atRisk/);
  });

  it('"security posture" summarises the whole tenant in one card, each line with its command', async () => {
    const text = readableLines(await card(stack, 'security posture')).join('\n');
    for (const topic of ['Audit logging', 'Security Defaults', 'Admins without MFA', 'Apps with high-impact access', 'Connectors changed', 'Transport rules changed', 'Remediation requests']) {
      assert.ok(text.includes(topic), `posture has ${topic}`);
    }
    assert.match(text, /Say:\s*admins without mfa/);
  });

  it('Revoke sessions on the compromised admin, approved by a second person, revokes them through the remediation identity', async () => {
    await sendMessage(stack.botUrl, 'use this chat for approvals', PATTI, { ...stack.conversation, conversationId: '19:approvals@thread.tacv2' });
    const admins = await card(stack, 'admins without mfa');
    const revoke = elementsOfType(admins, 'Action.Execute').find((a) => a.title === 'Revoke sessions' && (a.data as { target: string }).target === NESTOR.id);
    assert.ok(revoke);
    const before = stack.channel.posted.length;
    await pressButton(stack.botUrl, String(revoke.verb), revoke.data, stack.admin, stack.conversation);
    await stack.channel.waitFor(before + 2);
    const approval = stack.channel.posted.slice(before).find((p) => p.conversationId === '19:approvals@thread.tacv2')!;
    const approve = elementsOfType(cardsIn([approval.activity])[0] as AdaptiveCard, 'Action.Execute').find((a) => a.verb === 'approveRequest')!;
    const started = new Date(Date.now() - 1000);
    await pressButton(stack.botUrl, 'approveRequest', approve.data, PATTI, { ...stack.conversation, conversationId: '19:approvals@thread.tacv2' });
    await stack.channel.until(
      () => stack.channel.updated.some((u) => u.activityId === approval.activityId && /DONE/.test(readableLines(cardsIn([u.activity])[0] as AdaptiveCard).join(' '))),
      60_000,
      () => 'the approval card never showed DONE',
    );
    const user = await graphOn(stack.sim).get<User>(`/users/${NESTOR.id}?$select=signInSessionsValidFromDateTime`);
    assert.ok(new Date(user.signInSessionsValidFromDateTime ?? 0) >= started, `sessions revoked at ${user.signInSessionsValidFromDateTime}`);
  });

  it('Block sign-in is not offered for a break-glass account, and the card says why', async () => {
    await withStack({ auditQueryDelayMs: 300 }, async (other) => {
      const admins = await card(other, 'admins without mfa');
      const text = readableLines(admins).join('\n');
      assert.match(text, /Block sign-in is not offered: this is an emergency-access/);
      const blocks = elementsOfType(admins, 'Action.Execute').filter((a) => a.title === 'Block sign-in' && (a.data as { target: string }).target === NESTOR.id);
      assert.equal(blocks.length, 0);
    }, { BREAK_GLASS_ACCOUNTS: NESTOR.userPrincipalName });
  });
});

describe('admin accounts in a tenant without Entra ID P1 or P2', function () {
  this.timeout(120_000);

  it('says which licence is missing and falls back to each admin\'s registered methods', async () => {
    await withStack({ auditQueryDelayMs: 300, license: 'free' }, async (stack) => {
      const admins = await card(stack, 'admins without mfa');
      const text = readableLines(admins).join('\n');
      assert.match(text, /P1/);
      assert.match(text, /User risk: Unknown \(needs Entra ID P2\)/);
      assert.equal(adminNames(admins)[0], NESTOR.displayName);
      assert.match(text, /from the account's methods/);
    });
  });
});
