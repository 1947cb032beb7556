// The simulated tenant in this process, with the clients built exactly as the bot builds them.
import { ExchangeAdmin } from '../../../services/exchange/exchangeAdmin';
import { createGraphClient } from '../../../services/graph/client';
import { createCredential } from '../../../services/graph/credential';
import { GraphApi } from '../../../services/graph/graphApi';
import type { PlanDeps } from '../../../services/remediation/plans';
import type { StepDeps } from '../../../services/remediation/steps';
import { startSim, type RunningSim, type SimOptions } from '../../../sim/server';

export interface SimTenant {
  sim: RunningSim;
  deps: StepDeps;
  graph: GraphApi;
  exchange: ExchangeAdmin;
  planDeps(): PlanDeps;
  /** Every Graph write the sim answered, in order, as "METHOD /v1.0/path". */
  graphWrites: string[];
  stop(): Promise<void>;
}

const GRAPH_WRITE = /^(PATCH|DELETE|POST) (\/v1\.0\/[^? ]+)/;

export async function startSimTenant(options: SimOptions = {}): Promise<SimTenant> {
  const graphWrites: string[] = [];
  const sim = await startSim({
    port: 0,
    ...options,
    log: (line) => {
      const write = GRAPH_WRITE.exec(line);
      if (write && write[2] !== '/v1.0/$batch') graphWrites.push(`${write[1]} ${write[2]}`);
    },
  });
  const credential = createCredential({
    tenantId: sim.tenantId,
    credential: { kind: 'secret', clientId: '5b0a0f3c-6a4e-4d8e-9f11-2f1e4c7d9a01', clientSecret: sim.clientSecret },
    authorityHost: sim.url,
  });
  const graph = new GraphApi(createGraphClient(credential, sim.url));
  const exchange = new ExchangeAdmin(credential, sim.url, sim.tenantId);
  return {
    sim,
    graph,
    exchange,
    deps: { graph, exchange },
    planDeps: () => ({ graph, exchange, tenantId: sim.tenantId, now: new Date() }),
    graphWrites,
    stop: () => sim.stop(),
  };
}
