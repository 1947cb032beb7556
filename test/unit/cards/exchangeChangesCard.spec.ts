import assert from 'node:assert/strict';
import { CardCheckError, exchangeChangesCard, type AdaptiveCard } from '../../../cards/render';
import type { ExchangeActionView, ExchangeChangesView, ExchangeObjectView } from '../../../cards/views';
import { elementsOfType, readableLines, textRuns } from './cardText';
import { emptyExchangeChanges, typicalExchangeChanges } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

const NOTHING_FOUND = 'No change was found in this window.';

function withObjects(objects: ExchangeObjectView[]): ExchangeChangesView {
  return { ...typicalExchangeChanges(), objects };
}

// The text in a table cell, and its font when a TextRun sets one.
function textOf(cell: unknown): { text: string; fontType?: unknown } {
  const wrapped: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [cell] };
  const [run] = elementsOfType(wrapped, 'TextRun');
  const text = readableLines(wrapped).join('');
  return run?.fontType === undefined ? { text } : { text, fontType: run.fontType };
}

function actionsOf(view: ExchangeChangesView) {
  return elementsOfType(exchangeChangesCard(view), 'Action.Execute').map((action) => ({
    title: action.title,
    verb: action.verb,
    data: action.data,
  }));
}

describe('exchange changes card', () => {
  it('is a valid Adaptive Card 1.5 for typical data, operation table included', () => {
    const card = exchangeChangesCard(typicalExchangeChanges());

    assertValidCard(card);
    assert.equal(elementsOfType(card, 'Table').length, 1);
  });

  it('shows the title, tenant, time, window, summary and freshness under one another', () => {
    const view = typicalExchangeChanges();
    const lines = readableLines(exchangeChangesCard(view));

    assert.deepEqual(lines.slice(0, 4), ['New connectors', 'Contoso · 2025-11-20 10:00 UTC · last 30 days', view.summary, view.freshness]);
  });

  it('shows the title from the view as a large bold run', () => {
    const [title] = elementsOfType(exchangeChangesCard({ ...typicalExchangeChanges(), title: 'Transport rules' }), 'TextRun');

    assert.deepEqual({ text: title.text, size: title.size, weight: title.weight }, { text: 'Transport rules', size: 'Large', weight: 'Bolder' });
  });

  it('shows an audit warning in attention colour above the summary', () => {
    const view = { ...typicalExchangeChanges(), auditWarning: 'Audit logging is off: an empty history proves nothing.' };
    const card = exchangeChangesCard(view);

    assertValidCard(card);
    assert.equal(textRuns(card).find((run) => run.text === view.auditWarning)?.color, 'Attention');
    const lines = readableLines(card);
    assert.ok(lines.indexOf(view.auditWarning) < lines.indexOf(view.summary));
  });

  it('has no warning when audit logging is on: only risk badges are in attention colour', () => {
    const card = exchangeChangesCard(typicalExchangeChanges());

    assert.deepEqual(
      textRuns(card).filter((run) => run.color === 'Attention').map((run) => run.text),
      ['HIGH ', 'CRITICAL '],
    );
    assert.deepEqual(elementsOfType(card, 'Container').filter((container) => container.style === 'attention'), []);
  });

  it('shows each source problem in warning colour', () => {
    const problems = ['Audit log query failed: the service did not answer in time.', 'Transport rules could not be read: 403.'];
    const runs = textRuns(exchangeChangesCard({ ...typicalExchangeChanges(), sourceProblems: problems }));

    assert.deepEqual(
      problems.map((problem) => runs.find((run) => run.text === problem)?.color),
      ['Warning', 'Warning'],
    );
  });

  it('counts audit records by operation in a two-column table with monospace operation names', () => {
    const view = typicalExchangeChanges();
    const [table] = elementsOfType(exchangeChangesCard(view), 'Table');
    const rows = (table.rows as { cells: unknown[] }[]).map((row) => row.cells.map((cell) => textOf(cell)));

    assert.deepEqual(rows, [
      [{ text: 'Operation' }, { text: 'Count' }],
      ...view.operationCounts.map(({ operation, count }) => [{ text: operation, fontType: 'Monospace' }, { text: String(count) }]),
    ]);
  });

  it('has no operation table when no audit record was found', () => {
    assert.deepEqual(elementsOfType(exchangeChangesCard({ ...typicalExchangeChanges(), operationCounts: [] }), 'Table'), []);
  });

  it('shows a burst with its risk, summary, actor, status, names and findings', () => {
    const [burst] = typicalExchangeChanges().bursts;
    const lines = readableLines(exchangeChangesCard(typicalExchangeChanges()));

    assert.ok(lines.includes('Bursts'));
    for (const line of [
      `HIGH ${burst.summary}`,
      `By ${burst.actor} · ${burst.status}`,
      burst.names,
      `${burst.findings[0].title}: ${burst.findings[0].detail}`,
    ]) {
      assert.ok(lines.includes(line), `missing "${line}"`);
    }
  });

  it('has no Bursts section when there is no burst', () => {
    const lines = readableLines(exchangeChangesCard({ ...typicalExchangeChanges(), bursts: [] }));

    assert.ok(!lines.includes('Bursts'));
  });

  it('shows a removed connector with its kind, status, settings, findings and events', () => {
    const [removed] = typicalExchangeChanges().objects;
    const lines = readableLines(exchangeChangesCard(typicalExchangeChanges()));

    for (const line of [
      `CRITICAL ${removed.name} · ${removed.kind}`,
      removed.status,
      removed.settings,
      ...removed.findings.map((finding) => `${finding.title}: ${finding.detail}`),
      ...removed.events.map((event) => `${event.when} · ${event.operation} · ${event.actor}`),
    ]) {
      assert.ok(lines.includes(line), `missing "${line}"`);
    }
  });

  it('shows the time of each event in monospace', () => {
    const view = typicalExchangeChanges();
    const runs = elementsOfType(exchangeChangesCard(view), 'TextRun');
    const times = view.objects.flatMap((object) => object.events.map((event) => event.when));

    for (const time of times) assert.equal(runs.find((run) => run.text === time)?.fontType, 'Monospace');
  });

  it('says how many more changes an object has only when some were left out', () => {
    const view = typicalExchangeChanges();
    view.objects[0].moreEvents = 5;
    view.objects[1].moreEvents = 1;
    const lines = readableLines(exchangeChangesCard(view));

    assert.deepEqual(
      lines.filter((line) => line.startsWith('+')),
      ['+5 more changes', '+1 more change'],
    );
  });

  it('gives a connector that still exists a Disable and a Remove button carrying its verb, kind and target', () => {
    const view = typicalExchangeChanges();

    assert.deepEqual(actionsOf(view), [
      { title: 'Disable', verb: 'disableConnector', data: { kind: 'inboundConnector', target: 'Fabrikam Secure Mail' } },
      { title: 'Remove', verb: 'removeConnector', data: { kind: 'inboundConnector', target: 'Fabrikam Secure Mail' } },
    ]);
  });

  it('gives an object without actions no buttons at all', () => {
    const [removed] = typicalExchangeChanges().objects;
    const card = exchangeChangesCard(withObjects([removed]));

    assert.deepEqual(elementsOfType(card, 'ActionSet'), []);
  });

  it('shows only the buttons the view offers', () => {
    const partner = typicalExchangeChanges().objects[1];
    const removeOnly = { ...partner, actions: partner.actions.filter((action) => action.title === 'Remove') };

    assert.deepEqual(
      actionsOf(withObjects([removeOnly])).map((action) => action.title),
      ['Remove'],
    );
  });

  it('never shows a button whose title is not Disable or Remove', () => {
    const partner = typicalExchangeChanges().objects[1];
    const odd: ExchangeActionView = { ...partner.actions[0], title: '[Approve](https://evil.example)' as ExchangeActionView['title'] };
    const card = exchangeChangesCard(withObjects([{ ...partner, actions: [odd] }]));

    assertValidCard(card);
    assert.deepEqual(elementsOfType(card, 'ActionSet'), []);
  });

  it('colours critical and high risk as attention, medium as warning and low as default', () => {
    const [removed] = typicalExchangeChanges().objects;
    const objects = (['critical', 'high', 'medium', 'low'] as const).map((riskLevel) => ({ ...removed, riskLevel }));
    const runs = textRuns(exchangeChangesCard(withObjects(objects)));

    const colours = ['CRITICAL ', 'HIGH ', 'MEDIUM ', 'LOW '].map((badge) => runs.filter((run) => run.text === badge).map((run) => run.color));
    assert.deepEqual(colours, [['Attention'], ['Attention', 'Attention'], ['Warning'], ['Default']]);
  });

  it('shows no risk badge on a legitimate object', () => {
    const partner = typicalExchangeChanges().objects[1];
    const card = exchangeChangesCard({ ...withObjects([partner]), bursts: [] });

    assert.ok(readableLines(card).includes(`${partner.name} · ${partner.kind}`));
    assert.ok(!textRuns(card).some((run) => /^(NONE|OK) $/.test(run.text) || run.color === 'Attention' || run.color === 'Warning'));
  });

  it('says how many objects were not shown and how to see them', () => {
    const lines = readableLines(exchangeChangesCard({ ...typicalExchangeChanges(), notShown: 14 }));

    assert.ok(lines.includes('14 more not shown. Narrow the window to see them.'));
  });

  it('has no "not shown" line when every object is shown', () => {
    assert.ok(!readableLines(exchangeChangesCard(typicalExchangeChanges())).some((line) => line.includes('not shown')));
  });

  it('says plainly that no change was found when there is none', () => {
    const card = exchangeChangesCard(emptyExchangeChanges());

    assertValidCard(card);
    assert.ok(readableLines(card).includes(NOTHING_FOUND));
    assert.deepEqual(elementsOfType(card, 'Action.Execute'), []);
    assert.deepEqual(elementsOfType(card, 'Table'), []);
  });

  it('does not claim there is nothing when only bursts or left-out objects were found', () => {
    const onlyBursts = { ...emptyExchangeChanges(), bursts: typicalExchangeChanges().bursts };
    const onlyLeftOut = { ...emptyExchangeChanges(), notShown: 3 };

    assert.ok(!readableLines(exchangeChangesCard(onlyBursts)).includes(NOTHING_FOUND));
    assert.ok(!readableLines(exchangeChangesCard(onlyLeftOut)).includes(NOTHING_FOUND));
  });

  it('refuses to render a view with a missing field instead of showing the raw expression', () => {
    const view = { ...typicalExchangeChanges(), window: undefined } as unknown as ExchangeChangesView;

    assert.throws(
      () => exchangeChangesCard(view),
      (error: unknown) => error instanceof CardCheckError && /\$\{window\} was left unexpanded/.test(error.message),
    );
  });
});
