import type { ExchangeAdmin } from '../../exchange/exchangeAdmin';
import type { InboundConnector, OutboundConnector, TransportRule } from '../../exchange/types';
import { changeUnlessGone, readExchangeObject, type ExchangeNoun } from './exchangeObjects';
import type { SpecOf, StepImplementation } from './step';

/** The connector and transport rule steps: each names its object by identity. */
type ByIdentity = SpecOf<'disableInboundConnector' | 'removeInboundConnector' | 'disableOutboundConnector' | 'removeOutboundConnector' | 'disableTransportRule' | 'removeTransportRule'>;

/** Set-*Connector -Enabled:$false. */
export function disableConnector(noun: 'InboundConnector' | 'OutboundConnector'): StepImplementation<ByIdentity> {
  const read = (spec: ByIdentity, exchange: ExchangeAdmin) => readExchangeObject<InboundConnector | OutboundConnector>(exchange, noun, spec.identity);
  return {
    async check(spec, { exchange }) {
      const connector = await read(spec, exchange);
      if (!connector) return 'targetGone';
      return connector.Enabled === false ? 'alreadyDone' : 'toDo';
    },
    snapshot: (spec, { exchange }) => read(spec, exchange),
    execute: (spec, { exchange }) => changeUnlessGone(exchange.invoke(`Set-${noun}`, { Identity: spec.identity, Enabled: false })),
  };
}

/** Disable-TransportRule. */
export const disableTransportRule: StepImplementation<ByIdentity> = {
  async check(spec, { exchange }) {
    const rule = await readExchangeObject<TransportRule>(exchange, 'TransportRule', spec.identity);
    if (!rule) return 'targetGone';
    return /^disabled$/i.test(rule.State ?? '') ? 'alreadyDone' : 'toDo';
  },
  snapshot: (spec, { exchange }) => readExchangeObject<TransportRule>(exchange, 'TransportRule', spec.identity),
  execute: (spec, { exchange }) => changeUnlessGone(exchange.invoke('Disable-TransportRule', { Identity: spec.identity, Confirm: false })),
};

/** Remove-InboundConnector, Remove-OutboundConnector, Remove-TransportRule: once it is gone, the change is done. */
export function removeExchangeObject(noun: ExchangeNoun): StepImplementation<ByIdentity> {
  return {
    check: async (spec, { exchange }) => ((await readExchangeObject(exchange, noun, spec.identity)) ? 'toDo' : 'alreadyDone'),
    snapshot: (spec, { exchange }) => readExchangeObject(exchange, noun, spec.identity),
    execute: (spec, { exchange }) => changeUnlessGone(exchange.invoke(`Remove-${noun}`, { Identity: spec.identity, Confirm: false })),
  };
}
