import type { CommandRun } from './command';
import type { RecipeRun } from './recipe';

export interface CommandResult {
  text: string;
  runs: CommandRun[];
}

export interface RecipeResult {
  concurrency: number;
  runs: RecipeRun[];
  simMsPerRequest: number;
}

export interface SizeResult {
  servicePrincipals: number;
  simStartMs: number;
  simPeakRssMb: number;
  /** The bot's resident set after start and one warm-up command. */
  botRestRssMb: number;
  commands: CommandResult[];
  recipe: RecipeResult;
}

export interface AuditResult {
  records: number;
  simStartMs: number;
  simPeakRssMb: number;
  runs: CommandRun[];
}

export interface Budget {
  name: string;
  limit: string;
  actual: string;
  /** How far off, when missed. */
  missedBy?: string;
}

export interface BenchResults {
  date: Date;
  machine: string;
  latencyMs: number;
  runsPerFigure: number;
  sizes: SizeResult[];
  audit: AuditResult;
  budgets: Budget[];
  wallMs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function medianOf<T>(runs: T[], figure: (run: T) => number): number {
  return median(runs.map(figure));
}

/** Requests the bot made for a command: Graph (those in a $batch included, as Graph's throttling counts them) and Exchange. */
export const requestsOf = (run: CommandRun) => run.graph + run.exchange;

export interface RecipeFigures {
  requests: number;
  ms: number;
  sequentialMs: number;
  extrapolated: boolean;
  examined: number;
}

/** A run's figures for the whole tenant: a sampled run's per-app part is scaled up by service principals. */
export function recipeFigures(recipe: RecipeResult): RecipeFigures {
  const scaled = (run: RecipeRun) => run.servicePrincipals / run.examined;
  return {
    requests: medianOf(recipe.runs, (run) => run.listRequests + run.perAppRequests * scaled(run)),
    ms: medianOf(recipe.runs, (run) => run.listMs + run.perAppMs * scaled(run)),
    sequentialMs: medianOf(recipe.runs, (run) => run.listMs + run.perAppRequestMs * scaled(run)),
    extrapolated: recipe.runs.some((run) => run.examined < run.servicePrincipals),
    examined: recipe.runs[0].examined,
  };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => `${Math.round(n)} MB`;
const ratio = (n: number) => `${n >= 100 ? count(n) : n.toFixed(1)}×`;

export function duration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = ms / 60_000;
  return minutes < 120 ? `${minutes.toFixed(1)} min` : `${(minutes / 60).toFixed(1)} h`;
}

function commandRow(label: string, size: string, runs: CommandRun[]): string {
  const m = (figure: (run: CommandRun) => number) => medianOf(runs, figure);
  return `| ${label} | ${size} | ${count(m((r) => r.graph))} | ${count(m((r) => r.exchange))} | ${count(m((r) => r.http))} | ${duration(m((r) => r.firstCardMs))} | ${duration(m((r) => r.totalMs))} | ${mb(m((r) => r.botPeakRssMb))} | ${m((r) => r.simMsPerRequest).toFixed(1)} | ${count(m((r) => r.throttled))} |`;
}

const COMMAND_HEADER = [
  '| Command | Service principals | Graph requests | Exchange requests | HTTP requests | First card | Total | Bot peak RSS | Sim ms / request | 429s |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];

function commandsTable(results: BenchResults): string[] {
  const commands = results.sizes[0].commands.map((c) => c.text);
  return [
    ...COMMAND_HEADER,
    ...commands.flatMap((text, i) => results.sizes.map((size) => commandRow(`\`${text}\``, count(size.servicePrincipals), size.commands[i].runs))),
  ];
}

function recipeTable(results: BenchResults): string[] {
  const rows = results.sizes.map((size) => {
    const recipe = recipeFigures(size.recipe);
    const risky = size.commands[0].runs;
    const botRequests = medianOf(risky, requestsOf);
    const botMs = medianOf(risky, (r) => r.totalMs);
    const how = recipe.extrapolated ? ` (first ${count(recipe.examined)} read, **extrapolated**)` : '';
    const approx = recipe.extrapolated ? '≈ ' : '';
    return `| ${count(size.servicePrincipals)}${how} | ${approx}${count(recipe.requests)} | ${approx}${duration(recipe.ms)} | ${approx}${duration(recipe.sequentialMs)} | ${count(botRequests)} | ${duration(botMs)} | ${ratio(recipe.requests / botRequests)} | ${ratio(recipe.ms / botMs)} | ${ratio(recipe.sequentialMs / botMs)} |`;
  });
  const concurrency = results.sizes[0].recipe.concurrency;
  return [
    `| Service principals | Recipe requests | Recipe time (${concurrency} at a time) | Recipe time, sequential (estimated) | \`list risky apps\` requests | \`list risky apps\` time | Request ratio | Time ratio | Time ratio, sequential |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

function auditTable(audit: AuditResult): string[] {
  return [
    ...COMMAND_HEADER,
    commandRow('`show transport rules 180 days`', `(default scenario) + ${count(audit.records)} records`, audit.runs),
  ];
}

function simulatorTable(results: BenchResults): string[] {
  const rows = results.sizes.map((size) => {
    const runs = [...size.commands.flatMap((c) => c.runs)];
    const slowest = Math.max(...runs.map((r) => r.simMaxMs));
    return `| ${count(size.servicePrincipals)} service principals | ${duration(size.simStartMs)} | ${mb(size.simPeakRssMb)} | ${medianOf(runs, (r) => r.simMsPerRequest).toFixed(1)} | ${slowest.toFixed(1)} | ${size.recipe.simMsPerRequest.toFixed(2)} |`;
  });
  const { audit } = results;
  rows.push(`| ${count(audit.records)} audit records | ${duration(audit.simStartMs)} | ${mb(audit.simPeakRssMb)} | ${medianOf(audit.runs, (r) => r.simMsPerRequest).toFixed(1)} | ${Math.max(...audit.runs.map((r) => r.simMaxMs)).toFixed(1)} | — |`);
  return [
    '| Tenant | Sim start (load + listen) | Sim peak RSS | Sim ms / request, bot commands (median) | Slowest single request, ms | Sim ms / request, recipe |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

function budgetLines(budgets: Budget[]): string[] {
  return budgets.map((b) => (b.missedBy ? `- **MISSED** ${b.name}: ${b.actual}, limit ${b.limit} — over by ${b.missedBy}` : `- held: ${b.name}: ${b.actual} (limit ${b.limit})`));
}

export function renderMarkdown(results: BenchResults): string {
  const recipe = results.sizes[0].recipe;
  return [
    '# Tenant Warden benchmark results',
    '',
    `${results.date.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${results.machine}`,
    '',
    `Every figure is the median of ${results.runsPerFigure} runs unless marked. Simulated Graph and Exchange latency: ${results.latencyMs} ms per request. ` +
      'Audit log queries finish 3 s after they are submitted (the simulator\'s default; Microsoft\'s take minutes), which is most of the Exchange commands\' time.',
    '',
    '## Commands through the bot, over HTTP as Teams sends them',
    '',
    ...commandsTable(results),
    '',
    'Graph requests count those inside a `$batch` (as Graph\'s throttling does); HTTP requests are what went over the wire, token requests included. ' +
      'First card: from sending the message to the answer card reaching the channel. Bot peak RSS: the bot process\'s VmHWM during the command. ' +
      '429s: report requests refused by the 5-per-10-seconds limit; the limit\'s window is cleared before each command, as a pause between an admin\'s commands would.',
    '',
    `The bot at rest (after start and one \`help\`): ${results.sizes.map((size) => `${mb(size.botRestRssMb)} at ${count(size.servicePrincipals)}`).join(', ')}.`,
    '',
    '## The per-app recipe beside `list risky apps`',
    '',
    ...recipeTable(results),
    '',
    `The recipe lists every service principal (\`$top=999\`), then reads each one's \`appRoleAssignments\` and \`transitiveMemberOf\` (and each resource's \`appRoles\` once), ` +
      `${recipe.concurrency} requests at a time where the scripts admins copy make one at a time, so its measured time flatters it. ` +
      'The sequential estimate adds up the requests\' own times. At 1,000 the recipe figures are medians of ' +
      `${results.sizes[0].recipe.runs.length} runs; larger sizes are one run of thousands of requests. Ratios are the recipe's figure over the bot's.`,
    '',
    `## Ingesting ${count(results.audit.records)} exchangeAdmin audit records`,
    '',
    ...auditTable(results.audit),
    '',
    '## The simulator\'s own cost',
    '',
    ...simulatorTable(results),
    '',
    `Sim ms / request is the simulator's own work on a request (routing, the answer, serialising and writing it), without the ${results.latencyMs} ms latency, from \`/_sim/stats\`.`,
    '',
    '## Budgets',
    '',
    ...budgetLines(results.budgets),
    '',
    `Benchmark wall time: ${duration(results.wallMs)} (without the build).`,
    '',
  ].join('\n');
}
