import assert from 'node:assert/strict';
import { CardCheckError, auditCard } from '../../../cards/render';
import type { AuditView } from '../../../cards/views';
import { elementsOfType, readableLines } from './cardText';
import { typicalAudit } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

const EMPTY_PAGE = 'No audit entries on this page.';

function runWithText(view: AuditView, text: string) {
  return elementsOfType(auditCard(view), 'TextRun').find((run) => run.text === text);
}

describe('audit trail card', () => {
  it('is a valid Adaptive Card 1.5 for typical data', () => {
    assertValidCard(auditCard(typicalAudit()));
  });

  it('shows the heading, the state of the hash chain and the page number', () => {
    const lines = readableLines(auditCard(typicalAudit()));

    assert.deepEqual(lines.slice(0, 2), ['Audit trail', 'Hash chain intact from entry 1 to 42. · page 1']);
  });

  it('shows each entry with its number, time, event, actor and request, then its details', () => {
    const view = typicalAudit();
    const lines = readableLines(auditCard(view));

    for (const entry of view.entries) {
      const heading = `#${entry.seq} ${entry.time} ${entry.event} · ${entry.actor} · ${entry.requestId}`;
      assert.equal(lines[lines.indexOf(heading) + 1], entry.details, `missing "${heading}" followed by its details`);
    }
  });

  it('shows the time in monospace, the event in bold, and the request id and details subtle', () => {
    const view = typicalAudit();
    const [entry] = view.entries;

    assert.equal(runWithText(view, `${entry.time} `)?.fontType, 'Monospace');
    assert.equal(runWithText(view, entry.event)?.weight, 'Bolder');
    assert.equal(runWithText(view, ` · ${entry.requestId}`)?.isSubtle, true);
    assert.equal(runWithText(view, entry.details)?.isSubtle, true);
  });

  it('leaves out the actor, request and details of an entry that has none', () => {
    const view = typicalAudit();
    view.entries = [{ ...view.entries[0], actor: '', requestId: '', details: '' }];
    const card = auditCard(view);

    assertValidCard(card);
    const [entry] = view.entries;
    assert.deepEqual(readableLines(card).slice(2), [`#${entry.seq} ${entry.time} ${entry.event}`, 'Older entries: say audit page 2']);
  });

  it('tells how to see older entries', () => {
    const view = typicalAudit();
    const lines = readableLines(auditCard(view));

    assert.equal(lines.at(-1), 'Older entries: say audit page 2');
    assert.equal(runWithText(view, 'Older entries: say ')?.isSubtle, true);
  });

  it('has no "older entries" line on the last page', () => {
    const lines = readableLines(auditCard({ ...typicalAudit(), nextPageCommand: '' }));

    assert.ok(!lines.some((line) => line.startsWith('Older entries')));
  });

  it('says plainly that a page has no entries', () => {
    const card = auditCard({ ...typicalAudit(), page: 4, entries: [], nextPageCommand: '' });

    assertValidCard(card);
    assert.deepEqual(readableLines(card), ['Audit trail', 'Hash chain intact from entry 1 to 42. · page 4', EMPTY_PAGE]);
  });

  it('has no buttons', () => {
    assert.deepEqual(elementsOfType(auditCard(typicalAudit()), 'Action.Execute'), []);
  });

  it('refuses to render a view with a missing field instead of showing the raw expression', () => {
    const view = { ...typicalAudit(), chainStatus: undefined } as unknown as AuditView;

    assert.throws(
      () => auditCard(view),
      (error: unknown) => error instanceof CardCheckError && /\$\{chainStatus\} was left unexpanded/.test(error.message),
    );
  });
});
