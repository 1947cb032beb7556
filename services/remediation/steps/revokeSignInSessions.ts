import type { User } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'revokeSignInSessions'>;

function read(graph: GraphApi, spec: Spec) {
  return readOrGone(graph.get<User>(`/users/${spec.userId}?$select=id,displayName,userPrincipalName,accountEnabled,signInSessionsValidFromDateTime`));
}

// Whether sessions issued before now still exist cannot be read, so a revocation is always still to do.
export const revokeSignInSessions: StepImplementation<Spec> = {
  check: async (spec, { graph }) => ((await read(graph, spec)) ? 'toDo' : 'targetGone'),
  snapshot: (spec, { graph }) => read(graph, spec),
  execute: (spec, { graph }) => writeUnlessGone(graph.send('POST', `/users/${spec.userId}/revokeSignInSessions`)),
  confirmable: false,
};
