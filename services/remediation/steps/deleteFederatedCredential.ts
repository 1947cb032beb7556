import type { Application, FederatedIdentityCredential } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'deleteFederatedCredential'>;

const path = (spec: Spec) => `/applications/${spec.applicationId}/federatedIdentityCredentials/${spec.credentialId}`;

function read(graph: GraphApi, spec: Spec) {
  return readOrGone(graph.get<FederatedIdentityCredential>(path(spec)));
}

export const deleteFederatedCredential: StepImplementation<Spec> = {
  async check(spec, { graph }) {
    if (await read(graph, spec)) return 'toDo';
    const application = await readOrGone(graph.get<Application>(`/applications/${spec.applicationId}?$select=id`));
    return application ? 'alreadyDone' : 'targetGone';
  },
  snapshot: (spec, { graph }) => read(graph, spec),
  execute: (spec, { graph }) => writeUnlessGone(graph.send('DELETE', path(spec))),
};
