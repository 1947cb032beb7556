import assert from 'node:assert/strict';
import { deliverAlerts, subscribe, watchRound, type WatchDeps } from '../../../services/watch/watcher';
import { MemoryStore } from '../../../services/store/memoryStore';
import type { AuditEntry, AuditTrail } from '../../../services/store/storage';
import type { ExchangeAdmin } from '../../../services/exchange/exchangeAdmin';
import type { GraphApi } from '../../../services/graph/graphApi';
import { KnownGood } from '../../../services/watch/knownGood';
import { entryOf } from '../../../services/watch/inventory';

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

function setup(state: { inbound: object[]; rules: object[]; failing?: boolean; directoryAudits?: object[] }) {
  const store = new MemoryStore();
  const list = async (url: string) => (url.startsWith('/auditLogs/directoryAudits') ? state.directoryAudits ?? [] : []);
  const graph = { list, send: async () => ({ id: 'q1', status: 'notStarted' }), get: async () => ({ id: 'q1', status: 'running' }) } as unknown as GraphApi;
  const knownGood = new KnownGood(store);
  const deps: WatchDeps = { store, audit: trail(), exchange: exchangeWith(state), graph, tenantId: 'tenant', knownGood, now: () => NOW };
  return { store, deps, knownGood };
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
      return `activity-${id}`;
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

  describe('with a known-good list', () => {
    const expectRelay = (knownGood: KnownGood, relay: object) => {
      const entry = entryOf('inboundConnector', relay as never);
      return knownGood.expect({ kind: 'inboundConnector', key: entry.key, guid: RELAY.Guid, name: RELAY.Name, fingerprint: entry.fingerprint, requestId: 'r1', at: NOW.toISOString() });
    };

    it('an expected connector is not alerted while its settings are the approved ones; any change to them is', async () => {
      const state: { inbound: object[]; rules: object[] } = { inbound: [PARTNER], rules: [] };
      const { deps, knownGood } = setup(state);
      await watchRound(deps);
      await expectRelay(knownGood, RELAY);
      state.inbound = [PARTNER, RELAY];
      assert.deepEqual((await watchRound(deps)).newAlerts, []);
      state.inbound = [PARTNER, { ...RELAY, SenderIPAddresses: ['203.0.113.9'] }];
      const round = await watchRound(deps);
      assert.deepEqual(round.newAlerts[0].changes.map((c) => [c.change, c.entry.name]), [['changed', 'Partner relay 9001']]);
    });

    it('an impostor with the expected connector\'s name but another Guid is alerted', async () => {
      const state: { inbound: object[]; rules: object[] } = { inbound: [PARTNER], rules: [] };
      const { deps, knownGood } = setup(state);
      await watchRound(deps);
      await expectRelay(knownGood, RELAY);
      state.inbound = [PARTNER, { ...RELAY, Guid: '99999999-2222-4333-8444-555555555555' }];
      assert.equal((await watchRound(deps)).newAlerts[0].changes[0].change, 'created');
    });

    it('a high-impact grant to a trusted app is still alerted, and says the app is trusted', async () => {
      const trustedApp = '33333333-0000-4000-8000-000000000003';
      const state: { inbound: object[]; rules: object[]; directoryAudits?: object[] } = { inbound: [PARTNER], rules: [] };
      const { deps, knownGood } = setup(state);
      await knownGood.trust({ appId: trustedApp, name: 'Backup tool', requestId: 'r2', at: NOW.toISOString(), source: 'approval' });
      await watchRound(deps);
      state.directoryAudits = [{
        id: 'audit-1',
        activityDateTime: NOW.toISOString(),
        activityDisplayName: 'Add app role assignment to service principal',
        category: 'ApplicationManagement',
        result: 'success',
        initiatedBy: { user: { userPrincipalName: 'nestor@contoso.com' } },
        targetResources: [{
          type: 'ServicePrincipal',
          displayName: 'Office 365 Exchange Online',
          modifiedProperties: [
            { displayName: 'AppRole.Value', newValue: '"Exchange.ManageAsApp"' },
            { displayName: 'ServicePrincipal.AppId', newValue: `"${trustedApp}"` },
            { displayName: 'ServicePrincipal.Name', newValue: '"Backup tool"' },
          ],
        }],
      }];
      const round = await watchRound(deps);
      const [change] = round.newAlerts[0].directory ?? [];
      assert.equal(change.kind, 'permissionGranted');
      assert.match(change.detail, /trusted app: trust never silences new credentials, permissions or roles/);
    });
  });

  it('the audit record of an alerted connector updates the posted card once, and an update that failed is tried again', async () => {
    const state: { inbound: object[]; rules: object[]; records?: object[] } = { inbound: [PARTNER], rules: [] };
    const store = new MemoryStore();
    const list = async (url: string) => (url.includes('/records') ? state.records ?? [] : []);
    const graph = { list, send: async () => ({ id: 'q1', status: 'notStarted' }), get: async () => ({ id: 'q1', status: state.records ? 'succeeded' : 'running' }) } as unknown as GraphApi;
    const deps: WatchDeps = { store, audit: trail(), exchange: exchangeWith(state), graph, tenantId: 'tenant', now: () => NOW };
    await subscribe(deps, { conversation: { id: 'a' } }, { id: 'u', name: 'U' });
    await watchRound(deps);
    await watchRound(deps);
    state.inbound = [PARTNER, RELAY];
    await watchRound(deps);
    await deliverAlerts(deps, async () => 'activity-1');
    state.records = [{
      id: 'record-1',
      createdDateTime: '2026-11-20T08:58:00Z',
      operation: 'New-InboundConnector',
      auditData: { Operation: 'New-InboundConnector', UserType: 5, AppId: 'ED79BF56-CF65-46CE-B4F3-55353FC3585A', ResultStatus: 'True', ObjectId: RELAY.Name, Parameters: [{ Name: 'Name', Value: RELAY.Name }] },
    }];
    await watchRound(deps);
    const updates: string[] = [];
    let failOnce = true;
    const update = async (post: { activityId: string }, alert: { audit?: { actor: { id: string } }[] }) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('connector 502');
      }
      updates.push(`${post.activityId} by ${alert.audit?.[0].actor.id}`);
    };
    const post = async () => 'never';
    await assert.rejects(deliverAlerts(deps, post, update));
    await deliverAlerts(deps, post, update);
    await deliverAlerts(deps, post, update);
    // The next query (started one round, read the next) returns the same record again.
    await watchRound(deps);
    await watchRound(deps);
    await deliverAlerts(deps, post, update);
    assert.deepEqual(updates, ['activity-1 by ed79bf56-cf65-46ce-b4f3-55353fc3585a'], 'updated once, after the failed try; the same record read again changes nothing');
  });
});
