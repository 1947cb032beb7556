import type { TurnContext } from 'botbuilder';
import { helpCard } from '../../cards/render';
import { sendCard } from '../reply';

export const COMMANDS = [
  { command: 'list risky apps', description: 'Apps whose service principals hold high-impact permissions or admin roles, riskiest first, with the reasons.' },
  { command: 'show app NAME-or-appId', description: "One app's full picture: permissions, roles, credentials, owners, consents and who did what." },
  { command: 'investigate NAME-or-appId', description: "One app's story in time order: who registered it and gave it access, the credentials added, the connectors and rules it created and removed in Exchange, and its state today." },
  { command: 'show new connectors [N days]', description: 'Connectors created, changed or removed in the last 30 days (up to 180), from the Exchange audit log, merged with today\'s connectors.' },
  { command: 'show transport rules [N days]', description: 'Mail flow rules created, changed or removed, today\'s rules, and a count by operation; flags header stripping, spam-filter bypass and bursts.' },
  { command: 'admins without mfa', description: 'Every account holding a privileged role that has no MFA, or whose MFA is not enforced, with its risk and last sign-in.' },
  { command: 'risky admins', description: 'Admins whose user risk is medium or high, newest first.' },
  { command: 'security posture', description: 'One card: audit logging, Security Defaults, MFA for admins, risky apps, Exchange changes, pending requests.' },
  { command: 'watch on | off | status', description: 'Alerts in this chat or channel when a connector or transport rule appears or changes, an app gains credentials, a high-impact permission or an admin role, or an admin is at risk.' },
  { command: 'expect connector NAME', description: 'Asks the approvers to record a connector, exactly as configured now, as expected: the watcher stops alerting on it until its settings change.' },
  { command: 'trust app NAME-or-appId', description: 'Asks the approvers to trust an app: its risk is shown lower; new credentials, permissions or roles on it are still alerted.' },
  { command: 'expected', description: 'Connectors expected and apps trusted, who asked and who approved, with buttons to undo.' },
  { command: 'pending', description: 'Open remediation requests: what was asked, by whom, until when.' },
  { command: 'audit [page N]', description: 'The audit trail of requests, approvals and changes, newest first.' },
  { command: 'use this chat for approvals', description: 'Approvers only: approval requests come to this chat or channel from now on.' },
  { command: 'help', description: 'This list.' },
];

export async function help(context: TurnContext): Promise<void> {
  await sendCard(
    context,
    helpCard({
      intro: 'Tenant Warden finds the footholds attackers leave in Microsoft 365: powerful OAuth apps, their credentials and who gave them access.',
      commands: COMMANDS,
    }),
  );
}
