// One structured log line per turn: correlation id, user object id, command, duration, outcome. The
// command is a route name or a button verb, never the typed text or card data, which may quote
// attacker-chosen names; tokens and secrets are never in reach of this code.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { newCorrelationId, type Logger } from '../services/log';
import { commandName } from './commands/patterns';

export type Outcome = 'ok' | 'refused' | 'failed';

export interface TurnLog {
  correlationId: string;
  command: string;
  outcome: Outcome;
}

const KEY = Symbol.for('tenantWarden.turnLog');
const tracer = trace.getTracer('tenant-warden');

function commandOf(context: TurnContext): string {
  const { activity } = context;
  if (activity.type === ActivityTypes.Message) return commandName(activity.text ?? '');
  if (activity.type === ActivityTypes.Invoke) {
    const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    return `${activity.name ?? 'invoke'}${typeof verb === 'string' ? `:${verb.slice(0, 40)}` : ''}`;
  }
  return activity.type ?? 'unknown';
}

/** This turn's log record; commands mark their outcome on it. */
export function turnLogOf(context: TurnContext): TurnLog {
  let record = context.turnState.get(KEY) as TurnLog | undefined;
  if (!record) {
    record = { correlationId: newCorrelationId(), command: commandOf(context), outcome: 'ok' };
    context.turnState.set(KEY, record);
  }
  return record;
}

/** Runs a turn inside a span (exported to Azure Monitor when telemetry is on) and logs it once at the end. */
export async function loggedTurn(context: TurnContext, log: Logger, run: () => Promise<void>): Promise<void> {
  const record = turnLogOf(context);
  const started = performance.now();
  await tracer.startActiveSpan(`turn ${record.command}`, async (span) => {
    try {
      await run();
    } catch (error) {
      record.outcome = 'failed';
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      log.error('turn.error', error, { correlationId: record.correlationId });
      throw error;
    } finally {
      const durationMs = Math.round(performance.now() - started);
      const fields = {
        correlationId: record.correlationId,
        userObjectId: context.activity.from?.aadObjectId ?? undefined,
        activityType: context.activity.type,
        command: record.command,
        durationMs,
        outcome: record.outcome,
      };
      span.setAttributes(Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string | number] => entry[1] !== undefined)));
      span.end();
      log.info('turn', fields);
    }
  });
}
