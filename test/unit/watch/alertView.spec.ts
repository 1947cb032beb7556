import assert from 'node:assert/strict';
import { watchAlertCard } from '../../../cards/render';
import { directoryAlertView, groupBursts } from '../../../bot/views/watch';
import type { DirectoryChange } from '../../../services/watch/directoryAlerts';

const APP = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';

function record(minute: number, name: string, operation = 'New-TransportRule', actor = `app ${APP}`): DirectoryChange {
  return {
    eventId: `exchange:${name}:${minute}`,
    when: new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString(),
    kind: 'exchangeChange',
    appId: APP,
    appName: name,
    detail: `${operation} '${name}' by ${actor}.`,
    actor,
    operation,
  };
}

describe('watch alert card', () => {
  it('shows a burst of rules created by one app as one line, and other changes as their own', () => {
    const rules = Array.from({ length: 12 }, (_, i) => record(i, `[Open](https://x.example) ${i}`));
    const connector = record(3, 'Partner relay', 'New-InboundConnector');
    const lines = groupBursts([...rules, connector]);
    assert.equal(lines.length, 2);
    assert.equal(lines[0].headline, 'Connector or transport rule change found in the audit log: a burst of 12 × New-TransportRule');
    assert.equal(lines[0].detail, "12 × New-TransportRule ('[Open](https://x.example) 0', '[Open](https://x.example) 1', '[Open](https://x.example) 2' and 9 more) between 2026-11-20 09:00 and 2026-11-20 09:11 UTC.");
    assert.equal(lines[0].appId, APP);
    assert.equal(lines[1].detail, "New-InboundConnector 'Partner relay' by app " + APP + '.');
    const card = watchAlertCard(directoryAlertView({ id: 'a', createdAt: '2026-11-20T09:15:00Z', status: 'sending', changes: [], directory: [...rules, connector], deliveredTo: [] }, 'Contoso'));
    // Rendering runs the card checks (hostile names only in TextRuns); the burst is one line on it.
    assert.equal((JSON.stringify(card).match(/a burst of 12/g) ?? []).length, 1);
  });

  it('two changes, or changes more than ten minutes apart, stay separate lines', () => {
    assert.equal(groupBursts([record(0, 'A'), record(1, 'B')]).length, 2);
    assert.equal(groupBursts([record(0, 'A'), record(15, 'B'), record(30, 'C')]).length, 3);
    assert.equal(groupBursts([record(0, 'A'), record(1, 'B'), record(2, 'C', 'New-TransportRule', 'megan@contoso.com')]).length, 3);
  });
});
