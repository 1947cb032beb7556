import type { DirectoryObject, Group, UnifiedRoleAssignment } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { quote } from '../../apps/odata';
import { readOrGone, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'removeGroupMember'>;
type Member = DirectoryObject & { '@odata.type'?: string; displayName?: string | null };

// Filtering a membership list is an advanced query.
const ADVANCED_QUERY = { ConsistencyLevel: 'eventual' };

function readGroup(graph: GraphApi, spec: Spec) {
  return readOrGone(graph.get<Group>(`/groups/${spec.groupId}?$select=id,displayName,isAssignableToRole,securityEnabled`));
}

async function readMember(graph: GraphApi, spec: Spec): Promise<Member | undefined> {
  const filter = encodeURIComponent(`id eq ${quote(spec.memberId)}`);
  const members = await graph.list<Member>(`/groups/${spec.groupId}/members?$filter=${filter}&$select=id,displayName&$count=true`, { headers: ADVANCED_QUERY });
  return members[0];
}

export const removeGroupMember: StepImplementation<Spec> = {
  async check(spec, { graph }) {
    if (!(await readGroup(graph, spec))) return 'targetGone';
    return (await readOrGone(readMember(graph, spec))) ? 'toDo' : 'alreadyDone';
  },
  async snapshot(spec, { graph }) {
    const filter = encodeURIComponent(`principalId eq ${quote(spec.groupId)}`);
    const [group, member, groupRoles] = await Promise.all([
      readGroup(graph, spec),
      readOrGone(readMember(graph, spec)),
      graph.list<UnifiedRoleAssignment>(`/roleManagement/directory/roleAssignments?$filter=${filter}`),
    ]);
    return { group, member, groupRoles };
  },
  execute: (spec, { graph }) => writeUnlessGone(graph.send('DELETE', `/groups/${spec.groupId}/members/${spec.memberId}/$ref`)),
};
