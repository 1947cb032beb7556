import type { TokenCredential } from '@azure/identity';
import { ExchangeAccessError, ExchangeRequestError, ThrottledError } from '../errors';

export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
// The system mailbox the ExchangeOnlineManagement module anchors app-only admin calls to.
const ANCHOR_MAILBOX = 'SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';
const MAX_RETRIES = 4;
const MAX_RETRY_AFTER_SECONDS = 30;

export type CmdletParameters = Record<string, string | number | boolean | string[]>;

interface InvokeCommandPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  error?: { code?: string; message?: string; details?: { message?: string }[] };
}

function parseJson<T>(text: string): T | undefined {
  try {
    return text ? (JSON.parse(text) as T) : ({} as T);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response, attempt: number): number {
  const header = Number(response.headers.get('Retry-After'));
  const seconds = Number.isFinite(header) && header >= 0 ? header : 2 ** attempt;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS) * 1000;
}

/**
 * The Exchange Online admin REST endpoint the ExchangeOnlineManagement v3 module uses
 * (InvokeCommand). Not a documented public API: see the README.
 */
export class ExchangeAdmin {
  constructor(
    private readonly credential: TokenCredential,
    private readonly baseUrl: string,
    private readonly tenantId: string,
  ) {}

  /** Runs one cmdlet and returns every object it outputs, following @odata.nextLink. */
  async invoke<T>(cmdlet: string, parameters: CmdletParameters = {}): Promise<T[]> {
    const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } });
    const items: T[] = [];
    let url: string | undefined = `${this.baseUrl}/adminapi/beta/${this.tenantId}/InvokeCommand`;
    while (url) {
      const page: InvokeCommandPage<T> = await this.post<T>(url, body, cmdlet);
      items.push(...(page.value ?? []));
      // The service pages by handing back a URL to which the same command is posted again.
      url = page['@odata.nextLink'];
    }
    return items;
  }

  private async post<T>(url: string, body: string, cmdlet: string): Promise<InvokeCommandPage<T>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.credential.getToken(EXCHANGE_SCOPE);
      if (!token) throw new ExchangeAccessError(cmdlet, 401);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token.token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-AnchorMailbox': `APP:${ANCHOR_MAILBOX}@${this.tenantId}`,
          Prefer: 'odata.maxpagesize=1000',
        },
        body,
      });
      if ((response.status === 429 || response.status === 503) && attempt < MAX_RETRIES) {
        await sleep(retryAfterMs(response, attempt));
        continue;
      }
      // Exchange can refuse with a body that is not JSON (even a broken gzip one): decide on the status first.
      if (response.status === 401 || response.status === 403) throw new ExchangeAccessError(cmdlet, response.status);
      if (response.status === 429 || response.status === 503) throw new ThrottledError(`Exchange ${cmdlet}`);
      const text = await response.text().catch(() => '');
      const page = parseJson<InvokeCommandPage<T>>(text);
      if (response.ok) {
        if (!page) throw new ExchangeRequestError(cmdlet, response.status, 'invalidResponse', 'the answer was not JSON');
        return page;
      }
      const detail = page?.error?.details?.[0]?.message ?? page?.error?.message ?? text.slice(0, 200);
      throw new ExchangeRequestError(cmdlet, response.status, page?.error?.code ?? 'unknown', detail);
    }
  }
}
