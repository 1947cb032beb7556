// Structured log lines on stderr. Callers pass ids and counts, never tokens, secrets or card payloads.
import { randomUUID } from 'node:crypto';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  error(event: string, error: unknown, fields?: LogFields): void;
}

function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack?.split('\n').slice(1, 4).join(' | ') };
  return { errorMessage: String(error) };
}

export function createLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  return {
    info: (event, fields = {}) => write(JSON.stringify({ time: new Date().toISOString(), level: 'info', event, ...fields })),
    error: (event, error, fields = {}) =>
      write(JSON.stringify({ time: new Date().toISOString(), level: 'error', event, ...fields, ...errorFields(error) })),
  };
}

export function newCorrelationId(): string {
  return randomUUID();
}
