import { readFileSync } from 'node:fs';
import path from 'node:path';

// Demo mode's view of the scenario file: who the Playground's users are and which groups
// stand for the admins and approvers. The simulator owns the format; only these fields are read.
export interface ScenarioUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  mail?: string;
}
interface ScenarioGroup {
  id: string;
  displayName?: string;
  members?: string[];
}
interface ScenarioHeader {
  tenant: { id: string; displayName?: string };
  users?: ScenarioUser[];
  groups?: ScenarioGroup[];
}

export interface DemoTenant {
  tenantId: string;
  adminsGroupId: string;
  approversGroupId: string;
  admin: ScenarioUser;
  /** The first approver who is not the admin: the second Playground's user. */
  approver?: ScenarioUser;
  others: ScenarioUser[];
}

export const DEFAULT_SCENARIO = path.resolve(__dirname, '..', '..', 'sim', 'scenarios', 'default.json');
export const ADMINS_GROUP_NAME = 'Tenant Warden Admins';
export const APPROVERS_GROUP_NAME = 'Tenant Warden Approvers';

function groupNamed(scenario: ScenarioHeader, name: string, override: string | undefined): ScenarioGroup {
  const group = override
    ? scenario.groups?.find((g) => g.id.toLowerCase() === override.toLowerCase())
    : scenario.groups?.find((g) => g.displayName === name);
  if (!group) throw new Error(override ? `group ${override} is not in the scenario` : `the scenario has no group named "${name}": set its id explicitly`);
  return group;
}

export function readDemoTenant(scenarioPath: string, env: NodeJS.ProcessEnv): DemoTenant {
  const scenario = JSON.parse(readFileSync(scenarioPath, 'utf8')) as ScenarioHeader;
  const admins = groupNamed(scenario, ADMINS_GROUP_NAME, env.ADMINS_GROUP_ID);
  const approvers = groupNamed(scenario, APPROVERS_GROUP_NAME, env.APPROVERS_GROUP_ID);
  const users = scenario.users ?? [];
  const admin = users.find((u) => admins.members?.includes(u.id));
  if (!admin) throw new Error(`no user is a direct member of the admins group ${admins.id}`);
  const approverUsers = users.filter((u) => u !== admin && approvers.members?.includes(u.id));
  const others = [...approverUsers, ...users.filter((u) => u !== admin && !approverUsers.includes(u))];
  return { tenantId: scenario.tenant.id, adminsGroupId: admins.id, approversGroupId: approvers.id, admin, approver: approverUsers[0], others };
}

function playgroundUser(user: ScenarioUser, index: number): [string, string][] {
  const name = user.displayName ?? user.userPrincipalName ?? user.id;
  return [
    ['id', `user-${index}`],
    ['name', name],
    ['userPrincipleName', user.userPrincipalName ?? ''],
    ['aadObjectId', user.id],
    ['givenName', user.givenName ?? name.split(' ')[0]],
    ['surname', user.surname ?? ''],
    ['email', user.mail ?? user.userPrincipalName ?? ''],
  ];
}

const yamlLine = (indent: string, [key, value]: [string, string]) => `${indent}${key}: ${JSON.stringify(value)}`;

/** The Playground's configuration: the scenario's tenant, one of its users (the admin by default) as the current user. */
export function playgroundConfig(tenant: DemoTenant, botId: string, currentUser: ScenarioUser = tenant.admin): string {
  // The Playground's schema wants exactly five other users.
  const others = [tenant.admin, ...tenant.others].filter((u) => u !== currentUser).slice(0, 5);
  if (others.length < 5) throw new Error('the Playground needs 5 users besides the admin in the scenario');
  return [
    '# Written by npm start (demo mode) from the simulated tenant; do not edit.',
    'version: "0.1.1"',
    `tenantId: ${JSON.stringify(tenant.tenantId)}`,
    'bot:',
    `  id: ${JSON.stringify(botId)}`,
    '  name: "Tenant Warden"',
    'currentUser:',
    ...playgroundUser(currentUser, 0).map((field) => yamlLine('  ', field)),
    'users:',
    ...others.flatMap((u, i) => playgroundUser(u, i + 1).map((field, f) => yamlLine(f === 0 ? '  - ' : '    ', field))),
    'personalChat:',
    '  id: "__PERSONAL_CHAT_ID__"',
    'groupChat:',
    '  id: "__GROUP_CHAT_ID__"',
    '  name: "Security Operations"',
    'team:',
    '  id: "team-id"',
    '  name: "IT Security"',
    '  aadGroupId: "00000000-0000-0000-0000-000000000031"',
    '  channels:',
    '    - id: "channel-alerts-id"',
    '      name: "Alerts"',
    '',
  ].join('\n');
}
