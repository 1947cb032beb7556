import type { DirectoryAudit } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { HIGH_IMPACT_PERMISSIONS, privilegedRole } from '../apps/catalog';
import { activityOf, actorOf } from '../apps/actor';
import { quote } from '../apps/odata';
import { eventProperty } from '../apps/auditValues';
import { scanRiskyApps } from '../apps/riskyApps';

/** A change in the directory audit log that gives an app new power or a new way in. */
export interface DirectoryChange {
  eventId: string;
  when: string;
  kind: 'credentialAdded' | 'permissionGranted' | 'roleGranted' | 'riskyAdmin' | 'exchangeChange';
  /** The app concerned, when the record names it. */
  appId?: string;
  /** The admin concerned, for a risky admin. */
  userId?: string;
  appName: string;
  detail: string;
  actor: string;
  /** Exchange records: the cmdlet, so that a scripted burst can be shown as one line. */
  operation?: string;
}

const CREDENTIAL_ACTIVITIES = new Set(['Add service principal credentials', 'Update application – Certificates and secrets management']);
const HIGH_IMPACT_VALUES = new Set(HIGH_IMPACT_PERMISSIONS.map((p) => p.value));

const property = eventProperty;

function appTarget(event: DirectoryAudit) {
  return (event.targetResources ?? []).find((t) => t.type === 'ServicePrincipal' || t.type === 'Application');
}

function classify(event: DirectoryAudit): DirectoryChange | undefined {
  const activity = activityOf(event);
  const base = { eventId: event.id as string, when: event.activityDateTime ?? '', actor: actorOf(event) };
  if (CREDENTIAL_ACTIVITIES.has(activity)) {
    const target = appTarget(event);
    return { ...base, kind: 'credentialAdded', appId: property(event, 'AppId') || undefined, appName: target?.displayName ?? 'an app', detail: `${activity} on ${target?.displayName ?? 'an app'}.` };
  }
  if (activity === 'Add app role assignment to service principal') {
    const value = property(event, 'AppRole.Value');
    if (!HIGH_IMPACT_VALUES.has(value)) return undefined;
    const grantee = property(event, 'ServicePrincipal.Name') || property(event, 'ServicePrincipal.DisplayName') || 'a service principal';
    return { ...base, kind: 'permissionGranted', appId: property(event, 'ServicePrincipal.AppId') || undefined, appName: grantee, detail: `The application permission ${value} was granted to ${grantee}.` };
  }
  if (activity === 'Add member to role') {
    const role = privilegedRole(property(event, 'Role.TemplateId'));
    const target = (event.targetResources ?? []).find((t) => t.type === 'ServicePrincipal');
    if (!role || !target) return undefined;
    return { ...base, kind: 'roleGranted', appId: property(event, 'AppId') || undefined, appName: target.displayName ?? 'a service principal', detail: `${target.displayName ?? 'A service principal'} was added to the ${role.name} role.` };
  }
  return undefined;
}

/** Late records still count: each round looks this far behind its cursor, and record ids de-duplicate. */
export const LATE_RECORD_MS = 15 * 60_000;

/**
 * Directory changes since the cursor that the watch alerts on. New credentials count only on an app
 * that holds high-impact access (one risky-apps scan, and only when there are credential events).
 */
export async function directoryChanges(graph: GraphApi, since: Date, tenantId: string, now: Date, trusted: Set<string> = new Set()): Promise<DirectoryChange[]> {
  const filter = `activityDateTime ge ${new Date(since.getTime() - LATE_RECORD_MS).toISOString()} and (category eq ${quote('ApplicationManagement')} or category eq ${quote('RoleManagement')})`;
  const events = await graph.list<DirectoryAudit>(`/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}&$top=999`);
  const changes = events
    .filter((e) => e.result !== 'failure')
    .map(classify)
    .filter((c): c is DirectoryChange => c !== undefined)
    // Trust never silences new power or a new way in: the alert says the app is trusted, and why it still matters.
    .map((c) => (c.appId && trusted.has(c.appId.toLowerCase()) ? { ...c, detail: `${c.detail} It is a trusted app: trust never silences new credentials, permissions or roles.` } : c));
  if (!changes.some((c) => c.kind === 'credentialAdded')) return changes;
  const scan = await scanRiskyApps(graph, { tenantId, now });
  const powerful = new Set(scan.assessments.flatMap((a) => [a.app.servicePrincipal.appId, a.app.application?.displayName, a.app.servicePrincipal.displayName]).filter(Boolean).map((v) => String(v).toLowerCase()));
  return changes.filter((c) => c.kind !== 'credentialAdded' || powerful.has((c.appId ?? c.appName).toLowerCase()));
}
