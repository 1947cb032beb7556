// The per-app recipe the scripts admins copy use to report app permissions: list every service principal,
// then ask for each one's app role assignments and role memberships. A reference to compare with, run
// against the same simulated tenant and latency as the bot.
import { HIGH_IMPACT_PERMISSIONS, PRIVILEGED_ROLES } from '../services/apps/catalog';

export interface RecipeOptions {
  /** Requests in flight at once: each worker reads one service principal's two lists in turn. */
  concurrency: number;
  /** Read the assignments of only the first N service principals listed (a sample to extrapolate from). */
  sample?: number;
}

export interface RecipeRun {
  servicePrincipals: number;
  examined: number;
  /** Graph requests made: the listing's pages, then the per-app reads. */
  listRequests: number;
  perAppRequests: number;
  listMs: number;
  perAppMs: number;
  /** The per-app requests' own times added up: what they take one after another, as a sequential script runs them. */
  perAppRequestMs: number;
  /** appIds of the service principals holding a high-impact permission or a privileged role. */
  riskyAppIds: string[];
}

interface ServicePrincipalRow {
  id: string;
  appId: string;
}
interface Assignment {
  resourceId: string;
  appRoleId: string;
}
interface MemberOf {
  '@odata.type'?: string;
  roleTemplateId?: string;
}

const HIGH_IMPACT_VALUES = new Set(HIGH_IMPACT_PERMISSIONS.map((p) => p.value));
const PRIVILEGED = new Set(PRIVILEGED_ROLES.map((r) => r.templateId));

async function clientCredentialsToken(simUrl: string, tenantId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${simUrl}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'per-app-recipe', client_secret: clientSecret, scope: 'https://graph.microsoft.com/.default' }),
  });
  if (!response.ok) throw new Error(`recipe token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function runRecipe(simUrl: string, tenantId: string, clientSecret: string, options: RecipeOptions): Promise<RecipeRun> {
  const token = await clientCredentialsToken(simUrl, tenantId, clientSecret);
  let requests = 0;
  let requestMs = 0;
  const get = async <T>(url: string): Promise<{ value: T[]; '@odata.nextLink'?: string } & Record<string, unknown>> => {
    requests++;
    const started = performance.now();
    const response = await fetch(url.startsWith('https://') ? url : `${simUrl}/v1.0${url}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`recipe: ${url} answered ${response.status}`);
    const body = (await response.json()) as { value: T[]; '@odata.nextLink'?: string };
    requestMs += performance.now() - started;
    return body;
  };
  const all = async <T>(url: string): Promise<T[]> => {
    const items: T[] = [];
    for (let next: string | undefined = url; next; ) {
      const page: { value: T[]; '@odata.nextLink'?: string } = await get<T>(next);
      items.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return items;
  };

  // Get-MgServicePrincipal -All -PageSize 999: the largest page Graph allows.
  const listStarted = performance.now();
  const servicePrincipals = await all<ServicePrincipalRow>('/servicePrincipals?$select=id,appId&$top=999');
  const listMs = performance.now() - listStarted;
  const listRequests = requests;
  const listRequestMs = requestMs;

  const appRoleValues = new Map<string, Promise<Map<string, string>>>();
  const valuesOf = (resourceId: string) => {
    if (!appRoleValues.has(resourceId)) {
      appRoleValues.set(resourceId, get<never>(`/servicePrincipals/${resourceId}?$select=appRoles`).then((sp) =>
        new Map(((sp.appRoles ?? []) as { id: string; value: string }[]).map((role) => [role.id, role.value]))));
    }
    return appRoleValues.get(resourceId)!;
  };
  const examined = servicePrincipals.slice(0, options.sample ?? servicePrincipals.length);
  const risky: string[] = [];
  const perAppStarted = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < examined.length) {
      const sp = examined[next++];
      const assignments = await all<Assignment>(`/servicePrincipals/${sp.id}/appRoleAssignments`);
      const memberOf = await all<MemberOf>(`/servicePrincipals/${sp.id}/transitiveMemberOf`);
      const values = await Promise.all(assignments.map(async (a) => (await valuesOf(a.resourceId)).get(a.appRoleId)));
      const privileged = memberOf.some((m) => m['@odata.type'] === '#microsoft.graph.directoryRole' && PRIVILEGED.has(m.roleTemplateId ?? ''));
      if (privileged || values.some((value) => value !== undefined && HIGH_IMPACT_VALUES.has(value))) risky.push(sp.appId);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return {
    servicePrincipals: servicePrincipals.length,
    examined: examined.length,
    listRequests,
    perAppRequests: requests - listRequests,
    listMs,
    perAppMs: performance.now() - perAppStarted,
    perAppRequestMs: requestMs - listRequestMs,
    riskyAppIds: risky,
  };
}
