/** A Graph failure; the server turns it into Graph's error envelope. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Graph writes innerError.date without fraction or zone, e.g. 2021-05-18T19:03:10. */
function innerErrorDate(now = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export function graphErrorBody(error: GraphError, requestId: string, clientRequestId: string): Record<string, unknown> {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: { date: innerErrorDate(), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}

export const notFound = (id: string): GraphError =>
  new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const forbidden = (): GraphError =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const badRequest = (message: string, code = 'BadRequest'): GraphError => new GraphError(400, code, message);

export const unsupportedQuery = (message: string): GraphError => new GraphError(400, 'Request_UnsupportedQuery', message);

export const invalidToken = (message: string): GraphError =>
  new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });

export const advancedQueryRequired = (what: string): GraphError =>
  unsupportedQuery(`${what} is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`);

/** Entra ID (login.microsoftonline.com) error response body. */
export function entraErrorBody(error: string, code: number, description: string, traceId: string, correlationId: string): Record<string, unknown> {
  const now = new Date();
  const timestamp = now.toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}
