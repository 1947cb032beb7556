// npm run bench: what every command costs from 1,000 to 100,000 service principals, beside the per-app recipe.
// Writes bench/results.md and exits non-zero when a budget is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCa } from '../sim/tls';
import { writeAuditScenario } from './auditScenario';
import { checkBudgets } from './budgets';
import { runCommand, type CommandRun } from './command';
import { countsOf, freshSimWindow, peakRssMb, rssMb, simStats } from './probes';
import { runRecipe } from './recipe';
import { duration, median, renderMarkdown, type AuditResult, type RecipeResult, type SizeResult } from './report';
import { SIM_SECRET, startBenchStack, type BenchStack } from './stack';

const ROOT = path.resolve(__dirname, '..', '..');
const SIZES = [1_000, 10_000, 100_000];
const RUNS = 3;
const LATENCY_MS = 50;
const ATTACKER_APP_ID = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
/** Each command, and a text its answer card must hold (a benchmark of wrong answers would prove nothing). */
const COMMANDS: [string, string][] = [
  ['list risky apps', ATTACKER_APP_ID],
  [`show app ${ATTACKER_APP_ID}`, 'Exchange.ManageAsApp'],
  ['show new connectors', 'Connector'],
  ['show transport rules', 'TransportRule'],
  ['admins without mfa', 'MFA'],
  ['security posture', 'Audit logging'],
];
// Ten requests at a time: a full sequential run at 10,000 alone would take about 17 minutes.
const RECIPE_CONCURRENCY = 10;
// Above this the recipe reads the first RECIPE_SAMPLE service principals listed and is extrapolated.
const RECIPE_FULL_UP_TO = 10_000;
const RECIPE_SAMPLE = 2_000;
const AUDIT_RECORDS = 100_000;

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function recipeOn(stack: BenchStack, servicePrincipals: number): Promise<RecipeResult> {
  // Each run is thousands of requests; only the smallest is cheap enough to repeat.
  const runs = servicePrincipals <= SIZES[0] ? RUNS : 1;
  const sample = servicePrincipals > RECIPE_FULL_UP_TO ? RECIPE_SAMPLE : undefined;
  const result: RecipeResult = { concurrency: RECIPE_CONCURRENCY, runs: [], simMsPerRequest: 0 };
  const simMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await freshSimWindow(stack.simUrl);
    const run = await runRecipe(stack.simUrl, stack.tenantId, SIM_SECRET, { concurrency: RECIPE_CONCURRENCY, sample });
    if (!run.riskyAppIds.includes(ATTACKER_APP_ID)) throw new Error('the per-app recipe did not find the attacker\'s app: the reference is broken');
    simMs.push(countsOf(await simStats(stack.simUrl)).simMsPerRequest);
    result.runs.push(run);
    progress(`${servicePrincipals} service principals: per-app recipe ${i + 1}/${runs}: ${run.listRequests + run.perAppRequests} requests in ${duration(run.listMs + run.perAppMs)}`);
  }
  result.simMsPerRequest = median(simMs);
  return result;
}

async function commandRuns(stack: BenchStack, commands: [string, string][], label: string, timeoutMs?: number): Promise<CommandRun[][]> {
  const runs: CommandRun[][] = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [index, [text, expect]] of commands.entries()) {
      const run = await runCommand(stack, text, expect, timeoutMs);
      runs[index].push(run);
      progress(`${label}: "${text}" ${i + 1}/${RUNS}: ${run.graph + run.exchange} requests, first card ${duration(run.firstCardMs)}`);
    }
  }
  return runs;
}

/** The token and the admins-group check are cached afterwards, as in a running bot; answers the bot's RSS then. */
async function warmUp(stack: BenchStack): Promise<number> {
  await runCommand(stack, 'help', 'list risky apps');
  return rssMb(stack.botPid);
}

async function benchSize(servicePrincipals: number): Promise<SizeResult> {
  const stack = await startBenchStack({ SIM_NOISE_SERVICE_PRINCIPALS: String(servicePrincipals), SIM_LATENCY_MS: String(LATENCY_MS) });
  try {
    const botRestRssMb = await warmUp(stack);
    const runs = await commandRuns(stack, COMMANDS, `${servicePrincipals} service principals`);
    const recipe = await recipeOn(stack, servicePrincipals);
    return {
      servicePrincipals,
      simStartMs: stack.simStartMs,
      simPeakRssMb: peakRssMb(stack.simPid),
      botRestRssMb,
      commands: COMMANDS.map(([text], i) => ({ text, runs: runs[i] })),
      recipe,
    };
  } finally {
    await stack.stop();
  }
}

async function benchAuditIngest(): Promise<AuditResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tw-bench-'));
  try {
    const scenario = path.join(dir, 'audit-records.json');
    writeAuditScenario(AUDIT_RECORDS, scenario);
    const stack = await startBenchStack({ SIM_LATENCY_MS: String(LATENCY_MS) }, scenario);
    try {
      await warmUp(stack);
      const [runs] = await commandRuns(stack, [['show transport rules 180 days', 'Set-TransportRule']], `${AUDIT_RECORDS} audit records`, 600_000);
      return { records: AUDIT_RECORDS, simStartMs: stack.simStartMs, simPeakRssMb: peakRssMb(stack.simPid), runs };
    } finally {
      await stack.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function machine(): string {
  const cpus = os.cpus();
  const memory = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${memory} GiB memory, Node ${process.version}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const sizes: SizeResult[] = [];
  for (const size of SIZES) sizes.push(await benchSize(size));
  const audit = await benchAuditIngest();
  const budgets = checkBudgets(sizes);
  const markdown = renderMarkdown({ date: new Date(), machine: machine(), latencyMs: LATENCY_MS, runsPerFigure: RUNS, sizes, audit, budgets, wallMs: Date.now() - started });
  writeFileSync(path.join(ROOT, 'bench', 'results.md'), markdown);
  process.stdout.write(`${markdown}\nWritten to bench/results.md\n`);
  const missed = budgets.filter((b) => b.missedBy);
  for (const b of missed) process.stderr.write(`bench: budget missed: ${b.name}: ${b.actual}, limit ${b.limit}, over by ${b.missedBy}\n`);
  return missed.length > 0 ? 1 : 0;
}

// NODE_EXTRA_CA_CERTS is read only when Node starts: run again trusting the simulator's CA (as test/run.ts does).
const ca = ensureCa(path.join(ROOT, '.sim'));
if (process.env.NODE_EXTRA_CA_CERTS !== ca.certPath) {
  const child = spawnSync(process.execPath, [__filename], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.certPath } });
  process.exit(child.status ?? 1);
} else {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`bench: failed: ${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
