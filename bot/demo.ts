import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasTenantCredentials } from '../services/config';
import { main as runBot } from './server';
import { DEFAULT_SCENARIO, playgroundConfig, readDemoTenant } from './demoTenant';
import { startReadyProcess, type ReadyProcess } from './processes';
import { ensureClientCertificate } from '../sim/clientCertificate';

// `npm start`: with tenant credentials, the bot alone against Microsoft Graph; without them, demo mode:
// the simulated tenant, the bot wired to it through the production credential path, and the Playground.

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const DEMO_CLIENT_ID = '7d2a6f1e-3c4b-4e5f-9a8b-1c2d3e4f5a6b';
const DEMO_SECRET = 'tenant-warden-sim-secret';
const PLAYGROUND_PORT = 56150;
const APPROVER_PLAYGROUND_PORT = 56151;
const REMEDIATION_CLIENT_ID = '3e8f1a2b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';

interface SimReady { ready: true; url: string; caCertPath: string; tenantId: string }
interface BotReady { ready: true; url: string; messages: string }

/** One Playground per user: its own folder (it writes devTools/ there), configuration and port. */
function startPlayground(messagesUrl: string, port: number, folder: string, config: string): ReturnType<typeof spawn> {
  mkdirSync(folder, { recursive: true });
  const configPath = path.join(folder, '.m365agentsplayground.yml');
  writeFileSync(configPath, config);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  return spawn(process.execPath, [cli, '-e', messagesUrl, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    cwd: folder,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function demo(): Promise<void> {
  const scenarioPath = path.resolve(process.env.SIM_SCENARIO ?? DEFAULT_SCENARIO);
  const tenant = readDemoTenant(scenarioPath, process.env);
  const secret = process.env.SIM_CLIENT_SECRET ?? DEMO_SECRET;
  const simDir = process.env.SIM_CA_DIR ?? path.join(PROJECT_ROOT, '.sim');
  // The remediation identity signs in with a certificate, as the README asks of a real tenant.
  const remediationCertificate = ensureClientCertificate(simDir, 'tenant-warden-remediation');
  const started: ReadyProcess<SimReady | BotReady>[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((p) => p.stop()));
  };
  try {
    const sim = await startReadyProcess<SimReady>('sim', path.join(__dirname, '..', 'sim', 'main.js'), {
      ...process.env,
      SIM_PORT: process.env.SIM_PORT ?? '3979',
      SIM_HOST: '127.0.0.1',
      SIM_SCENARIO: scenarioPath,
      SIM_CLIENT_SECRET: secret,
      SIM_CA_DIR: simDir,
      SIM_CLIENT_CERTIFICATES: `${REMEDIATION_CLIENT_ID}=${remediationCertificate.pemPath}`,
      // Changing an admin's account needs a directory role too: the remediation identity is a Privileged Authentication Administrator.
      SIM_CALLER_ROLES: `${REMEDIATION_CLIENT_ID}=${PRIVILEGED_AUTHENTICATION_ADMINISTRATOR}`,
    });
    started.push(sim);
    const bot = await startReadyProcess<BotReady>('bot', path.join(__dirname, 'server.js'), {
      ...process.env,
      PORT: process.env.PORT ?? '3978',
      HOST: '127.0.0.1',
      TENANT_ID: sim.ready.tenantId,
      CLIENT_ID: DEMO_CLIENT_ID,
      CLIENT_SECRET: secret,
      GRAPH_BASE_URL: sim.ready.url,
      EXO_BASE_URL: sim.ready.url,
      AUTHORITY_HOST: sim.ready.url,
      ADMINS_GROUP_ID: tenant.adminsGroupId,
      APPROVERS_GROUP_ID: tenant.approversGroupId,
      NODE_EXTRA_CA_CERTS: sim.ready.caCertPath,
      MicrosoftAppId: '',
      REMEDIATION_CLIENT_ID,
      REMEDIATION_CLIENT_CERTIFICATE_PATH: remediationCertificate.pemPath,
      DATA_DIR: process.env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data'),
    });
    started.push(bot);
    const lines = [`Simulated tenant: ${sim.ready.url}`, `Bot: ${bot.ready.messages}`];
    if (process.env.PLAYGROUND !== 'off') {
      // PLAYGROUND_DIR and the ports let a test run the demo beside another one.
      const folder = process.env.PLAYGROUND_DIR ?? PROJECT_ROOT;
      const playgrounds = [
        { port: Number(process.env.PLAYGROUND_PORT ?? PLAYGROUND_PORT), folder, user: tenant.admin, role: 'an admin' },
        ...(tenant.approver
          ? [{ port: Number(process.env.APPROVER_PLAYGROUND_PORT ?? APPROVER_PLAYGROUND_PORT), folder: path.join(process.env.PLAYGROUND_DIR ?? simDir, 'approver-playground'), user: tenant.approver, role: 'an approver' }]
          : []),
      ];
      for (const { port, folder, user, role } of playgrounds) {
        const child = startPlayground(bot.ready.messages, port, folder, playgroundConfig(tenant, DEMO_CLIENT_ID, user));
        started.push({ child, ready: { ready: true, url: '', messages: '' }, stop: () => stopChild(child) });
        lines.push(`Agents Playground: http://127.0.0.1:${port} (you are ${user.displayName ?? user.userPrincipalName}, ${role})`);
      }
    }
    process.stdout.write(
      `\nTenant Warden demo mode\n${lines.map((l) => `  ${l}`).join('\n')}\n` +
        '  As the admin, try "list risky apps"; as the approver, say "use this chat for approvals" first. Ctrl-C stops everything.\n\n',
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  const shutdown = () => void stopAll().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  for (const p of started) p.child.once('exit', (code) => { if (code) process.stderr.write(`a demo process exited with code ${code}\n`); });
}

function stopChild(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

if (require.main === module) {
  const run = hasTenantCredentials(process.env) ? runBot() : demo();
  run.catch((error) => {
    process.stderr.write(`Tenant Warden could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
