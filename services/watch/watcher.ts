import { createHash } from 'node:crypto';
import type { ExchangeAdmin } from '../exchange/exchangeAdmin';
import type { LiveObject } from '../exchange/history';
import { AlreadyExistsError, ETagConflictError, type AuditTrail, type ConcurrentStore } from '../store/storage';
import { inventoryChanges, readInventory, type Inventory, type InventoryChange } from './inventory';
import { directoryChanges, type DirectoryChange } from './directoryAlerts';
import { riskyAdminChanges } from './riskyAdminAlerts';
import { exchangeAuditChanges } from './exchangeAuditAlerts';
import { objectKey, type ExchangeChange } from '../exchange/history';
import type { GraphApi } from '../graph/graphApi';
import { isExpected, type KnownGood } from './knownGood';

const INVENTORY_KEY = 'watch/inventory';
const SUBSCRIPTION_PREFIX = 'watch/subscriptions/';
const ALERT_PREFIX = 'watch/alerts/';
const PROBLEM_PREFIX = 'watch/problems/';
const DIRECTORY_CURSOR_KEY = 'watch/cursor/directoryAudits';
const SEEN_PREFIX = 'watch/seen/';
const SYSTEM = { id: 'system', name: 'Tenant Warden' };

export interface Subscription {
  conversation: Record<string, unknown>;
  by: { id: string; name: string };
  at: string;
}

export interface Alert {
  id: string;
  createdAt: string;
  /** sending: not yet in every subscribed conversation; sent: done. */
  status: 'sending' | 'sent';
  /** Connectors and rules that appeared or changed in today's configuration. */
  changes: (InventoryChange & { object: LiveObject })[];
  /** New credentials, grants and roles from the directory audit log. */
  directory?: DirectoryChange[];
  /** Conversation ids it has been posted to. */
  deliveredTo: string[];
  /** Where each card was posted, so it can be updated when the audit log tells who made the change. */
  posts?: AlertPost[];
  /** Exchange audit records of the alerted objects that arrived after the alert: who, which app, from where. */
  audit?: ExchangeChange[];
  /** Records were added after the cards were posted: the cards are to be updated. */
  updatePending?: boolean;
}

export interface AlertPost {
  conversationId: string;
  conversation: Record<string, unknown>;
  activityId: string;
}

export interface WatchDeps {
  store: ConcurrentStore;
  audit: AuditTrail;
  exchange: ExchangeAdmin;
  graph: GraphApi;
  tenantId: string;
  /** Expected connectors are not alerted while their settings hold; trusted apps are named as such. */
  knownGood?: KnownGood;
  /** Where the cursors and the inventory are written: the watcher lease's fenced store (default: store). */
  fenced?: ConcurrentStore;
  now: () => Date;
}

function conversationKey(conversation: Record<string, unknown>): string {
  return String((conversation.conversation as { id?: string } | undefined)?.id ?? conversation.id ?? 'unknown');
}

export async function subscribe(deps: WatchDeps, conversation: Record<string, unknown>, by: Subscription['by']): Promise<void> {
  const key = SUBSCRIPTION_PREFIX + conversationKey(conversation);
  await deps.store.write({ [key]: { subscription: { conversation, by, at: deps.now().toISOString() }, eTag: '*' } });
  await deps.audit.append({ event: 'watch.on', actor: by, details: { conversationId: conversationKey(conversation) } });
}

export async function unsubscribe(deps: WatchDeps, conversation: Record<string, unknown>, by: Subscription['by']): Promise<boolean> {
  const key = SUBSCRIPTION_PREFIX + conversationKey(conversation);
  const existed = Boolean((await deps.store.read([key]))[key]);
  await deps.store.delete([key]);
  if (existed) await deps.audit.append({ event: 'watch.off', actor: by, details: { conversationId: conversationKey(conversation) } });
  return existed;
}

export async function subscriptions(deps: Pick<WatchDeps, 'store'>): Promise<Subscription[]> {
  return Object.values(await deps.store.list(SUBSCRIPTION_PREFIX)).map((item) => item.subscription as Subscription);
}

export function isSubscribed(list: Subscription[], conversation: Record<string, unknown>): boolean {
  return list.some((s) => conversationKey(s.conversation) === conversationKey(conversation));
}

/** The same set of changes always gets the same id: an alert is created once however often it is seen. */
function alertId(keys: string[]): string {
  return createHash('sha256').update([...keys].sort().join('|')).digest('hex').slice(0, 32);
}

async function storeAlert(deps: WatchDeps, alert: Alert, summary: string[]): Promise<boolean> {
  try {
    await deps.store.create(ALERT_PREFIX + alert.id, { alert });
  } catch (error) {
    if (error instanceof AlreadyExistsError) return false;
    throw error;
  }
  await deps.audit.append({ event: 'watch.alert', actor: SYSTEM, details: { alert: alert.id, changes: summary } });
  return true;
}

