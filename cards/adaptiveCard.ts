// The expanded card as render.ts returns it, and the size budget every card must fit.

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema?: string;
  version: string;
  body: unknown[];
  actions?: unknown[];
  msteams?: { width?: string };
}

// Teams takes about 100 KB per message; 28 KB keeps a card usable in connectors and workflows too.
export const MAX_CARD_BYTES = 28 * 1024;

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function fitsInCard(card: AdaptiveCard): boolean {
  return cardBytes(card) < MAX_CARD_BYTES;
}
