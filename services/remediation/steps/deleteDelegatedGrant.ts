import type { OAuth2PermissionGrant } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'deleteDelegatedGrant'>;

function read(graph: GraphApi, spec: Spec) {
  return readOrGone(graph.get<OAuth2PermissionGrant>(`/oauth2PermissionGrants/${spec.grantId}`));
}

// The grant is both the target and the item: once it is gone, the change is done.
export const deleteDelegatedGrant: StepImplementation<Spec> = {
  check: async (spec, { graph }) => ((await read(graph, spec)) ? 'toDo' : 'alreadyDone'),
  snapshot: (spec, { graph }) => read(graph, spec),
  execute: (spec, { graph }) => writeUnlessGone(graph.send('DELETE', `/oauth2PermissionGrants/${spec.grantId}`)),
};
