import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { ExchangeAdmin } from '../../services/exchange/exchangeAdmin';
import { createCredential } from '../../services/graph/credential';
import { assertValidCard } from '../unit/cards/validateWithAdaptiveCards';
import { readableLines } from '../unit/cards/cardText';
import { startStack, type Stack } from '../support/stack';
import { cardsIn, sendMessage, type Conversation } from '../support/teams';
import type { CapturedActivity } from '../support/channel';

const CHANNEL_ID = '19:secops@thread.tacv2';
const INTERVAL_MS = 1_000;

/** Someone (here: an app with Exchange.ManageAsApp) creates a connector in the live tenant while the bot runs. */
async function createConnector(stack: Stack, name: string): Promise<void> {
  const credential = createCredential({
    tenantId: stack.sim.tenantId,
    credential: { kind: 'secret', clientId: 'ed79bf56-cf65-46ce-b4f3-55353fc3585a', clientSecret: stack.sim.clientSecret },
    authorityHost: stack.sim.url,
  });
  await new ExchangeAdmin(credential, stack.sim.url, stack.sim.tenantId).invoke('New-InboundConnector', {
    Name: name,
    ConnectorType: 'OnPremises',
    SenderIPAddresses: ['198.51.100.77'],
    SenderDomains: ['*'],
  });
}

function alertsAbout(stack: Stack, name: string): CapturedActivity[] {
  return stack.channel.posted.filter(
    (p) => p.conversationId === CHANNEL_ID && (cardsIn([p.activity]) as AdaptiveCard[]).some((card) => readableLines(card).some((l) => l.includes(name))),
  );
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watch: alerts pushed to a subscribed channel', function () {
  this.timeout(120_000);
  let stack: Stack;
  let channel: Conversation;

  before(async () => {
    stack = await startStack({ auditQueryDelayMs: 300 }, { WATCH_INTERVAL: '1s' });
    channel = { ...stack.conversation, conversationId: CHANNEL_ID };
  });
  after(async () => {
    await stack?.stop();
  });

  it('"watch on" subscribes the conversation and "watch status" says so', async () => {
    const on = await sendMessage(stack.botUrl, 'watch on', stack.admin, channel);
    assert.match(on[0].text ?? '', /Watching/);
    const status = await sendMessage(stack.botUrl, 'watch status', stack.admin, channel);
    assert.match(status[0].text ?? '', /This conversation gets watch alerts/);
  });

  it('a connector added during the run is alerted once in the subscribed chat, with its findings and buttons', async () => {
    await createConnector(stack, 'Partner relay 9001');
    await stack.channel.until(() => alertsAbout(stack, 'Partner relay 9001').length > 0, 30_000, () => 'no alert arrived');
    const [alert] = alertsAbout(stack, 'Partner relay 9001');
    const card = cardsIn([alert.activity])[0] as AdaptiveCard;
    assertValidCard(card);
    const text = readableLines(card).join('\n');
    assert.match(text, /Watch alert/);
    assert.match(text, /OnPremises/);
    await settle(INTERVAL_MS * 3);
    assert.equal(alertsAbout(stack, 'Partner relay 9001').length, 1, 'exactly once across several rounds');
  });

  it('after a restart of the bot the same connector is not alerted again, and a new one is', async () => {
    await stack.restartBot();
    await createConnector(stack, 'Partner relay 9002');
    await stack.channel.until(() => alertsAbout(stack, 'Partner relay 9002').length > 0, 30_000, () => 'no alert after the restart');
    await settle(INTERVAL_MS * 2);
    assert.equal(alertsAbout(stack, 'Partner relay 9001').length, 1);
    assert.equal(alertsAbout(stack, 'Partner relay 9002').length, 1);
  });

  it('"watch off" stops the alerts for this conversation', async () => {
    const off = await sendMessage(stack.botUrl, 'watch off', stack.admin, channel);
    assert.match(off[0].text ?? '', /no longer gets watch alerts/);
    await createConnector(stack, 'Partner relay 9003');
    await settle(INTERVAL_MS * 3);
    assert.equal(alertsAbout(stack, 'Partner relay 9003').length, 0);
  });
});
