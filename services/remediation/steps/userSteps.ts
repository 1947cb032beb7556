import type { RiskyUser, User } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

function readUser(graph: GraphApi, userId: string) {
  return readOrGone(graph.get<User>(`/users/${userId}?$select=id,displayName,userPrincipalName,accountEnabled`));
}

type BlockSpec = SpecOf<'blockSignIn'>;

export const blockSignIn: StepImplementation<BlockSpec> = {
  check: async (spec, { graph }) => {
    const user = await readUser(graph, spec.userId);
    if (!user) return 'targetGone';
    return user.accountEnabled === false ? 'alreadyDone' : 'toDo';
  },
  snapshot: (spec, { graph }) => readUser(graph, spec.userId),
  execute: (spec, { graph }) => writeUnlessGone(graph.send('PATCH', `/users/${spec.userId}`, { accountEnabled: false })),
};

type ConfirmSpec = SpecOf<'confirmCompromised'>;

function readRisk(graph: GraphApi, userId: string) {
  return readOrGone(graph.get<RiskyUser>(`/identityProtection/riskyUsers/${userId}`));
}

export const confirmCompromised: StepImplementation<ConfirmSpec> = {
  check: async (spec, { graph }) => {
    if (!(await readUser(graph, spec.userId))) return 'targetGone';
    const risk = await readRisk(graph, spec.userId);
    return risk?.riskState === 'confirmedCompromised' ? 'alreadyDone' : 'toDo';
  },
  snapshot: (spec, { graph }) => readRisk(graph, spec.userId),
  execute: async (spec, { graph }) => {
    await graph.send('POST', '/identityProtection/riskyUsers/confirmCompromised', { userIds: [spec.userId] });
  },
};
