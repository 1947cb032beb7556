import { BURST_GAP_MS, BURST_MIN_OBJECTS } from '../exchange/bursts';
import { changeOf, objectKey, timeOf, type ChangeVerb, type ExchangeChange, type ExchangeObjectKind } from '../exchange/history';
import type { AuditLogRecord } from '../exchange/types';
import { uniqueById, type TimelineActor, type TimelineEntry } from './timeline';

/** The names of the connectors and rules that exist today, by kind, lower-cased; absent when they could not be read. */
export type LiveNames = Map<ExchangeObjectKind, Set<string>>;

const NOUN: Record<ExchangeObjectKind, [string, string]> = {
  inboundConnector: ['inbound connector', 'inbound connectors'],
  outboundConnector: ['outbound connector', 'outbound connectors'],
  transportRule: ['transport rule', 'transport rules'],
};

const PAST: Record<ChangeVerb, string> = { New: 'created', Set: 'changed', Remove: 'removed', Enable: 'enabled', Disable: 'disabled' };

/** At most this many names are listed for a burst; the rest are counted. */
export const MOST_NAMES = 12;

const same = (a?: string, b?: string) => Boolean(a) && Boolean(b) && a!.toLowerCase() === b!.toLowerCase();

/** A record made by the app: AppId or ClientAppId is its appId, or, for an application (UserType 5), UserId is. */
export function isByApp(record: AuditLogRecord, appId: string): boolean {
  const data = record.auditData ?? ({} as AuditLogRecord['auditData']);
  return same(data.AppId, appId) || same(data.ClientAppId, appId) || (Number(data.UserType) === 5 && same(data.UserId ?? record.userId, appId));
}

function actorOf(change: ExchangeChange, appId: string): TimelineActor {
  if (change.actor.kind === 'app') return same(change.actor.id, appId) ? { kind: 'app', name: '', ip: change.actor.ip } : { kind: 'otherApp', name: change.actor.id, ip: change.actor.ip };
  return { kind: 'user', name: change.actor.id, userPrincipalName: change.actor.id, ip: change.actor.ip };
}

// SenderDomains entries read "smtp:contoso.com;1" (address type, domain, priority).
function domainsOf(value: string): string {
  return value
    .split(',')
    .map((entry) => entry.trim().replace(/^smtp:/i, '').replace(/;\d+$/, ''))
    .join(', ');
}

function settingsOf(change: ExchangeChange): string {
  const p = change.parameters;
  const settings =
    change.kind === 'transportRule'
      ? [p.RemoveHeader && `removes header ${p.RemoveHeader}`, p.SetSCL && `sets SCL ${p.SetSCL}`, p.SenderIpRanges && `for senders ${p.SenderIpRanges.split(/[;,]/).join(', ')}`]
      : [p.ConnectorType, p.SenderIPAddresses && p.SenderIPAddresses.split(/[;,]/).join(', '), p.SenderDomains && `sender domains ${domainsOf(p.SenderDomains)}`];
  const text = settings.filter(Boolean).join('; ');
  return text ? ` (${text})` : '';
}

function isLive(change: ExchangeChange, live?: LiveNames): boolean {
  return live?.get(change.kind)?.has(objectKey(change.objectName)) ?? false;
}

function single(change: ExchangeChange, appId: string, live?: LiveNames): TimelineEntry {
  const detail = change.verb === 'New' ? settingsOf(change) : '';
  const still = change.verb === 'New' && isLive(change, live) ? ', still in place today' : '';
  return {
    at: timeOf(change),
    source: 'exchange',
    actor: actorOf(change, appId),
    what: `${PAST[change.verb]} ${NOUN[change.kind][0]} '${change.objectName}'${detail}${still}`,
    names: [],
    recordIds: [change.recordId],
  };
}

function minutesBetween(first: ExchangeChange, last: ExchangeChange): string {
  const minutes = Math.max(1, Math.round((timeOf(last) - timeOf(first)) / 60_000));
  return minutes === 1 ? 'within a minute' : `within ${minutes} minutes`;
}

function burst(changes: ExchangeChange[], appId: string, live?: LiveNames): TimelineEntry {
  const [first, last] = [changes[0], changes.at(-1)!];
  const names = [...new Set(changes.map((c) => c.objectName))];
  const stillLive = first.verb === 'New' ? names.filter((name) => live?.get(first.kind)?.has(objectKey(name))).length : 0;
  const still = stillLive > 0 ? `, ${stillLive} still in place today` : '';
  const stripping = first.kind === 'transportRule' && first.verb === 'New' ? changes.filter((c) => c.parameters.RemoveHeader).length : 0;
  const doing = stripping > 0 ? ` (${stripping === names.length ? 'each removing' : `${stripping} removing`} a message header)` : '';
  return {
    at: timeOf(first),
    until: timeOf(last),
    source: 'exchange',
    actor: actorOf(first, appId),
    what: `${PAST[first.verb]} ${names.length} ${NOUN[first.kind][1]} ${minutesBetween(first, last)}${doing}${still}`,
    names: names.length > MOST_NAMES ? [...names.slice(0, MOST_NAMES), `and ${names.length - MOST_NAMES} more`] : names,
    recordIds: changes.map((c) => c.recordId),
  };
}

const runKey = (change: ExchangeChange) => `${change.actor.kind}:${change.actor.id}:${change.verb}:${change.kind}`;

/**
 * The app's connector and rule changes, oldest first. Like changes by the same identity, each within
 * minutes of the last, read as one entry naming the count and the objects: a script at work.
 */
export function exchangeEntries(records: AuditLogRecord[], appId: string, live?: LiveNames): TimelineEntry[] {
  const changes = uniqueById(records, (r) => r.id)
    .filter((record) => isByApp(record, appId))
    .map(changeOf)
    .filter((change): change is ExchangeChange => change !== undefined && change.succeeded)
    .sort((a, b) => timeOf(a) - timeOf(b));
  const entries: TimelineEntry[] = [];
  let run: ExchangeChange[] = [];
  const close = () => {
    if (run.length >= BURST_MIN_OBJECTS) entries.push(burst(run, appId, live));
    else entries.push(...run.map((change) => single(change, appId, live)));
    run = [];
  };
  for (const change of changes) {
    const previous = run.at(-1);
    if (previous && (runKey(previous) !== runKey(change) || timeOf(change) - timeOf(previous) > BURST_GAP_MS)) close();
    run.push(change);
  }
  close();
  return entries;
}
