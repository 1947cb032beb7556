import assert from 'node:assert/strict';
import { CardCheckError, riskyAppsCard } from '../../../cards/render';
import type { RiskLevel, RiskyAppsView } from '../../../cards/views';
import { elementsOfType, readableLines, textRuns } from './cardText';
import { emptyRiskyApps, typicalRiskyApps } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

describe('risky apps card', () => {
  it('is a valid Adaptive Card 1.5 for typical data', () => {
    assertValidCard(riskyAppsCard(typicalRiskyApps()));
  });

  it('shows the tenant, the time and the summary under the heading', () => {
    const lines = readableLines(riskyAppsCard(typicalRiskyApps()));

    assert.deepEqual(lines.slice(0, 3), [
      'Risky apps',
      'Contoso · 2025-11-20 10:00 UTC',
      '4 of 212 service principals hold high-impact access.',
    ]);
  });

  it('says plainly that no service principal holds high-impact access when the list is empty', () => {
    const card = riskyAppsCard(emptyRiskyApps());

    assertValidCard(card);
    assert.ok(readableLines(card).includes('No service principal holds high-impact access.'));
    assert.equal(elementsOfType(card, 'Action.Execute').length, 0);
  });

  it('does not claim there is nothing when apps were left out of an empty list', () => {
    const card = riskyAppsCard({ ...emptyRiskyApps(), notShown: 2 });

    assert.ok(!readableLines(card).includes('No service principal holds high-impact access.'));
    assert.ok(readableLines(card).some((line) => line.startsWith('2 lower-risk apps are not shown.')));
  });

  it('gives every app a Details button that sends verb showApp with its appId', () => {
    const view = typicalRiskyApps();
    const actions = elementsOfType(riskyAppsCard(view), 'Action.Execute').filter((action) => action.title === 'Details');

    assert.deepEqual(
      actions.map((action) => ({ title: action.title, verb: action.verb, data: action.data })),
      view.apps.map((app) => ({ title: 'Details', verb: 'showApp', data: { appId: app.appId } })),
    );
  });

  it('gives every app a destructive Contain button that asks for remediation with only the kind and its appId', () => {
    const view = typicalRiskyApps();
    const actions = elementsOfType(riskyAppsCard(view), 'Action.Execute').filter((action) => action.title === 'Contain');

    assert.deepEqual(
      actions,
      view.apps.map((app) => ({
        type: 'Action.Execute',
        title: 'Contain',
        verb: 'requestRemediation',
        data: { kind: 'contain', target: app.appId },
        style: 'destructive',
      })),
    );
  });

  it('puts Contain beside Details in each app row', () => {
    const actionSets = elementsOfType(riskyAppsCard(typicalRiskyApps()), 'ActionSet');

    assert.deepEqual(
      actionSets.map((set) => (set.actions as { title: string }[]).map((action) => action.title)),
      typicalRiskyApps().apps.map(() => ['Details', 'Contain']),
    );
  });

  it('colours critical and high risk as attention, medium as warning and low as default', () => {
    const levels: RiskLevel[] = ['critical', 'high', 'medium', 'low'];
    const runs = textRuns(riskyAppsCard(typicalRiskyApps()));

    const colours = levels.map((level) => runs.find((run) => run.text === `${level.toUpperCase()} `)?.color);
    assert.deepEqual(colours, ['Attention', 'Attention', 'Warning', 'Default']);
  });

  it('shows each reason title with its detail', () => {
    const lines = readableLines(riskyAppsCard(typicalRiskyApps()));

    assert.ok(lines.includes('Holds Global Administrator: Assigned directly on 2025-11-18 14:05 UTC.'));
  });

  it('adds a "+N more reasons" line only to apps with more reasons than shown', () => {
    const view = typicalRiskyApps();
    view.apps[1].moreReasons = 1;
    const lines = readableLines(riskyAppsCard(view));

    assert.deepEqual(
      lines.filter((line) => line.startsWith('+')),
      ['+2 more reasons', '+1 more reason'],
    );
  });

  it('says how many lower-risk apps were not shown and how to see one', () => {
    const lines = readableLines(riskyAppsCard({ ...typicalRiskyApps(), notShown: 3 }));

    assert.ok(lines.includes('3 lower-risk apps are not shown. Send "show app NAME" to see one.'));
  });

  it('has no "not shown" line when every app is shown', () => {
    const lines = readableLines(riskyAppsCard(typicalRiskyApps()));

    assert.ok(!lines.some((line) => line.includes('not shown')));
  });

  it('refuses to render a view with a missing field instead of showing the raw expression', () => {
    const view = { ...typicalRiskyApps(), tenantName: undefined } as unknown as RiskyAppsView;

    assert.throws(
      () => riskyAppsCard(view),
      (error: unknown) => error instanceof CardCheckError && /\$\{tenantName\} was left unexpanded/.test(error.message),
    );
  });
});
