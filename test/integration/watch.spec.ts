import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { attackerExchange } from '../support/simGraph';
import { assertValidCard } from '../unit/cards/validateWithAdaptiveCards';
import { elementsOfType, readableLines } from '../unit/cards/cardText';
import { readFileSync } from 'node:fs';
import { DEFAULT_SCENARIO } from '../../bot/demoTenant';
import { startStack, type Stack } from '../support/stack';
import { cardsIn, sendMessage, type Conversation } from '../support/teams';
import type { CapturedActivity } from '../support/channel';

const CHANNEL_ID = '19:secops@thread.tacv2';
// Each round reads the directory audit log, which Graph limits to 5 requests per 10 seconds.
const INTERVAL_MS = 3_000;

/** Someone (here: an app with Exchange.ManageAsApp) creates a connector in the live tenant while the bot runs. */
async function createConnector(stack: Stack, name: string): Promise<void> {
  await attackerExchange(stack.sim).invoke('New-InboundConnector', {
    Name: name,
    ConnectorType: 'OnPremises',
    SenderIPAddresses: ['198.51.100.77'],
    SenderDomains: ['*'],
  });
}

/** Alerts from the live configuration about one object (not the later audit-log details). */
function alertsAbout(stack: Stack, name: string): CapturedActivity[] {
  return cardsAbout(stack, name, /Watch alert: connectors or transport rules changed/);
}

