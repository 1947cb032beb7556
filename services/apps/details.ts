import type { Application, FederatedIdentityCredential, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { GraphApi, type BatchResult, type BatchStep } from '../graph/graphApi';
import type { Owner } from './evidence';
import { quote } from './odata';

export const SERVICE_PRINCIPAL_SELECT =
  'id,appId,displayName,accountEnabled,appOwnerOrganizationId,servicePrincipalType,verifiedPublisher,passwordCredentials,keyCredentials,signInAudience,tags,appRoles';
const APPLICATION_SELECT =
  'id,appId,displayName,createdDateTime,signInAudience,publisherDomain,verifiedPublisher,passwordCredentials,keyCredentials';
const OWNER_SELECT = 'id,displayName,userPrincipalName,appId';

export interface AppDetails {
  servicePrincipal: ServicePrincipal;
  application?: Application;
  owners: Owner[];
  federatedCredentials: FederatedIdentityCredential[];
}

type Collection<T> = { value: T[]; '@odata.nextLink'?: string };

function servicePrincipalStep(servicePrincipalId: string): BatchStep {
  return { id: `${servicePrincipalId}:sp`, method: 'GET', url: `/servicePrincipals/${servicePrincipalId}?$select=${SERVICE_PRINCIPAL_SELECT}` };
}

function relatedSteps(servicePrincipal: ServicePrincipal, homeTenant: boolean): BatchStep[] {
  const id = servicePrincipal.id as string;
  const app = `/applications(appId=${quote(servicePrincipal.appId as string)})`;
  const steps: BatchStep[] = [{ id: `${id}:spOwners`, method: 'GET', url: `/servicePrincipals/${id}/owners?$select=${OWNER_SELECT}` }];
  if (homeTenant) {
    steps.push(
      { id: `${id}:app`, method: 'GET', url: `${app}?$select=${APPLICATION_SELECT}` },
      { id: `${id}:appOwners`, method: 'GET', url: `${app}/owners?$select=${OWNER_SELECT}` },
      { id: `${id}:fic`, method: 'GET', url: `${app}/federatedIdentityCredentials` },
    );
  }
  return steps;
}

async function collection<T>(graph: GraphApi, results: Map<string, BatchResult>, step: BatchStep): Promise<T[]> {
  const page = GraphApi.unwrap<Collection<T>>(results.get(step.id), step);
  return page['@odata.nextLink'] ? [...page.value, ...(await graph.list<T>(page['@odata.nextLink']))] : page.value;
}

/**
 * Each service principal, its app registration (when this tenant owns it), owners and federated
 * credentials, through $batch in two rounds: requests grow with the candidates, not the tenant.
 * Ids that no longer exist are left out.
 */
export async function appDetails(graph: GraphApi, tenantId: string, servicePrincipalIds: string[]): Promise<Map<string, AppDetails>> {
  const spSteps = servicePrincipalIds.map(servicePrincipalStep);
  const spResults = await graph.batch(spSteps);
  const principals = spSteps
    .filter((step) => spResults.get(step.id)?.status !== 404)
    .map((step) => GraphApi.unwrap<ServicePrincipal>(spResults.get(step.id), step));
  const plans = principals.map((sp) => ({ sp, steps: relatedSteps(sp, sp.appOwnerOrganizationId === tenantId) }));
  const results = await graph.batch(plans.flatMap((plan) => plan.steps));
  const details = new Map<string, AppDetails>();
  for (const { sp, steps } of plans) {
    const [spOwnersStep, appStep, appOwnersStep, ficStep] = steps;
    const owners = await collection<Owner>(graph, results, spOwnersStep);
    let application: Application | undefined;
    let federatedCredentials: FederatedIdentityCredential[] = [];
    if (appStep && results.get(appStep.id)?.status !== 404) {
      application = GraphApi.unwrap<Application>(results.get(appStep.id), appStep);
      const appOwners = await collection<Owner>(graph, results, appOwnersStep);
      owners.push(...appOwners.filter((o) => !owners.some((known) => known.id === o.id)));
      federatedCredentials = await collection<FederatedIdentityCredential>(graph, results, ficStep);
    }
    details.set(sp.id as string, { servicePrincipal: sp, application, owners, federatedCredentials });
  }
  return details;
}
