import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DirectoryAudit } from '@microsoft/microsoft-graph-types';
import { directoryEntries, describeDirectoryEvent, usersNamedIn, type AppIds } from '../../../services/investigation/directoryEvents';
import { exchangeEntries, isByApp } from '../../../services/investigation/exchangeEvents';
import { buildTimeline } from '../../../services/investigation/timeline';
import { ATTACKER_APP_ID, record, records } from '../exchange/scenarioRecords';

const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../sim/scenarios/default.json'), 'utf8'));
const audits: DirectoryAudit[] = scenario.directoryAudits;
const ATTACKER: AppIds = {
  servicePrincipalId: 'de3d7478-cc06-49b0-9216-356cc6d488ee',
  applicationId: 'e66ca5db-1526-48df-9d6e-4c752ef1b3c6',
  appId: ATTACKER_APP_ID,
};
const NESTOR_ID = 'ae1c6974-e5b1-48eb-82cb-4ae27673a387';
const NAMES = new Map([[NESTOR_ID, 'Nestor Wilke']]);
const OTHER_APP = '11111111-2222-4333-8444-555555555555';

function story() {
  return buildTimeline(directoryEntries(audits, ATTACKER, NAMES), exchangeEntries(records, ATTACKER_APP_ID));
}

function indexOf(entries: { what: string }[], pattern: RegExp): number {
  const index = entries.findIndex((e) => pattern.test(e.what));
  assert.ok(index >= 0, `an entry matching ${pattern}: ${entries.map((e) => e.what).join(' | ')}`);
  return index;
}

