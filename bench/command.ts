import { baseActivity } from '../test/support/teams';
import type { CapturedActivity } from '../test/support/channel';
import { countsOf, freshSimWindow, peakRssMb, resetPeakRss, simStats, type RequestCounts } from './probes';
import type { BenchStack } from './stack';

export interface CommandRun extends RequestCounts {
  firstCardMs: number;
  totalMs: number;
  /** The bot's peak resident set during the command. */
  botPeakRssMb: number;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const hasCard = (posted: CapturedActivity) => (posted.activity.attachments ?? []).some((a) => a.contentType === CARD);

/**
 * Sends one chat message as Teams does (the bot posts its replies to the channel while the turn runs) and
 * waits for the answer card, which a slow audit search posts after the turn. Every command measured
 * answers with exactly one card.
 */
export async function runCommand(stack: BenchStack, text: string, expect = '', timeoutMs = 180_000): Promise<CommandRun> {
  await freshSimWindow(stack.simUrl);
  resetPeakRss(stack.botPid);
  const before = stack.channel.posted.length;
  const started = performance.now();
  let firstCardMs = 0;
  const card = stack.channel
    .until(() => stack.channel.posted.slice(before).some(hasCard), timeoutMs, () => `no card answered "${text}" within ${timeoutMs / 1000} s`)
    .then(() => (firstCardMs = performance.now() - started));
  const turn = fetch(`${stack.botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...baseActivity(stack.admin, stack.conversation), type: 'message', text }),
  }).then(async (response) => {
    await response.text();
    if (response.status >= 300) throw new Error(`bot answered ${response.status} to "${text}"`);
    return performance.now() - started;
  });
  const [turnMs] = await Promise.all([turn, card]);
  const answer = JSON.stringify(stack.channel.posted.slice(before).find(hasCard)?.activity);
  if (/Something went wrong|Reference: /.test(answer) || !answer.includes(expect)) throw new Error(`"${text}" was not answered as expected: ${answer.slice(0, 400)}`);
  return {
    firstCardMs,
    totalMs: Math.max(turnMs, firstCardMs),
    botPeakRssMb: peakRssMb(stack.botPid),
    ...countsOf(await simStats(stack.simUrl)),
  };
}
