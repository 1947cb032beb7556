import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { DEFAULT_SCENARIO } from '../../bot/demoTenant';
import { resetSimStats, simStats, startStack, type Stack } from '../support/stack';
import { graphOn } from '../support/simGraph';
import { cardsIn, pressButton, sendMessage } from '../support/teams';
import { approvalCardAfter, buttonsOn, cardOf, channelFor, finalCard, scenarioUser, textOf, type Button } from '../support/approvalFlow';
import type { CapturedActivity } from '../support/channel';
import type { GraphApi } from '../../services/graph/graphApi';

const ATTACKER_APP_ID = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
const ATTACKER_SP_ID = 'de3d7478-cc06-49b0-9216-356cc6d488ee';

const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
const PATTI = scenarioUser('pattif');
const JOHANNA = scenarioUser('johannal');

async function attackerState(graph: GraphApi) {
  const sp = await graph.get<ServicePrincipal>(`/servicePrincipals/${ATTACKER_SP_ID}?$select=accountEnabled,passwordCredentials`);
  const grants = await graph.list<{ id: string }>(`/servicePrincipals/${ATTACKER_SP_ID}/appRoleAssignments`);
  const roles = await graph.list<{ id: string }>(`/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${ATTACKER_SP_ID}'`)}`);
  return { enabled: sp.accountEnabled, grants: grants.length, roles: roles.length, spSecrets: sp.passwordCredentials?.length ?? 0 };
}

/** Exchange changes the simulator carried out since the last reset. */
async function exchangeWrites(stack: Stack): Promise<number> {
  const { byPath } = (await simStats(stack.sim)).requests;
  return Object.entries(byPath)
    .filter(([path]) => /InvokeCommand#(Set|Remove|Disable|Enable)-/.test(path))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Every request to the simulated tenant since the last reset, but sign-in and the cached membership checks. */
async function tenantRequests(stack: Stack): Promise<number> {
  const { byPath } = (await simStats(stack.sim)).requests;
  return Object.entries(byPath)
    .filter(([path]) => !/checkMemberGroups|oauth2\/v2\.0\/token|openid-configuration/.test(path))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** The admin asks for a remediation from a real button on a real card; returns the approval card posted to approvers. */
async function requestFromButton(stack: Stack, find: (b: Button) => boolean, command = 'list risky apps'): Promise<{ approval: CapturedActivity; requestId: string }> {
  const card = cardsIn(await sendMessage(stack.botUrl, command, stack.admin, stack.conversation))[0] as AdaptiveCard;
  const button = buttonsOn(card).find(find);
  assert.ok(button, `a matching button on the "${command}" card`);
  const before = stack.channel.posted.length;
  const response = await pressButton(stack.botUrl, button.verb, button.data, stack.admin, stack.conversation);
  assert.equal(response.status, 200);
  assert.match(String(response.body.value), /sent to the approvers/);
  await stack.channel.waitFor(before + 2);
  return approvalCardAfter(stack, before);
}

describe('remediation with approval, end to end with two people', function () {
  this.timeout(240_000);
  let stack: Stack;
  let graph: GraphApi;

  before(async () => {
    stack = await startStack({}, {}, { remediation: true });
    graph = graphOn(stack.sim);
  });
  after(async () => {
    await stack?.stop();
  });

  it('without an approvals chat the requester is told how an approver sets one, and the request waits', async () => {
    const card = cardsIn(await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation))[0] as AdaptiveCard;
    const contain = buttonsOn(card).find((b) => b.title === 'Contain' && b.data.target === ATTACKER_APP_ID)!;
    const before = stack.channel.posted.length;
    const response = await pressButton(stack.botUrl, contain.verb, contain.data, stack.admin, stack.conversation);
    assert.match(String(response.body.value), /no approvals chat is set/);
    await stack.channel.waitFor(before + 1);
    assert.match(textOf(cardOf(stack.channel.posted[before])), /use this chat for approvals/);
  });

  it('only an approver can set the approvals chat; the waiting request is then sent there', async () => {
    const refused = await sendMessage(stack.botUrl, 'use this chat for approvals', stack.admin, channelFor(stack));
    assert.match(refused[0].text ?? '', /Only members of the Tenant Warden approvers group/);
    const before = stack.channel.posted.length;
    const replies = await sendMessage(stack.botUrl, 'use this chat for approvals', PATTI, channelFor(stack));
    assert.match(replies[0].text ?? '', /1 waiting request/);
    await stack.channel.waitFor(before + 1);
    assert.equal(stack.channel.posted[before].conversationId, '19:approvals@thread.tacv2');
    const pending = cardsIn(await sendMessage(stack.botUrl, 'pending', PATTI, channelFor(stack)))[0] as AdaptiveCard;
    assert.match(textOf(pending), /AWAITING APPROVAL/);
  });

  it('Contain on the attacker\'s app, approved by a second person, removes its access exactly once', async () => {
    const { approval, requestId } = await requestFromButton(stack, (b) => b.title === 'Contain' && b.data.target === ATTACKER_APP_ID);
    const approvalText = textOf(cardOf(approval));
    for (const words of ['Disable the service principal', 'Exchange.ManageAsApp', 'Global Administrator', 'Exchange Administrator', 'client secret']) {
      assert.ok(approvalText.includes(words), `the approver sees "${words}" before approving`);
    }
    assert.match(approvalText, /60.90 minutes/);

    const requester = await pressButton(stack.botUrl, 'approveRequest', { requestId }, stack.admin, channelFor(stack));
    assert.match(JSON.stringify(requester.body), /approvers group|Nothing changed/, 'an admin who is not an approver cannot approve');

    await resetSimStats(stack.sim);
    const approved = await pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack));
    assert.equal(approved.status, 200);
    assert.equal(approved.body.type, 'application/vnd.microsoft.card.adaptive');
    const done = await finalCard(stack, approval.activityId, /DONE/);
    assert.match(textOf(done), /Approved by\s*Patti Fernandez/);
    assert.deepEqual(await attackerState(graph), { enabled: false, grants: 0, roles: 0, spSecrets: 0 });

    await resetSimStats(stack.sim);
    const again = await pressButton(stack.botUrl, 'approveRequest', { requestId }, JOHANNA, channelFor(stack));
    assert.match(JSON.stringify(again.body), /already approved/);
    const twice = await pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack));
    assert.match(JSON.stringify(twice.body), /already approved/);
    assert.equal(await tenantRequests(stack), 0, 'clicking again changes nothing and touches nothing in the tenant');
  });

  it('the audit trail tells the whole story and its hash chain holds', async () => {
    let text = '';
    for (let page = 1; page <= 5; page++) {
      const card = cardsIn(await sendMessage(stack.botUrl, `audit page ${page}`, PATTI, channelFor(stack)))[0] as AdaptiveCard;
      text += `${textOf(card)}\n`;
      if (!/Older entries/.test(textOf(card))) break;
    }
    assert.match(text, /Hash chain intact/);
    for (const event of ['request.created', 'request.approved', 'step.started', 'request.succeeded', 'request.refused', 'approvalsChat.set']) {
      assert.ok(text.includes(event), `the audit card shows ${event}`);
    }
  });

  it('a forged approval (unknown id, extra fields) changes nothing and gets a clear answer', async () => {
    const unknown = await pressButton(stack.botUrl, 'approveRequest', { requestId: '00000000-1111-4222-8333-444444444444' }, PATTI, channelFor(stack));
    assert.match(JSON.stringify(unknown.body), /no such request/);
    const extra = await pressButton(stack.botUrl, 'requestRemediation', { kind: 'contain', target: ATTACKER_APP_ID, targetName: 'Contoso Wiki' }, stack.admin, stack.conversation);
    assert.match(JSON.stringify(extra.body), /fields it never has/);
    const malformed = await pressButton(stack.botUrl, 'rejectRequest', 'not an object', PATTI, channelFor(stack));
    assert.match(JSON.stringify(malformed.body), /Nothing changed/);
  });

  it('two approvers approving the same request at the same moment lead to one execution', async () => {
    const { requestId } = await requestFromButton(stack, (b) => b.title === 'Disable' && b.data.target === 'Fabrikam partner TLS', 'show new connectors 90 days');
    await resetSimStats(stack.sim);
    const answers = await Promise.all([
      pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack)),
      pressButton(stack.botUrl, 'approveRequest', { requestId }, JOHANNA, channelFor(stack)),
      pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack)),
    ]);
    const winners = answers.filter((a) => !/Nothing changed/.test(JSON.stringify(a.body)));
    assert.equal(winners.length, 1, JSON.stringify(answers.map((a) => a.body)).slice(0, 600));
    const deadline = Date.now() + 30_000;
    while ((await exchangeWrites(stack)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await exchangeWrites(stack), 1, 'one Set-InboundConnector');
  });

  it('a rejection with a reason changes nothing and both cards say so', async () => {
    const ciApp = scenario.servicePrincipals.find((sp: { displayName: string }) => sp.displayName === 'contoso-infra-deploy');
    const { approval, requestId } = await requestFromButton(stack, (b) => b.title === 'Disable app', `show app ${ciApp.appId}`);
    await resetSimStats(stack.sim);
    const rejected = await pressButton(stack.botUrl, 'rejectRequest', { requestId, reason: 'known CI app' }, JOHANNA, channelFor(stack));
    assert.match(textOf(rejected.body.value as AdaptiveCard), /REJECTED/);
    assert.match(textOf(rejected.body.value as AdaptiveCard), /known CI app/);
    assert.equal(await tenantRequests(stack), 0, 'a rejection touches nothing in the tenant');
    const updated = await finalCard(stack, approval.activityId, /REJECTED/);
    assert.doesNotMatch(textOf(updated), /Approve/);
  });
});

describe('remediation across a restart and under latency', function () {
  this.timeout(240_000);

  it('a request made before a restart is approved after it, and nothing is lost', async () => {
    const stack = await startStack({}, {}, { remediation: true });
    try {
      await sendMessage(stack.botUrl, 'use this chat for approvals', PATTI, channelFor(stack));
      const { requestId } = await requestFromButton(stack, (b) => b.title === 'Contain' && b.data.target === ATTACKER_APP_ID);
      await stack.restartBot();
      const answer = await pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack));
      assert.equal(answer.status, 200);
      assert.match(JSON.stringify(answer.body), /APPROVED|EXECUTING|DONE/);
      const graph = graphOn(stack.sim);
      const deadline = Date.now() + 60_000;
      while ((await attackerState(graph)).enabled !== false && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      assert.deepEqual(await attackerState(graph), { enabled: false, grants: 0, roles: 0, spSecrets: 0 });
    } finally {
      await stack.stop();
    }
  });

  it('when execution takes longer than the invoke may wait, the approver gets "executing" at once and the card is updated later', async () => {
    const stack = await startStack({ latencyMs: 150 }, {}, { remediation: true });
    try {
      await sendMessage(stack.botUrl, 'use this chat for approvals', PATTI, channelFor(stack));
      const { requestId } = await requestFromButton(stack, (b) => b.title === 'Contain' && b.data.target === ATTACKER_APP_ID);
      const started = Date.now();
      const answer = await pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack));
      const answeredIn = Date.now() - started;
      assert.match(JSON.stringify(answer.body), /APPROVED|EXECUTING/);
      assert.ok(answeredIn < 5_000, `answered in ${answeredIn} ms`);
      const approvalCard = stack.channel.posted.filter((p) => p.conversationId === '19:approvals@thread.tacv2').at(-1);
      const done = await finalCard(stack, approvalCard?.activityId, /DONE/);
      assert.ok(Date.now() - started > answeredIn, 'the final card came after the answer');
      assert.match(textOf(done), /Done/);
    } finally {
      await stack.stop();
    }
  });
});