describe('investigation timeline', () => {
  it('tells the attacker app\'s story in time order, from registration to the last rule', () => {
    const entries = story();
    const steps = [
      /^registered the app/,
      /^granted the application permission Exchange\.ManageAsApp on Office 365 Exchange Online/,
      /Global Administrator role/,
      /Exchange Administrator role/,
      /^created inbound connector 'Partner relay 7731' \(OnPremises; 198\.51\.100\.14/,
      /^created 12 transport rules/,
      /^removed 12 transport rules/,
      /^removed inbound connector 'Partner relay 7731'/,
      /^created inbound connector 'Partner relay 8814'/,
      /^created transport rule 'Transport header normalization'/,
    ].map((pattern) => indexOf(entries, pattern));
    assert.deepEqual(steps, [...steps].sort((a, b) => a - b));
    assert.deepEqual(entries.map((e) => e.at), [...entries.map((e) => e.at)].sort((a, b) => a - b));
  });

  it('finds the Exchange.ManageAsApp grant, whose audit target is Exchange Online and not the app', () => {
    const grants = directoryEntries(audits, ATTACKER).filter((e) => /Exchange\.ManageAsApp/.test(e.what));
    assert.equal(grants.length, 1);
  });

  it('names the admin who acted, with the IP address, and keeps other apps\' events out', () => {
    const entries = directoryEntries(audits, ATTACKER, NAMES);
    assert.ok(entries.length >= 9);
    for (const entry of entries) assert.deepEqual({ kind: entry.actor.kind, name: entry.actor.name, ip: entry.actor.ip }, { kind: 'user', name: 'Nestor Wilke', ip: '203.0.113.77' });
    assert.ok(!entries.some((e) => /hr-sync/.test(e.what)));
    assert.deepEqual(usersNamedIn(audits.filter((a) => a.id === entries[0].recordIds[0])), [NESTOR_ID]);
  });

  it('tells a secret from a certificate, and an addition from a removal', () => {
    const entries = directoryEntries(audits, ATTACKER).map((e) => e.what);
    assert.ok(entries.includes('added a client secret (sync) to the app registration'));
    assert.ok(entries.includes('added a certificate (CN=mail-sync) to the app registration'));
    assert.ok(entries.includes('added a client secret to the service principal'));
    const removal = audits.find((a) => a.id === '5aab499d-24fb-4301-8df4-2f989600d241')!;
    assert.equal(describeDirectoryEvent(removal), 'removed a client secret (hr-sync-2025) from the app registration');
  });

  it('groups a burst of rules into one entry naming the count and the rules, and keeps single changes apart', () => {
    const entries = exchangeEntries(records, ATTACKER_APP_ID);
    const bursts = entries.filter((e) => e.names.length > 0);
    assert.equal(bursts.length, 4);
    assert.ok(bursts.every((b) => b.names.length === 12 && b.recordIds.length === 12));
    assert.match(bursts[0].what, /^created 12 transport rules within 11 minutes \(each removing a message header\)$/);
    assert.deepEqual(bursts[0].names.slice(0, 2), ['Header cleanup 01', 'Header cleanup 02']);
    assert.equal(entries.length, 9);
  });

  it('says which created objects still exist today', () => {
    const live = new Map([['transportRule' as const, new Set(['transport header normalization'])]]);
    const last = exchangeEntries(records, ATTACKER_APP_ID, live).at(-1)!;
    assert.match(last.what, /still in place today$/);
    assert.doesNotMatch(exchangeEntries(records, ATTACKER_APP_ID).at(-1)!.what, /still in place/);
  });

  it('counts a record that appears twice once', () => {
    const doubled = [...records, ...records.map((r) => ({ ...r }))];
    assert.deepEqual(exchangeEntries(doubled, ATTACKER_APP_ID), exchangeEntries(records, ATTACKER_APP_ID));
    const twice = directoryEntries([...audits, ...audits], ATTACKER, NAMES);
    assert.deepEqual(twice, directoryEntries(audits, ATTACKER, NAMES));
  });

  it('leaves out other identities\' changes and failed changes', () => {
    const mixed = [
      record('New-TransportRule', 'Admin rule', '2026-11-01T10:00:00Z', { user: 'LidiaH@contoso.onmicrosoft.com' }),
      record('New-TransportRule', 'Other app rule', '2026-11-01T10:01:00Z', { appId: OTHER_APP }),
      { ...record('New-TransportRule', 'Failed rule', '2026-11-01T10:02:00Z', { appId: ATTACKER_APP_ID }), auditData: { ...record('New-TransportRule', 'Failed rule', '2026-11-01T10:02:00Z', { appId: ATTACKER_APP_ID }).auditData, ResultStatus: 'False' } },
      record('New-TransportRule', 'Mine', '2026-11-01T10:03:00Z', { appId: ATTACKER_APP_ID }),
    ];
    assert.deepEqual(exchangeEntries(mixed, ATTACKER_APP_ID).map((e) => e.what), ["created transport rule 'Mine'"]);
  });

  it('takes a record as the app\'s by AppId, ClientAppId, or UserId for an application, and tells a user acting through it', () => {
    const byClient = record('Set-TransportRule', 'R', '2026-11-01T10:00:00Z', { user: 'adele@contoso.onmicrosoft.com' });
    byClient.auditData.ClientAppId = ATTACKER_APP_ID.toUpperCase();
    byClient.auditData.ClientIP = '192.0.2.44';
    assert.ok(isByApp(byClient, ATTACKER_APP_ID));
    const byUserId = record('New-TransportRule', 'R', '2026-11-01T10:00:00Z', { appId: ATTACKER_APP_ID });
    delete byUserId.auditData.AppId;
    assert.ok(isByApp(byUserId, ATTACKER_APP_ID));
    assert.ok(!isByApp(record('New-TransportRule', 'R', '2026-11-01T10:00:00Z', { user: ATTACKER_APP_ID }), ATTACKER_APP_ID));
    const [entry] = exchangeEntries([byClient], ATTACKER_APP_ID);
    assert.deepEqual(entry.actor, { kind: 'user', name: 'adele@contoso.onmicrosoft.com', userPrincipalName: 'adele@contoso.onmicrosoft.com', ip: '192.0.2.44' });
    assert.deepEqual(exchangeEntries([byUserId], ATTACKER_APP_ID)[0].actor.kind, 'app');
  });

  it('does not group two changes, nor like changes further apart than the burst gap', () => {
    const spaced = ['01', '02', '03'].map((n, i) => record('New-TransportRule', `Rule ${n}`, `2026-11-01T1${i}:00:00Z`, { appId: ATTACKER_APP_ID }));
    assert.equal(exchangeEntries(spaced, ATTACKER_APP_ID).length, 3);
    const pair = spaced.slice(0, 2).map((r, i) => ({ ...r, createdDateTime: `2026-11-01T10:0${i}:00Z` }));
    assert.equal(exchangeEntries(pair, ATTACKER_APP_ID).length, 2);
  });

  it('is empty when both sources are, and holds only the other when one is', () => {
    assert.deepEqual(buildTimeline([], []), []);
    assert.deepEqual(exchangeEntries([], ATTACKER_APP_ID), []);
    assert.deepEqual(directoryEntries([], ATTACKER), []);
    const onlyDirectory = buildTimeline(directoryEntries(audits, ATTACKER), []);
    assert.ok(onlyDirectory.length > 0 && onlyDirectory.every((e) => e.source === 'directory'));
  });

  it('puts a directory event before an Exchange change at the same instant', () => {
    const when = '2026-11-01T10:00:00Z';
    const exchange = exchangeEntries([record('New-InboundConnector', 'C', when, { appId: ATTACKER_APP_ID })], ATTACKER_APP_ID);
    const directory = [{ ...directoryEntries(audits, ATTACKER)[0], at: new Date(when).getTime() }];
    assert.deepEqual(buildTimeline(exchange, directory).map((e) => e.source), ['directory', 'exchange']);
  });

  it('tells an event done by the app itself as the app\'s', () => {
    const event: DirectoryAudit = {
      id: 'self-1',
      activityDateTime: '2026-11-01T10:00:00Z',
      activityDisplayName: 'Add service principal credentials',
      initiatedBy: { app: { appId: ATTACKER_APP_ID, displayName: 'Mail Sync' } },
      targetResources: [{ id: ATTACKER.servicePrincipalId, type: 'ServicePrincipal', modifiedProperties: [] }],
    };
    const [entry] = directoryEntries([event], ATTACKER);
    assert.equal(entry.actor.kind, 'app');
    assert.equal(entry.what, 'added a credential to the service principal');
  });
});
