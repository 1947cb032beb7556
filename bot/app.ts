import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from './deps';
import { checkAccess, NOT_ADMIN, rolesIn } from './access';
import { help } from './commands/help';
import { HELP, RISKY_APPS } from './commands/patterns';
import { listRiskyApps } from './commands/listRiskyApps';
import { SHOW_APP, showApp } from './commands/showApp';
import { INVESTIGATE, investigate } from './commands/investigate';
import { SHOW_NEW_CONNECTORS, SHOW_TRANSPORT_RULES, showExchangeChanges } from './commands/exchangeChanges';
import { AUDIT, PENDING, USE_FOR_APPROVALS, audit, pending, useThisChatForApprovals } from './commands/approvals';
import { WATCH, watch } from './commands/watch';
import { EXPECT_CONNECTOR, EXPECTED, TRUST_APP, expectConnector, expected, trustApp } from './commands/knownGood';
import { ADMINS_WITHOUT_MFA, POSTURE, RISKY_ADMINS, adminsWithoutMfa, posture, riskyAdminsCommand } from './commands/admins';
import { SHOW_APP_VERB, showAppDetails } from './actions/showAppDetails';
import { REQUEST_VERB, requestRemediation } from './actions/requestRemediation';
import { APPROVE_VERB, REJECT_VERB, decideRequest } from './actions/decideRequest';
import { parseDecision, parseExchangeReference, parseRemediationReference } from './actions/findingReference';
import { EXCHANGE_DISABLE_VERB, EXCHANGE_REMOVE_VERB } from './views/exchange';
import { failureCard, sendCard } from './reply';
import { turnLogOf } from './turnLog';

export interface AppOptions {
  botAppId?: string;
  /** Off in tests: the typing indicator is a background timer that outlives the turn. */
  startTypingTimer?: boolean;
  /** How often the watcher runs, to tell the user. */
  watchIntervalMs?: number;
}

const INVOKE_MESSAGE = 'application/vnd.microsoft.activity.message';

async function refuse(context: TurnContext, reason: string): Promise<void> {
  turnLogOf(context).outcome = 'refused';
  if (context.activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: INVOKE_MESSAGE, value: reason } } });
  } else if (context.activity.type === ActivityTypes.Message) {
    await context.sendActivity(reason);
  }
}

/** A command for the admins group only: approvers who are not admins get a short refusal. */
function adminsOnly(run: (context: TurnContext) => Promise<void>) {
  return async (context: TurnContext) => (rolesIn(context).admin ? run(context) : refuse(context, NOT_ADMIN));
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
    deps.log.info(decision.event, { activityType: context.activity.type, correlationId: turnLogOf(context).correlationId });
    await refuse(context, decision.reason);
    return false;
  });

  app.message(RISKY_APPS, adminsOnly((context) => listRiskyApps(context, deps)));
  app.message(SHOW_APP, adminsOnly((context) => showApp(context, deps)));
  app.message(INVESTIGATE, adminsOnly((context) => investigate(context, deps)));
  app.message(SHOW_NEW_CONNECTORS, adminsOnly((context) => showExchangeChanges(context, deps, 'connectors')));
  app.message(SHOW_TRANSPORT_RULES, adminsOnly((context) => showExchangeChanges(context, deps, 'transportRules')));
  app.message(ADMINS_WITHOUT_MFA, adminsOnly((context) => adminsWithoutMfa(context, deps)));
  app.message(RISKY_ADMINS, adminsOnly((context) => riskyAdminsCommand(context, deps)));
  app.message(POSTURE, adminsOnly((context) => posture(context, deps)));
  app.message(WATCH, adminsOnly((context) => watch(context, deps, options.watchIntervalMs ?? 5 * 60_000)));
  app.message(EXPECT_CONNECTOR, adminsOnly((context) => expectConnector(context, deps)));
  app.message(TRUST_APP, adminsOnly((context) => trustApp(context, deps)));
  app.message(EXPECTED, adminsOnly((context) => expected(context, deps)));
  app.message(USE_FOR_APPROVALS, (context) => useThisChatForApprovals(context, deps));
  app.message(PENDING, (context) => pending(context, deps));
  app.message(AUDIT, (context) => audit(context, deps));
  app.message(HELP, (context) => help(context));

  app.adaptiveCards.actionExecute(SHOW_APP_VERB, (context, _state, data) => showAppDetails(context, deps, data));
  app.adaptiveCards.actionExecute(REQUEST_VERB, (context, _state, data) => requestRemediation(context, deps, parseRemediationReference(data)));
  app.adaptiveCards.actionExecute(EXCHANGE_DISABLE_VERB, (context, _state, data) => requestRemediation(context, deps, parseExchangeReference(data, 'disable')));
  app.adaptiveCards.actionExecute(EXCHANGE_REMOVE_VERB, (context, _state, data) => requestRemediation(context, deps, parseExchangeReference(data, 'remove')));
  app.adaptiveCards.actionExecute(APPROVE_VERB, (context, _state, data) => decideRequest(context, deps, parseDecision(data), 'approve'));
  app.adaptiveCards.actionExecute(REJECT_VERB, (context, _state, data) => decideRequest(context, deps, parseDecision(data), 'reject'));
  app.adaptiveCards.actionExecute(/.*/, async () => 'This button is not supported by this version of Tenant Warden.');
  app.activity(ActivityTypes.Message, (context) => help(context));

  app.error(async (context, error) => {
    await sendCard(context, failureCard(error, deps.log, 'turn', context));
  });
  return app;
}
