import type { AuthenticationMethod, Group, RiskyUser, User, UserRegistrationDetails } from '@microsoft/microsoft-graph-types';
import type { GraphApi, Page } from '../graph/graphApi';
import { quote } from '../apps/odata';
import { gapOf, orRefused, SOURCES } from './gaps';
import { ADVANCED_QUERY, allItems, chunks, FILTER_CHUNK, firstRefusal, get, readEntities, type Answer } from './graphReads';
import { canDoMfa, methodNames } from './methods';
import type { RoleHolder } from './roleHolders';
import type { DataGap } from './types';

export interface Registration {
  source: 'report' | 'methods';
  mfaRegistered: boolean;
  methods: string[];
}

/** What Graph says about each admin beyond their roles, keyed by user id. */
export interface AdminDetails {
  users: Map<string, User>;
  registrations: Map<string, Registration>;
  risks: Map<string, RiskyUser>;
  /** false when Identity Protection could not be read (no Entra ID P2, or no permission). */
  riskRead: boolean;
  /** Only read when a Conditional Access policy names groups. */
  memberships: Map<string, Group[]>;
  gaps: DataGap[];
}

const USER_SELECT = 'id,displayName,userPrincipalName,accountEnabled';
const filter = (expression: string) => `$filter=${encodeURIComponent(expression)}`;
const idsIn = (ids: string[]) => `id in (${ids.map(quote).join(',')})`;

function userSteps(ids: string[], withSignIn: boolean) {
  const select = withSignIn ? `${USER_SELECT},signInActivity` : USER_SELECT;
  return chunks(ids, FILTER_CHUNK).map((chunk, i) => get(`users-${i}`, `/users?${filter(idsIn(chunk))}&$select=${select}`));
}

// The report documents $filter on userPrincipalName (eq), not on id; it counts against the
// identity-and-access reports limit (5 requests per 10 s), so a request asks for 15 admins.
function registrationSteps(upns: string[]) {
  return chunks(upns, FILTER_CHUNK).map((chunk, i) =>
    get(`registration-${i}`, `/reports/authenticationMethods/userRegistrationDetails?${filter(chunk.map((upn) => `userPrincipalName eq ${quote(upn)}`).join(' or '))}`),
  );
}

function riskSteps(ids: string[]) {
  return chunks(ids, FILTER_CHUNK).map((chunk, i) => get(`risk-${i}`, `/identityProtection/riskyUsers?${filter(idsIn(chunk))}`));
}

function membershipSteps(ids: string[]) {
  return ids.map((id) => get(`memberOf-${id}`, `/users/${id}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName&$top=999&$count=true`, ADVANCED_QUERY));
}

function methodSteps(ids: string[]) {
  return ids.map((id) => get(`methods-${id}`, `/users/${id}/authentication/methods`));
}

type Answers = Map<string, Answer<unknown>>;

async function collection<T>(graph: GraphApi, answers: Answers, id: string, headers?: Record<string, string>): Promise<Answer<T[]>> {
  return allItems<T>(graph, answers.get(id) as Answer<Page<T>>, headers ? { headers } : {});
}

/** Items of every step whose id starts with prefix, and the first refusal among them. */
async function collected<T>(graph: GraphApi, answers: Answers, prefix: string): Promise<{ items: T[]; refused?: Answer<unknown> }> {
  const ids = [...answers.keys()].filter((id) => id.startsWith(prefix));
  const pages = await Promise.all(ids.map((id) => collection<T>(graph, answers, id)));
  return { items: pages.flatMap((page) => (page.ok ? page.value : [])), refused: firstRefusal(pages) };
}

async function read(graph: GraphApi, steps: ReturnType<typeof get>[]): Promise<Answers> {
  return orRefused(() => readEntities<unknown>(graph, steps), steps.map((s) => s.id));
}

function byId<T extends { id?: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id as string, item]));
}

function fromReport(row: UserRegistrationDetails): Registration {
  return { source: 'report', mfaRegistered: row.isMfaRegistered === true, methods: row.methodsRegistered ?? [] };
}

