import assert from 'node:assert/strict';
import { CardCheckError, pendingCard } from '../../../cards/render';
import type { PendingView } from '../../../cards/views';
import { elementsOfType, readableLines, textRuns } from './cardText';
import { typicalPending } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

const NOTHING_OPEN = 'No open remediation requests.';

describe('pending requests card', () => {
  it('is a valid Adaptive Card 1.5 for typical data', () => {
    assertValidCard(pendingCard(typicalPending()));
  });

  it('shows the heading and when the list was made', () => {
    const lines = readableLines(pendingCard(typicalPending()));

    assert.deepEqual(lines.slice(0, 2), ['Open remediation requests', '2025-11-20 10:30 UTC']);
  });

  it('shows each request with its status word, title, requester, times and id', () => {
    const lines = readableLines(pendingCard(typicalPending()));

    for (const line of [
      'AWAITING APPROVAL Contain Contoso Mail Sync',
      'Requested by secops-lead@contoso.onmicrosoft.com · 2025-11-20 10:05 UTC · expires 2025-11-21 10:05 UTC',
      'Request rq-2025-11-20-0001',
      'EXECUTING Remove Global Administrator from Fabrikam Backup',
      'Requested by secops-lead@contoso.onmicrosoft.com · 2025-11-20 10:07 UTC',
      'Request rq-2025-11-20-0002',
    ]) {
      assert.ok(lines.includes(line), `missing "${line}"`);
    }
  });

  it('shows the title in bold and the status word in its colour', () => {
    const runs = elementsOfType(pendingCard(typicalPending()), 'TextRun');

    assert.deepEqual(
      runs.filter((run) => run.weight === 'Bolder').map((run) => [run.text, run.color]),
      [
        ['AWAITING APPROVAL ', 'Warning'],
        ['Contain Contoso Mail Sync', undefined],
        ['EXECUTING ', 'Accent'],
        ['Remove Global Administrator from Fabrikam Backup', undefined],
      ],
    );
  });

  it('shows each request id in subtle monospace', () => {
    const view = typicalPending();
    const runs = elementsOfType(pendingCard(view), 'TextRun');

    for (const { requestId } of view.requests) {
      const run = runs.find((candidate) => candidate.text === requestId);
      assert.deepEqual({ fontType: run?.fontType, isSubtle: run?.isSubtle }, { fontType: 'Monospace', isSubtle: true });
    }
  });

  it('has no "nothing open" line when requests are open', () => {
    assert.ok(!readableLines(pendingCard(typicalPending())).includes(NOTHING_OPEN));
  });

  it('says plainly that nothing is open when the list is empty', () => {
    const card = pendingCard({ ...typicalPending(), requests: [] });

    assertValidCard(card);
    assert.deepEqual(readableLines(card), ['Open remediation requests', '2025-11-20 10:30 UTC', NOTHING_OPEN]);
  });

  it('has no buttons: a request is decided on its own card', () => {
    assert.deepEqual(elementsOfType(pendingCard(typicalPending()), 'Action.Execute'), []);
  });

  it('colours only the status words', () => {
    const runs = textRuns(pendingCard(typicalPending()));

    assert.deepEqual(
      runs.filter((run) => run.color !== undefined).map((run) => run.text),
      ['AWAITING APPROVAL ', 'EXECUTING '],
    );
  });

  it('refuses to render a view with a missing field instead of showing the raw expression', () => {
    const view = typicalPending();
    const broken = { ...view, requests: [{ ...view.requests[0], requester: undefined }] } as unknown as PendingView;

    assert.throws(
      () => pendingCard(broken),
      (error: unknown) => error instanceof CardCheckError && /\$\{requester\} was left unexpanded/.test(error.message),
    );
  });

  it('says how many older open requests were left out', () => {
    const lines = readableLines(pendingCard({ ...typicalPending(), notShown: 7 }));
    assert.ok(lines.some((line) => line.includes('7 older open request(s) not shown')));
    assert.ok(!readableLines(pendingCard(typicalPending())).some((line) => line.includes('not shown')));
  });
});
