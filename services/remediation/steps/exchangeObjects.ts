import { ExchangeRequestError } from '../../errors';
import type { ExchangeAdmin } from '../../exchange/exchangeAdmin';
import { unlessGone } from './graphReads';

export type ExchangeNoun = 'InboundConnector' | 'OutboundConnector' | 'TransportRule';

/** Exchange answers an unknown Identity with 404 and a ManagementObjectNotFoundException. */
export function isGoneFromExchange(error: unknown): boolean {
  return error instanceof ExchangeRequestError && (error.status === 404 || /ManagementObjectNotFoundException/i.test(error.message));
}

/** Today's object by its identity, or undefined when Exchange does not find it. */
export async function readExchangeObject<T>(exchange: ExchangeAdmin, noun: ExchangeNoun, identity: string): Promise<T | undefined> {
  const found = await unlessGone(exchange.invoke<T>(`Get-${noun}`, { Identity: identity }), isGoneFromExchange);
  return found?.[0];
}

/** A change to an object that no longer exists has nothing left to do. */
export async function changeUnlessGone(write: Promise<unknown>): Promise<void> {
  await unlessGone(write, isGoneFromExchange);
}
