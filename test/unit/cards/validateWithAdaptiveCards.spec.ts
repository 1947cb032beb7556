import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../../cards/render';
import { adaptiveCardsProblems } from './validateWithAdaptiveCards';

function card(body: unknown[], version = '1.5'): AdaptiveCard {
  return { type: 'AdaptiveCard', version, body };
}

describe('validating with the Adaptive Cards library', () => {
  it('accepts a well-formed 1.5 card with Teams width', () => {
    const valid = { ...card([{ type: 'TextBlock', text: 'Risky apps', wrap: true }]), msteams: { width: 'Full' } };

    assert.deepEqual(adaptiveCardsProblems(valid), []);
  });

  it('reports a version above 1.5', () => {
    assert.match(adaptiveCardsProblems(card([], '1.6')).join('\n'), /UnsupportedCardVersion/);
  });

  it('reports an unknown element type', () => {
    assert.match(adaptiveCardsProblems(card([{ type: 'Badge', text: 'HIGH' }])).join('\n'), /UnknownElementType/);
  });

  it('reports an invalid property value', () => {
    const problems = adaptiveCardsProblems(card([{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'x', color: 'Red' }] }]));

    assert.match(problems.join('\n'), /InvalidPropertyValue/);
  });

  it('reports a property the library does not know, such as a misspelling', () => {
    const problems = adaptiveCardsProblems(card([{ type: 'TextBlock', text: 'x', wieght: 'Bolder' }]));

    assert.deepEqual(problems, ['card.body[0].wieght: property unknown to Adaptive Cards 1.5 (dropped on parse)']);
  });
});
