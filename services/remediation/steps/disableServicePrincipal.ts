import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'disableServicePrincipal'>;

const SELECT = 'id,appId,displayName,accountEnabled,servicePrincipalType,appOwnerOrganizationId';

function read(graph: GraphApi, spec: Spec) {
  return readOrGone(graph.get<ServicePrincipal>(`/servicePrincipals/${spec.servicePrincipalId}?$select=${SELECT}`));
}

export const disableServicePrincipal: StepImplementation<Spec> = {
  async check(spec, { graph }) {
    const servicePrincipal = await read(graph, spec);
    if (!servicePrincipal) return 'targetGone';
    return servicePrincipal.accountEnabled === false ? 'alreadyDone' : 'toDo';
  },
  snapshot: (spec, { graph }) => read(graph, spec),
  execute: (spec, { graph }) => writeUnlessGone(graph.send('PATCH', `/servicePrincipals/${spec.servicePrincipalId}`, { accountEnabled: false })),
};
