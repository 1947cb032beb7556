// Telemetry to Azure Monitor through OpenTelemetry, only where APPLICATIONINSIGHTS_CONNECTION_STRING is
// set. Spans carry route names, ids, durations and outcomes, as the log lines do; nothing else is added.
import type { Span } from '@opentelemetry/api';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';

let started = false;

// Graph and Exchange URLs carry names and UPNs in $filter: spans keep the path only.
const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target', 'url.query'];

function withoutQuery(span: Span, request: { path?: string; url?: string }): void {
  for (const name of URL_ATTRIBUTES) {
    const value = (span as unknown as { attributes?: Record<string, unknown> }).attributes?.[name];
    if (typeof value === 'string') span.setAttribute(name, name === 'url.query' ? '' : value.split('?')[0]);
  }
  const target = request.path ?? request.url;
  if (typeof target === 'string' && target.includes('?')) span.setAttribute('http.target', target.split('?')[0]);
}

/** Starts the exporter and the HTTP instrumentation; call before the server's modules are loaded. */
export function startTelemetry(env: NodeJS.ProcessEnv): boolean {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!connectionString || started) return started;
  // The SDK's own usage statistics go to Microsoft's endpoints, not to the customer's resource: off unless asked for.
  env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED ??= 'true';
  env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED ??= 'true';
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Request bodies and headers are never recorded; no live metrics stream, no browser snippet.
    enableLiveMetrics: false,
    samplingRatio: 1,
    instrumentationOptions: { http: { enabled: true, requestHook: withoutQuery } as InstrumentationConfig },
  });
  started = true;
  return true;
}

/** Flushes what is buffered; at shutdown. */
export async function stopTelemetry(): Promise<void> {
  if (!started) return;
  started = false;
  await shutdownAzureMonitor();
}
