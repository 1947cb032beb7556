import assert from 'node:assert/strict';
import { appChoiceCard, cardAttachment, errorCard, helpCard } from '../../../cards/render';
import { elementsOfType, readableLines } from './cardText';
import { typicalAppChoice, typicalError, typicalHelp } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

describe('help card', () => {
  it('is a valid Adaptive Card 1.5 listing each command with its description', () => {
    const view = typicalHelp();
    const card = helpCard(view);

    assertValidCard(card);
    const lines = readableLines(card);
    assert.ok(lines.includes(view.intro));
    for (const { command, description } of view.commands) assert.ok(lines.includes(`${command} — ${description}`));
  });

  it('is a valid Adaptive Card 1.5 without commands', () => {
    assertValidCard(helpCard({ ...typicalHelp(), commands: [] }));
  });
});

describe('error card', () => {
  it('is a valid Adaptive Card 1.5 with the message and the reference for support', () => {
    const card = errorCard(typicalError());

    assertValidCard(card);
    assert.deepEqual(readableLines(card), [
      'The directory did not answer in time. Try again in a minute.',
      'Reference: c0ffee00-1234-4abc-8def-000000000042',
    ]);
  });
});

describe('app choice card', () => {
  it('is a valid Adaptive Card 1.5 saying several apps match the query', () => {
    const card = appChoiceCard(typicalAppChoice());

    assertValidCard(card);
    assert.equal(readableLines(card)[0], "Several apps match 'mail'");
  });

  it('gives each match a Details button that sends verb showApp with its appId', () => {
    const view = typicalAppChoice();
    const actions = elementsOfType(appChoiceCard(view), 'Action.Execute');

    assert.deepEqual(
      actions.map((action) => ({ title: action.title, verb: action.verb, data: action.data })),
      view.matches.map((match) => ({ title: 'Details', verb: 'showApp', data: { appId: match.appId } })),
    );
  });

  it('shows the appId of each match so apps with the same name can be told apart', () => {
    const view = typicalAppChoice();
    const lines = readableLines(appChoiceCard(view));

    for (const match of view.matches) assert.ok(lines.includes(`${match.origin} · ${match.appId}`));
  });

  it('is a valid Adaptive Card 1.5 saying no app matches when there are no matches', () => {
    const card = appChoiceCard({ query: 'nothing', matches: [] });

    assertValidCard(card);
    assert.deepEqual(readableLines(card), ["No app matches 'nothing'"]);
  });
});

describe('card attachment', () => {
  it('wraps a card as a Bot Framework Adaptive Card attachment', () => {
    const card = errorCard(typicalError());

    assert.deepEqual(cardAttachment(card), { contentType: 'application/vnd.microsoft.card.adaptive', content: card });
  });
});
