import { type TurnContext, MessageFactory } from 'botbuilder';
import { cardAttachment, errorCard } from '../cards/render';
import type { AdaptiveCard } from '../cards/adaptiveCard';
import { AdminFacingError } from '../services/errors';
import { newCorrelationId, type Logger } from '../services/log';
import { turnLogOf } from './turnLog';

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

/**
 * The card to show when a command fails: the admin-facing reason, or a reference to the logged error.
 * Within a turn, the turn's correlation id and outcome are used, so the turn's log line points to it.
 */
export function failureCard(error: unknown, log: Logger, command: string, context?: TurnContext): AdaptiveCard {
  const turn = context ? turnLogOf(context) : undefined;
  const correlationId = turn?.correlationId ?? newCorrelationId();
  if (turn) turn.outcome = error instanceof AdminFacingError ? 'refused' : 'failed';
  if (error instanceof AdminFacingError) {
    log.info('command.refused', { command, correlationId, reason: error.name });
    return errorCard({ message: error.adminMessage, correlationId });
  }
  log.error('command.failed', error, { command, correlationId });
  return errorCard({ message: 'Something went wrong while answering. The error was logged; quote the reference to your administrator.', correlationId });
}

/** Runs a command so that the user always gets an answer, and the error is logged with a correlation id. */
export async function answering(context: TurnContext, log: Logger, command: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    await sendCard(context, failureCard(error, log, command, context));
  }
}
