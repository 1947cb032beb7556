import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from './deps';
import { checkAccess } from './access';
import { help } from './commands/help';
import { listRiskyApps } from './commands/listRiskyApps';
import { SHOW_APP, showApp } from './commands/showApp';
import { SHOW_APP_VERB, showAppDetails } from './actions/showAppDetails';
import { SHOW_NEW_CONNECTORS, SHOW_TRANSPORT_RULES, showExchangeChanges } from './commands/exchangeChanges';
import { failureCard, sendCard } from './reply';

export interface AppOptions {
  botAppId?: string;
  /** Off in tests: the typing indicator is a background timer that outlives the turn. */
  startTypingTimer?: boolean;
}

const INVOKE_MESSAGE = 'application/vnd.microsoft.activity.message';

async function refuse(context: TurnContext, reason: string): Promise<void> {
  if (context.activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: INVOKE_MESSAGE, value: reason } } });
  } else if (context.activity.type === ActivityTypes.Message) {
    await context.sendActivity(reason);
  }
}

/** Routes only: each one line to a command or an action. Anchored patterns, so "disapprove" never matches "approve". */
export function createApp(adapter: TeamsAdapter, deps: BotDeps, options: AppOptions = {}): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: options.botAppId,
    startTypingTimer: options.startTypingTimer ?? true,
    removeRecipientMention: true,
  });

  app.turn('beforeTurn', async (context) => {
    if (context.activity.type === ActivityTypes.ConversationUpdate || context.activity.type === ActivityTypes.InstallationUpdate) return true;
    const decision = await checkAccess(context, deps);
    if (decision.allowed) return true;
    deps.log.info(decision.event, { activityType: context.activity.type });
    await refuse(context, decision.reason);
    return false;
  });

  app.message(/^\s*(list\s+)?risky\s+apps\s*$/i, (context) => listRiskyApps(context, deps));
  app.message(SHOW_APP, (context) => showApp(context, deps));
  app.message(SHOW_NEW_CONNECTORS, (context) => showExchangeChanges(context, deps, 'connectors'));
  app.message(SHOW_TRANSPORT_RULES, (context) => showExchangeChanges(context, deps, 'transportRules'));
  app.message(/^\s*help\s*$/i, (context) => help(context));
  app.adaptiveCards.actionExecute(SHOW_APP_VERB, (context, _state, data) => showAppDetails(context, deps, data));
  app.adaptiveCards.actionExecute(/.*/, async () => 'This button is not supported by this version of Tenant Warden.');
  app.activity(ActivityTypes.Message, (context) => help(context));

  app.error(async (context, error) => {
    await sendCard(context, failureCard(error, deps.log, 'turn'));
  });
  return app;
}
