// Parses a card with the official Adaptive Cards library and fails on anything it reports,
// plus on our own checkCard problems. Usable from any test that produces a card.
import assert from 'node:assert/strict';
import type * as AdaptiveCards from 'adaptivecards';
import { AdaptiveCard, checkCard } from '../../../cards/render';

// The package's main entry is an ES module build that Node 20 cannot load with require(); the UMD
// bundle in dist/ is the same library. Parsing and validating never touch the DOM (only render()
// does), so no document stub is needed.
const AC: typeof AdaptiveCards = require('adaptivecards/dist/adaptivecards.js');

// Teams reads these; the library does not know them and drops them.
const TEAMS_ONLY_ROOT_PROPERTIES = new Set(['msteams']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The library ignores properties it does not know (a typo such as "wieght", or one newer than 1.5),
// so they are missing after a parse and toJSON round trip.
function droppedProperties(source: unknown, roundTripped: unknown, path: string): string[] {
  if (Array.isArray(source)) {
    const copies = Array.isArray(roundTripped) ? roundTripped : [];
    return source.flatMap((item, i) => droppedProperties(item, copies[i], `${path}[${i}]`));
  }
  if (!isObject(source)) return [];
  const copy = isObject(roundTripped) ? roundTripped : {};
  return Object.entries(source).flatMap(([key, value]) => {
    if (path === 'card' && TEAMS_ONLY_ROOT_PROPERTIES.has(key)) return [];
    if (Array.isArray(value) && value.length === 0) return [];
    if (!(key in copy)) return [`${path}.${key}: property unknown to Adaptive Cards 1.5 (dropped on parse)`];
    return droppedProperties(value, copy[key], `${path}.${key}`);
  });
}

export function adaptiveCardsProblems(card: AdaptiveCard): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.maxVersion = AC.Versions.v1_5;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);

  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validation: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const roundTripped = parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  return [...problems, ...droppedProperties(card, roundTripped, 'card')];
}

export function assertValidCard(card: AdaptiveCard): void {
  assert.deepEqual(adaptiveCardsProblems(card), [], 'the Adaptive Cards library reported problems');
  assert.deepEqual(checkCard(card), [], 'checkCard reported problems');
}
