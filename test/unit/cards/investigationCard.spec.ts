import assert from 'node:assert/strict';
import { cardBytes, MAX_CARD_BYTES } from '../../../cards/render';
import { investigationCardFor } from '../../../bot/commands/investigate';
import { assessApp } from '../../../services/detection/rules';
import type { AppEvidence } from '../../../services/apps/evidence';
import type { Investigation } from '../../../services/investigation/investigation';
import type { TimelineEntry } from '../../../services/investigation/timeline';
import { app, context, globalAdmin, manageAsApp, NOW, TENANT } from '../detection/evidence';
import { elementsOfType, readableLines, stringPlaces } from './cardText';
import { assertValidCard } from './validateWithAdaptiveCards';

const EVIL_HOST = 'evil.example';
const hostile = (field: string) => `[Open ${field}](https://${EVIL_HOST}/${field}) **urgent** <at>Global Admin</at>\nverified ✅ \${appId}`;

function attackerEvidence(displayName = 'Mail Sync'): AppEvidence {
  const base = app();
  return app({
    servicePrincipal: {
      ...base.servicePrincipal,
      displayName,
      passwordCredentials: [{ keyId: 'k1', displayName: hostile('secret'), startDateTime: '2026-10-24T02:16:42Z', endDateTime: '2028-10-24T02:16:42Z' }],
    },
    permissions: [manageAsApp()],
    roles: [globalAdmin()],
  });
}

function entry(minute: number, what: string, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    at: Date.UTC(2026, 9, 24, 2, 0) + minute * 60_000,
    source: 'directory',
    actor: { kind: 'user', name: 'Nestor Wilke', userPrincipalName: 'NestorW@contoso.onmicrosoft.com', ip: '203.0.113.77' },
    what,
    names: [],
    recordIds: [`r${minute}`],
    ...overrides,
  };
}

function investigation(timeline: TimelineEntry[], evidence = attackerEvidence()): Investigation {
  return { generatedAt: NOW, profile: { assessment: assessApp(evidence, context), resourceNames: new Map() }, timeline, problems: [] };
}

const appIdOf = (inv: Investigation) => inv.profile.assessment.app.servicePrincipal.appId as string;

describe('investigation card', () => {
  it('is a valid Adaptive Card 1.5 with the story in order and the app detail card\'s remediation buttons', () => {
    const inv = investigation([
      entry(0, "registered the app 'Mail Sync'"),
      entry(5, 'granted the application permission Exchange.ManageAsApp on Office 365 Exchange Online'),
      entry(10_000, 'created 12 transport rules within 11 minutes', { source: 'exchange', actor: { kind: 'app', name: '', ip: '203.0.113.140' }, names: ['Header cleanup 01', 'Header cleanup 02'] }),
    ]);
    const card = investigationCardFor(inv, TENANT);
    assertValidCard(card);
    const text = readableLines(card).join('\n');
    assert.match(text, /Nestor Wilke \(from 203\.0\.113\.77\) registered the app 'Mail Sync'[\s\S]*ManageAsApp[\s\S]*the app \(from 203\.0\.113\.140\) created 12 transport rules[\s\S]*Header cleanup 01, Header cleanup 02/);
    assert.match(text, /Current state[\s\S]*Sign-in enabled[\s\S]*Exchange\.ManageAsApp[\s\S]*Global Administrator/);
    const buttons = elementsOfType(card, 'Action.Execute').map((a) => ({ title: a.title, verb: a.verb, data: a.data }));
    const appId = appIdOf(inv);
    assert.deepEqual(buttons, [
      { title: 'Revoke', verb: 'requestRemediation', data: { kind: 'revokePermission', target: appId, item: 'assignment-Exchange.ManageAsApp' } },
      { title: 'Remove role', verb: 'requestRemediation', data: { kind: 'removeRole', target: appId, item: 'ra-62e90394-69f5-4237-9190-012177145e10' } },
      { title: 'Contain', verb: 'requestRemediation', data: { kind: 'contain', target: appId } },
      { title: 'Disable app', verb: 'requestRemediation', data: { kind: 'disableApp', target: appId } },
      { title: 'Remove credentials', verb: 'requestRemediation', data: { kind: 'removeCredentials', target: appId } },
    ]);
  });

  it('puts hostile app, actor, rule and credential names only in TextRuns, on one line each', () => {
    const inv = investigation(
      [
        entry(0, `registered the app '${hostile('app')}'`, { actor: { kind: 'user', name: hostile('actor'), ip: hostile('ip') } }),
        entry(60, `created 3 transport rules`, { source: 'exchange', names: [hostile('rule1'), hostile('rule2')], actor: { kind: 'otherApp', name: hostile('other') } }),
      ],
      attackerEvidence(hostile('displayName')),
    );
    inv.problems.push(hostile('problem'));
    const card = investigationCardFor(inv, TENANT);
    assertValidCard(card);
    const places = stringPlaces(card).filter((p) => p.text.includes(EVIL_HOST));
    assert.ok(places.length >= 6, `hostile text reaches the card: ${places.length}`);
    for (const place of places) {
      assert.equal(place.ownerType, 'TextRun', `${place.path} is in a ${place.ownerType}`);
      assert.doesNotMatch(place.text, /\n/);
      assert.doesNotMatch(place.text, /\$\{/);
    }
  });

  it('stays under 28 KB for a long history: the first entries, a count of those not shown, then the latest', () => {
    const long = 'Header-stripping rule with a long name '.repeat(4);
    const timeline = [
      entry(0, "registered the app 'Mail Sync'"),
      ...Array.from({ length: 400 }, (_, i) =>
        entry(100 + i * 30, `created 12 transport rules within 11 minutes`, {
          source: 'exchange',
          actor: { kind: 'app', name: '', ip: '203.0.113.140' },
          names: Array.from({ length: 12 }, (_, j) => `${long} ${i}-${j}`),
        }),
      ),
      entry(100_000, "created transport rule 'The last one'", { source: 'exchange', actor: { kind: 'app', name: '' } }),
    ];
    const card = investigationCardFor(investigation(timeline), TENANT);
    assertValidCard(card);
    assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
    const lines = readableLines(card);
    const text = lines.join('\n');
    assert.match(text, /registered the app 'Mail Sync'/);
    assert.match(text, /created transport rule 'The last one'/);
    const gap = lines.find((l) => /entries not shown here/.test(l));
    assert.ok(gap, 'says how many entries are not shown');
    const notShown = Number(/(\d+) entries/.exec(gap!)![1]);
    const shown = lines.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(l) && !l.includes('audits of the last')).length;
    assert.equal(shown + notShown, timeline.length);
    assert.ok(elementsOfType(card, 'Action.Execute').some((a) => a.title === 'Contain'));
  });

  it('says when nothing was found, and still offers Contain', () => {
    const card = investigationCardFor(investigation([]), TENANT);
    assertValidCard(card);
    assert.match(readableLines(card).join('\n'), /No audit record about this app was found/);
    assert.ok(elementsOfType(card, 'Action.Execute').some((a) => a.title === 'Contain'));
  });
});
