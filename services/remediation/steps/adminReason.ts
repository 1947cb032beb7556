import { AdminFacingError, ExchangeRequestError, GraphRequestError, MissingPermissionError } from '../../errors';

/** Why a read or write failed, in words an admin can act on. */
export function adminReason(error: unknown): string {
  if (error instanceof MissingPermissionError) {
    return `Tenant Warden's remediation identity needs the ${error.permission} application permission (admin consent granted) for ${error.request}.`;
  }
  if (error instanceof AdminFacingError) return error.adminMessage;
  if (error instanceof GraphRequestError) return `Microsoft Graph answered ${error.status} (${error.code}) to ${error.request}: ${error.message.replace(/^[^:]*: /, '')}`;
  if (error instanceof ExchangeRequestError) {
    // Exchange writes a cmdlet's reason as "<error id>|<exception type>|<text>".
    const text = error.message.replace(/^[^:]*: /, '').split('|').at(-1)?.trim();
    return `Exchange Online answered ${error.status} to ${error.cmdlet}: ${text}`;
  }
  return error instanceof Error ? error.message : String(error);
}
