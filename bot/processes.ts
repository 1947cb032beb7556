import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ReadyProcess<T> {
  child: ChildProcess;
  ready: T;
  stop(): Promise<void>;
}

/**
 * Starts a Node program that prints one JSON line with "ready": true once it listens,
 * and resolves with that line; its other output is passed through with a name in front.
 */
export function startReadyProcess<T extends { ready: true }>(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
  onLog: (line: string) => void = (line) => process.stderr.write(`[${name}] ${line}\n`),
): Promise<ReadyProcess<T>> {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  createInterface({ input: child.stderr! }).on('line', onLog);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as T;
        if (parsed.ready === true) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve({ child, ready: parsed, stop });
          return;
        }
      } catch {
        // not the ready line
      }
      process.stdout.write(`[${name}] ${line}\n`);
    });
  });
}
