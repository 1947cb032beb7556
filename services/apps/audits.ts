import type { DirectoryAudit } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { quote } from './odata';

/** Directory audits are kept 30 days (Entra ID P1/P2); asking for more returns nothing older. */
export const AUDIT_LOOKBACK_DAYS = 30;

// Activities that tell how an app came to hold its access. Real records spell the credentials
// activity "Update application – Certificates and secrets management " (en dash, trailing space).
export const APP_ACTIVITIES = [
  'Add application',
  'Add service principal',
  'Add service principal credentials',
  'Remove service principal credentials',
  'Update application – Certificates and secrets management ',
  'Add app role assignment to service principal',
  'Remove app role assignment from service principal',
  'Consent to application',
  'Add delegated permission grant',
  'Add owner to application',
  'Add owner to service principal',
  'Add member to role',
  'Add eligible member to role',
  'Add federated identity credential',
];

/**
 * App and role changes of the last 30 days in one filtered query (paged), for every app at once:
 * the audit endpoints allow 5 requests per 10 seconds, so never one query per app.
 */
export async function appAuditEvents(graph: GraphApi, now: Date): Promise<DirectoryAudit[]> {
  const since = new Date(now.getTime() - AUDIT_LOOKBACK_DAYS * 86_400_000).toISOString();
  const filter = `activityDateTime ge ${since} and (category eq ${quote('ApplicationManagement')} or category eq ${quote('RoleManagement')})`;
  const events = await graph.list<DirectoryAudit>(`/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}&$top=999`);
  const wanted = new Set(APP_ACTIVITIES.map((a) => a.trim()));
  return events.filter((event) => wanted.has((event.activityDisplayName ?? '').trim()));
}

// Audit records quote values as JSON text, e.g. AppId's newValue is "[\"<appId>\"]".
function guidsIn(value: string | null | undefined): string[] {
  return (value ?? '').toLowerCase().match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
}

// Where a record names the app when its target is something else: an app role grant targets the
// resource (Office 365 Exchange Online) and names the grantee in ServicePrincipal.ObjectID / .AppId.
const ID_PROPERTIES = new Set(['AppId', 'ServicePrincipal.AppId', 'ServicePrincipal.ObjectID']);

/** The events whose targets include one of the ids (service principal object id, application object id or appId). */
export function eventsAbout(events: DirectoryAudit[], ids: (string | null | undefined)[]): DirectoryAudit[] {
  const wanted = new Set(ids.filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()));
  return events.filter((event) =>
    (event.targetResources ?? []).some(
      (target) =>
        wanted.has((target.id ?? '').toLowerCase()) ||
        (target.modifiedProperties ?? []).some((p) => ID_PROPERTIES.has(p.displayName ?? '') && guidsIn(p.newValue).some((id) => wanted.has(id))),
    ),
  );
}
