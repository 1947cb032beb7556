// Errors an admin can act on. Anything else is unexpected: logged with a correlation id.

export class AdminFacingError extends Error {
  constructor(readonly adminMessage: string) {
    super(adminMessage);
    this.name = 'AdminFacingError';
  }
}

export class MissingPermissionError extends AdminFacingError {
  constructor(readonly permission: string, readonly request: string) {
    super(`Tenant Warden's app registration needs the ${permission} application permission (admin consent granted) to read ${request}.`);
    this.name = 'MissingPermissionError';
  }
}

export class ThrottledError extends AdminFacingError {
  constructor(readonly request: string) {
    super(`Microsoft Graph is throttling requests to ${request} and did not recover after several retries. Try again in a minute.`);
    this.name = 'ThrottledError';
  }
}

export class GraphRequestError extends Error {
  constructor(readonly status: number, readonly code: string, readonly request: string, message: string) {
    super(`Graph ${request} answered ${status} ${code}: ${message}`);
    this.name = 'GraphRequestError';
  }
}

export class ExchangeAccessError extends AdminFacingError {
  constructor(readonly cmdlet: string, status: number) {
    super(
      `Exchange Online refused ${cmdlet} (${status}). Tenant Warden's app needs the Exchange.ManageAsApp application permission ` +
        'and an Exchange role: Global Reader (or View-Only Organization Management) to read, Exchange Administrator to change.',
    );
    this.name = 'ExchangeAccessError';
  }
}

export class ExchangeRequestError extends Error {
  constructor(readonly cmdlet: string, readonly status: number, readonly code: string, message: string) {
    super(`Exchange ${cmdlet} answered ${status} ${code}: ${message}`);
    this.name = 'ExchangeRequestError';
  }
}
