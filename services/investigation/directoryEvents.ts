import type { DirectoryAudit, ModifiedProperty, TargetResource } from '@microsoft/microsoft-graph-types';
import { activityOf } from '../apps/actor';
import { targetProperty } from '../apps/auditValues';
import { eventsAbout } from '../apps/audits';
import { uniqueById, type TimelineActor, type TimelineEntry } from './timeline';

/** The ids an app is known by in the directory: service principal object id, application object id, appId. */
export interface AppIds {
  servicePrincipalId: string;
  applicationId?: string;
  appId: string;
}

/** Display names of users by object id, for actors and owners the records name only by UPN or id. */
export type UserNames = Map<string, string>;

const idsOf = (app: AppIds) => [app.servicePrincipalId, app.applicationId, app.appId].filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase());

const property = targetProperty;

function actorOf(event: DirectoryAudit, app: AppIds, names: UserNames): TimelineActor {
  const user = event.initiatedBy?.user;
  if (user?.userPrincipalName || user?.id) {
    const name = user.displayName || names.get((user.id ?? '').toLowerCase()) || user.userPrincipalName || (user.id as string);
    return { kind: 'user', name, userPrincipalName: user.userPrincipalName ?? undefined, ip: user.ipAddress || undefined };
  }
  const by = event.initiatedBy?.app;
  if (by?.appId || by?.servicePrincipalId || by?.displayName) {
    const self = idsOf(app).includes((by.appId ?? by.servicePrincipalId ?? '').toLowerCase());
    return self ? { kind: 'app', name: '' } : { kind: 'otherApp', name: by.displayName ?? by.appId ?? (by.servicePrincipalId as string) };
  }
  return { kind: 'unknown', name: 'someone' };
}

interface Key {
  id: string;
  type: string;
  name: string;
}

// KeyDescription lists every key after (newValue) and before (oldValue) the change.
function keysIn(value: string | null | undefined): Key[] {
  return [...(value ?? '').matchAll(/KeyIdentifier=([^,\]]+),KeyType=([^,\]]+)(?:,KeyUsage=[^,\]]*)?(?:,DisplayName=([^\]"]*))?/g)].map((m) => ({
    id: m[1],
    type: m[2],
    name: (m[3] ?? '').trim(),
  }));
}

function keyWords(keys: Key[]): string {
  const kinds = keys.map((k) => (/password/i.test(k.type) ? 'client secret' : /cert/i.test(k.type) ? 'certificate' : 'credential'));
  const kind = new Set(kinds).size === 1 ? kinds[0] : 'credential';
  const named = keys.map((k) => k.name).filter(Boolean);
  const label = named.length > 0 ? ` (${named.join(', ')})` : '';
  return keys.length === 1 ? `a ${kind}${label}` : `${keys.length} ${kind}s${label}`;
}

function credentialChange(event: DirectoryAudit): string {
  const target = (event.targetResources ?? []).find((t) => t.type === 'Application' || t.type === 'ServicePrincipal');
  const where = target?.type === 'ServicePrincipal' ? 'the service principal' : 'the app registration';
  const change = (target?.modifiedProperties ?? []).find((p: ModifiedProperty) => p.displayName === 'KeyDescription');
  const before = keysIn(change?.oldValue);
  const after = keysIn(change?.newValue);
  const added = after.filter((k) => !before.some((b) => b.id === k.id));
  const removed = before.filter((k) => !after.some((a) => a.id === k.id));
  const parts = [
    added.length > 0 ? `added ${keyWords(added)} to ${where}` : '',
    removed.length > 0 ? `removed ${keyWords(removed)} from ${where}` : '',
  ].filter(Boolean);
  if (parts.length > 0) return parts.join(' and ');
  const activity = activityOf(event);
  if (activity.startsWith('Add')) return `added a credential to ${where}`;
  return activity.startsWith('Remove') ? `removed a credential from ${where}` : `changed the credentials of ${where}`;
}

function ownerName(event: DirectoryAudit, names: UserNames): string {
  const user = (event.targetResources ?? []).find((t) => t.type === 'User');
  return names.get((user?.id ?? '').toLowerCase()) || user?.userPrincipalName || user?.displayName || user?.id || 'someone';
}

