import type { AuditLogRecord, InboundConnector, OutboundConnector, TransportRule } from './types';

export type ExchangeObjectKind = 'inboundConnector' | 'outboundConnector' | 'transportRule';
export type ChangeVerb = 'New' | 'Set' | 'Remove' | 'Enable' | 'Disable';
export type LiveObject = InboundConnector | OutboundConnector | TransportRule;

const NOUNS: Record<string, ExchangeObjectKind> = {
  InboundConnector: 'inboundConnector',
  OutboundConnector: 'outboundConnector',
  TransportRule: 'transportRule',
};

/** Every cmdlet whose audit record tells of a connector or rule change. */
export const CHANGE_OPERATIONS: Record<ExchangeObjectKind, string[]> = Object.fromEntries(
  Object.entries(NOUNS).map(([noun, kind]) => [kind, ['New', 'Set', 'Remove', 'Enable', 'Disable'].map((verb) => `${verb}-${noun}`)]),
) as Record<ExchangeObjectKind, string[]>;

// UserType in the Office 365 Management Activity schema: 5 Application, 6 ServicePrincipal.
const APP_USER_TYPES = new Set([5, 6]);

export interface Actor {
  kind: 'user' | 'app';
  /** UPN for a person; the app id for an application. */
  id: string;
  ip?: string;
}

export interface ExchangeChange {
  recordId: string;
  when: string;
  operation: string;
  verb: ChangeVerb;
  kind: ExchangeObjectKind;
  objectName: string;
  parameters: Record<string, string>;
  succeeded: boolean;
  actor: Actor;
}

export interface ObjectHistory {
  kind: ExchangeObjectKind;
  name: string;
  /** Oldest first. */
  changes: ExchangeChange[];
  /** Today's object, when it still exists. */
  live?: LiveObject;
}

export function objectKey(name: string): string {
  return name.trim().toLowerCase();
}

function actorOf(record: AuditLogRecord): Actor {
  const data = record.auditData;
  const ip = data.ClientIP || record.clientIp || undefined;
  if (APP_USER_TYPES.has(Number(data.UserType))) {
    return { kind: 'app', id: (data.AppId || data.ClientAppId || data.UserId || record.userId || 'unknown').toLowerCase(), ip };
  }
  return { kind: 'user', id: data.UserId || record.userPrincipalName || record.userId || 'unknown', ip };
}

/** The change an audit record stands for, or undefined for any other operation. */
export function changeOf(record: AuditLogRecord): ExchangeChange | undefined {
  const operation = record.auditData?.Operation ?? record.operation ?? '';
  const match = /^(New|Set|Remove|Enable|Disable)-(InboundConnector|OutboundConnector|TransportRule)$/i.exec(operation);
  if (!match) return undefined;
  const parameters = Object.fromEntries((record.auditData.Parameters ?? []).map((p) => [p.Name, String(p.Value ?? '')]));
  const verb = (match[1][0].toUpperCase() + match[1].slice(1).toLowerCase()) as ChangeVerb;
  const noun = Object.keys(NOUNS).find((n) => n.toLowerCase() === match[2].toLowerCase()) as string;
  return {
    recordId: record.id,
    when: record.createdDateTime || record.auditData.CreationTime,
    operation: `${verb}-${noun}`,
    verb,
    kind: NOUNS[noun],
    objectName: parameters.Name || parameters.Identity || record.auditData.ObjectId || record.objectId || 'unknown',
    parameters,
    succeeded: record.auditData.ResultStatus === undefined || /^(true|succeeded|success)$/i.test(record.auditData.ResultStatus),
    actor: actorOf(record),
  };
}

function isoTime(value: string): number {
  // Exchange writes CreationTime without a zone; it is UTC.
  return new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`).getTime();
}

export function timeOf(change: Pick<ExchangeChange, 'when'>): number {
  return isoTime(change.when);
}

/**
 * One history per connector or rule: its successful changes from the audit records (each record once),
 * joined by name with today's configuration. Objects that exist but have no record are included too.
 */
export function buildHistories(kind: ExchangeObjectKind, records: AuditLogRecord[], live: LiveObject[]): ObjectHistory[] {
  const histories = new Map<string, ObjectHistory>();
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    const change = changeOf(record);
    if (!change || change.kind !== kind || !change.succeeded) continue;
    const key = objectKey(change.objectName);
    const history = histories.get(key) ?? { kind, name: change.objectName, changes: [] };
    history.changes.push(change);
    histories.set(key, history);
  }
  for (const object of live) {
    const key = objectKey(object.Name || object.Identity);
    const history = histories.get(key) ?? { kind, name: object.Name || object.Identity, changes: [] };
    history.live = object;
    histories.set(key, history);
  }
  for (const history of histories.values()) history.changes.sort((a, b) => timeOf(a) - timeOf(b));
  return [...histories.values()];
}

export const created = (history: ObjectHistory) => history.changes.filter((c) => c.verb === 'New');
export const removed = (history: ObjectHistory) => history.changes.filter((c) => c.verb === 'Remove');

/** The settings the object had when it was last created, from its New- record. */
export function createdWith(history: ObjectHistory): Record<string, string> {
  return created(history).at(-1)?.parameters ?? {};
}
