import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { TokenCredential } from '@azure/identity';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Longest Retry-After the bot will wait for inside one request before it gives up and says so. */
export const MAX_RETRY_AFTER_SECONDS = 30;
const MAX_RETRIES = 4;

function retryAfterSeconds(response: Response): number {
  const header = response.headers?.get('Retry-After');
  if (!header) return 0;
  const seconds = Number(header);
  return Number.isNaN(seconds) ? (new Date(header).getTime() - Date.now()) / 1000 : seconds;
}

/** 429 and 503 are retried by the client's RetryHandler, which honours Retry-After; this bounds the wait. */
const boundedRetry = (_delay: number, _attempt: number, _request: RequestInfo, _options: unknown, response: Response) =>
  retryAfterSeconds(response) <= MAX_RETRY_AFTER_SECONDS;

export function createGraphClient(credential: TokenCredential, graphBaseUrl: string): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] });
  const authentication = new AuthenticationHandler(authProvider);
  const retry = new RetryHandler(new RetryHandlerOptions(1, MAX_RETRIES, boundedRetry));
  const redirect = new RedirectHandler();
  const telemetry = new TelemetryHandler();
  authentication.setNext(retry);
  retry.setNext(redirect);
  redirect.setNext(telemetry);
  telemetry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: graphBaseUrl,
    customHosts: new Set([new URL(graphBaseUrl).hostname]),
    defaultVersion: 'v1.0',
  });
}
