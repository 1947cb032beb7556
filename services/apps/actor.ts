import type { DirectoryAudit } from '@microsoft/microsoft-graph-types';

/** Who did it, as the audit record says: a user (with IP) or an app. */
export function actorOf(event: DirectoryAudit): string {
  const user = event.initiatedBy?.user;
  if (user?.userPrincipalName || user?.id) {
    const ip = user.ipAddress ? ` from ${user.ipAddress}` : '';
    return `${user.userPrincipalName ?? user.id}${ip}`;
  }
  const app = event.initiatedBy?.app;
  if (app?.displayName || app?.appId || app?.servicePrincipalId) return `app ${app.displayName ?? app.appId ?? app.servicePrincipalId}`;
  return 'unknown';
}

export function activityOf(event: DirectoryAudit): string {
  return (event.activityDisplayName ?? '').trim();
}
