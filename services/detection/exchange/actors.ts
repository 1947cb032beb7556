import type { Actor } from '../../exchange/history';
import type { ExchangeContext } from './rule';

/** "app Mail Sync (ed79…)" or "megan@contoso.com from 203.0.113.7", as an admin reads it. */
export function describeActor(actor: Actor, context: ExchangeContext): string {
  const ip = actor.ip ? ` from ${actor.ip}` : '';
  if (actor.kind === 'user') return `${actor.id}${ip}`;
  if (context.trustedAppIds.has(actor.id)) return `Tenant Warden (trusted app ${actor.id})`;
  const app = context.apps.get(actor.id);
  return `app ${app?.name ?? 'not found in this tenant'} (${actor.id})${ip}`;
}

export function isUntrustedApp(actor: Actor, context: ExchangeContext): boolean {
  return actor.kind === 'app' && !context.trustedAppIds.has(actor.id);
}
