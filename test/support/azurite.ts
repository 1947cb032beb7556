// Azurite's Blob service as a child process on a free 127.0.0.1 port, with its data in a fresh
// folder, for tests of the Blob Storage store and audit trail.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningAzurite {
  connectionString: string;
  accountUrl: string;
  /** Stops Azurite and removes its folder, unless `keepData` (for a later restart()). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Stops Azurite if it is running and starts it again on the same port and folder: the data stays. */
  restart(): Promise<void>;
}

/** Azurite's well-known development account; the key is public and only opens Azurite. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

function azuriteBlobScript(): string {
  const manifest = require.resolve('azurite/package.json');
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.resolve(path.dirname(manifest), bin['azurite-blob']);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, HOST, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, HOST);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false)).setTimeout(1000, () => done(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(port: number, location: string): Promise<ChildProcess> {
  const args = ['--silent', '--location', location, '--blobPort', String(port), '--blobHost', HOST];
  const child = spawn(process.execPath, [azuriteBlobScript(), ...args, '--skipApiVersionCheck', '--loose', '--disableTelemetry'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(port))) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Azurite did not answer on ${HOST}:${port} within ${START_TIMEOUT_MS} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

/** SIGTERM lets Azurite save its metadata; SIGKILL only if it does not exit in time. */
async function terminate(child: ChildProcess): Promise<void> {
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  child.kill('SIGTERM');
  await exited(child);
  clearTimeout(timer);
}

export async function startAzurite(): Promise<RunningAzurite> {
  const location = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-azurite-'));
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = await launch(port, location);
  } catch (error) {
    fs.rmSync(location, { recursive: true, force: true });
    throw error;
  }
  const accountUrl = `http://${HOST}:${port}/${ACCOUNT}`;
  return {
    accountUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${accountUrl};`,
    async stop(options = {}) {
      await terminate(child);
      if (!options.keepData) fs.rmSync(location, { recursive: true, force: true });
    },
    async restart() {
      await terminate(child);
      child = await launch(port, location);
    },
  };
}
