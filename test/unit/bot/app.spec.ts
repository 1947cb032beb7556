import assert from 'node:assert/strict';
import sinon from 'sinon';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { createApp } from '../../../bot/app';
import type { BotDeps } from '../../../bot/deps';
import type { GraphApi } from '../../../services/graph/graphApi';
import type { GroupMembership } from '../../../services/access/membership';
import type { ExchangeAdmin } from '../../../services/exchange/exchangeAdmin';
import { Approvals } from '../../../services/approvals/approvals';
import { MemoryStore } from '../../../services/store/memoryStore';
import type { AuditTrail } from '../../../services/store/storage';
import { MissingPermissionError } from '../../../services/errors';
import { readableLines } from '../cards/cardText';
import type { AdaptiveCard } from '../../../cards/adaptiveCard';
import { KnownGood } from '../../../services/watch/knownGood';
import { LocalLease } from '../../../services/watch/lease';

const TENANT = '11111111-2222-4333-8444-555555555555';
const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';

function deps(overrides: { isMember?: sinon.SinonStub; graph?: Partial<GraphApi> } = {}) {
  const lines: string[] = [];
  const isMember = overrides.isMember ?? sinon.stub().resolves(true);
  const value: BotDeps = {
    graph: (overrides.graph ?? {}) as GraphApi,
    membership: {
      isMember,
      // The real class asks Graph once for several groups; this fake answers each group through the stub.
      memberOf: async (user: string, groups: string[]) =>
        new Set((await Promise.all(groups.map(async (g) => ((await isMember(user, g)) ? g.toLowerCase() : '')))).filter(Boolean)),
    } as unknown as GroupMembership,
    log: { info: (event, fields) => lines.push(JSON.stringify({ event, ...fields })), error: (event, _e, fields) => lines.push(JSON.stringify({ event, ...fields })) },
    tenant: { id: TENANT, name: 'Contoso' },
    adminsGroupId: 'group-admins',
    approversGroupId: 'group-approvers',
    now: () => new Date('2026-11-20T09:00:00Z'),
    exchange: {} as ExchangeAdmin,
    trustedAppIds: [],
    auditQueryWaitMs: 0,
    postLater: sinon.stub().resolves(),
    background: new Set(),
    breakGlassAccounts: [],
    store: new MemoryStore(),
    knownGood: new KnownGood(new MemoryStore()),
    watchLease: new LocalLease(new MemoryStore()),
    instanceId: 'test',
    approvals: new Approvals(new MemoryStore(), { append: async () => undefined } as unknown as AuditTrail, () => new Date(), 3_600_000),
  };
  return { value, lines, isMember };
}

function message(text: string, tenantId = TENANT, aadObjectId = ADMIN): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    channelId: 'msteams',
    from: { id: `29:${aadObjectId}`, name: 'Admin', aadObjectId },
    conversation: { id: 'conv', tenantId, isGroup: false, conversationType: 'personal', name: '' },
    channelData: { tenant: { id: tenantId } },
  };
}

async function run(bot: BotDeps, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const app = createApp(new TeamsAdapter(), bot, { startTypingTimer: false });
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context) => {
    context.onSendActivities(async (_ctx, activities, next) => {
      sent.push(...activities);
      return next();
    });
    await app.run(context);
  });
  await adapter.processActivity(activity);
  return sent;
}

function cardOf(activity: Partial<Activity>): AdaptiveCard {
  return activity.attachments?.[0]?.content as AdaptiveCard;
}

describe('bot routing and access', () => {
  it('a sentence that merely contains the command words is not the command', async () => {
    const scan = sinon.stub().rejects(new Error('must not be called'));
    const bot = deps({ graph: { list: scan, get: scan, batch: scan } });
    const [reply] = await run(bot.value, message('do not list risky apps please'));
    assert.ok(readableLines(cardOf(reply)).some((l) => l.includes('list risky apps')), 'answered with help');
    assert.equal(scan.callCount, 0);
  });

  it('checks the admins group with the sender\'s Entra object id', async () => {
    const bot = deps();
    await run(bot.value, message('help'));
    assert.deepEqual(bot.isMember.firstCall.args, [ADMIN, 'group-admins']);
  });

  it('refuses a non-member with a short text that names no finding, and logs the refusal', async () => {
    const bot = deps({ isMember: sinon.stub().resolves(false) });
    const replies = await run(bot.value, message('list risky apps'));
    assert.equal(replies.length, 1);
    assert.equal(replies[0].attachments, undefined);
    assert.match(replies[0].text ?? '', /admins and approvers groups only/);
    assert.ok(bot.lines.some((l) => l.includes('access.notMember')));
  });

  it('refuses another tenant before asking Graph about the user', async () => {
    const bot = deps();
    const replies = await run(bot.value, message('help', '99999999-0000-4000-8000-000000000000'));
    assert.match(replies[0].text ?? '', /not from it/);
    assert.equal(bot.isMember.callCount, 0);
  });

  it('a missing Graph permission is shown by name with a correlation id', async () => {
    const failing = sinon.stub().rejects(new MissingPermissionError('Application.Read.All', '/servicePrincipals'));
    const bot = deps({ graph: { list: failing, get: failing, batch: failing } });
    const [reply] = await run(bot.value, message('list risky apps'));
    const text = readableLines(cardOf(reply)).join('\n');
    assert.match(text, /Application\.Read\.All/);
    assert.match(text, /[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('an unexpected failure answers with a reference and logs the error under the same id', async () => {
    const failing = sinon.stub().rejects(new Error('socket hang up'));
    const bot = deps({ graph: { list: failing, get: failing, batch: failing } });
    const [reply] = await run(bot.value, message('risky apps'));
    const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(JSON.stringify(cardOf(reply)))?.[1];
    assert.ok(id);
    assert.ok(bot.lines.some((l) => l.includes('command.failed') && l.includes(id!)));
    assert.ok(!JSON.stringify(cardOf(reply)).includes('socket hang up'), 'internals are not shown to the user');
  });
});
