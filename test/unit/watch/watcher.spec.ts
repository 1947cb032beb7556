import assert from 'node:assert/strict';
import { deliverAlerts, subscribe, watchRound, type WatchDeps } from '../../../services/watch/watcher';
import { MemoryStore } from '../../../services/store/memoryStore';
import type { AuditEntry, AuditTrail } from '../../../services/store/storage';
import type { ExchangeAdmin } from '../../../services/exchange/exchangeAdmin';
import type { GraphApi } from '../../../services/graph/graphApi';

const NOW = new Date('2026-11-20T09:00:00Z');
const PARTNER = { Identity: 'Fabrikam partner TLS', Name: 'Fabrikam partner TLS', Guid: '2e8d21bb-cb32-434d-ba30-83555051e3ca', Enabled: true, ConnectorType: 'Partner', WhenChanged: '2026-07-03T15:22:07Z' };
const RELAY = { Identity: 'Partner relay 9001', Name: 'Partner relay 9001', Guid: '11111111-2222-4333-8444-555555555555', Enabled: true, ConnectorType: 'OnPremises', SenderIPAddresses: ['198.51.100.14'] };

function exchangeWith(state: { inbound: object[]; rules: object[]; failing?: boolean }): ExchangeAdmin {
  return {
    invoke: async (cmdlet: string) => {
      if (state.failing) throw new Error('Exchange refused Get-InboundConnector (401)');
      if (cmdlet === 'Get-InboundConnector') return state.inbound;
      if (cmdlet === 'Get-TransportRule') return state.rules;
      return [];
    },
  } as unknown as ExchangeAdmin;
}

function trail(): AuditTrail & { entries: string[] } {
  const entries: string[] = [];
  return {
    entries,
    append: async (entry: { event: string }) => {
      entries.push(entry.event);
      return entry as unknown as AuditEntry;
    },
  } as unknown as AuditTrail & { entries: string[] };
}

function setup(state: { inbound: object[]; rules: object[]; failing?: boolean }) {
  const store = new MemoryStore();
  const graph = { list: async () => [], send: async () => ({ id: 'q1', status: 'notStarted' }), get: async () => ({ id: 'q1', status: 'running' }) } as unknown as GraphApi;
  const deps: WatchDeps = { store, audit: trail(), exchange: exchangeWith(state), graph, tenantId: 'tenant', now: () => NOW };
  return { store, deps };
}

describe('the watcher', () => {
  it('learns today\'s configuration on its first round and alerts nothing', async () => {
    const { deps } = setup({ inbound: [PARTNER], rules: [] });
    const first = await watchRound(deps);
    assert.equal(first.baseline, true);
    assert.deepEqual(first.newAlerts, []);
  });

  it('alerts a connector that appears, once, however many rounds see it', async () => {
    const state: { inbound: object[]; rules: object[]; failing?: boolean } = { inbound: [PARTNER], rules: [] };
    const { deps } = setup(state);
    await watchRound(deps);
    state.inbound = [PARTNER, RELAY];
    const round = await watchRound(deps);
    assert.equal(round.newAlerts.length, 1);
    assert.deepEqual(round.newAlerts[0].changes.map((c) => [c.change, c.entry.name]), [['created', 'Partner relay 9001']]);
    assert.deepEqual((await watchRound(deps)).newAlerts, []);
  });

  it('a changed setting alerts again, a changed timestamp alone does not', async () => {
    const state: { inbound: object[]; rules: object[]; failing?: boolean } = { inbound: [PARTNER], rules: [] };
    const { deps } = setup(state);
    await watchRound(deps);
    state.inbound = [{ ...PARTNER, WhenChanged: '2026-11-20T08:00:00Z' }];
    assert.deepEqual((await watchRound(deps)).newAlerts, []);
    state.inbound = [{ ...PARTNER, ConnectorType: 'OnPremises' }];
    const round = await watchRound(deps);
    assert.equal(round.newAlerts[0].changes[0].change, 'changed');
  });

  it('a renamed impostor with the same name but another Guid is a new object', async () => {
    const state: { inbound: object[]; rules: object[]; failing?: boolean } = { inbound: [PARTNER], rules: [] };
    const { deps } = setup(state);
    await watchRound(deps);
    state.inbound = [{ ...PARTNER, Guid: '99999999-2222-4333-8444-555555555555' }];
    assert.equal((await watchRound(deps)).newAlerts[0].changes[0].change, 'created');
  });

  it('a crash after the alert was stored but before the inventory moved on does not make a second alert', async () => {
    const state: { inbound: object[]; rules: object[]; failing?: boolean } = { inbound: [PARTNER], rules: [] };
    const { deps, store } = setup(state);
    await watchRound(deps);
    const before = (await store.read(['watch/inventory']))['watch/inventory'];
    state.inbound = [PARTNER, RELAY];
    assert.equal((await watchRound(deps)).newAlerts.length, 1);
    await store.write({ 'watch/inventory': { ...before, eTag: '*' } });
    assert.deepEqual((await watchRound(deps)).newAlerts, [], 'the same changes give the same alert id');
  });

  it('delivers each alert to every subscribed conversation once, and resends after a failed post', async () => {
    const state: { inbound: object[]; rules: object[]; failing?: boolean } = { inbound: [PARTNER], rules: [] };
    const { deps } = setup(state);
    await subscribe(deps, { conversation: { id: 'a' } }, { id: 'u', name: 'U' });
    await subscribe(deps, { conversation: { id: 'b' } }, { id: 'u', name: 'U' });
    await watchRound(deps);
    state.inbound = [PARTNER, RELAY];
    await watchRound(deps);
    const posts: string[] = [];
    let failB = true;
    const post = async (subscription: { conversation: Record<string, unknown> }) => {
      const id = (subscription.conversation.conversation as { id: string }).id;
      if (id === 'b' && failB) throw new Error('connector 502');
      posts.push(id);
    };
    await assert.rejects(deliverAlerts(deps, post));
    failB = false;
    await deliverAlerts(deps, post);
    await deliverAlerts(deps, post);
    assert.deepEqual(posts, ['a', 'b'], 'a once, b once after its failure, nothing more');
  });

  it('reports a failing source once, not every round, and again after it recovered and failed anew', async () => {
    const state: { inbound: object[]; rules: object[]; failing?: boolean } = { inbound: [PARTNER], rules: [], failing: true };
    const { deps } = setup(state);
    assert.match((await watchRound(deps)).problem ?? '', /401/);
    assert.equal((await watchRound(deps)).problem, undefined);
    state.failing = false;
    await watchRound(deps);
    state.failing = true;
    assert.match((await watchRound(deps)).problem ?? '', /401/);
  });
});