async function memberships(graph: GraphApi, answers: Answers, ids: string[], gaps: DataGap[]): Promise<Map<string, Group[]>> {
  const groups = new Map<string, Group[]>();
  const pages = await Promise.all(ids.map(async (id) => [id, await collection<Group>(graph, answers, `memberOf-${id}`, ADVANCED_QUERY)] as const));
  for (const [id, page] of pages) if (page.ok) groups.set(id, page.value);
  const refused = firstRefusal(pages.map(([, page]) => page));
  if (refused) gaps.push(gapOf(SOURCES.memberships, refused, 'Policies that include or exclude groups are judged without those groups.')!);
  return groups;
}

/** Registered methods per admin, for admins the report did not cover: one request per admin, 20 to a batch. */
function registrationsFromMethods(answers: Answers, ids: string[], gaps: DataGap[]): Map<string, Registration> {
  const registrations = new Map<string, Registration>();
  for (const id of ids) {
    const answer = answers.get(`methods-${id}`) as Answer<Page<AuthenticationMethod>> | undefined;
    if (!answer?.ok) continue;
    const methods = methodNames(answer.value.value);
    registrations.set(id, { source: 'methods', mfaRegistered: canDoMfa(methods), methods });
  }
  const refused = firstRefusal(ids.map((id) => answers.get(`methods-${id}`)!));
  if (refused) gaps.push(gapOf(SOURCES.methods, refused, 'MFA registration is unknown for these admins.')!);
  return registrations;
}

function reportedRegistrations(holders: RoleHolder[], rows: UserRegistrationDetails[]): Map<string, Registration> {
  const byUpn = new Map(rows.map((row) => [(row.userPrincipalName ?? '').toLowerCase(), row]));
  const registrations = new Map<string, Registration>();
  for (const holder of holders) {
    const row = byUpn.get((holder.userPrincipalName ?? '').toLowerCase());
    if (row) registrations.set(holder.id, fromReport(row));
  }
  return registrations;
}

/** The accounts again without signInActivity, which needs Entra ID P1 and AuditLog.Read.All. */
async function accountsWithoutSignIns(graph: GraphApi, answers: Answers, gaps: DataGap[]): Promise<User[]> {
  const plain = await collected<User>(graph, answers, 'users-');
  if (plain.refused) gaps.push(gapOf(SOURCES.users, plain.refused, 'Names and account state come from the role assignments.')!);
  return plain.items;
}

/**
 * Accounts, MFA registration, user risk and (when policies name groups) group memberships of the
 * admins, in one $batch of requests that scale with the admins only. A second batch only for what
 * the first could not give: registered methods per admin for those the report does not cover (it
 * leaves out disabled accounts, and all of them without Entra ID P1), and the accounts without sign-in activity.
 */
export async function adminDetails(graph: GraphApi, holders: RoleHolder[], withMemberships: boolean): Promise<AdminDetails> {
  const ids = holders.map((h) => h.id);
  const upns = holders.map((h) => h.userPrincipalName).filter((upn): upn is string => Boolean(upn));
  const gaps: DataGap[] = [];
  const first = await read(graph, [...userSteps(ids, true), ...registrationSteps(upns), ...riskSteps(ids), ...(withMemberships ? membershipSteps(ids) : [])]);
  const [users, report, risks, groups] = await Promise.all([
    collected<User>(graph, first, 'users-'),
    collected<UserRegistrationDetails>(graph, first, 'registration-'),
    collected<RiskyUser>(graph, first, 'risk-'),
    withMemberships ? memberships(graph, first, ids, gaps) : new Map<string, Group[]>(),
  ]);
  if (risks.refused) gaps.push(gapOf(SOURCES.risk, risks.refused, 'No user risk is shown.')!);
  if (report.refused) gaps.push(gapOf(SOURCES.registration, report.refused, 'Registered methods were read per admin instead.')!);
  if (users.refused) gaps.push(gapOf(SOURCES.signInActivity, users.refused, 'No last sign-in is shown.')!);

  const registrations = reportedRegistrations(holders, report.items);
  const uncovered = ids.filter((id) => !registrations.has(id));
  const retryUsers = users.refused !== undefined;
  const second = uncovered.length || retryUsers ? await read(graph, [...methodSteps(uncovered), ...(retryUsers ? userSteps(ids, false) : [])]) : new Map();
  for (const [id, registration] of registrationsFromMethods(second, uncovered, gaps)) registrations.set(id, registration);
  const accounts = retryUsers ? await accountsWithoutSignIns(graph, second, gaps) : users.items;
  return { users: byId(accounts), registrations, risks: byId(risks.items), riskRead: !risks.refused, memberships: groups, gaps };
}
