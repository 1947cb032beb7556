import assert from 'node:assert/strict';
import { CardCheckError, postureCard } from '../../../cards/render';
import type { PostureLineView, PostureView } from '../../../cards/views';
import { elementsOfType, readableLines, textRuns } from './cardText';
import { typicalPosture } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

function withLines(lines: PostureLineView[]): PostureView {
  return { ...typicalPosture(), lines };
}

function markerOf(state: string): { text: string; color?: unknown } {
  const [line] = typicalPosture().lines;
  const [marker] = textRuns(postureCard(withLines([{ ...line, state }]))).slice(2);
  return marker;
}

describe('posture card', () => {
  it('is a valid Adaptive Card 1.5 for typical data', () => {
    assertValidCard(postureCard(typicalPosture()));
  });

  it('shows the heading, then the tenant and the time', () => {
    const lines = readableLines(postureCard(typicalPosture()));

    assert.deepEqual(lines.slice(0, 2), ['Security posture', 'Contoso · 2026-11-20 09:00 UTC']);
  });

  it('marks each state with its fixed word and colour', () => {
    assert.deepEqual(
      ['ok', 'warning', 'attention', 'unknown'].map(markerOf),
      [
        { text: 'OK ', color: 'Good' },
        { text: 'CHECK ', color: 'Warning' },
        { text: 'ACT ', color: 'Attention' },
        { text: 'UNKNOWN ', color: 'Default' },
      ],
    );
  });

  it('shows a state it does not know in capitals, in default colour, rather than hiding it', () => {
    assert.deepEqual(markerOf('degraded'), { text: 'DEGRADED ', color: 'Default' });
  });

  it('shows each line as its marker, its topic in bold and its text, in the order given', () => {
    const view = typicalPosture();
    const card = postureCard(view);
    const lines = readableLines(card);
    const runs = elementsOfType(card, 'TextRun');

    assert.deepEqual(
      lines.filter((line) => !line.startsWith('Say: ')).slice(2),
      [
        'ACT Admin MFA: 1 of 7 admins has no MFA method registered.',
        'CHECK Risky admins: 1 admin is rated low risk by Entra ID.',
        "OK Security Defaults: Off, and Conditional Access 'Require MFA for administrators' is enabled.",
        'UNKNOWN Risky apps: The scan did not finish: Graph answered 503 twice.',
      ],
    );
    for (const line of view.lines) assert.equal(runs.find((run) => run.text === line.topic)?.weight, 'Bolder', line.topic);
  });

  it('says which command shows the detail, under its line, only when there is one', () => {
    const view = typicalPosture();
    const lines = readableLines(postureCard(view));

    assert.deepEqual(
      lines.filter((line) => line.startsWith('Say: ')),
      ['Say: admins without mfa', 'Say: risky admins', 'Say: list risky apps'],
    );
    assert.equal(lines[lines.indexOf('Say: admins without mfa') - 1], 'ACT Admin MFA: 1 of 7 admins has no MFA method registered.');
  });

  it('shows the command subtle and in monospace, after a subtle "Say: "', () => {
    const runs = elementsOfType(postureCard(typicalPosture()), 'TextRun');
    const say = runs.findIndex((run) => run.text === 'Say: ');

    assert.equal(runs[say].isSubtle, true);
    assert.deepEqual(
      { text: runs[say + 1].text, isSubtle: runs[say + 1].isSubtle, fontType: runs[say + 1].fontType },
      { text: 'admins without mfa', isSubtle: true, fontType: 'Monospace' },
    );
  });

  it('has no buttons', () => {
    assert.deepEqual(elementsOfType(postureCard(typicalPosture()), 'ActionSet'), []);
  });

  it('says that no check returned a result when there is no line', () => {
    const card = postureCard(withLines([]));

    assertValidCard(card);
    assert.deepEqual(readableLines(card), ['Security posture', 'Contoso · 2026-11-20 09:00 UTC', 'No check returned a result.']);
  });

  it('refuses to render a view with a missing field instead of showing the raw expression', () => {
    const [line] = typicalPosture().lines;
    const view = withLines([{ ...line, topic: undefined } as unknown as PostureLineView]);

    assert.throws(
      () => postureCard(view),
      (error: unknown) => error instanceof CardCheckError && /\$\{topic\} was left unexpanded/.test(error.message),
    );
  });
});
