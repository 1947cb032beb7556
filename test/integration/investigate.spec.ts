import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { assertValidCard } from '../unit/cards/validateWithAdaptiveCards';
import { elementsOfType, readableLines } from '../unit/cards/cardText';
import { startStack, withStack, type Stack } from '../support/stack';
import { cardsIn, sendMessage } from '../support/teams';

const ATTACKER_APP_ID = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
const FAST_QUERY = { auditQueryDelayMs: 300 };

// The attack as the card must tell it, oldest first: each pattern matches one line, after the one before.
const STORY = [
  /Nestor Wilke \(from 203\.0\.113\.77\) registered the app 'Mail Sync/,
  /Nestor Wilke .* added a client secret .* to the app registration/,
  /Nestor Wilke .* added a certificate .* to the app registration/,
  /Nestor Wilke .* granted the application permission Exchange\.ManageAsApp on Office 365 Exchange Online/,
  /Nestor Wilke .* added the app to the Global Administrator role/,
  /Nestor Wilke .* added the app to the Exchange Administrator role/,
  /the app .* created inbound connector 'Partner relay 7731' \(OnPremises; 198\.51\.100\.14/,
  /the app .* created 12 transport rules/,
  /^Header cleanup 01, .*Header cleanup 12$/,
  /Nestor Wilke .* added a client secret to the service principal/,
  /the app .* removed 12 transport rules/,
  /the app .* removed inbound connector 'Partner relay 7731'/,
  /the app .* created inbound connector 'Partner relay 8814' \(OnPremises/,
  /the app .* created 12 transport rules/,
  /^Org header policy 01, .*Org header policy 12$/,
  /the app .* removed 12 transport rules/,
  /the app .* removed inbound connector 'Partner relay 8814'/,
  /the app .* created transport rule 'Transport header normalization' \(removes header X-Forefront-Antispam-Report.*still in place today/,
];

function assertStory(card: AdaptiveCard): void {
  const lines = readableLines(card);
  let from = 0;
  for (const step of STORY) {
    const at = lines.findIndex((line, i) => i >= from && step.test(line));
    assert.ok(at >= 0, `after line ${from}, a line matching ${step}:\n${lines.slice(from).join('\n')}`);
    from = at + 1;
  }
}

function assertContain(card: AdaptiveCard): void {
  const contain = elementsOfType(card, 'Action.Execute').filter((a) => a.title === 'Contain');
  assert.equal(contain.length, 1);
  assert.equal(contain[0].verb, 'requestRemediation');
  assert.deepEqual(contain[0].data, { kind: 'contain', target: ATTACKER_APP_ID });
}

describe('"investigate APP" end to end against the simulated tenant', function () {
  this.timeout(120_000);
  let stack: Stack;

  before(async () => {
    stack = await startStack(FAST_QUERY);
  });
  after(async () => {
    await stack?.stop();
  });

  it('tells the attacker app\'s story from the admin\'s registration to the live rule, then its state and a Contain button', async () => {
    const replies = await sendMessage(stack.botUrl, `investigate ${ATTACKER_APP_ID}`, stack.admin, stack.conversation);
    const cards = cardsIn(replies) as AdaptiveCard[];
    assert.equal(cards.length, 1, JSON.stringify(replies).slice(0, 400));
    const [card] = cards;
    assertValidCard(card);
    assertStory(card);
    const text = readableLines(card).join('\n');
    assert.match(text, /Current state[\s\S]*Exchange\.ManageAsApp[\s\S]*Global Administrator/);
    assert.doesNotMatch(text, /not shown here/);
    assertContain(card);
  });

  it('an app no service principal matches gets the same answer as "show app"', async () => {
    const replies = await sendMessage(stack.botUrl, 'investigate No Such App 4711', stack.admin, stack.conversation);
    assert.equal(cardsIn(replies).length, 0);
    assert.match(replies[0].text ?? '', /No service principal in this tenant matches/);
  });
});

describe('"investigate APP" when the Exchange audit query is slow', function () {
  this.timeout(180_000);

  it('answers "started" at once and posts the whole timeline to the conversation when the query is done', async () => {
    await withStack({ auditQueryDelayMs: 3_000 }, async (stack) => {
      const replies = await sendMessage(stack.botUrl, `investigate ${ATTACKER_APP_ID}`, stack.admin, stack.conversation);
      assert.equal(cardsIn(replies).length, 0);
      assert.match(replies[0].text ?? '', /has started/);
      const [posted] = await stack.channel.waitFor(1, 60_000);
      const card = cardsIn([posted.activity])[0] as AdaptiveCard;
      assertValidCard(card);
      assertStory(card);
      assertContain(card);
    }, { AUDIT_QUERY_WAIT_SECONDS: '1' });
  });
});
