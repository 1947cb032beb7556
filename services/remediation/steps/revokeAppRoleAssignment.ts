import type { AppRoleAssignment } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone, sameId, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'revokeAppRoleAssignment'>;

/** The service principal's assignments (undefined when it is gone) and the one the step is about. */
async function read(graph: GraphApi, spec: Spec): Promise<{ assignment?: AppRoleAssignment } | undefined> {
  const assignments = await readOrGone(graph.list<AppRoleAssignment>(`/servicePrincipals/${spec.servicePrincipalId}/appRoleAssignments?$top=999`));
  if (!assignments) return undefined;
  return { assignment: assignments.find((a) => sameId(a.id, spec.assignmentId)) };
}

export const revokeAppRoleAssignment: StepImplementation<Spec> = {
  async check(spec, { graph }) {
    const found = await read(graph, spec);
    if (!found) return 'targetGone';
    return found.assignment ? 'toDo' : 'alreadyDone';
  },
  snapshot: async (spec, { graph }) => ({ permission: spec.permission, assignment: (await read(graph, spec))?.assignment }),
  execute: (spec, { graph }) => writeUnlessGone(graph.send('DELETE', `/servicePrincipals/${spec.resourceId}/appRoleAssignedTo/${spec.assignmentId}`)),
};
