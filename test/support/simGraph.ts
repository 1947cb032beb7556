import { ExchangeAdmin } from '../../services/exchange/exchangeAdmin';
import { createGraphClient } from '../../services/graph/client';
import { createCredential } from '../../services/graph/credential';
import { GraphApi } from '../../services/graph/graphApi';
import type { RunningSim } from '../../sim/server';

/** A Graph client in the test process, to read the simulated tenant's state as an outside observer. */
export function graphOn(sim: RunningSim): GraphApi {
  const credential = createCredential({
    tenantId: sim.tenantId,
    credential: { kind: 'secret', clientId: '0c6d3f5e-1a2b-4c3d-8e9f-a0b1c2d3e4f5', clientSecret: sim.clientSecret },
    authorityHost: sim.url,
  });
  return new GraphApi(createGraphClient(credential, sim.url));
}

/** The attacker's app on Exchange's admin endpoint, as it acted in the attack: changes made behind the bot's back. */
export function attackerExchange(sim: RunningSim): ExchangeAdmin {
  const credential = createCredential({
    tenantId: sim.tenantId,
    credential: { kind: 'secret', clientId: 'ed79bf56-cf65-46ce-b4f3-55353fc3585a', clientSecret: sim.clientSecret },
    authorityHost: sim.url,
  });
  return new ExchangeAdmin(credential, sim.url, sim.tenantId);
}
