import { scanRiskyApps } from '../apps/riskyApps';
import { liveCreationTime } from '../detection/exchange/rules/notYetAudited';
import type { ObjectAssessment } from '../detection/exchange/rules';
import { AdminFacingError } from '../errors';
import { changesReport, type ChangesDeps, type ChangesSubject } from '../exchange/changesReport';
import type { ExchangeAdmin } from '../exchange/exchangeAdmin';
import type { AdminAuditLogConfig } from '../exchange/types';
import type { GraphApi } from '../graph/graphApi';
import { collectAdminAccounts, type AdminCollection } from './collect';
import { SOURCES } from './gaps';
import type { DataGap } from './types';

export interface PostureDeps {
  graph: GraphApi;
  exchange: ExchangeAdmin;
  tenantId: string;
  trustedAppIds: string[];
  now: () => Date;
  /** Open remediation requests, counted by the approvals store: passed in so this domain does not depend on it. */
  pendingRequests: () => Promise<number>;
  /** How long to wait for the audit log searches before saying they are still running; default 5 s. */
  auditWaitMs?: number;
}

export type PostureState = 'ok' | 'warning' | 'attention' | 'unknown';

export type PostureCheck =
  | 'auditLogging'
  | 'securityDefaults'
  | 'adminMfaEnforcement'
  | 'adminsWithoutMfa'
  | 'riskyApps'
  | 'connectors'
  | 'transportRules'
  | 'pendingRequests';

export interface PostureLine {
  check: PostureCheck;
  title: string;
  state: PostureState;
  /** What was found, in an admin's words. */
  text: string;
  /** The chat command that shows the details. */
  command?: string;
}

export interface PostureReport {
  generatedAt: Date;
  lines: PostureLine[];
  /** What the admin checks could not read (licences, permissions). */
  gaps: DataGap[];
}

export const CHANGES_WINDOW_DAYS = 30;
const DEFAULT_AUDIT_WAIT_MS = 5_000;

const TITLES: Record<PostureCheck, string> = {
  auditLogging: 'Audit logging',
  securityDefaults: 'Security Defaults',
  adminMfaEnforcement: 'MFA required of admins',
  adminsWithoutMfa: 'Admins without MFA',
  riskyApps: 'Apps with high-impact access',
  connectors: `Connectors changed in ${CHANGES_WINDOW_DAYS} days`,
  transportRules: `Transport rules changed in ${CHANGES_WINDOW_DAYS} days`,
  pendingRequests: 'Remediation requests waiting',
};

const COMMANDS: Partial<Record<PostureCheck, string>> = {
  adminMfaEnforcement: 'admins without mfa',
  adminsWithoutMfa: 'admins without mfa',
  riskyApps: 'list risky apps',
  connectors: 'show new connectors',
  transportRules: 'show transport rules',
  pendingRequests: 'pending',
};

type Finding = Pick<PostureLine, 'state' | 'text'>;

function line(check: PostureCheck, finding: Finding): PostureLine {
  const command = COMMANDS[check];
  return command ? { check, title: TITLES[check], ...finding, command } : { check, title: TITLES[check], ...finding };
}

