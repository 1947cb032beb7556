import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { assertValidCard } from '../unit/cards/validateWithAdaptiveCards';
import { readableLines, elementsOfType } from '../unit/cards/cardText';
import { startStack, type Stack } from '../support/stack';
import { cardsIn, pressButton, sendMessage } from '../support/teams';
import { readDemoTenant, DEFAULT_SCENARIO } from '../../bot/demoTenant';
import { readFileSync } from 'node:fs';

interface ScenarioFacts {
  attackerAppId: string;
  attackerName: string;
  outsider: { id: string; displayName: string };
  approver: { id: string; displayName: string };
}

/** The default scenario's attacker app: the one holding Exchange.ManageAsApp, read from the file rather than assumed. */
function scenarioFacts(): ScenarioFacts {
  const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
  const exchange = scenario.servicePrincipals.find((sp: { appId: string }) => sp.appId === '00000002-0000-0ff1-ce00-000000000000');
  const manageAsApp = exchange.appRoles.find((r: { value: string }) => r.value === 'Exchange.ManageAsApp').id;
  const grant = scenario.appRoleAssignments.find((a: { appRoleId: string }) => a.appRoleId === manageAsApp);
  const attacker = scenario.servicePrincipals.find((sp: { id: string }) => sp.id === grant.principalId);
  const tenant = readDemoTenant(DEFAULT_SCENARIO, {});
  const admins = scenario.groups.find((g: { id: string }) => g.id === tenant.adminsGroupId);
  const nested = new Set<string>(scenario.groups.flatMap((g: { id: string; members: string[] }) => (admins.members.includes(g.id) ? g.members : [])));
  const approvers = scenario.groups.find((g: { id: string }) => g.id === tenant.approversGroupId);
  const outsider = scenario.users.find((u: { id: string }) => !admins.members.includes(u.id) && !nested.has(u.id) && !approvers.members.includes(u.id));
  const approver = scenario.users.find((u: { id: string }) => approvers.members.includes(u.id) && !admins.members.includes(u.id) && !nested.has(u.id));
  return { attackerAppId: attacker.appId, attackerName: attacker.displayName, outsider, approver };
}

/** App names on the list card, in order: the name runs are the medium-size ones. */
function appNamesOn(card: AdaptiveCard): string[] {
  return elementsOfType(card, 'TextRun').filter((run) => run.size === 'Medium').map((run) => String(run.text));
}

function onlyCard(replies: Awaited<ReturnType<typeof sendMessage>>): AdaptiveCard {
  const cards = cardsIn(replies) as AdaptiveCard[];
  assert.equal(cards.length, 1, `expected one card, got ${cards.length}: ${JSON.stringify(replies).slice(0, 500)}`);
  assertValidCard(cards[0]);
  return cards[0];
}

