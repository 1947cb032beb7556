import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const CONTENDER = path.join(__dirname, 'contender.js');

async function exited(child: ChildProcess, stderr: () => string): Promise<void> {
  const code = child.exitCode ?? (await new Promise<number | null>((resolve) => child.once('exit', resolve)));
  if (code !== 0) throw new Error(`a contender exited with ${code}: ${stderr()}`);
}

/**
 * Starts one process per argument list, waits until every one has opened the database, lets them
 * all go at once and returns what each printed.
 */
export async function race(contenders: string[][]): Promise<string[]> {
  const children = contenders.map((args) => {
    const child = spawn(process.execPath, [CONTENDER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return { child, output: readline.createInterface({ input: child.stdout })[Symbol.asyncIterator](), stderr: () => stderr };
  });
  try {
    for (const { output, stderr } of children) {
      if ((await output.next()).value !== 'ready') throw new Error(`a contender did not start: ${stderr()}`);
    }
    for (const { child } of children) child.stdin.write('go\n');
    const results = await Promise.all(children.map(async ({ output }) => String((await output.next()).value)));
    await Promise.all(children.map(({ child, stderr }) => exited(child, stderr)));
    return results;
  } finally {
    for (const { child } of children) if (child.exitCode === null) child.kill();
  }
}
