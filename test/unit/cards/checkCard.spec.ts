import assert from 'node:assert/strict';
import { checkCard, type AdaptiveCard } from '../../../cards/render';

function card(body: unknown[], version = '1.5'): AdaptiveCard {
  return { type: 'AdaptiveCard', version, body };
}

const detailsButton = { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Details', verb: 'showApp', data: { appId: 'a' } }] };

function textRun(text: string) {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text }] };
}

describe('checkCard', () => {
  it('finds nothing wrong with a card of template words, TextRuns and verbed actions', () => {
    assert.deepEqual(checkCard(card([{ type: 'TextBlock', text: 'Risky apps' }, textRun('[Open](https://evil.example)'), detailsButton])), []);
  });

  it('reports an Action.Execute without a verb', () => {
    const problems = checkCard(card([{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Details' }] }]));

    assert.equal(problems.length, 1);
    assert.match(problems[0], /Action\.Execute has no verb/);
  });

  it('reports an Action.Execute with an empty verb, wherever it is', () => {
    const selectable = { type: 'Container', items: [], selectAction: { type: 'Action.Execute', verb: ' ' } };

    assert.match(checkCard(card([selectable])).join('\n'), /body\[0\]\.selectAction: Action\.Execute has no verb/);
  });

  it('reports a card version above 1.5', () => {
    assert.match(checkCard(card([], '1.6')).join('\n'), /version 1\.6 is above 1\.5/);
  });

  it('accepts versions up to 1.5', () => {
    assert.deepEqual(checkCard(card([], '1.2')), []);
  });

  it('reports a template expression left in the card', () => {
    assert.match(checkCard(card([textRun('Owner: ${owner}')])).join('\n'), /\$\{owner\} was left unexpanded/);
  });

  it('reports view text in a TextBlock', () => {
    const problems = checkCard(card([{ type: 'TextBlock', text: '[Open](https://evil.example)' }]));

    assert.match(problems.join('\n'), /body\[0\]\.text: .* is not template text/);
  });

  it('reports view text in a FactSet', () => {
    const problems = checkCard(card([{ type: 'FactSet', facts: [{ title: 'Publisher', value: '**Microsoft**' }] }]));

    assert.match(problems.join('\n'), /body\[0\]\.facts\[0\]\.value: .* is not template text/);
  });

  it('reports view text in an action title', () => {
    const problems = checkCard(card([{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Open [app](https://evil.example)', verb: 'showApp' }] }]));

    assert.match(problems.join('\n'), /actions\[0\]\.title: .* is not template text/);
  });
});
