import type { FindingReference, RemediationKind } from '../../services/remediation/types';
import { isGuid } from '../../services/apps/odata';

const APP_KINDS: RemediationKind[] = ['contain', 'revokePermission', 'removeRole', 'removeCredentials', 'disableApp'];
const ITEM_KINDS: RemediationKind[] = ['revokePermission', 'removeRole'];
const EXCHANGE_KINDS: Record<string, { disable: RemediationKind; remove: RemediationKind }> = {
  inboundConnector: { disable: 'disableConnector', remove: 'removeConnector' },
  outboundConnector: { disable: 'disableConnector', remove: 'removeConnector' },
  transportRule: { disable: 'disableTransportRule', remove: 'removeTransportRule' },
};

const ITEM = /^[A-Za-z0-9_\-.=+/]{1,128}$/;
// Connector and rule names are free text an attacker chose: bounded, printable, no controls.
export const EXCHANGE_NAME = /^[^\u0000-\u001f\u007f]{1,256}$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function fields(data: unknown, allowed: string[]): Parsed<Record<string, unknown>> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'the button carried no data' };
  const extra = Object.keys(data).filter((key) => !allowed.includes(key));
  if (extra.length > 0) return { ok: false, reason: `the button carried fields it never has (${extra.slice(0, 3).join(', ')})` };
  return { ok: true, value: data as Record<string, unknown> };
}

/** A Contain/Revoke/Remove button on an app card: only a kind, an appId and an item id are taken. */
export function parseAppReference(data: unknown): Parsed<FindingReference> {
  const parsed = fields(data, ['kind', 'target', 'item']);
  if (!parsed.ok) return parsed;
  const { kind, target, item } = parsed.value;
  if (typeof kind !== 'string' || !APP_KINDS.includes(kind as RemediationKind)) return { ok: false, reason: 'the button asked for an action that does not exist' };
  if (typeof target !== 'string' || !isGuid(target)) return { ok: false, reason: 'the button carried no valid app id' };
  const needsItem = ITEM_KINDS.includes(kind as RemediationKind);
  if (needsItem && (typeof item !== 'string' || !ITEM.test(item))) return { ok: false, reason: 'the button carried no valid item id' };
  if (!needsItem && item !== undefined && item !== '') return { ok: false, reason: 'the button carried an item this action does not take' };
  return { ok: true, value: { kind: kind as RemediationKind, target: target.toLowerCase(), item: needsItem ? (item as string) : undefined } };
}

const USER_KINDS: RemediationKind[] = ['revokeSessions', 'confirmCompromised', 'blockSignIn'];

/** A Revoke sessions / Confirm compromised / Block sign-in button on an admin row: a kind and a user object id. */
export function parseUserReference(data: unknown): Parsed<FindingReference> {
  const parsed = fields(data, ['kind', 'target']);
  if (!parsed.ok) return parsed;
  const { kind, target } = parsed.value;
  if (typeof kind !== 'string' || !USER_KINDS.includes(kind as RemediationKind)) return { ok: false, reason: 'the button asked for an action that does not exist' };
  if (typeof target !== 'string' || !isGuid(target)) return { ok: false, reason: 'the button carried no valid user id' };
  return { ok: true, value: { kind: kind as RemediationKind, target: target.toLowerCase() } };
}

const KNOWN_GOOD_KEY = /^knownGood\/(connectors\/(inbound|outbound)Connector:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|apps\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A Stop expecting / Stop trusting button on the "expected" card: only the entry's key. */
export function parseForgetReference(data: unknown): Parsed<FindingReference> {
  const parsed = fields(data, ['kind', 'target']);
  if (!parsed.ok) return parsed;
  const { target } = parsed.value;
  if (typeof target !== 'string' || !KNOWN_GOOD_KEY.test(target)) return { ok: false, reason: 'the button named no known-good entry' };
  return { ok: true, value: { kind: 'forgetKnownGood', target } };
}

/** Any remediation button with verb requestRemediation: app, user or known-good entry, decided by its kind. */
export function parseRemediationReference(data: unknown): Parsed<FindingReference> {
  const kind = typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
  if (kind === 'forgetKnownGood') return parseForgetReference(data);
  return USER_KINDS.includes(kind as RemediationKind) ? parseUserReference(data) : parseAppReference(data);
}

/** A Disable/Remove button on a connector or rule row. */
export function parseExchangeReference(data: unknown, action: 'disable' | 'remove'): Parsed<FindingReference> {
  const parsed = fields(data, ['kind', 'target']);
  if (!parsed.ok) return parsed;
  const { kind, target } = parsed.value;
  const kinds = typeof kind === 'string' ? EXCHANGE_KINDS[kind] : undefined;
  if (!kinds) return { ok: false, reason: 'the button named no connector or rule type' };
  if (typeof target !== 'string' || !EXCHANGE_NAME.test(target)) return { ok: false, reason: 'the button carried no valid name' };
  return { ok: true, value: { kind: kinds[action], target } };
}

/** Approve / Reject: only a request id, and the optional reason typed into the card. */
export function parseDecision(data: unknown): Parsed<{ requestId: string; reason?: string }> {
  const parsed = fields(data, ['requestId', 'reason']);
  if (!parsed.ok) return parsed;
  const { requestId, reason } = parsed.value;
  if (typeof requestId !== 'string' || !isGuid(requestId)) return { ok: false, reason: 'the button carried no valid request id' };
  if (reason !== undefined && typeof reason !== 'string') return { ok: false, reason: 'the reason was not text' };
  return { ok: true, value: { requestId: requestId.toLowerCase(), reason: reason?.slice(0, 500) } };
}
