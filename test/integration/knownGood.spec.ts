import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { attackerExchange } from '../support/simGraph';
import { startStack, type Stack } from '../support/stack';
import { cardsIn, pressButton, sendMessage, type Conversation } from '../support/teams';
import { approvalCardAfter, buttonsOn, cardOf, channelFor, finalCard, scenarioUser, textOf } from '../support/approvalFlow';

const WATCH_CHANNEL = '19:secops@thread.tacv2';
const PARTNER = 'Fabrikam partner TLS';
const CI_APP_ID = 'f7aefe1e-3f34-46de-afba-5ae6d0986c96';
const PATTI = scenarioUser('pattif');
const INTERVAL_MS = 3_000;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('expect connector, trust app and "expected", through two people', function () {
  this.timeout(180_000);
  let stack: Stack;
  let watchChannel: Conversation;
  const alertsAbout = (name: string) =>
    stack.channel.posted.filter((p) => p.conversationId === WATCH_CHANNEL && /Watch alert: connectors or transport rules changed/.test(JSON.stringify(p.activity)) && JSON.stringify(p.activity).includes(name));

  /** The admin types a command that makes a request; the approver approves it; the request card ends DONE. */
  async function requestAndApprove(command: string): Promise<AdaptiveCard> {
    const before = stack.channel.posted.length;
    const replies = await sendMessage(stack.botUrl, command, stack.admin, stack.conversation);
    const requester = cardsIn(replies)[0] as AdaptiveCard;
    assert.ok(requester, `"${command}" answered with a request card: ${JSON.stringify(replies).slice(0, 300)}`);
    assert.match(textOf(requester), /AWAITING APPROVAL/);
    await stack.channel.waitFor(before + 1);
    const { approval, requestId } = approvalCardAfter(stack, before);
    const approved = await pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack));
    assert.equal(approved.status, 200);
    return finalCard(stack, approval.activityId, /DONE/);
  }

  before(async () => {
    stack = await startStack({ auditQueryDelayMs: 300 }, { WATCH_INTERVAL: '3s' }, { remediation: true });
    watchChannel = { ...stack.conversation, conversationId: WATCH_CHANNEL };
    await sendMessage(stack.botUrl, 'use this chat for approvals', PATTI, channelFor(stack));
    await sendMessage(stack.botUrl, 'watch on', stack.admin, watchChannel);
  });
  after(async () => {
    await stack?.stop();
  });

  it('"expect connector" shows the approver the settings it pins, and records the connector once approved', async () => {
    const done = await requestAndApprove(`expect connector ${PARTNER}`);
    const text = textOf(done);
    assert.match(text, /Expect connector 'Fabrikam partner TLS'/);
    assert.match(text, /Settings fingerprint [0-9a-f]{12}/);
    assert.match(text, /any change to them alerts again/);
    const expected = cardsIn(await sendMessage(stack.botUrl, 'expected', stack.admin, stack.conversation))[0] as AdaptiveCard;
    const listed = textOf(expected);
    assert.match(listed, /Fabrikam partner TLS/);
    assert.match(listed, /It still has the approved settings\./);
    assert.match(listed, new RegExp(`approved by ${PATTI.name}`));
    assert.ok(buttonsOn(expected).some((b) => b.title === 'Stop expecting' && /^knownGood\/connectors\/inboundConnector:/.test(String(b.data.target))));
  });

  it('a change to the expected connector is alerted; changed back to the approved settings, it is not', async () => {
    await attackerExchange(stack.sim).invoke('Set-InboundConnector', { Identity: PARTNER, Enabled: false });
    await stack.channel.until(() => alertsAbout(PARTNER).length > 0, 30_000, () => 'no alert for the changed connector');
    await attackerExchange(stack.sim).invoke('Set-InboundConnector', { Identity: PARTNER, Enabled: true });
    await settle(INTERVAL_MS * 3);
    assert.equal(alertsAbout(PARTNER).length, 1, 'the return to the approved settings is not news');
    const listed = textOf(cardsIn(await sendMessage(stack.botUrl, 'expected', stack.admin, stack.conversation))[0] as AdaptiveCard);
    assert.match(listed, /It still has the approved settings\./);
  });

  it('"trust app" marks the app as trusted in "list risky apps", and "Stop trusting" undoes it through an approval', async () => {
    const done = await requestAndApprove(`trust app ${CI_APP_ID}`);
    assert.match(textOf(done), /still alerted: trust never silences those/);
    const risky = textOf(cardsIn(await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation))[0] as AdaptiveCard);
    assert.match(risky, /contoso-infra-deploy[\s\S]*trusted: standing access shown one level lower/);

    const expected = cardsIn(await sendMessage(stack.botUrl, 'expected', stack.admin, stack.conversation))[0] as AdaptiveCard;
    const stop = buttonsOn(expected).find((b) => b.title === 'Stop trusting');
    assert.ok(stop);
    const before = stack.channel.posted.length;
    const asked = await pressButton(stack.botUrl, stop.verb, stop.data, stack.admin, stack.conversation);
    assert.match(String(asked.body.value), /sent to the approvers/);
    await stack.channel.waitFor(before + 2);
    const { approval, requestId } = approvalCardAfter(stack, before);
    await pressButton(stack.botUrl, 'approveRequest', { requestId }, PATTI, channelFor(stack));
    await finalCard(stack, approval.activityId, /DONE/);
    const after = textOf(cardsIn(await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation))[0] as AdaptiveCard);
    assert.doesNotMatch(after, /trusted: standing access/);
  });

  it('the requester cannot approve their own request, and someone outside the admins group cannot ask', async () => {
    const before = stack.channel.posted.length;
    await sendMessage(stack.botUrl, `trust app ${CI_APP_ID}`, stack.admin, stack.conversation);
    await stack.channel.waitFor(before + 1);
    const { approval, requestId } = approvalCardAfter(stack, before);
    const own = await pressButton(stack.botUrl, 'approveRequest', { requestId }, stack.admin, channelFor(stack));
    assert.match(textOf(own.body.value as AdaptiveCard), /Nothing changed: (only members of the approvers group|nobody approves or rejects their own request)/);
    assert.match(textOf(cardOf(approval)), /AWAITING APPROVAL/);
    const refused = await sendMessage(stack.botUrl, 'expect connector Contoso relay', PATTI, stack.conversation);
    assert.match(refused[0].text ?? '', /admins group/);
  });
});
