import './instrument';
import restify from 'restify';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigError, loadConfig, type Config } from '../services/config';
import { createCredential, credentialFor } from '../services/graph/credential';
import { openStorage } from '../services/store/openStorage';
import { Approvals } from '../services/approvals/approvals';
import { resumeInterrupted } from '../services/approvals/executor';
import { KnownGood } from '../services/watch/knownGood';
import { stepRunner } from './actions/decideRequest';
import { loggedTurn } from './turnLog';
import { stopTelemetry } from '../services/telemetry';
import { refreshCards } from './requestCards';
import { startWatcher } from './watch';
import { createGraphClient } from '../services/graph/client';
import { GraphApi } from '../services/graph/graphApi';
import { GroupMembership } from '../services/access/membership';
import { createLogger, newCorrelationId, type Logger } from '../services/log';
import { ExchangeAdmin } from '../services/exchange/exchangeAdmin';
import { createApp, type AppOptions } from './app';
import type { BotDeps } from './deps';

export interface RunningBot {
  url: string;
  port: number;
  close(): Promise<void>;
}

function channelAuthSettings(config: Config) {
  const auth = config.channelAuth;
  if (!auth) return {};
  return {
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.appTenantId,
  };
}

async function tenantName(graph: GraphApi, tenantId: string): Promise<string> {
  try {
    const org = await graph.get<{ value: { displayName?: string }[] }>('/organization?$select=displayName');
    return org.value[0]?.displayName ?? tenantId;
  } catch {
    return tenantId;
  }
}

/** The composition root: everything is built once here. */
export async function startBot(config: Config, log: Logger = createLogger(), options: AppOptions = {}): Promise<RunningBot> {
  const adapter = new TeamsAdapter(channelAuthSettings(config));
  adapter.onTurnError = async (context, error) => {
    const correlationId = newCorrelationId();
    log.error('turn.unhandled', error, { correlationId });
    await context.sendActivity(`Something went wrong. Reference: ${correlationId}`);
  };
  const credential = createCredential(config);
  const graph = new GraphApi(createGraphClient(credential, config.graphBaseUrl));
  const background = new Set<Promise<unknown>>();
  const opened = await openStorage(config.storage, {
    dataDir: config.dataDir,
    watchLeaseSeconds: config.watchLeaseSeconds,
    managedIdentityClientId: config.credential.kind === 'managedIdentity' ? config.credential.clientId : undefined,
  });
  const { store, audit } = opened;
  const approvals = new Approvals(store, audit, () => new Date(), config.requestTtlMs);
  await audit.prune(new Date(Date.now() - config.auditRetentionDays * 86_400_000));
  const remediationCredential = config.remediationCredential ? credentialFor(config.remediationCredential, config) : undefined;
  const remediation = remediationCredential
    ? {
        graph: new GraphApi(createGraphClient(remediationCredential, config.graphBaseUrl)),
        exchange: new ExchangeAdmin(remediationCredential, config.exchangeBaseUrl, config.tenantId),
      }
    : undefined;
  const deps: BotDeps = {
    graph,
    membership: new GroupMembership(graph, config.membershipCacheSeconds * 1000),
    log,
    tenant: { id: config.tenantId, name: await tenantName(graph, config.tenantId) },
    adminsGroupId: config.adminsGroupId,
    approversGroupId: config.approversGroupId,
    now: () => new Date(),
    exchange: new ExchangeAdmin(credential, config.exchangeBaseUrl, config.tenantId),
    trustedAppIds: config.trustedAppIds,
    auditQueryWaitMs: config.auditQueryWaitSeconds * 1000,
    // An empty app id is local mode: the connector is called without credentials, as the Playground expects.
    postLater: (reference, logic) => adapter.continueConversationAsync(config.channelAuth?.appId ?? '', reference, logic),
    background,
    approvals,
    remediation,
    breakGlassAccounts: config.breakGlassAccounts,
    store,
    knownGood: new KnownGood(store, config.trustedAppIds),
    watchLease: opened.watchLease,
    instanceId: config.instanceId,
  };
  const app = createApp(adapter, deps, { botAppId: config.channelAuth?.appId, watchIntervalMs: config.watchIntervalMs, ...options });

  const server = restify.createServer({ name: 'tenant-warden' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => loggedTurn(context, log, () => app.run(context).then(() => undefined)));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as { port: number }).port;
  const url = `http://${config.host}:${port}`;
  log.info('bot.listening', { url, channelAuth: Boolean(config.channelAuth), graph: config.graphBaseUrl });
  if (remediation) {
    // A crash may have left approved or half-executed requests: finish them before taking new work.
    const resumed = await resumeInterrupted(approvals, stepRunner(deps, remediation), config.instanceId);
    for (const request of resumed) await refreshCards(request.id, deps);
    if (resumed.length) log.info('requests.resumed', { count: resumed.length });
  }
  const watcher = await startWatcher(deps, config.watchIntervalMs);
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await watcher.stop();
    await Promise.allSettled([...background]);
    opened.close();
    await stopTelemetry();
  };
  return { url, port, close };
}

export async function main(): Promise<void> {
  const log = createLogger();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Tenant Warden cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const bot = await startBot(config, log, { startTypingTimer: process.env.TYPING_INDICATOR !== 'off' });
  process.stdout.write(`${JSON.stringify({ ready: true, url: bot.url, messages: `${bot.url}/api/messages` })}\n`);
  const stop = () => bot.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`Tenant Warden failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
