import type { DirectoryObject, UnifiedRoleAssignment } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'removeDirectoryRole'>;

function read(graph: GraphApi, spec: Spec) {
  return readOrGone(graph.get<UnifiedRoleAssignment>(`/roleManagement/directory/roleAssignments/${spec.assignmentId}`));
}

export const removeDirectoryRole: StepImplementation<Spec> = {
  async check(spec, { graph }) {
    if (await read(graph, spec)) return 'toDo';
    const principal = await readOrGone(graph.get<DirectoryObject>(`/directoryObjects/${spec.principalId}?$select=id`));
    return principal ? 'alreadyDone' : 'targetGone';
  },
  snapshot: async (spec, { graph }) => ({ roleName: spec.roleName, assignment: await read(graph, spec) }),
  execute: (spec, { graph }) => writeUnlessGone(graph.send('DELETE', `/roleManagement/directory/roleAssignments/${spec.assignmentId}`)),
};
