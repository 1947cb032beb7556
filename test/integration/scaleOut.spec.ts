import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { startReadyProcess, type ReadyProcess } from '../../bot/processes';
import { readableLines } from '../unit/cards/cardText';
import { startAzurite } from '../support/azurite';
import { approvalCardAfter, buttonsOn, channelFor, finalCard, scenarioUser, textOf } from '../support/approvalFlow';
import { attackerExchange } from '../support/simGraph';
import { BOT_SCRIPT, freshDataDir, simStats, startStack, type Stack } from '../support/stack';
import { cardsIn, pressButton, sendMessage, type Conversation } from '../support/teams';

const WATCH_CHANNEL = '19:secops@thread.tacv2';
const PATTI = scenarioUser('pattif');
const JOHANNA = scenarioUser('johannal');
const LEASE_SECONDS = 15;
const INTERVAL_MS = 3_000;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Bot = ReadyProcess<{ ready: true; url: string }>;

describe('two bot instances sharing one Azurite account', function () {
  this.timeout(300_000);
  let azurite: Awaited<ReturnType<typeof startAzurite>>;
  let stack: Stack;
  let botB: Bot;
  const logsB: string[] = [];
  const url = { a: '', b: '' };

  const alertsAbout = (name: string) =>
    stack.channel.posted.filter((p) => p.conversationId === WATCH_CHANNEL && /Watch alert: connectors or transport rules changed/.test(JSON.stringify(p.activity)) && JSON.stringify(p.activity).includes(name));
  const leaseHolder = (): 'a' | 'b' | undefined => {
    const last = (logs: string[]) => logs.map((l, i) => [l, i] as const).filter(([l]) => /watch\.lease(Taken|NotHeld|Lost)/.test(l)).at(-1)?.[0] ?? '';
    if (/leaseTaken/.test(last(stack.logs))) return 'a';
    if (/leaseTaken/.test(last(logsB))) return 'b';
    return undefined;
  };

  before(async () => {
    azurite = await startAzurite();
    const shared = {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'tenant-warden-scale',
      WATCH_INTERVAL: '3s',
      WATCH_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    stack = await startStack({ auditQueryDelayMs: 300 }, { ...shared, INSTANCE_ID: 'instance-a' }, { remediation: true });
    botB = await startReadyProcess<{ ready: true; url: string }>('bot-b', BOT_SCRIPT, { ...stack.env, INSTANCE_ID: 'instance-b', DATA_DIR: freshDataDir() }, 30_000, (line) => logsB.push(line));
    url.a = stack.botUrl;
    url.b = botB.ready.url;
  });
  after(async () => {
    await botB?.stop();
    await stack?.stop();
    await azurite?.stop();
  });

  it('a request made on one instance is approved on the other; 50 parallel approvals over both execute it once', async () => {
    await sendMessage(url.b, 'use this chat for approvals', PATTI, channelFor(stack));
    const before = stack.channel.posted.length;
    const listed = cardsIn(await sendMessage(url.a, 'show new connectors', stack.admin, stack.conversation))[0] as AdaptiveCard;
    const disable = buttonsOn(listed).find((b) => b.title === 'Disable' && b.data.target === 'Fabrikam partner TLS');
    assert.ok(disable, 'a Disable button on the partner connector');
    const asked = await pressButton(url.a, disable.verb, disable.data, stack.admin, stack.conversation);
    assert.match(String(asked.body.value), /sent to the approvers/);
    await stack.channel.waitFor(before + 2);
    const { approval, requestId } = approvalCardAfter(stack, before);
    const writesBefore = (await simStats(stack.sim)).requests.byPath['POST /adminapi/beta/' + stack.sim.tenantId + '/InvokeCommand#Set-InboundConnector'] ?? 0;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pressButton(i % 2 ? url.b : url.a, 'approveRequest', { requestId }, i % 3 ? PATTI : JOHANNA, channelFor(stack))),
    );
    assert.ok(answers.every((a) => a.status === 200));
    await finalCard(stack, approval.activityId, /DONE/);
    await settle(2_000);
    const byPath = (await simStats(stack.sim)).requests.byPath;
    const writes = Object.entries(byPath).filter(([p]) => /InvokeCommand#Set-InboundConnector/.test(p)).reduce((sum, [, n]) => sum + n, 0);
    assert.equal(writes - writesBefore, 1, `exactly one Set-InboundConnector: ${JSON.stringify(byPath)}`);
    const pendingOnB = textOf(cardsIn(await sendMessage(url.b, 'audit', stack.admin, stack.conversation))[0] as AdaptiveCard);
    assert.match(pendingOnB, /Hash chain intact/);
  });

  it('one instance runs the watcher; when it is killed the other takes over and no alert is lost or repeated', async () => {
    await sendMessage(url.b, 'watch on', stack.admin, { ...stack.conversation, conversationId: WATCH_CHANNEL } as Conversation);
    await attackerExchange(stack.sim).invoke('New-InboundConnector', { Name: 'Relay before the crash', ConnectorType: 'OnPremises', SenderIPAddresses: ['198.51.100.61'], SenderDomains: ['*'] });
    await stack.channel.until(() => alertsAbout('Relay before the crash').length > 0, 30_000, () => 'no alert before the crash');
    // Let the holder record the delivery: a crash between a post and its record is the one case that repeats an alert.
    await settle(2_000);
    assert.equal(alertsAbout('Relay before the crash').length, 1, 'one instance delivered it, once');
    const holder = leaseHolder();
    assert.ok(holder, `one instance holds the lease:\n${[...stack.logs, ...logsB].filter((l) => /lease/.test(l)).join('\n')}`);
    // A crash: no release, the lease has to expire.
    const killed = holder === 'a' ? stack.bot() : botB;
    const exited = new Promise((resolve) => killed.child.once('exit', resolve));
    killed.child.kill('SIGKILL');
    await exited;
    const crashAt = Date.now();
    await attackerExchange(stack.sim).invoke('New-InboundConnector', { Name: 'Relay after the crash', ConnectorType: 'OnPremises', SenderIPAddresses: ['198.51.100.62'], SenderDomains: ['*'] });
    await stack.channel.until(() => alertsAbout('Relay after the crash').length > 0, 60_000, () => 'the other instance never alerted');
    const seconds = (Date.now() - crashAt) / 1000;
    assert.ok(seconds <= LEASE_SECONDS + INTERVAL_MS / 1000 + 10, `taken over in ${seconds.toFixed(1)} s`);
    await settle(INTERVAL_MS * 3);
    assert.equal(alertsAbout('Relay before the crash').length, 1, 'the alert from before the crash is not repeated');
    assert.equal(alertsAbout('Relay after the crash').length, 1, 'and the new one is alerted once');
    const survivor = holder === 'a' ? url.b : url.a;
    url.a = survivor;
    url.b = survivor;
  });

  it('Azurite going away is a clear error, and the bot recovers when it is back', async () => {
    await azurite.stop({ keepData: true });
    const down = await sendMessage(url.a, 'pending', stack.admin, stack.conversation);
    const text = readableLines(cardsIn(down)[0] as AdaptiveCard).join('\n');
    assert.match(text, /storage/i);
    assert.match(text, /tenant-warden-scale/);
    await azurite.restart();
    const back = await sendMessage(url.a, 'pending', stack.admin, stack.conversation);
    assert.match(textOf(cardsIn(back)[0] as AdaptiveCard), /Open remediation requests/);
  });
});