function appTarget(event: DirectoryAudit): TargetResource | undefined {
  return (event.targetResources ?? []).find((t) => t.type === 'Application' || t.type === 'ServicePrincipal');
}

function roleName(event: DirectoryAudit): string {
  const withRole = (event.targetResources ?? []).find((t) => property(t, 'Role.DisplayName'));
  return property(withRole, 'Role.DisplayName') || 'a directory role';
}

function grantWords(event: DirectoryAudit): { permission: string; resource: string } {
  const target = (event.targetResources ?? []).find((t) => property(t, 'AppRole.Value') || property(t, 'AppRole.Id')) ?? event.targetResources?.[0];
  const permission = property(target, 'AppRole.Value') || property(target, 'AppRole.DisplayName') || property(target, 'AppRole.Id') || 'an application permission';
  return { permission, resource: target?.displayName ?? 'a resource' };
}

function consentWords(event: DirectoryAudit): string {
  const target = appTarget(event);
  const admin = /true/i.test(property(target, 'ConsentContext.IsAdminConsent'));
  const everyone = /true/i.test(property(target, 'ConsentContext.OnBehalfOfAll'));
  const scopes = [...property(target, 'ConsentAction.Permissions').matchAll(/Scope:\s*([^,\]]+)/g)].map((m) => m[1].trim()).filter(Boolean);
  const to = scopes.length > 0 ? ` to ${scopes.join(' ')}` : '';
  return `${admin ? 'gave admin consent' : 'consented'}${to}${everyone ? ' for all users' : ''}`;
}

/** What one directory audit says happened to the app, in plain words, without the actor. */
export function describeDirectoryEvent(event: DirectoryAudit, names: UserNames = new Map()): string {
  const activity = activityOf(event);
  switch (activity) {
    case 'Add application':
      return `registered the app '${appTarget(event)?.displayName ?? 'unnamed'}'`;
    case 'Add service principal':
      return "created the app's service principal (its enterprise app)";
    case 'Add owner to application':
      return `made ${ownerName(event, names)} an owner of the app registration`;
    case 'Add owner to service principal':
      return `made ${ownerName(event, names)} an owner of the service principal`;
    case 'Add service principal credentials':
    case 'Remove service principal credentials':
    case 'Update application – Certificates and secrets management':
      return credentialChange(event);
    case 'Add federated identity credential':
      return 'added a federated credential (sign-in without a secret from an outside identity provider)';
    case 'Add app role assignment to service principal': {
      const { permission, resource } = grantWords(event);
      return `granted the application permission ${permission} on ${resource}`;
    }
    case 'Remove app role assignment from service principal': {
      const { permission, resource } = grantWords(event);
      return `revoked the application permission ${permission} on ${resource}`;
    }
    case 'Consent to application':
      return consentWords(event);
    case 'Add delegated permission grant':
      return `granted delegated permissions ${property(appTarget(event) ?? event.targetResources?.[0], 'DelegatedPermissionGrant.Scope') || ''}`.trim();
    case 'Add member to role':
      return `added the app to the ${roleName(event)} role`;
    case 'Add eligible member to role':
      return `made the app eligible for the ${roleName(event)} role`;
    default:
      return activity.charAt(0).toLowerCase() + activity.slice(1);
  }
}

/** One timeline entry per directory audit about the app. */
export function directoryEntries(events: DirectoryAudit[], app: AppIds, names: UserNames = new Map()): TimelineEntry[] {
  return uniqueById(eventsAbout(events, idsOf(app)), (event) => event.id).map((event) => ({
    at: new Date(event.activityDateTime ?? 0).getTime(),
    source: 'directory',
    actor: actorOf(event, app, names),
    what: describeDirectoryEvent(event, names),
    names: [],
    recordIds: event.id ? [event.id] : [],
  }));
}

/** The object ids of the users who acted or were made owners: their display names make the story readable. */
export function usersNamedIn(events: DirectoryAudit[]): string[] {
  const ids = events.flatMap((event) => [
    event.initiatedBy?.user?.displayName ? undefined : event.initiatedBy?.user?.id,
    ...(event.targetResources ?? []).filter((t) => t.type === 'User').map((t) => t.id),
  ]);
  return [...new Set(ids.filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()))];
}