/** Names of the connectors and rules already alerted from the live configuration. */
async function alertedObjectNames(deps: WatchDeps): Promise<Set<string>> {
  const alerts = Object.values(await deps.store.list(ALERT_PREFIX)).map((item) => item.alert as Alert);
  return new Set(alerts.flatMap((a) => a.changes.map((c) => objectKey(c.entry.name))));
}

/**
 * Audit records of objects alerted earlier join the newest alert about each object, and mark it for its
 * posted cards to be updated: who made the change is part of that alert, not a second alarm.
 */
async function addAuditDetails(deps: WatchDeps, changes: ExchangeChange[]): Promise<void> {
  const items = await deps.store.list(ALERT_PREFIX);
  const alerts = Object.values(items).map((item) => item.alert as Alert).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const byAlert = new Map<string, ExchangeChange[]>();
  for (const change of changes) {
    const alert = alerts.find((a) => a.changes.some((c) => objectKey(c.entry.name) === objectKey(change.objectName)));
    if (alert) byAlert.set(alert.id, [...(byAlert.get(alert.id) ?? []), change]);
  }
  for (const [id, added] of byAlert) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const item = (await deps.store.read([ALERT_PREFIX + id]))[ALERT_PREFIX + id];
      const alert = item.alert as Alert;
      const known = new Set((alert.audit ?? []).map((c) => c.recordId));
      const audit = [...(alert.audit ?? []), ...added.filter((c) => !known.has(c.recordId))];
      try {
        await deps.store.replace(ALERT_PREFIX + id, { alert: { ...alert, audit, updatePending: true } }, item.eTag as string);
        break;
      } catch (error) {
        if (!(error instanceof ETagConflictError)) throw error;
      }
    }
    await deps.audit.append({ event: 'watch.alertDetail', actor: SYSTEM, details: { alert: id, records: added.map((c) => `${c.operation} ${c.objectName}`) } });
  }
}

/**
 * The directory half of a round: new credentials on powerful apps, high-impact grants and privileged
 * roles given to apps, since the stored cursor. Events already alerted are remembered by record id, so
 * overlapping windows and late records alert once; the alert is stored before the cursor moves.
 */
async function directoryRound(deps: WatchDeps, now: Date): Promise<Alert | undefined> {
  const fenced = deps.fenced ?? deps.store;
  const cursorItem = (await fenced.read([DIRECTORY_CURSOR_KEY]))[DIRECTORY_CURSOR_KEY];
  const moveCursor = () => fenced.write({ [DIRECTORY_CURSOR_KEY]: { since: now.toISOString(), eTag: '*' } });
  if (!cursorItem) {
    await moveCursor();
    return undefined;
  }
  const since = new Date(cursorItem.since as string);
  const [trusted, expected] = await Promise.all([deps.knownGood?.trustedAppIds() ?? new Set<string>(), deps.knownGood?.expectedConnectors() ?? []]);
  const [apps, admins, exchange] = await Promise.all([
    directoryChanges(deps.graph, since, deps.tenantId, now, trusted),
    riskyAdminChanges(deps.graph, since),
    exchangeAuditChanges(deps.graph, fenced, now, { alertedNames: await alertedObjectNames(deps), trusted, expected }),
  ]);
  const found = [...apps, ...admins, ...exchange.changes];
  const seen = await deps.store.read([...found, ...exchange.details].map((c) => SEEN_PREFIX + c.eventId));
  const fresh = found.filter((c) => !seen[SEEN_PREFIX + c.eventId]);
  const freshDetails = exchange.details.filter((d) => !seen[SEEN_PREFIX + d.eventId]);
  if (freshDetails.length > 0) {
    await addAuditDetails(deps, freshDetails.map((d) => d.change));
    await deps.store.write(Object.fromEntries(freshDetails.map((d) => [SEEN_PREFIX + d.eventId, { at: now.toISOString(), eTag: '*' }])));
  }
  let alert: Alert | undefined;
  if (fresh.length > 0) {
    alert = { id: alertId(fresh.map((c) => `directory:${c.eventId}`)), createdAt: now.toISOString(), status: 'sending', changes: [], directory: fresh, deliveredTo: [] };
    if (!(await storeAlert(deps, alert, fresh.map((c) => c.detail)))) alert = undefined;
    await deps.store.write(Object.fromEntries(fresh.map((c) => [SEEN_PREFIX + c.eventId, { at: now.toISOString(), eTag: '*' }])));
  }
  await moveCursor();
  return alert;
}

async function reportProblemOnce(deps: WatchDeps, source: string, reason: string | undefined): Promise<string | undefined> {
  const key = PROBLEM_PREFIX + source;
  const known = (await deps.store.read([key]))[key]?.reason as string | undefined;
  if (reason === undefined) {
    if (known !== undefined) await deps.store.delete([key]);
    return undefined;
  }
  if (known === reason) return undefined;
  await deps.store.write({ [key]: { reason, eTag: '*' } });
  return reason;
}

