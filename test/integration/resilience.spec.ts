import assert from 'node:assert/strict';
import { withStack } from '../support/stack';
import { cardsIn, sendMessage } from '../support/teams';
import { readableLines } from '../unit/cards/cardText';
import type { AdaptiveCard } from '../../cards/adaptiveCard';


describe('Graph failures reach the admin as clear answers', function () {
  this.timeout(120_000);

  it('a missing permission names the permission to grant', async () => {
    await withStack({ deniedPermissions: ['AuditLog.Read.All'] }, async (stack) => {
      const replies = await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation);
      const card = cardsIn(replies)[0] as AdaptiveCard;
      const text = readableLines(card).join('\n');
      assert.match(text, /AuditLog\.Read\.All/);
      assert.match(text, /Reference/);
    });
  });

  it('throttling (429 with Retry-After) and 503s are retried and the answer still comes', async () => {
    await withStack({ faults: '429:0.15,503:0.1' }, async (stack) => {
      const replies = await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation);
      const card = cardsIn(replies)[0] as AdaptiveCard;
      assert.ok(readableLines(card).some((l) => /Exchange Online PowerShell/.test(l)), readableLines(card).join(' | '));
    });
  });

  it('an unexpected failure answers with a correlation id that is also in the log', async () => {
    await withStack({}, async (stack) => {
      await stack.sim.stop();
      const replies = await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation);
      const text = JSON.stringify(replies);
      const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(text)?.[1];
      assert.ok(id, `a correlation id in the answer: ${text.slice(0, 400)}`);
      assert.ok(stack.logs.some((line) => line.includes(id!)), 'the same id is in the log');
    });
  });
});
