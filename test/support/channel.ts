import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  /** The id the channel gave the activity when it was posted, or the one an update (PUT) replaced. */
  activityId?: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

/**
 * Stands in for the Bot Framework connector (the serviceUrl): records what the bot posts to a
 * conversation outside a reply, as it does while handling an invoke.
 */
export class FakeChannel {
  readonly posted: CapturedActivity[] = [];
  /** Activities the bot replaced with updateActivity, in order. */
  readonly updated: CapturedActivity[] = [];
  private server?: http.Server;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        let id = match?.[2] ? decodeURIComponent(match[2]) : `activity-${this.posted.length + 1}`;
        if (req.method === 'POST' && match) {
          id = `activity-${this.posted.length + 1}`;
          this.posted.push({ conversationId: decodeURIComponent(match[1]), activityId: id, activity: JSON.parse(body || '{}') });
          this.waiters.splice(0).forEach((wake) => wake());
        } else if (req.method === 'PUT' && match?.[2]) {
          this.updated.push({ conversationId: decodeURIComponent(match[1]), activityId: decodeURIComponent(match[2]), activity: JSON.parse(body || '{}') });
          this.waiters.splice(0).forEach((wake) => wake());
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** Resolves once at least `count` activities have been posted, or rejects after the timeout. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<CapturedActivity[]> {
    await this.until(() => this.posted.length >= count, timeoutMs, () => `expected ${count} posted activities, got ${this.posted.length}`);
    return this.posted;
  }

  /** Resolves once the condition holds after some post or update, or rejects after the timeout. */
  async until(condition: () => boolean, timeoutMs = 10_000, describe: () => string = () => 'condition not met'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(describe());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