export interface RoundResult {
  newAlerts: Alert[];
  /** A source failure not reported before: to be said once in the subscribed conversations. */
  problem?: string;
  baseline: boolean;
}

/**
 * One round: reads today's connectors and rules and compares them with the stored inventory. New or
 * changed objects become one alert, stored as "sending" BEFORE the inventory moves on, so a crash in
 * between finds the same changes again and the same alert id, never a lost or second alert.
 */
export async function watchRound(deps: WatchDeps): Promise<RoundResult> {
  let live: Awaited<ReturnType<typeof readInventory>>;
  try {
    live = await readInventory(deps.exchange);
  } catch (error) {
    const problem = await reportProblemOnce(deps, 'exchange', error instanceof Error ? error.message : String(error));
    return { newAlerts: [], problem, baseline: false };
  }
  await reportProblemOnce(deps, 'exchange', undefined);
  const fenced = deps.fenced ?? deps.store;
  const stored = (await fenced.read([INVENTORY_KEY]))[INVENTORY_KEY];
  const save = async () => {
    const item = { inventory: live.inventory, at: deps.now().toISOString() };
    if (stored) await fenced.replace(INVENTORY_KEY, item, stored.eTag as string).catch((e) => { if (!(e instanceof ETagConflictError)) throw e; });
    else await fenced.create(INVENTORY_KEY, item).catch((e) => { if (!(e instanceof AlreadyExistsError)) throw e; });
  };
  if (!stored) {
    // The first round learns what exists; only what appears or changes after it is alerted.
    await save();
    await directoryRound(deps, deps.now()).catch(() => undefined);
    await deps.audit.append({ event: 'watch.baseline', actor: SYSTEM, details: { objects: Object.keys(live.inventory).length } });
    return { newAlerts: [], baseline: true };
  }
  const expected = (await deps.knownGood?.expectedConnectors()) ?? [];
  // An expected connector whose settings are exactly the approved ones is not news; any other change is.
  const changes = inventoryChanges(stored.inventory as Inventory, live.inventory).filter((c) => !isExpected(expected, c.entry.key, c.entry.fingerprint));
  const newAlerts: Alert[] = [];
  if (changes.length > 0) {
    const alert: Alert = {
      id: alertId(changes.map((c) => `${c.entry.key}@${c.entry.fingerprint}`)),
      createdAt: deps.now().toISOString(),
      status: 'sending',
      changes: changes.map((c) => ({ ...c, object: live.objects.get(c.entry.key)! })),
      deliveredTo: [],
    };
    if (await storeAlert(deps, alert, changes.map((c) => `${c.change} ${c.entry.kind} ${c.entry.name}`))) newAlerts.push(alert);
  }
  await save();
  let problem: string | undefined;
  try {
    const directory = await directoryRound(deps, deps.now());
    if (directory) newAlerts.push(directory);
    await reportProblemOnce(deps, 'directory', undefined);
  } catch (error) {
    problem = await reportProblemOnce(deps, 'directory', error instanceof Error ? error.message : String(error));
  }
  return { newAlerts, baseline: false, problem };
}

/**
 * Posts every alert still "sending" to each subscribed conversation it has not reached, recording each
 * delivery after it succeeds: a crash between the two can repeat one post, never drop it. Alerts whose
 * audit details arrived later get their posted cards updated, again until it is recorded as done.
 */
export async function deliverAlerts(
  deps: WatchDeps,
  post: (subscription: Subscription, alert: Alert) => Promise<string | undefined>,
  update: (post: AlertPost, alert: Alert) => Promise<void> = async () => undefined,
): Promise<number> {
  const pending = Object.values(await deps.store.list(ALERT_PREFIX)).filter((item) => {
    const alert = item.alert as Alert;
    return alert.status === 'sending' || alert.updatePending;
  });
  const targets = await subscriptions(deps);
  let posted = 0;
  for (const item of pending) {
    const key = ALERT_PREFIX + (item.alert as Alert).id;
    let alert = item.alert as Alert;
    let eTag = item.eTag as string;
    if (alert.status === 'sending') {
      for (const subscription of targets) {
        const conversation = conversationKey(subscription.conversation);
        if (alert.deliveredTo.includes(conversation)) continue;
        const activityId = await post(subscription, alert);
        posted++;
        const posts = activityId ? [...(alert.posts ?? []), { conversationId: conversation, conversation: subscription.conversation, activityId }] : alert.posts;
        alert = { ...alert, deliveredTo: [...alert.deliveredTo, conversation], posts };
        eTag = await deps.store.replace(key, { alert }, eTag);
      }
    } else {
      for (const card of alert.posts ?? []) await update(card, alert);
    }
    // Cards posted in this pass already show every detail the alert has.
    await deps.store.replace(key, { alert: { ...alert, status: 'sent', updatePending: false } }, eTag);
  }
  return posted;
}
