import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { startSim, type RunningSim, type SimOptions } from '../../sim/server';
import { startReadyProcess, type ReadyProcess } from '../../bot/processes';
import { DEFAULT_SCENARIO, readDemoTenant, type DemoTenant } from '../../bot/demoTenant';
import { FakeChannel } from './channel';
import type { Conversation, TeamsUser } from './teams';

export interface Stack {
  sim: RunningSim;
  botUrl: string;
  channel: FakeChannel;
  tenant: DemoTenant;
  admin: TeamsUser;
  conversation: Conversation;
  /** What the bot process wrote to its log (stderr), for assertions about what is and is not logged. */
  logs: string[];
  /** The bot's own store folder, removed on stop. */
  dataDir: string;
  /** The bot's environment, to start it again on the same store (restart tests). */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
  /** Stops the bot process and starts a new one on the same store and simulator. */
  restartBot(): Promise<void>;
  /** The bot process now running (to kill it the hard way, as a crash would). */
  bot(): ReadyProcess<{ ready: true; url: string }>;
}

export const BOT_SCRIPT = path.resolve(__dirname, '..', '..', 'bot', 'server.js');

/** A fresh folder for one bot's SQLite store, so tests never share requests or settings. */
export function freshDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'tw-data-'));
}

export function botEnv(sim: RunningSim, tenant: DemoTenant, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATA_DIR: freshDataDir(),
    PATH: process.env.PATH,
    PORT: '0',
    HOST: '127.0.0.1',
    TENANT_ID: sim.tenantId,
    CLIENT_ID: '7d2a6f1e-3c4b-4e5f-9a8b-1c2d3e4f5a6b',
    CLIENT_SECRET: sim.clientSecret,
    GRAPH_BASE_URL: sim.url,
    EXO_BASE_URL: sim.url,
    AUTHORITY_HOST: sim.url,
    ADMINS_GROUP_ID: tenant.adminsGroupId,
    APPROVERS_GROUP_ID: tenant.approversGroupId,
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    TYPING_INDICATOR: 'off',
    ...extra,
  };
}

/** The simulator in this process and the real bot server as a child process, on free ports. */
export const REMEDIATION_CLIENT_ID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

/** The remediation identity, issued by the simulator like the reading one. */
export function remediationEnv(sim: RunningSim): Record<string, string> {
  return { REMEDIATION_CLIENT_ID, REMEDIATION_CLIENT_SECRET: sim.clientSecret };
}

export async function startStack(
  simOptions: SimOptions = {},
  extraEnv: Record<string, string> = {},
  options: { remediation?: boolean } = {},
): Promise<Stack> {
  const scenario = typeof simOptions.scenario === 'string' ? simOptions.scenario : DEFAULT_SCENARIO;
  const tenant = readDemoTenant(scenario, {});
  const sim = await startSim({ port: 0, ...simOptions });
  const channel = await new FakeChannel().start();
  const logs: string[] = [];
  const env = botEnv(sim, tenant, { ...(options.remediation ? remediationEnv(sim) : {}), ...extraEnv });
  let bot: ReadyProcess<{ ready: true; url: string }> | undefined;
  try {
    bot = await startReadyProcess<{ ready: true; url: string }>('bot', BOT_SCRIPT, env, 30_000, (line) => logs.push(line));
  } catch (error) {
    await Promise.all([sim.stop(), channel.stop()]);
    rmSync(env.DATA_DIR!, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${logs.join('\n')}`);
  }
  let running = bot;
  const stack: Stack = {
    sim,
    botUrl: running.ready.url,
    channel,
    tenant,
    admin: { aadObjectId: tenant.admin.id, name: tenant.admin.displayName ?? 'admin' },
    conversation: { tenantId: sim.tenantId, serviceUrl: channel.url },
    logs,
    dataDir: env.DATA_DIR!,
    env,
    stop: async () => {
      await Promise.all([running.stop(), sim.stop(), channel.stop()]);
      rmSync(env.DATA_DIR!, { recursive: true, force: true });
    },
    restartBot: async () => {
      await running.stop();
      running = await startReadyProcess<{ ready: true; url: string }>('bot', BOT_SCRIPT, env, 30_000, (line) => logs.push(line));
      stack.botUrl = running.ready.url;
    },
    bot: () => running,
  };
  return stack;
}

/** Runs work against a fresh stack and always stops it. */
export async function withStack<T>(simOptions: SimOptions, work: (stack: Stack) => Promise<T>, extraEnv: Record<string, string> = {}): Promise<T> {
  const stack = await startStack(simOptions, extraEnv);
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
}

export async function simStats(sim: RunningSim): Promise<{ requests: { total: number; byPath: Record<string, number>; batched?: number } }> {
  const response = await fetch(`${sim.url}/_sim/stats`);
  return (await response.json()) as { requests: { total: number; byPath: Record<string, number>; batched?: number } };
}

export async function resetSimStats(sim: RunningSim): Promise<void> {
  await fetch(`${sim.url}/_sim/stats/reset`, { method: 'POST' });
}
