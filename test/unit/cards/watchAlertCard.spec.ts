import assert from 'node:assert/strict';
import { watchAlertCard } from '../../../cards/render';
import type { WatchAlertView } from '../../../cards/views';
import { assertValidCard } from './validateWithAdaptiveCards';
import { elementsOfType, stringPlaces } from './cardText';

const HOSTILE = '[Open](https://evil.example) **Mail** ${secret}';

function view(appId: string): WatchAlertView {
  return {
    title: 'Watch alert: an app gained power or a new way in',
    tenantName: HOSTILE,
    generatedAt: '2026-11-20 09:00 UTC',
    events: [{ headline: 'High-impact application permission granted', detail: `The application permission RoleManagement.ReadWrite.Directory was granted to ${HOSTILE}.`, actor: `${HOSTILE}@contoso.com from 203.0.113.77`, when: '2026-11-20 08:59 UTC', appId }],
    notShown: 2,
  };
}

describe('watch alert card', () => {
  it('is a valid card whose hostile names appear only in TextRuns', () => {
    const card = watchAlertCard(view('ed79bf56-cf65-46ce-b4f3-55353fc3585a'));
    assertValidCard(card);
    const places = stringPlaces(card).filter((p) => p.text.includes('[Open](https://evil.example)'));
    assert.ok(places.length >= 3);
    for (const place of places) assert.equal(place.ownerType, 'TextRun', place.path);
  });

  it('offers Details and Contain for an app, carrying only its appId', () => {
    const buttons = elementsOfType(watchAlertCard(view('ed79bf56-cf65-46ce-b4f3-55353fc3585a')), 'Action.Execute');
    assert.deepEqual(buttons.map((b) => [b.title, b.verb, b.data]), [
      ['Details', 'showApp', { appId: 'ed79bf56-cf65-46ce-b4f3-55353fc3585a' }],
      ['Contain', 'requestRemediation', { kind: 'contain', target: 'ed79bf56-cf65-46ce-b4f3-55353fc3585a' }],
    ]);
  });

  it('has no buttons for an event that names no app', () => {
    const card = watchAlertCard(view(''));
    assertValidCard(card);
    assert.equal(elementsOfType(card, 'Action.Execute').length, 0);
  });
});
