import type { Alert } from '../../services/watch/watcher';
import type { ExchangeChangesView, WatchAlertView } from '../../cards/views';
import { assessObject } from '../../services/detection/exchange/rules';
import type { ExchangeContext } from '../../services/detection/exchange/rule';
import { minute, objectView } from './exchange';

/** A watch alert shown with the same card as "show new connectors": each object with its findings and buttons. */
export function alertView(alert: Alert, tenantName: string, context: ExchangeContext): ExchangeChangesView {
  const objects = alert.changes.map((change) => {
    const assessment = assessObject({ kind: change.entry.kind, name: change.entry.name, changes: [], live: change.object }, context);
    const view = objectView(assessment, context);
    return { ...view, status: change.change === 'created' ? 'New since the last check' : 'Changed since the last check' };
  });
  return {
    title: 'Watch alert: connectors or transport rules changed',
    tenantName,
    generatedAt: `${minute(alert.createdAt)} UTC`,
    window: 'since the last check',
    summary: `${alert.changes.length} connector(s) or rule(s) appeared or changed in today's configuration. Who made the change follows in the audit log ("show new connectors", "show transport rules").`,
    freshness: 'Exchange audit records typically become searchable 60 to 90 minutes after a change; this alert comes from the live configuration.',
    auditWarning: '',
    sourceProblems: [],
    operationCounts: [],
    bursts: [],
    objects,
    notShown: 0,
  };
}

const HEADLINES = {
  credentialAdded: 'New credential on an app with high-impact access',
  permissionGranted: 'High-impact application permission granted',
  roleGranted: 'Privileged directory role given to an app',
  riskyAdmin: 'An admin is at risk',
  exchangeChange: 'Connector or transport rule change found in the audit log',
  exchangeAuditDetail: 'Who made a change alerted earlier',
} as const;
const MOST_EVENTS = 20;

/** New credentials, grants and roles from the directory audit log, combined into one card. */
export function directoryAlertView(alert: Alert, tenantName: string): WatchAlertView {
  const events = alert.directory ?? [];
  return {
    title: 'Watch alert: an app gained power or a new way in',
    tenantName,
    generatedAt: `${minute(alert.createdAt)} UTC`,
    events: events.slice(0, MOST_EVENTS).map((e) => ({
      headline: HEADLINES[e.kind],
      detail: e.detail,
      actor: e.actor,
      when: e.when ? `${minute(e.when)} UTC` : 'unknown time',
      appId: e.appId ?? '',
    })),
    notShown: Math.max(0, events.length - MOST_EVENTS),
  };
}
