import assert from 'node:assert/strict';
import { resetSimStats, simStats, withStack, type Stack } from '../support/stack';
import { sendMessage } from '../support/teams';

async function costOfListRiskyApps(stack: Stack): Promise<{ total: number; byPath: Record<string, number>; batched?: number }> {
  // One warm-up so the token and the admin-group check are cached, as in a running bot.
  await sendMessage(stack.botUrl, 'help', stack.admin, stack.conversation);
  await resetSimStats(stack.sim);
  const replies = await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation);
  assert.equal(replies.length, 1);
  assert.ok(replies[0].attachments?.length, 'answered with a card');
  return (await simStats(stack.sim)).requests;
}

function measure(noiseServicePrincipals: number, noiseGrants = 0) {
  return withStack({ noiseServicePrincipals, noiseGrants }, costOfListRiskyApps);
}

describe('the risky-apps scan does not grow with the tenant', function () {
  this.timeout(180_000);

  it('costs the same number of Graph requests with 10,000 extra service principals as with none', async () => {
    const small = await measure(0);
    const large = await measure(10_000);
    // The simulator counts each request inside a $batch as well, as Graph's throttling does.
    const httpRequests = small.total - (small.batched ?? 0);
    assert.ok(httpRequests > 0 && httpRequests <= 12, `about ten HTTP requests, got ${httpRequests}: ${JSON.stringify(small.byPath)}`);
    assert.ok(small.total <= 60, `at most 60 Graph requests in all, got ${small.total}`);
    assert.equal(large.total, small.total, `0 SPs: ${JSON.stringify(small.byPath)}\n10,000 SPs: ${JSON.stringify(large.byPath)}`);
  });

  it('grows by at most one page per 999 low-impact grants', async () => {
    const base = await measure(3_000, 0);
    const withGrants = await measure(3_000, 2_500);
    const extraPages = Math.ceil(2_500 / 999);
    assert.ok(withGrants.total - base.total <= extraPages, `base ${base.total}, with 2,500 grants ${withGrants.total}`);
    assert.ok(withGrants.total > base.total, 'the grants are really paged through');
  });
});
