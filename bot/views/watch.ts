import type { Alert } from '../../services/watch/watcher';
import type { DirectoryChange } from '../../services/watch/directoryAlerts';
import { BURST_GAP_MS, BURST_MIN_OBJECTS } from '../../services/exchange/bursts';
import type { ExchangeChangesView, WatchAlertView } from '../../cards/views';
import { assessObject } from '../../services/detection/exchange/rules';
import type { ExchangeContext } from '../../services/detection/exchange/rule';
import { minute, objectView } from './exchange';
import { objectKey, timeOf } from '../../services/exchange/history';

/** A watch alert shown with the same card as "show new connectors": each object with its findings and buttons. */
export function alertView(alert: Alert, tenantName: string, context: ExchangeContext, mostObjects = MOST_OBJECTS): ExchangeChangesView {
  const audit = [...(alert.audit ?? [])].sort((a, b) => timeOf(a) - timeOf(b));
  const objects = alert.changes.map((change) => {
    const changes = audit.filter((c) => c.kind === change.entry.kind && objectKey(c.objectName) === objectKey(change.entry.name));
    const assessment = assessObject({ kind: change.entry.kind, name: change.entry.name, changes, live: change.object }, context);
    const view = objectView(assessment, context);
    return { ...view, status: change.change === 'created' ? 'New since the last check' : 'Changed since the last check' };
  });
  const who = audit.length > 0
    ? 'Who made each change is shown from the audit log, which reported it after this alert was first posted.'
    : 'Who made the change is added to this card when the audit log reports it.';
  return {
    title: 'Watch alert: connectors or transport rules changed',
    tenantName,
    generatedAt: `${minute(alert.createdAt)} UTC`,
    window: 'since the last check',
    summary: `${alert.changes.length} connector(s) or rule(s) appeared or changed in today's configuration. ${who}`,
    freshness: 'Exchange audit records typically become searchable 60 to 90 minutes after a change; this alert comes from the live configuration.',
    auditWarning: '',
    sourceProblems: [],
    operationCounts: [],
    bursts: [],
    objects: objects.slice(0, mostObjects),
    notShown: Math.max(0, objects.length - mostObjects),
  };
}

const HEADLINES = {
  credentialAdded: 'New credential on an app with high-impact access',
  permissionGranted: 'High-impact application permission granted',
  roleGranted: 'Privileged directory role given to an app',
  riskyAdmin: 'An admin is at risk',
  exchangeChange: 'Connector or transport rule change found in the audit log',
} as const;
const MOST_EVENTS = 20;
const MOST_OBJECTS = 8;

type EventView = WatchAlertView['events'][number];

const eventView = (e: DirectoryChange): EventView => ({
  headline: HEADLINES[e.kind],
  detail: e.detail,
  actor: e.actor,
  when: e.when ? `${minute(e.when)} UTC` : 'unknown time',
  appId: e.appId ?? '',
});

/**
 * Exchange records of one cmdlet by one identity, each within minutes of the last, become one line:
 * a dozen transport rules created by a script is one finding, not a dozen.
 */
export function groupBursts(events: DirectoryChange[]): EventView[] {
  const views: { at: number; view: EventView }[] = [];
  const runs = new Map<string, DirectoryChange[][]>();
  for (const event of [...events].sort((a, b) => Date.parse(a.when) - Date.parse(b.when))) {
    if (!event.operation) {
      views.push({ at: Date.parse(event.when), view: eventView(event) });
      continue;
    }
    const key = `${event.kind}|${event.actor}|${event.operation}`;
    const list = runs.get(key) ?? [];
    const last = list.at(-1);
    if (last && Date.parse(event.when) - Date.parse(last.at(-1)!.when) <= BURST_GAP_MS) last.push(event);
    else list.push([event]);
    runs.set(key, list);
  }
  for (const run of [...runs.values()].flat()) {
    if (run.length < BURST_MIN_OBJECTS) {
      views.push(...run.map((event) => ({ at: Date.parse(event.when), view: eventView(event) })));
      continue;
    }
    const [first, last] = [run[0], run.at(-1)!];
    const names = [...new Set(run.map((e) => e.appName))];
    const listed = names.slice(0, 3).map((n) => `'${n}'`).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
    views.push({
      at: Date.parse(first.when),
      view: {
        ...eventView(first),
        headline: `${HEADLINES[first.kind]}: a burst of ${run.length} × ${first.operation}`,
        detail: `${run.length} × ${first.operation} (${listed}) between ${minute(first.when)} and ${minute(last.when)} UTC.`,
        appId: run.find((e) => e.appId)?.appId ?? '',
      },
    });
  }
  return views.sort((a, b) => a.at - b.at).map((v) => v.view);
}

/** New credentials, grants and roles from the directory audit log, combined into one card. */
export function directoryAlertView(alert: Alert, tenantName: string): WatchAlertView {
  const events = groupBursts(alert.directory ?? []);
  return {
    title: 'Watch alert: an app gained power or a new way in',
    tenantName,
    generatedAt: `${minute(alert.createdAt)} UTC`,
    events: events.slice(0, MOST_EVENTS),
    notShown: Math.max(0, events.length - MOST_EVENTS),
  };
}