function cardsAbout(stack: Stack, name: string, title: RegExp): CapturedActivity[] {
  return stack.channel.posted.filter(
    (p) =>
      p.conversationId === CHANNEL_ID &&
      (cardsIn([p.activity]) as AdaptiveCard[]).some((card) => {
        const lines = readableLines(card);
        return title.test(lines.join('\n')) && lines.some((l) => l.includes(name));
      }),
  );
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watch: alerts pushed to a subscribed channel', function () {
  this.timeout(120_000);
  let stack: Stack;
  let channel: Conversation;

  before(async () => {
    stack = await startStack({ auditQueryDelayMs: 300 }, { WATCH_INTERVAL: '3s' });
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

  it('the audit record, when it arrives, is added to the alert card in place: which app made the connector', async () => {
    const [alert] = alertsAbout(stack, 'Partner relay 9001');
    const updates = () => stack.channel.updated.filter((u) => u.activityId === alert.activityId && u.conversationId === CHANNEL_ID);
    await stack.channel.until(() => updates().length > 0, 40_000, () => 'the alert card was never updated with the audit record');
    const card = cardsIn([updates()[0].activity])[0] as AdaptiveCard;
    assertValidCard(card);
    const text = readableLines(card).join('\n');
    assert.match(text, /Watch alert: connectors or transport rules changed/);
    assert.match(text, /New-InboundConnector/);
    assert.match(text, /Mail Sync \[Open\]\(https:\/\/mail-sync\.example\) \(ed79bf56-cf65-46ce-b4f3-55353fc3585a\)/);
    assert.match(text, /Changed by an application, not a person/);
    await settle(INTERVAL_MS * 2);
    assert.equal(updates().length, 1, 'updated once');
    assert.equal(alertsAbout(stack, 'Partner relay 9001').length, 1, 'an addition to the alert, not a second alarm');
  });

  it('a connector created and removed between two rounds is still found, in the audit log', async () => {
    const exchange = attackerExchange(stack.sim);
    await exchange.invoke('New-InboundConnector', { Name: 'Partner relay 9555', ConnectorType: 'OnPremises', SenderIPAddresses: ['198.51.100.78'], SenderDomains: ['*'] });
    await exchange.invoke('Remove-InboundConnector', { Identity: 'Partner relay 9555', Confirm: false });
    const found = () => cardsAbout(stack, 'Partner relay 9555', /found in the audit log/);
    await stack.channel.until(() => found().length > 0, 40_000, () => 'the short-lived connector was never reported');
    const text = readableLines(cardsIn([found()[0].activity])[0] as AdaptiveCard).join('\n');
    assert.match(text, /New-InboundConnector 'Partner relay 9555'/);
    assert.match(text, /Remove-InboundConnector 'Partner relay 9555'/);
    assert.equal(alertsAbout(stack, 'Partner relay 9555').length, 0, 'the live configuration never showed it');
  });

  it('after a restart of the bot the same connector is not alerted again, and a new one is', async () => {
    await stack.restartBot();
    await createConnector(stack, 'Partner relay 9002');
    await stack.channel.until(() => alertsAbout(stack, 'Partner relay 9002').length > 0, 30_000, () => 'no alert after the restart');
    await settle(INTERVAL_MS * 2);
    assert.equal(alertsAbout(stack, 'Partner relay 9001').length, 1);
    assert.equal(alertsAbout(stack, 'Partner relay 9002').length, 1);
  });

  it('a high-impact permission granted to an app is alerted once, with its Contain button', async () => {
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
    const graphSp = scenario.servicePrincipals.find((sp: { appId: string }) => sp.appId === '00000003-0000-0000-c000-000000000000');
    const ci = scenario.servicePrincipals.find((sp: { displayName: string }) => sp.displayName === 'contoso-infra-deploy');
    const admin = scenario.users.find((u: { userPrincipalName: string }) => /^nestorw@/i.test(u.userPrincipalName));
    const quoted = (value: string) => JSON.stringify(value);
    const response = await fetch(`${stack.sim.url}/_sim/scenario/append`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        directoryAudits: [{
          id: 'Directory_9d1c7a52-3b4e-4f6a-8c2d-1e0f9a8b7c6d_AAAAA_1',
          category: 'ApplicationManagement',
          correlationId: '5e0c1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a',
          result: 'success',
          resultReason: '',
          activityDisplayName: 'Add app role assignment to service principal',
          activityDateTime: new Date().toISOString(),
          loggedByService: 'Core Directory',
          operationType: 'Assign',
          initiatedBy: { user: { id: admin.id, displayName: null, userPrincipalName: admin.userPrincipalName, ipAddress: '203.0.113.77', userType: null, homeTenantId: null, homeTenantName: null }, app: null },
          targetResources: [{
            id: graphSp.id,
            displayName: 'Microsoft Graph',
            type: 'ServicePrincipal',
            userPrincipalName: null,
            groupType: null,
            modifiedProperties: [
              { displayName: 'AppRole.Value', oldValue: null, newValue: quoted('RoleManagement.ReadWrite.Directory') },
              { displayName: 'ServicePrincipal.ObjectID', oldValue: null, newValue: quoted(ci.id) },
              { displayName: 'ServicePrincipal.AppId', oldValue: null, newValue: quoted(ci.appId) },
              { displayName: 'ServicePrincipal.Name', oldValue: null, newValue: quoted(ci.displayName) },
            ],
          }],
          additionalDetails: [],
        }],
      }),
    });
    assert.equal(response.status, 204, await response.text());
    const about = () => stack.channel.posted.filter((p) => p.conversationId === CHANNEL_ID && JSON.stringify(p.activity).includes('RoleManagement.ReadWrite.Directory'));
    await stack.channel.until(() => about().length > 0, 40_000, () => 'no alert for the grant');
    const card = cardsIn([about()[0].activity])[0] as AdaptiveCard;
    assertValidCard(card);
    assert.match(readableLines(card).join('\n'), /High-impact application permission granted/);
    const contain = elementsOfType(card, 'Action.Execute').find((a) => a.title === 'Contain');
    assert.deepEqual(contain?.data, { kind: 'contain', target: ci.appId });
    await settle(INTERVAL_MS * 2);
    assert.equal(about().length, 1, 'alerted once');
  });

  it('an admin whose user risk turns high is alerted once', async () => {
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
    const lee = scenario.users.find((u: { userPrincipalName: string }) => /^leeg@/i.test(u.userPrincipalName));
    const response = await fetch(`${stack.sim.url}/_sim/scenario/append`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        riskyUsers: [{
          id: lee.id,
          isDeleted: false,
          isProcessing: false,
          riskDetail: 'none',
          riskLastUpdatedDateTime: new Date().toISOString(),
          riskLevel: 'high',
          riskState: 'atRisk',
          userDisplayName: lee.displayName,
          userPrincipalName: lee.userPrincipalName,
        }],
      }),
    });
    assert.equal(response.status, 204, await response.text());
    const about = () => stack.channel.posted.filter((p) => p.conversationId === CHANNEL_ID && JSON.stringify(p.activity).includes('An admin is at risk') && JSON.stringify(p.activity).includes(lee.userPrincipalName));
    await stack.channel.until(() => about().length > 0, 40_000, () => 'no alert for the risky admin');
    await settle(INTERVAL_MS * 2);
    assert.equal(about().length, 1, 'alerted once');
  });

  it('"watch off" stops the alerts for this conversation', async () => {
    const off = await sendMessage(stack.botUrl, 'watch off', stack.admin, channel);
    assert.match(off[0].text ?? '', /no longer gets watch alerts/);
    await createConnector(stack, 'Partner relay 9003');
    await settle(INTERVAL_MS * 3);
    assert.equal(alertsAbout(stack, 'Partner relay 9003').length, 0);
  });
});
