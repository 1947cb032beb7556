import { randomUUID } from 'node:crypto';

export interface TeamsUser {
  aadObjectId: string;
  name: string;
}

export interface Conversation {
  tenantId: string;
  serviceUrl: string;
  conversationId?: string;
}

export function baseActivity(user: TeamsUser, conversation: Conversation) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: conversation.serviceUrl,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:tenant-warden', name: 'Tenant Warden' },
    conversation: { id: conversation.conversationId ?? `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: conversation.tenantId },
    channelData: { tenant: { id: conversation.tenantId } },
    locale: 'en-US',
  };
}

export interface Reply {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

async function post(botUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

/** Sends a chat message as Teams would, asking for the replies in the HTTP response (expectReplies). */
export async function sendMessage(botUrl: string, text: string, user: TeamsUser, conversation: Conversation): Promise<Reply[]> {
  const response = await post(botUrl, { ...baseActivity(user, conversation), type: 'message', text, deliveryMode: 'expectReplies' });
  if (response.status !== 200) throw new Error(`bot answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { activities?: Reply[] };
  return (body.activities ?? []).filter((a) => a.type === 'message');
}

/** Presses an Action.Execute button: an adaptiveCard/action invoke; resolves with the invoke response. */
export async function pressButton(
  botUrl: string,
  verb: string,
  data: unknown,
  user: TeamsUser,
  conversation: Conversation,
): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
  const response = await post(botUrl, {
    ...baseActivity(user, conversation),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: randomUUID(),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

export function rawPost(botUrl: string, activity: unknown, headers?: Record<string, string>): Promise<Response> {
  return post(botUrl, activity, headers);
}

export function cardsIn(replies: { attachments?: { contentType: string; content: unknown }[] }[]): unknown[] {
  return replies.flatMap((r) => (r.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content));
}
