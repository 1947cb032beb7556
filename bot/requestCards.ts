import { MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import { cardAttachment, requestStatusCard } from '../cards/render';
import type { RemediationRequest } from '../services/approvals/request';
import type { BotDeps } from './deps';
import { requestView } from './views/requests';

export const NO_APPROVALS_CHAT =
  'No approvals chat is set, so no approver has been asked yet. An approver sets one by saying "use this chat for approvals" ' +
  'in the chat or channel where approvals should go; this request stays pending until then (it is listed under "pending").';
export const NOBODY_CAN_EXECUTE =
  'No remediation identity is configured (REMEDIATION_CLIENT_ID with a certificate), so an approved request cannot be carried out.';

export function approverCard(request: RemediationRequest, deps: BotDeps) {
  return requestStatusCard(requestView(request, { canDecide: true, note: deps.remediation ? '' : NOBODY_CAN_EXECUTE }));
}

export function requesterCard(request: RemediationRequest, deps: BotDeps, note = '') {
  return requestStatusCard(requestView(request, { note: note || (deps.remediation ? '' : NOBODY_CAN_EXECUTE) }));
}

/** Posts the approval card to the approvals chat and remembers where, so it can be updated later. */
export async function askApprovers(request: RemediationRequest, deps: BotDeps): Promise<boolean> {
  const chat = await deps.approvals.approvalsChat();
  if (!chat) return false;
  let activityId = '';
  await deps.postLater(chat.conversation as Partial<ConversationReference>, async (context) => {
    activityId = (await context.sendActivity(MessageFactory.attachment(cardAttachment(approverCard(request, deps)))))?.id ?? '';
  });
  if (activityId) await deps.approvals.recordCard(request.id, 'approval', { conversation: chat.conversation, activityId });
  return true;
}

/** The requester's card, posted in the conversation the request came from. */
export async function postRequesterCard(context: TurnContext, request: RemediationRequest, deps: BotDeps, note: string): Promise<void> {
  const response = await context.sendActivity(MessageFactory.attachment(cardAttachment(requesterCard(request, deps, note))));
  if (response?.id) {
    const conversation = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
    await deps.approvals.recordCard(request.id, 'requester', { conversation, activityId: response.id });
  }
}

/** Both cards show the request as it is stored now: after approval, each step and at the end. */
export async function refreshCards(requestId: string, deps: BotDeps): Promise<void> {
  const stored = await deps.approvals.get(requestId);
  if (!stored) return;
  const { request } = stored;
  const updates = [
    { posted: request.cards.requester, card: requesterCard(request, deps) },
    { posted: request.cards.approval, card: approverCard(request, deps) },
  ];
  for (const { posted, card } of updates) {
    if (!posted) continue;
    try {
      await deps.postLater(posted.conversation as Partial<ConversationReference>, async (context) => {
        await context.updateActivity({ ...MessageFactory.attachment(cardAttachment(card)), id: posted.activityId });
      });
    } catch (error) {
      deps.log.error('request.cardUpdateFailed', error, { requestId });
    }
  }
}
