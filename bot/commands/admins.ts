import type { TurnContext } from 'botbuilder';
import { fitsInCard } from '../../cards/adaptiveCard';
import { adminsCard, postureCard } from '../../cards/render';
import { collectAdminAccounts, type AdminCollection } from '../../services/admins/collect';
import { assessAdmins } from '../../services/admins/assess';
import { riskyAdmins } from '../../services/admins/riskyAdmins';
import { securityPosture } from '../../services/admins/posture';
import { GLOBAL_ADMINISTRATOR } from '../../services/apps/catalog';
import type { AdminAssessment } from '../../services/admins/types';
import type { BotDeps } from '../deps';
import { answering, sendCard } from '../reply';
import { adminsView, gapText, type AdminGuardContext } from '../views/admins';
import { minute } from '../views/exchange';

export const ADMINS_WITHOUT_MFA = /^\s*admins?\s+without\s+mfa\s*$/i;
export const RISKY_ADMINS = /^\s*risky\s+admins?\s*$/i;
export const POSTURE = /^\s*(security\s+)?posture\s*$/i;
const MOST_ADMINS = 20;

function guardsFor(collection: AdminCollection, deps: BotDeps): AdminGuardContext {
  const enabledGlobalAdmins = collection.accounts
    .filter((a) => a.accountEnabled && a.roles.some((r) => r.roleDefinitionId === GLOBAL_ADMINISTRATOR && r.assignment === 'active' && !r.viaGroup))
    .map((a) => a.id.toLowerCase());
  return {
    breakGlassAccounts: deps.breakGlassAccounts,
    enabledGlobalAdmins,
    riskAvailable: collection.accounts.some((a) => a.riskLevel !== undefined),
  };
}

async function sendAdmins(context: TurnContext, deps: BotDeps, title: string, summary: string, listed: AdminAssessment[], collection: AdminCollection) {
  const now = deps.now();
  const guards = guardsFor(collection, deps);
  const render = (shown: number, checkSize = true) =>
    adminsCard(adminsView(title, summary, listed, collection.gaps, guards, deps.tenant.name, now, shown), { checkSize });
  let shown = Math.min(MOST_ADMINS, listed.length);
  while (shown > 1 && !fitsInCard(render(shown, false))) shown--;
  await sendCard(context, render(shown));
}

/** Every privileged account that lacks MFA or whose MFA is not enforced, riskiest first. */
export async function adminsWithoutMfa(context: TurnContext, deps: BotDeps): Promise<void> {
  await answering(context, deps.log, 'admins without mfa', async () => {
    const collection = await collectAdminAccounts(deps.graph);
    const assessed = assessAdmins(collection.accounts, { now: deps.now() });
    const listed = assessed.filter((a) => a.findings.some((f) => f.ruleId === 'admin-without-mfa' || f.ruleId === 'mfa-not-enforced'));
    const unregistered = listed.filter((a) => a.findings.some((f) => f.ruleId === 'admin-without-mfa')).length;
    const summary =
      `${collection.accounts.length} account(s) hold a privileged role: ${unregistered} without MFA registered, ` +
      `${listed.length - unregistered} registered but not required to use it, ${collection.accounts.length - listed.length} covered.`;
    await sendAdmins(context, deps, 'Admins without MFA', summary, listed, collection);
  });
}

/** Admins whose user risk is medium or high, newest risk first. */
export async function riskyAdminsCommand(context: TurnContext, deps: BotDeps): Promise<void> {
  await answering(context, deps.log, 'risky admins', async () => {
    const collection = await collectAdminAccounts(deps.graph);
    const risky = riskyAdmins(collection.accounts);
    const assessed = assessAdmins(risky, { now: deps.now() });
    const byId = new Map(assessed.map((a) => [a.account.id, a]));
    const listed = risky.map((account) => byId.get(account.id)!).filter(Boolean);
    const riskKnown = collection.accounts.some((a) => a.riskLevel !== undefined);
    const summary = riskKnown
      ? `${listed.length} of ${collection.accounts.length} privileged account(s) have medium or high user risk that is still open.`
      : 'User risk is not available in this tenant (Entra ID P2 is needed).';
    await sendAdmins(context, deps, 'Risky admins', summary, listed, collection);
  });
}

/** One card: audit logging, Security Defaults, MFA for admins, risky apps, Exchange changes, pending requests. */
export async function posture(context: TurnContext, deps: BotDeps): Promise<void> {
  await answering(context, deps.log, 'security posture', async () => {
    const report = await securityPosture({
      graph: deps.graph,
      exchange: deps.exchange,
      tenantId: deps.tenant.id,
      trustedAppIds: [...(await deps.knownGood.trustedAppIds())],
      now: deps.now,
      pendingRequests: async () => (await deps.approvals.open()).length,
      auditWaitMs: deps.auditQueryWaitMs,
    });
    const lines = report.lines.map((l) => ({ state: l.state, topic: l.title, text: l.text, command: l.command ?? '' }));
    for (const gap of report.gaps) lines.push({ state: 'unknown', topic: 'Data not available', text: gapText(gap), command: '' });
    await sendCard(context, postureCard({ tenantName: deps.tenant.name, generatedAt: `${minute(report.generatedAt)} UTC`, lines }));
  });
}
