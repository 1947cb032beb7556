import type { RiskyUser } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { collectAdminAccounts } from '../admins/collect';
import type { DirectoryChange } from './directoryAlerts';

const RISKY_LEVELS = ['medium', 'high'];

/**
 * Admins whose user risk became medium or high since the cursor. Identity Protection needs Entra ID P2:
 * without it there is nothing to read, which is not an error for the watcher.
 */
export async function riskyAdminChanges(graph: GraphApi, since: Date): Promise<DirectoryChange[]> {
  const filter = `riskLastUpdatedDateTime ge ${since.toISOString()}`;
  let risky: RiskyUser[];
  try {
    risky = await graph.list<RiskyUser>(`/identityProtection/riskyUsers?$filter=${encodeURIComponent(filter)}`);
  } catch {
    return [];
  }
  const atRisk = risky.filter((u) => RISKY_LEVELS.includes(u.riskLevel ?? '') && (u.riskState === 'atRisk' || u.riskState === 'confirmedCompromised'));
  if (atRisk.length === 0) return [];
  const admins = new Map((await collectAdminAccounts(graph, { perUserMfa: false })).accounts.map((a) => [a.id.toLowerCase(), a]));
  return atRisk
    .filter((u) => admins.has((u.id ?? '').toLowerCase()))
    .map((u) => {
      const admin = admins.get((u.id ?? '').toLowerCase())!;
      return {
        eventId: `risk:${u.id}:${u.riskLastUpdatedDateTime}`,
        when: u.riskLastUpdatedDateTime ?? '',
        kind: 'riskyAdmin' as const,
        appName: admin.displayName,
        userId: admin.id,
        detail: `${admin.displayName} (${admin.userPrincipalName}), who holds ${admin.roles.map((r) => r.roleName).join(', ')}, has ${u.riskLevel} user risk (${u.riskState}${u.riskDetail && u.riskDetail !== 'none' ? `, ${u.riskDetail}` : ''}). Say "risky admins" for the details and buttons.`,
        actor: 'Entra ID Protection',
      };
    });
}
