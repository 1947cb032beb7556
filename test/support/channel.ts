import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

/**
 * Stands in for the Bot Framework connector (the serviceUrl): records what the bot posts to a
 * conversation outside a reply, as it does while handling an invoke.
 */
export class FakeChannel {
  readonly posted: CapturedActivity[] = [];
  private server?: http.Server;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method === 'POST' && match) {
          this.posted.push({ conversationId: decodeURIComponent(match[1]), activity: JSON.parse(body || '{}') });
          this.waiters.splice(0).forEach((wake) => wake());
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.posted.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** Resolves once at least `count` activities have been posted, or rejects after the timeout. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<CapturedActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posted.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} posted activities, got ${this.posted.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.posted;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
