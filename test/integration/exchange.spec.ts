import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { DEFAULT_SCENARIO } from '../../bot/demoTenant';
import { assertValidCard } from '../unit/cards/validateWithAdaptiveCards';
import { elementsOfType, readableLines } from '../unit/cards/cardText';
import { startStack, withStack, type Stack } from '../support/stack';
import { cardsIn, sendMessage } from '../support/teams';

const ATTACKER_APP_ID = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
const FAST_QUERY = { auditQueryDelayMs: 300 };

async function ask(stack: Stack, text: string): Promise<{ card: AdaptiveCard; text: string }> {
  const replies = await sendMessage(stack.botUrl, text, stack.admin, stack.conversation);
  const cards = cardsIn(replies) as AdaptiveCard[];
  assert.equal(cards.length, 1, `one card for "${text}": ${JSON.stringify(replies).slice(0, 400)}`);
  assertValidCard(cards[0]);
  return { card: cards[0], text: readableLines(cards[0]).join('\n') };
}

/** Object rows: the containers that carry a name run of medium size. */
function rowNamed(card: AdaptiveCard, name: string): string {
  const containers = elementsOfType(card, 'Container').filter((c) => JSON.stringify(c).includes(`"text":"${name}"`));
  assert.ok(containers.length > 0, `a row for ${name}`);
  return readableLines(containers.at(-1) as unknown as AdaptiveCard).join('\n');
}

describe('Exchange commands end to end against the simulated tenant', function () {
  this.timeout(120_000);
  let stack: Stack;

  before(async () => {
    stack = await startStack(FAST_QUERY);
  });
  after(async () => {
    await stack?.stop();
  });

  it('"show new connectors 90 days" shows the attacker\'s connector created and removed by the attacker\'s app', async () => {
    const { card, text } = await ask(stack, 'show new connectors 90 days');
    assert.match(text, /last 90 days/);
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
    const created = scenario.exchange.auditRecords.find((r: { operation: string; auditData: { AppId?: string } }) => r.operation === 'New-InboundConnector' && r.auditData.AppId === ATTACKER_APP_ID);
    const row = rowNamed(card, created.auditData.Parameters.find((p: { Name: string }) => p.Name === 'Name').Value);
    assert.match(row, /^CRITICAL/m);
    assert.match(row, /Removed .* by app Mail Sync/);
    assert.match(row, /Created and removed again/);
    assert.match(row, /one of the risky apps/);
  });

  it('the legitimate partner connector is listed without alarm, with Disable and Remove buttons', async () => {
    const { card } = await ask(stack, 'show new connectors 90 days');
    const row = rowNamed(card, 'Fabrikam partner TLS');
    assert.doesNotMatch(row, /CRITICAL|HIGH|MEDIUM/);
    assert.match(row, /Exists, enabled/);
    const buttons = elementsOfType(card, 'Action.Execute').filter((a) => (a.data as { target?: string }).target === 'Fabrikam partner TLS');
    assert.deepEqual(buttons.map((b) => b.title).sort(), ['Disable', 'Remove']);
  });

  it('"show transport rules" shows the header-stripping campaigns as bursts, the count table, and the disclaimer without alarm', async () => {
    const { card, text } = await ask(stack, 'show transport rules');
    assert.match(text, /12 transport rules created within/);
    assert.match(text, /Removes or rewrites message headers/);
    const counts = readableLines(elementsOfType(card, 'Table')[0] as unknown as AdaptiveCard).join(' ');
    assert.match(counts, /New-TransportRule\s*25/);
    assert.match(counts, /Remove-TransportRule\s*24/);
    assert.doesNotMatch(rowNamed(card, 'External email disclaimer'), /CRITICAL|HIGH|MEDIUM/);
  });

  it('a window that is not a whole number of days up to 180 gets the accepted form', async () => {
    const replies = await sendMessage(stack.botUrl, 'show transport rules 500 days', stack.admin, stack.conversation);
    assert.match(replies[0].text ?? '', /1 to 180/);
  });
});

describe('Exchange commands when sources are slow or failing', function () {
  this.timeout(180_000);

  it('a slow audit query is answered with "started" and the card is posted to the conversation when ready', async () => {
    await withStack({ auditQueryDelayMs: 3_000 }, async (stack) => {
      const replies = await sendMessage(stack.botUrl, 'show transport rules', stack.admin, stack.conversation);
      assert.equal(cardsIn(replies).length, 0);
      assert.match(replies[0].text ?? '', /has started/);
      const [posted] = await stack.channel.waitFor(1, 60_000);
      assert.equal(posted.conversationId, stack.conversation.conversationId ?? `a:personal-${stack.admin.aadObjectId}`);
      const card = cardsIn([posted.activity])[0] as AdaptiveCard;
      assertValidCard(card);
      assert.match(readableLines(card).join('\n'), /12 transport rules created within/);
    }, { AUDIT_QUERY_WAIT_SECONDS: '1' });
  });

  it('a failed audit query is named, and today\'s configuration is still shown', async () => {
    await withStack({ ...FAST_QUERY, auditQueryOutcome: 'failed' }, async (stack) => {
      const { card, text } = await ask(stack, 'show new connectors');
      assert.match(text, /audit log query ended failed/i);
      assert.ok(rowNamed(card, 'Fabrikam partner TLS'));
    });
  });

  it('a missing audit permission is named, and today\'s configuration is still shown', async () => {
    await withStack({ ...FAST_QUERY, deniedPermissions: ['AuditLogsQuery-Exchange.Read.All', 'AuditLogsQuery.Read.All'] }, async (stack) => {
      const { card, text } = await ask(stack, 'show transport rules');
      assert.match(text, /AuditLogsQuery-Exchange\.Read\.All/);
      assert.ok(rowNamed(card, 'External email disclaimer'));
    });
  });

  it('an Exchange endpoint that refuses is named, and the audit history is still shown', async () => {
    await withStack({ ...FAST_QUERY, deniedPermissions: ['Exchange.ManageAsApp'] }, async (stack) => {
      const { text } = await ask(stack, 'show transport rules');
      assert.match(text, /Exchange\.ManageAsApp/);
      assert.match(text, /12 transport rules created within/);
    });
  });

  it('with audit logging off, every answer says an empty history proves nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tw-scenario-'));
    try {
      const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
      scenario.exchange.adminAuditLogConfig = { ...(scenario.exchange.adminAuditLogConfig ?? {}), UnifiedAuditLogIngestionEnabled: false };
      const file = path.join(dir, 'audit-off.json');
      writeFileSync(file, JSON.stringify(scenario));
      await withStack({ ...FAST_QUERY, scenario: file }, async (stack) => {
        for (const command of ['show new connectors', 'show transport rules']) {
          assert.match((await ask(stack, command)).text, /Audit logging is OFF/);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with 15% throttling and 10% unavailability every command still answers correctly', async () => {
    await withStack({ ...FAST_QUERY, faults: '429:0.15,503:0.1' }, async (stack) => {
      assert.match((await ask(stack, 'show new connectors 90 days')).text, /Created and removed again/);
      assert.match((await ask(stack, 'show transport rules')).text, /12 transport rules created within/);
      const risky = await sendMessage(stack.botUrl, 'list risky apps', stack.admin, stack.conversation);
      assert.match(readableLines(cardsIn(risky)[0] as AdaptiveCard).join('\n'), /Exchange Online PowerShell/);
    });
  });
});