function reasonOf(error: unknown): string {
  return error instanceof AdminFacingError ? error.adminMessage : error instanceof Error ? error.message : String(error);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function auditLogging(config: AdminAuditLogConfig[]): Finding {
  const enabled = config[0]?.UnifiedAuditLogIngestionEnabled;
  if (enabled === undefined) return { state: 'unknown', text: 'Get-AdminAuditLogConfig did not say whether unified audit log ingestion is on.' };
  return enabled
    ? { state: 'ok', text: 'Unified audit log ingestion is on: Exchange changes are recorded.' }
    : { state: 'attention', text: 'Unified audit log ingestion is off: nobody can see who created a connector or a transport rule.' };
}

/** Without the active role assignments the list of admins is not complete (a tenant always has a Global Administrator). */
function adminsUnknown(admins: AdminCollection): Finding | undefined {
  const gap = admins.gaps.find((g) => g.source === SOURCES.roleAssignments.source);
  if (gap) return { state: 'unknown', text: gap.reason };
  return admins.accounts.length === 0 ? { state: 'unknown', text: 'No admin account was found.' } : undefined;
}

function securityDefaults(admins: AdminCollection): Finding {
  const everyoneCovered = admins.accounts.every((a) => a.enforcement.level === 'full');
  if (admins.securityDefaults === true) return { state: 'ok', text: 'On: every admin must use MFA.' };
  if (admins.securityDefaults === undefined) {
    const gap = admins.gaps.find((g) => g.source === SOURCES.securityDefaults.source);
    return { state: 'unknown', text: gap?.reason ?? 'The setting could not be read.' };
  }
  if (everyoneCovered) return adminsUnknown(admins) ?? { state: 'ok', text: 'Off; Conditional Access requires MFA of every admin instead.' };
  return adminsUnknown(admins) ?? { state: 'warning', text: 'Off, and Conditional Access does not require MFA of every admin.' };
}

function enforcementCoverage(admins: AdminCollection): Finding {
  const count = (level: string) => admins.accounts.filter((a) => a.enforcement.level === level).length;
  const [full, partial, none] = [count('full'), count('partial'), count('none')];
  const text = `${plural(admins.accounts.length, 'admin')}: ${full} always asked for MFA, ${partial} only in part, ${none} never.`;
  return { state: none ? 'attention' : partial ? 'warning' : 'ok', text };
}

function adminsWithoutMfa(admins: AdminCollection): Finding {
  const without = admins.accounts.filter((a) => a.mfaRegistered === false);
  const unknown = admins.accounts.filter((a) => a.mfaRegistered === undefined);
  if (without.length) return { state: 'attention', text: `${plural(without.length, 'admin')} without an MFA method: ${without.map((a) => a.displayName).join(', ')}.` };
  if (unknown.length) return { state: 'unknown', text: `MFA registration could not be read for ${plural(unknown.length, 'admin')}.` };
  return { state: 'ok', text: `Every admin has an MFA method registered (${admins.accounts.length}).` };
}

function riskyApps(levels: string[]): Finding {
  const count = (level: string) => levels.filter((l) => l === level).length;
  const parts = ['critical', 'high', 'medium', 'low'].filter((l) => count(l)).map((l) => `${count(l)} ${l}`);
  if (levels.length === 0) return { state: 'ok', text: 'No app holds a privileged role or a high-impact permission.' };
  const state = count('critical') || count('high') ? 'attention' : count('medium') ? 'warning' : 'ok';
  return { state, text: `${plural(levels.length, 'app')} with high-impact access: ${parts.join(', ')}.` };
}

async function exchangeChanges(deps: ChangesDeps, subject: ChangesSubject, waitMs: number): Promise<Finding> {
  const outcome = await changesReport(deps, subject, CHANGES_WINDOW_DAYS, waitMs);
  const noun = subject === 'connectors' ? 'connector' : 'transport rule';
  if (outcome.state === 'pending') return { state: 'unknown', text: `Audit search still running; ask "${COMMANDS[subject]}" for the result.` };
  const { report } = outcome;
  const all: ObjectAssessment[] = [...report.objects, ...report.bursts.flatMap((b) => b.members)];
  const changed = all.filter((a) => a.history.changes.length > 0 || (liveCreationTime(a.history)?.getTime() ?? 0) >= report.context.windowStart.getTime());
  const flagged = changed.filter((a) => a.riskLevel === 'critical' || a.riskLevel === 'high');
  const problems = report.problems.length ? ` Partial: ${report.problems[0]}` : '';
  if (changed.length === 0) return { state: report.problems.length ? 'unknown' : 'ok', text: `No ${noun} created or changed.${problems}` };
  const text = `${plural(changed.length, noun)} created or changed${flagged.length ? `, ${flagged.length} flagged high or critical` : ''}.${problems}`;
  return { state: flagged.length ? 'attention' : 'warning', text };
}

function pending(count: number): Finding {
  return count ? { state: 'warning', text: `${plural(count, 'request')} waiting for approval.` } : { state: 'ok', text: 'Nothing waiting for approval.' };
}

const couldNotCheck = (error: unknown): Finding => ({ state: 'unknown', text: `Could not check: ${reasonOf(error)}` });

/**
 * One line per safeguard the documented attack defeats, each read independently and at once:
 * a part that fails becomes an "unknown" line with its reason, never a failed report.
 */
export async function securityPosture(deps: PostureDeps): Promise<PostureReport> {
  const now = deps.now();
  const waitMs = deps.auditWaitMs ?? DEFAULT_AUDIT_WAIT_MS;
  // One risky-apps scan serves its own line and tells the Exchange reports which apps in the records are risky.
  const riskyScan = scanRiskyApps(deps.graph, { tenantId: deps.tenantId, now });
  const changesDeps = { ...deps, riskyScan };
  const [audit, admins, apps, connectors, rules, requests] = await Promise.allSettled([
    deps.exchange.invoke<AdminAuditLogConfig>('Get-AdminAuditLogConfig'),
    collectAdminAccounts(deps.graph),
    riskyScan,
    exchangeChanges(changesDeps, 'connectors', waitMs),
    exchangeChanges(changesDeps, 'transportRules', waitMs),
    // The callback may throw before it returns a promise: that too is an unknown line.
    Promise.resolve().then(deps.pendingRequests),
  ]);
  const fromAdmins = (check: PostureCheck, judge: (a: AdminCollection) => Finding) =>
    line(check, admins.status === 'fulfilled' ? judge(admins.value) : couldNotCheck(admins.reason));
  return {
    generatedAt: now,
    lines: [
      line('auditLogging', audit.status === 'fulfilled' ? auditLogging(audit.value) : couldNotCheck(audit.reason)),
      fromAdmins('securityDefaults', securityDefaults),
      fromAdmins('adminMfaEnforcement', (a) => adminsUnknown(a) ?? enforcementCoverage(a)),
      fromAdmins('adminsWithoutMfa', (a) => adminsUnknown(a) ?? adminsWithoutMfa(a)),
      line('riskyApps', apps.status === 'fulfilled' ? riskyApps(apps.value.assessments.map((a) => a.riskLevel)) : couldNotCheck(apps.reason)),
      line('connectors', connectors.status === 'fulfilled' ? connectors.value : couldNotCheck(connectors.reason)),
      line('transportRules', rules.status === 'fulfilled' ? rules.value : couldNotCheck(rules.reason)),
      line('pendingRequests', requests.status === 'fulfilled' ? pending(requests.value) : couldNotCheck(requests.reason)),
    ],
    gaps: admins.status === 'fulfilled' ? admins.value.gaps : [],
  };
}
