// The pieces of a two-person approval as Teams shows it: cards, their buttons, and the people in the scenario.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { DEFAULT_SCENARIO } from '../../bot/demoTenant';
import { assertValidCard } from '../unit/cards/validateWithAdaptiveCards';
import { elementsOfType, readableLines } from '../unit/cards/cardText';
import type { CapturedActivity } from './channel';
import type { Stack } from './stack';
import { cardsIn, type Conversation, type TeamsUser } from './teams';

const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));

/** A user of the default scenario, as Teams names them, by the start of their UPN. */
export function scenarioUser(upnStart: string): TeamsUser {
  const found = scenario.users.find((u: { userPrincipalName: string }) => u.userPrincipalName.toLowerCase().startsWith(upnStart));
  return { aadObjectId: found.id, name: found.displayName };
}

export type Button = { verb: string; data: Record<string, unknown>; title: string };

export function buttonsOn(card: AdaptiveCard): Button[] {
  return elementsOfType(card, 'Action.Execute').map((a) => ({ verb: String(a.verb), data: a.data as Record<string, unknown>, title: String(a.title) }));
}

export function cardOf(activity: CapturedActivity): AdaptiveCard {
  const card = cardsIn([activity.activity])[0] as AdaptiveCard;
  assertValidCard(card);
  return card;
}

export function textOf(card: AdaptiveCard): string {
  return readableLines(card).join('\n');
}

export const APPROVALS_CHAT = '19:approvals@thread.tacv2';

export function channelFor(stack: Stack): Conversation {
  return { ...stack.conversation, conversationId: APPROVALS_CHAT };
}

/** The card with this activity id once an update shows the status. */
export async function finalCard(stack: Stack, activityId: string | undefined, status: RegExp): Promise<AdaptiveCard> {
  await stack.channel.until(
    () => stack.channel.updated.some((u) => u.activityId === activityId && status.test(textOf(cardOf(u)))),
    60_000,
    () => `card ${activityId} never reached ${status}: ${stack.channel.updated.map((u) => textOf(cardOf(u)).split('\n')[0]).join(' | ')}`,
  );
  return cardOf(stack.channel.updated.filter((u) => u.activityId === activityId).at(-1)!);
}

/** The approval card the last request posted to the approvals chat, and its request id. */
export function approvalCardAfter(stack: Stack, before: number): { approval: CapturedActivity; requestId: string } {
  const approval = stack.channel.posted.slice(before).find((p) => p.conversationId === APPROVALS_CHAT);
  assert.ok(approval, 'the approval card went to the approvals chat');
  const approve = buttonsOn(cardOf(approval)).find((b) => b.verb === 'approveRequest');
  assert.ok(approve);
  return { approval, requestId: String(approve.data.requestId) };
}
