// Cheap checks run on every expanded card before it leaves cards/. Each problem is a sentence
// naming where in the card it is, so a failing render says what to fix.
import { AdaptiveCard, cardBytes, MAX_CARD_BYTES } from './adaptiveCard';
import { templates } from './templates';

const MAX_VERSION = { major: 1, minor: 5 };

type CardObject = Record<string, unknown>;

interface Located<T> {
  path: string;
  value: T;
}

function* objectsIn(value: unknown, path: string): Generator<Located<CardObject>> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* objectsIn(value[i], `${path}[${i}]`);
  } else if (typeof value === 'object' && value !== null) {
    const object = value as CardObject;
    yield { path, value: object };
    for (const [key, item] of Object.entries(object)) yield* objectsIn(item, path ? `${path}.${key}` : key);
  }
}

function textsAt(object: CardObject, path: string, keys: string[]): Located<string>[] {
  return keys
    .filter((key) => object[key] !== undefined)
    .map((key) => ({ path: `${path}.${key}`, value: String(object[key]) }));
}

function listAt(object: CardObject, key: string): CardObject[] {
  const list = object[key];
  return Array.isArray(list) ? list.filter((item): item is CardObject => typeof item === 'object' && item !== null) : [];
}

// Where Teams renders markdown (links included) or shows text as a button or input caption.
// Nothing turns that off, so these may only hold words written in a template.
function markdownTextsOf(object: CardObject, path: string): Located<string>[] {
  const type = typeof object.type === 'string' ? object.type : '';
  if (type === 'TextBlock') return textsAt(object, path, ['text']);
  if (type === 'FactSet') {
    return listAt(object, 'facts').flatMap((fact, i) => textsAt(fact, `${path}.facts[${i}]`, ['title', 'value']));
  }
  if (type.startsWith('Action.')) return textsAt(object, path, ['title', 'tooltip']);
  if (type.startsWith('Input.')) {
    const own = textsAt(object, path, ['label', 'placeholder', 'errorMessage', 'title']);
    const choices = listAt(object, 'choices').flatMap((choice, i) => textsAt(choice, `${path}.choices[${i}]`, ['title']));
    return [...own, ...choices];
  }
  if (type === 'AdaptiveCard') return textsAt(object, path, ['fallbackText']);
  return [];
}

function markdownTextsIn(root: unknown): Located<string>[] {
  return [...objectsIn(root, '')].flatMap(({ path, value }) => markdownTextsOf(value, path || 'card'));
}

const templateWords: ReadonlySet<string> = new Set(
  Object.values(templates)
    .flatMap((template) => markdownTextsIn(template))
    .map(({ value }) => value)
    .filter((text) => !text.includes('${')),
);

function versionProblems(card: AdaptiveCard): string[] {
  const match = /^(\d+)\.(\d+)$/.exec(String(card.version));
  if (!match) return [`version "${card.version}" is not of the form major.minor`];
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const tooNew = major > MAX_VERSION.major || (major === MAX_VERSION.major && minor > MAX_VERSION.minor);
  return tooNew ? [`version ${card.version} is above ${MAX_VERSION.major}.${MAX_VERSION.minor}, the highest Teams renders`] : [];
}

function verbProblems(card: AdaptiveCard): string[] {
  return [...objectsIn(card, '')]
    .filter(({ value }) => value.type === 'Action.Execute')
    .filter(({ value }) => typeof value.verb !== 'string' || value.verb.trim() === '')
    .map(({ path }) => `${path}: Action.Execute has no verb`);
}

function leftoverExpressionProblems(serialized: string): string[] {
  const leftovers = [...new Set(serialized.match(/\$\{[^}]{0,60}\}?/g) ?? [])];
  return leftovers.slice(0, 5).map((expression) => `template expression ${expression} was left unexpanded (missing or null view field?)`);
}

function sizeProblems(card: AdaptiveCard): string[] {
  const bytes = cardBytes(card);
  return bytes >= MAX_CARD_BYTES ? [`card is ${bytes} bytes; it must stay under ${MAX_CARD_BYTES}`] : [];
}

function markdownProblems(card: AdaptiveCard): string[] {
  return markdownTextsIn(card)
    .filter(({ value }) => !templateWords.has(value))
    .map(({ path, value }) => `${path}: "${value.slice(0, 60)}" is not template text; view strings belong in a TextRun`);
}

function shapeProblems(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push(`type is "${String(card.type)}", not "AdaptiveCard"`);
  if (!Array.isArray(card.body)) problems.push('body is not a list');
  return problems;
}

export function checkCardIgnoringSize(card: AdaptiveCard): string[] {
  return [
    ...shapeProblems(card),
    ...versionProblems(card),
    ...verbProblems(card),
    ...leftoverExpressionProblems(JSON.stringify(card)),
    ...markdownProblems(card),
  ];
}

export function checkCard(card: AdaptiveCard): string[] {
  return [...checkCardIgnoringSize(card), ...sizeProblems(card)];
}
