import type { Actor } from '../../exchange/history';
import type { ExchangeContext } from './rule';

/** "app Mail Sync (ed79…)" or "megan@contoso.com from 203.0.113.7", as an admin reads it. */
export function describeActor(actor: Actor, context: ExchangeContext): string {
  const ip = actor.ip ? ` from ${actor.ip}` : '';
  if (actor.kind === 'user') return `${actor.id}${ip}`;
  const app = context.apps.get(actor.id);
  const trusted = context.trustedAppIds.has(actor.id) ? ', a trusted app' : '';
  return `app ${app?.name ?? (trusted ? 'trusted' : 'not found in this tenant')} (${actor.id}${trusted})${ip}`;
}

export function isUntrustedApp(actor: Actor, context: ExchangeContext): boolean {
  return actor.kind === 'app' && !context.trustedAppIds.has(actor.id);
}
