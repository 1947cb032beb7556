import { EXCHANGE_ONLINE_APP_ID } from '../permissions';

/** What the admin API answers when it refuses a request. `body` undefined means an empty body. */
export class ExchangeError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> | undefined,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Raw bytes instead of JSON (the unknown-cmdlet answer). */
    readonly rawBody?: Buffer,
  ) {
    super(`Exchange admin API ${status}`);
  }
}

/** Every InvokeCommand answer, success or failure, carries the (usually empty) warnings collection. */
export const WARNINGS_ANNOTATION = { 'adminapi.warnings@odata.type': '#Collection(String)' };

const STACK_TRACE = '   at Microsoft.Exchange.AdminApi.CommandInvocation.CommandInvocation.InvokeCommand(QueryContext queryContext, CmdletInvokeInputType cmdletInvokeInputType)\r\n   at Microsoft.Exchange.Admin.OData.Core.Handlers.OperationHandler.Process(IODataRequestMessage requestMessage, IODataResponseMessage responseMessage)';

/**
 * A cmdlet failure as the service wraps it (captured from live answers): a generic `error.message`,
 * the cmdlet's own reason in `error.details[0].message` as `<error id>|<exception type>|<text>`.
 */
export function cmdletError(status: number, code: string, errorId: string, exceptionType: string, text: string): ExchangeError {
  const shortType = exceptionType.slice(exceptionType.lastIndexOf('.') + 1);
  return new ExchangeError(status, {
    error: {
      code,
      message: 'Error executing cmdlet',
      details: [{ code: 'Client', target: '', message: `${errorId}|${exceptionType}|${text}` }],
      innererror: {
        message: 'Error executing cmdlet',
        type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
        stacktrace: STACK_TRACE,
        internalexception: {
          message: "Exception of type 'Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException' was thrown.",
          type: 'Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException',
          stacktrace: '   at Microsoft.Exchange.Management.PSDirectInvoke.PSDirectInvokeCmdletFactory.InvokeCmdletInternal[TCmdlet,TResult](Func`1 createCmdlet, Action`1 setParameterDelegate, List`1 captureAdditionalIO, List`1 directInvokeExceptions, Boolean shouldAllowProactiveProxyToReturnRoutingHint)',
        },
      },
    },
    ...WARNINGS_ANNOTATION,
    '@adminapi.warnings': [],
  }, { 'x-ExceptionType': shortType });
}

export const objectNotFound = (identity: string, domainController: string): ExchangeError =>
  cmdletError(404, 'NotFound', 'Ex6F9304', 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException',
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${domainController}'.`);

/**
 * A New-* (or a rename) whose Name another object of that kind already has: the directory write fails. The
 * exception and text are Exchange's Active Directory one; the 409 status is an assumption (see README).
 */
export const objectAlreadyExists = (distinguishedName: string, domainController: string): ExchangeError =>
  cmdletError(409, 'Conflict', '', 'Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException',
    `Active Directory operation failed on ${domainController}. The object '${distinguishedName}' already exists.`);

export const parameterBinding = (text: string): ExchangeError =>
  cmdletError(400, 'BadRequest', '', 'System.Management.Automation.ParameterBindingException', text);

/** A request the OData layer rejects before any cmdlet runs (malformed body, bad skip token). */
export function requestError(status: number, code: string, message: string): ExchangeError {
  return new ExchangeError(status, { error: { code, message }, ...WARNINGS_ANNOTATION, '@adminapi.warnings': [] });
}

const BEARER_CHALLENGE = `Bearer client_id="${EXCHANGE_ONLINE_APP_ID}", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"`;

/** Exchange's front end refuses a bad token with an empty 401, a Bearer challenge and x-ms-diagnostics. */
export function tokenRejected(diagnostic?: { code: number; reason: string; category: string }): ExchangeError {
  const headers: Record<string, string> = { 'WWW-Authenticate': `${BEARER_CHALLENGE},Basic Realm=""` };
  if (diagnostic) headers['x-ms-diagnostics'] = `${diagnostic.code};reason="${diagnostic.reason}";error_category="${diagnostic.category}"`;
  return new ExchangeError(401, undefined, headers);
}

/** An app token without Exchange.ManageAsApp: the message Exchange gives app-only callers it cannot authorise. */
export function appNotAuthorised(appId: string): ExchangeError {
  const message = `The role assigned to application ${appId} isn't supported in this scenario. Please check online documentation for assigning correct Directory Roles to Azure AD Application for EXO App-Only Authentication.`;
  return new ExchangeError(401, {
    error: { code: 'Unauthorized', message, innererror: { message, type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException' } },
  });
}

/** A cmdlet the service does not know (or the caller's roles do not include): 403 with a body of NUL bytes declared as gzip. */
export function unknownCmdlet(): ExchangeError {
  return new ExchangeError(403, undefined, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' }, Buffer.alloc(16));
}

export function throttledError(status: 429 | 503): ExchangeError {
  const body = status === 429
    ? { error: { code: 'TooManyRequests', message: 'The request was throttled. Please retry after some time.' } }
    : { error: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry after some time.' } };
  return new ExchangeError(status, body, { 'Retry-After': '1' });
}
