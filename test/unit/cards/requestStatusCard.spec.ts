import assert from 'node:assert/strict';
import { CardCheckError, requestStatusCard } from '../../../cards/render';
import type { RequestView } from '../../../cards/views';
import { elementsOfType, readableLines, textRuns } from './cardText';
import { failedRequest, pendingRequest, rejectedRequest } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

const STATUSES = ['pending', 'approved', 'executing', 'succeeded', 'failed', 'rejected', 'expired'];

function withStatus(status: string): RequestView {
  return { ...pendingRequest(), status, canDecide: status === 'pending' };
}

function badgeOf(view: RequestView): { text: string; color?: unknown } {
  return textRuns(requestStatusCard(view))[1];
}

function headings(view: RequestView): string[] {
  return elementsOfType(requestStatusCard(view), 'TextBlock').map((block) => String(block.text));
}

describe('request status card', () => {
  for (const status of STATUSES) {
    it(`is a valid Adaptive Card 1.5 for a ${status} request`, () => {
      assertValidCard(requestStatusCard(withStatus(status)));
    });
  }

  it('shows the title from the view as a large bold run, first', () => {
    const [title] = elementsOfType(requestStatusCard(pendingRequest()), 'TextRun');

    assert.deepEqual({ text: title.text, size: title.size, weight: title.weight }, { text: 'Contain Contoso Mail Sync', size: 'Large', weight: 'Bolder' });
  });

  it('shows a status badge with the word and colour of each status', () => {
    assert.deepEqual(
      STATUSES.map((status) => badgeOf(withStatus(status))),
      [
        { text: 'AWAITING APPROVAL', color: 'Warning' },
        { text: 'APPROVED', color: 'Accent' },
        { text: 'EXECUTING', color: 'Accent' },
        { text: 'DONE', color: 'Good' },
        { text: 'FAILED', color: 'Attention' },
        { text: 'REJECTED', color: 'Default' },
        { text: 'EXPIRED', color: 'Default' },
      ],
    );
  });

  it('shows a status it does not know in capitals rather than hiding it', () => {
    assert.deepEqual(badgeOf(withStatus('cancelled')), { text: 'CANCELLED', color: 'Default' });
  });

  it('shows the status line, the target and why, with each evidence line', () => {
    const view = pendingRequest();
    const lines = readableLines(requestStatusCard(view));

    for (const line of [view.statusLine, `Target ${view.targetSummary}`, 'Why', ...view.evidence]) {
      assert.ok(lines.includes(line), `missing "${line}"`);
    }
  });

  it('says what will change before execution, without outcomes', () => {
    const view = pendingRequest();
    const lines = readableLines(requestStatusCard(view));

    assert.ok(headings(view).includes('What will change'));
    for (const step of view.steps) assert.ok(lines.includes(step.description), `missing "${step.description}"`);
    assert.ok(!lines.some((line) => line.includes(' — ')));
  });

  it('says what will change once approved and not yet executing', () => {
    assert.ok(headings(withStatus('approved')).includes('What will change'));
  });

  it('says what changed once executing, succeeded or failed', () => {
    for (const status of ['executing', 'succeeded', 'failed']) {
      const shown = headings(withStatus(status));
      assert.ok(shown.includes('What changed'), status);
      assert.ok(!shown.includes('What will change'), status);
    }
  });

  it('says what would have changed for a rejected or expired request', () => {
    for (const status of ['rejected', 'expired']) {
      const shown = headings(withStatus(status));
      assert.ok(shown.includes('What would have changed'), status);
      assert.ok(!shown.includes('What will change') && !shown.includes('What changed'), status);
    }
  });

  it('shows the outcome of each step after execution, a failed one in attention colour', () => {
    const view = failedRequest();
    const card = requestStatusCard(view);
    const lines = readableLines(card);

    for (const step of view.steps) assert.ok(lines.includes(`${step.description} — ${step.outcome}`), `missing outcome of "${step.description}"`);
    const outcomes = textRuns(card).filter((run) => run.text.startsWith(' — '));
    assert.deepEqual(
      outcomes.map((run) => run.color),
      ['Default', 'Default', 'Attention'],
    );
  });

  it('shows each caveat as a subtle line', () => {
    const view = pendingRequest();
    const runs = elementsOfType(requestStatusCard(view), 'TextRun');

    for (const caveat of view.caveats) assert.equal(runs.find((run) => run.text === caveat)?.isSubtle, true);
  });

  it('leaves out Why and the steps heading when there is no evidence and no step', () => {
    const card = requestStatusCard({ ...pendingRequest(), evidence: [], steps: [], caveats: [] });

    assertValidCard(card);
    assert.deepEqual(
      elementsOfType(card, 'TextBlock').map((block) => block.text),
      [],
    );
  });

  it('shows who asked and when, and when a pending request expires', () => {
    const view = pendingRequest();
    const lines = readableLines(requestStatusCard(view));

    assert.ok(lines.includes(`Requested by ${view.requester} · ${view.requestedAt}`));
    assert.ok(lines.includes(`Expires ${view.expiresAt}`));
  });

  it('does not show an expiry once the request is decided', () => {
    for (const view of [failedRequest(), rejectedRequest(), withStatus('approved')]) {
      assert.ok(!readableLines(requestStatusCard(view)).some((line) => line.startsWith('Expires')), view.status);
    }
  });

  it('shows who approved and when', () => {
    const view = failedRequest();

    assert.ok(readableLines(requestStatusCard(view)).includes(`Approved by ${view.approver} · ${view.decidedAt}`));
  });

  it('shows who rejected, when, and why', () => {
    const view = rejectedRequest();
    const lines = readableLines(requestStatusCard(view));

    assert.ok(lines.includes(`Rejected by ${view.approver} · ${view.decidedAt}`));
    assert.ok(lines.includes(`Reason ${view.rejectReason}`));
  });

  it('shows when an expired request was closed even without an approver', () => {
    const lines = readableLines(requestStatusCard({ ...withStatus('expired'), decidedAt: '2025-11-21 10:05 UTC' }));

    assert.ok(lines.includes('Decided 2025-11-21 10:05 UTC'));
  });

  it('has no decision or reason line while pending', () => {
    const lines = readableLines(requestStatusCard(pendingRequest()));

    assert.ok(!lines.some((line) => /^(Approved by|Rejected by|Decided|Reason )/.test(line)));
  });

  it('shows a note for this viewer in warning colour when there is one', () => {
    const note = 'No approvals chat is set, so no approver has seen this request yet.';
    const card = requestStatusCard({ ...pendingRequest(), note });

    assert.equal(textRuns(card).find((run) => run.text === note)?.color, 'Warning');
  });

  it('has no warning-coloured text besides the badge when there is no note', () => {
    const runs = textRuns(requestStatusCard(pendingRequest()));

    assert.deepEqual(
      runs.filter((run) => run.color === 'Warning').map((run) => run.text),
      ['AWAITING APPROVAL'],
    );
  });

  it('ends with the request id in subtle monospace', () => {
    const view = pendingRequest();
    const lines = readableLines(requestStatusCard(view));
    const run = elementsOfType(requestStatusCard(view), 'TextRun').find((candidate) => candidate.text === view.requestId);

    assert.ok(lines.includes(`Request ${view.requestId}`));
    assert.deepEqual({ fontType: run?.fontType, isSubtle: run?.isSubtle }, { fontType: 'Monospace', isSubtle: true });
  });

  describe('for an approver', () => {
    // Single-line is Input.Text's default; the Adaptive Cards library drops an explicit "isMultiline": false on parse.
    it('has a single-line reason box of at most 500 characters with a fixed label', () => {
      const inputs = elementsOfType(requestStatusCard(pendingRequest()), 'Input.Text');

      assert.deepEqual(inputs, [{ type: 'Input.Text', id: 'reason', label: 'Reason (optional, for a rejection)', maxLength: 500 }]);
    });

    it('has Approve and Reject buttons that carry only their verb and the request id', () => {
      const view = pendingRequest();
      const actions = elementsOfType(requestStatusCard(view), 'Action.Execute');

      assert.deepEqual(actions, [
        { type: 'Action.Execute', title: 'Approve', verb: 'approveRequest', data: { requestId: view.requestId }, style: 'positive' },
        { type: 'Action.Execute', title: 'Reject', verb: 'rejectRequest', data: { requestId: view.requestId }, style: 'destructive' },
      ]);
    });
  });

  it('has no buttons and no reason box when the viewer cannot decide', () => {
    for (const view of [{ ...pendingRequest(), canDecide: false }, failedRequest(), rejectedRequest()]) {
      const card = requestStatusCard(view);

      assert.deepEqual(elementsOfType(card, 'Action.Execute'), [], view.status);
      assert.deepEqual(elementsOfType(card, 'ActionSet'), [], view.status);
      assert.deepEqual(elementsOfType(card, 'Input.Text'), [], view.status);
    }
  });

  it('refuses to render a view with a missing field instead of showing the raw expression', () => {
    const view = { ...pendingRequest(), targetSummary: undefined } as unknown as RequestView;

    assert.throws(
      () => requestStatusCard(view),
      (error: unknown) => error instanceof CardCheckError && /\$\{targetSummary\} was left unexpanded/.test(error.message),
    );
  });
});
