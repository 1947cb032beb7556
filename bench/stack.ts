import path from 'node:path';
import { rmSync } from 'node:fs';
import { startReadyProcess, type ReadyProcess } from '../bot/processes';
import { DEFAULT_SCENARIO, readDemoTenant } from '../bot/demoTenant';
import type { RunningSim } from '../sim/server';
import { FakeChannel } from '../test/support/channel';
import { BOT_SCRIPT, botEnv } from '../test/support/stack';
import type { Conversation, TeamsUser } from '../test/support/teams';

const ROOT = path.resolve(__dirname, '..', '..');
const SIM_SCRIPT = path.join(ROOT, 'dist', 'sim', 'main.js');
export const SIM_SECRET = 'tenant-warden-sim-secret';

export interface BenchStack {
  simUrl: string;
  tenantId: string;
  simPid: number;
  botUrl: string;
  botPid: number;
  channel: FakeChannel;
  admin: TeamsUser;
  conversation: Conversation;
  /** Milliseconds from spawning the simulator until it listened (scenario and noise loaded). */
  simStartMs: number;
  stop(): Promise<void>;
}

interface SimReady {
  ready: true;
  url: string;
  caCertPath: string;
  tenantId: string;
  tenantDomain: string;
}

/**
 * The simulator and the bot, each in its own process as in production (the bench's own client work
 * never shares an event loop with either), configured through the simulator's SIM_* variables.
 */
export async function startBenchStack(simEnv: Record<string, string>, scenarioPath = DEFAULT_SCENARIO): Promise<BenchStack> {
  // A generated scenario extends the default one: same tenant, users and groups (and it is large to read).
  const tenant = readDemoTenant(DEFAULT_SCENARIO, {});
  const started = Date.now();
  const sim: ReadyProcess<SimReady> = await startReadyProcess<SimReady>(
    'sim',
    SIM_SCRIPT,
    { PATH: process.env.PATH, SIM_PORT: '0', SIM_CA_DIR: path.join(ROOT, '.sim'), SIM_CLIENT_SECRET: SIM_SECRET, SIM_SCENARIO: scenarioPath, ...simEnv },
    120_000,
    () => undefined,
  );
  const simStartMs = Date.now() - started;
  const running: RunningSim = { ...sim.ready, port: Number(new URL(sim.ready.url).port), clientSecret: SIM_SECRET, stop: sim.stop };
  const channel = await new FakeChannel().start();
  // The watcher stays out of the figures, and group membership stays cached as in a running bot.
  const env = botEnv(running, tenant, { WATCH_INTERVAL: '24h', MEMBERSHIP_CACHE_SECONDS: '86400' });
  const logs: string[] = [];
  let bot: ReadyProcess<{ ready: true; url: string }>;
  try {
    bot = await startReadyProcess<{ ready: true; url: string }>('bot', BOT_SCRIPT, env, 60_000, (line) => logs.push(line));
  } catch (error) {
    await Promise.all([sim.stop(), channel.stop()]);
    throw new Error(`${(error as Error).message}\n${logs.slice(-20).join('\n')}`);
  }
  return {
    simUrl: sim.ready.url,
    tenantId: sim.ready.tenantId,
    simPid: sim.child.pid!,
    botUrl: bot.ready.url,
    botPid: bot.child.pid!,
    channel,
    admin: { aadObjectId: tenant.admin.id, name: tenant.admin.displayName ?? 'admin' },
    conversation: { tenantId: sim.ready.tenantId, serviceUrl: channel.url },
    simStartMs,
    stop: async () => {
      await Promise.all([bot.stop(), sim.stop(), channel.stop()]);
      rmSync(env.DATA_DIR!, { recursive: true, force: true });
    },
  };
}
