import { TurnContext } from 'botbuilder';
import { auditCard, pendingCard } from '../../cards/render';
import { NOT_APPROVER, personOf, rolesIn } from '../access';
import type { BotDeps } from '../deps';
import { answering, sendCard } from '../reply';
import { askApprovers } from '../requestCards';
import { auditView, pendingView } from '../views/requests';

export const USE_FOR_APPROVALS = /^\s*use\s+this\s+(chat|channel|conversation)\s+for\s+approvals\s*$/i;
export const PENDING = /^\s*pending(\s+requests)?\s*$/i;
export const AUDIT = /^\s*audit(?:\s+page\s+(\d{1,4}))?\s*$/i;
const AUDIT_PAGE_SIZE = 20;

/** An approver names the chat or channel where approval cards go; the change is audited. */
export async function useThisChatForApprovals(context: TurnContext, deps: BotDeps): Promise<void> {
  if (!rolesIn(context).approver) {
    await deps.approvals.refused(personOf(context), undefined, 'setApprovalsChat', NOT_APPROVER);
    await context.sendActivity(NOT_APPROVER);
    return;
  }
  await answering(context, deps.log, 'use this chat for approvals', async () => {
    const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
    await deps.approvals.setApprovalsChat(reference, personOf(context));
    const waiting = (await deps.approvals.open()).filter((r) => r.status === 'pending' && !r.cards.approval);
    await context.sendActivity(
      `Approval requests will come to this conversation.${waiting.length ? ` ${waiting.length} waiting request(s) follow.` : ''}`,
    );
    for (const request of waiting) await askApprovers(request, deps);
  });
}

export async function pending(context: TurnContext, deps: BotDeps): Promise<void> {
  await answering(context, deps.log, 'pending', async () => {
    await sendCard(context, pendingCard(pendingView(await deps.approvals.open(), deps.now())));
  });
}

export async function audit(context: TurnContext, deps: BotDeps): Promise<void> {
  const page = Math.max(1, Number(AUDIT.exec(context.activity.text ?? '')?.[1] ?? 1));
  await answering(context, deps.log, 'audit', async () => {
    const verified = await deps.approvals.audit.verify();
    const newest = await deps.approvals.audit.recent(1);
    const before = newest.length ? newest[0].seq + 1 - (page - 1) * AUDIT_PAGE_SIZE : 0;
    const entries = before > 0 ? await deps.approvals.audit.recent(AUDIT_PAGE_SIZE, before) : [];
    const chain = verified.ok ? `Hash chain intact: ${verified.entries} entries.` : `Hash chain BROKEN at entry ${verified.seq}: ${verified.reason}.`;
    const hasOlder = entries.length === AUDIT_PAGE_SIZE && entries[entries.length - 1].seq > 1;
    await sendCard(context, auditCard(auditView(entries, page, hasOlder, chain)));
  });
}
