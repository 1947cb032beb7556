import type { TurnContext } from 'botbuilder';
import { helpCard } from '../../cards/render';
import { sendCard } from '../reply';

export const COMMANDS = [
  { command: 'list risky apps', description: 'Apps whose service principals hold high-impact permissions or admin roles, riskiest first, with the reasons.' },
  { command: 'show app NAME-or-appId', description: "One app's full picture: permissions, roles, credentials, owners, consents and who did what." },
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