describe('list risky apps, end to end over HTTP against the simulated tenant', function () {
  this.timeout(60_000);
  let stack: Stack;
  const facts = scenarioFacts();

  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('shows the attacker\'s app first, critical, with the Exchange PowerShell reason', async () => {
    const card = onlyCard(await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation));
    const lines = readableLines(card);
    const appNames = appNamesOn(card);
    assert.equal(appNames[0], facts.attackerName, `apps in order: ${appNames.join(' | ')}`);
    assert.ok(appNames.length >= 3, 'the third-party mail app and the CI app are listed too');
    assert.match(lines.find((line) => line.includes(facts.attackerName)) ?? '', /^CRITICAL/);
    assert.ok(lines.some((line) => /Exchange Online PowerShell/.test(line)), 'the combination rule is among its reasons');
    const details = elementsOfType(card, 'Action.Execute');
    assert.deepEqual(details[0].data, { appId: facts.attackerAppId });
  });

  it('"risky apps" and odd spacing or case route to the same command', async () => {
    const card = onlyCard(await sendMessage(stack.botUrl, '  Risky   Apps ', stack.admin, stack.conversation));
    assert.equal(appNamesOn(card)[0], facts.attackerName);
  });

  it('never renders the attacker\'s markdown name as markdown', async () => {
    const card = onlyCard(await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation));
    for (const block of elementsOfType(card, 'TextBlock')) assert.ok(!String(block.text).includes(facts.attackerName));
    for (const set of elementsOfType(card, 'FactSet')) assert.ok(!JSON.stringify(set).includes(facts.attackerName));
  });

  it('show app by appId gives the full picture with audit evidence of who did it', async () => {
    const card = onlyCard(await sendMessage(stack.botUrl, `show app ${facts.attackerAppId}`, stack.admin, stack.conversation));
    const text = readableLines(card).join('\n');
    assert.match(text, /Exchange\.ManageAsApp/);
    assert.match(text, /Global Administrator/);
    assert.match(text, /Add member to role/);
  });

  it('show app by a name prefix finds the app', async () => {
    const prefix = facts.attackerName.slice(0, 6);
    const card = onlyCard(await sendMessage(stack.botUrl, `show app ${prefix}`, stack.admin, stack.conversation));
    assert.ok(readableLines(card).some((l) => l.includes(facts.attackerName)));
  });

  it('show app with no match says so without echoing the query', async () => {
    const replies = await sendMessage(stack.botUrl, "show app no such app ' or 1 eq 1", stack.admin, stack.conversation);
    assert.equal(replies.length, 1);
    assert.match(replies[0].text ?? '', /No service principal/);
    assert.ok(!(replies[0].text ?? '').includes('1 eq 1'));
  });

  it('the Details button posts the detail card and answers the invoke with a message', async () => {
    const before = stack.channel.posted.length;
    const response = await pressButton(stack.botUrl, 'showApp', { appId: facts.attackerAppId }, stack.admin, stack.conversation);
    assert.equal(response.status, 200);
    assert.equal(response.body.type, 'application/vnd.microsoft.activity.message');
    const posted = await stack.channel.waitFor(before + 1);
    const card = cardsIn([posted[before].activity])[0] as AdaptiveCard;
    assertValidCard(card);
    assert.ok(readableLines(card).some((l) => l.includes('Exchange.ManageAsApp')));
  });

  it('a forged Details button with something other than an appId is refused and reads nothing', async () => {
    const before = stack.channel.posted.length;
    const response = await pressButton(stack.botUrl, 'showApp', { appId: "x') or (1 eq 1" }, stack.admin, stack.conversation);
    assert.equal(response.status, 200);
    assert.match(String(response.body.value), /no valid app id/);
    assert.equal(stack.channel.posted.length, before);
  });

  it('an unknown button verb gets an answer, not HTTP 501', async () => {
    const response = await pressButton(stack.botUrl, 'selfDestruct', {}, stack.admin, stack.conversation);
    assert.equal(response.status, 200);
    assert.match(String(response.body.value), /not supported/);
  });

  it('help and anything unrecognised answer with the command list', async () => {
    for (const text of ['help', 'what can you do?']) {
      const card = onlyCard(await sendMessage(stack.botUrl, text, stack.admin, stack.conversation));
      assert.ok(readableLines(card).some((l) => l.includes('list risky apps')), text);
    }
  });

  it('a user outside the admins and approvers groups is refused and shown no finding', async () => {
    const outsider = { aadObjectId: facts.outsider.id, name: facts.outsider.displayName };
    const replies = await sendMessage(stack.botUrl, 'list risky apps', outsider, stack.conversation);
    assert.equal(replies.length, 1);
    assert.equal(cardsIn(replies).length, 0);
    assert.match(replies[0].text ?? '', /admins and approvers groups only/);
    assert.ok(!JSON.stringify(replies).includes(facts.attackerName));
  });

  it('an approver who is not an admin may not run the admin commands', async () => {
    const approver = { aadObjectId: facts.approver.id, name: facts.approver.displayName };
    const replies = await sendMessage(stack.botUrl, 'list risky apps', approver, stack.conversation);
    assert.equal(cardsIn(replies).length, 0);
    assert.match(replies[0].text ?? '', /Only members of the Tenant Warden admins group/);
  });

  it('a member of a group nested in the admins group is allowed (transitive membership)', async () => {
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
    const admins = scenario.groups.find((g: { id: string }) => g.id === stack.tenant.adminsGroupId);
    const nested = scenario.groups.find((g: { id: string }) => admins.members.includes(g.id));
    assert.ok(nested, 'the default scenario nests a group in the admins group');
    const member = scenario.users.find((u: { id: string }) => nested.members.includes(u.id) && !admins.members.includes(u.id));
    const card = onlyCard(await sendMessage(stack.botUrl, 'help', { aadObjectId: member.id, name: member.displayName }, stack.conversation));
    assert.ok(readableLines(card).length > 0);
  });

  it('an activity from another tenant is refused, even from an admin\'s object id', async () => {
    const replies = await sendMessage(stack.botUrl, 'list risky apps', stack.admin, {
      ...stack.conversation,
      tenantId: '00000000-1111-4222-8333-444444444444',
    });
    assert.equal(cardsIn(replies).length, 0);
    assert.match(replies[0].text ?? '', /not from it/);
  });

  it('logs one JSON line per turn: correlation id, user object id, command, duration, outcome', async () => {
    const turns = stack.logs.filter((line) => line.includes('"event":"turn"')).map((line) => JSON.parse(line));
    const listed = turns.find((t) => t.command === 'list risky apps' && t.userObjectId === stack.admin.aadObjectId && t.outcome === 'ok');
    assert.ok(listed, turns.map((t) => JSON.stringify(t)).join('\n'));
    assert.match(listed.correlationId, /^[0-9a-f-]{36}$/);
    assert.equal(typeof listed.durationMs, 'number');
    assert.ok(turns.some((t) => t.outcome === 'refused'), 'the refused activity from another tenant is logged as refused');
    assert.ok(turns.every((t) => !('text' in t)), 'the typed text is not logged');
  });

  it('never logs tokens or card contents', async () => {
    const log = stack.logs.join('\n');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\./.test(log), 'no JWT in the log');
    assert.ok(!log.includes(stack.sim.clientSecret), 'no client secret in the log');
    assert.ok(!log.includes(facts.attackerName), 'no display names in the log');
  });

  it('the health route answers', async () => {
    const response = await fetch(`${stack.botUrl}/healthz`);
    assert.equal(response.status, 200);
  });
});
