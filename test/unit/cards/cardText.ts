// Ways for tests to look into an expanded card without depending on its exact layout.
import type { AdaptiveCard } from '../../../cards/render';

export interface StringPlace {
  path: string;
  ownerType: string;
  key: string;
  text: string;
}

type CardObject = Record<string, unknown>;

function* stringsIn(value: unknown, path: string, ownerType: string, key: string): Generator<StringPlace> {
  if (typeof value === 'string') {
    yield { path, ownerType, key, text: value };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* stringsIn(value[i], `${path}[${i}]`, ownerType, key);
  } else if (typeof value === 'object' && value !== null) {
    const object = value as CardObject;
    const type = typeof object.type === 'string' ? object.type : ownerType;
    for (const [childKey, child] of Object.entries(object)) {
      yield* stringsIn(child, `${path}.${childKey}`, type, childKey);
    }
  }
}

export function stringPlaces(card: AdaptiveCard): StringPlace[] {
  return [...stringsIn(card, 'card', 'AdaptiveCard', '')];
}

function* objectsIn(value: unknown): Generator<CardObject> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objectsIn(item);
  } else if (typeof value === 'object' && value !== null) {
    yield value as CardObject;
    for (const child of Object.values(value)) yield* objectsIn(child);
  }
}

export function elementsOfType(card: AdaptiveCard, type: string): CardObject[] {
  return [...objectsIn(card)].filter((object) => object.type === type);
}

export function textRuns(card: AdaptiveCard): { text: string; color?: unknown }[] {
  return elementsOfType(card, 'TextRun').map((run) => ({ text: String(run.text), color: run.color }));
}

// What an admin reads, line by line: each TextBlock, and each RichTextBlock with its runs joined.
export function readableLines(card: AdaptiveCard): string[] {
  return [...objectsIn(card)].flatMap((object) => {
    if (object.type === 'TextBlock') return [String(object.text)];
    if (object.type === 'RichTextBlock' && Array.isArray(object.inlines)) {
      return [object.inlines.map((run: CardObject) => String(run.text)).join('')];
    }
    return [];
  });
}
