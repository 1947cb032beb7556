// Run as its own process by the telemetry test: starts telemetry as the server does (before http loads),
// runs one turn that calls out over HTTP with a query string, and flushes.
import net from 'node:net';
import { startTelemetry, stopTelemetry } from '../../services/telemetry';

// Tests talk to 127.0.0.1 only: any other destination is refused here and reported.
const outside: string[] = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const options = (typeof args[0] === 'object' && args[0] !== null ? args[0] : { host: args[1] }) as { host?: string; path?: string };
  const host = options.path ? 'localhost' : options.host ?? 'localhost';
  if (!/^(127\.0\.0\.1|localhost|::1)$/.test(host)) {
    outside.push(host);
    process.nextTick(() => this.destroy(new Error(`blocked: ${host} is not loopback`)));
    return this;
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

startTelemetry(process.env);

async function main(): Promise<void> {
  const { TurnContext } = await import('botbuilder');
  const { loggedTurn } = await import('../../bot/turnLog');
  const activity = { type: 'message', text: 'list risky apps', from: { id: 'u', aadObjectId: '11111111-2222-4333-8444-555555555555' } };
  const context = new TurnContext({} as never, activity as never);
  const lines: string[] = [];
  const log = { info: (event: string, fields?: object) => lines.push(JSON.stringify({ event, ...fields })), error: () => undefined };
  await loggedTurn(context, log, async () => {
    await fetch(`${process.env.PROBE_TARGET}/v1.0/users?$filter=userPrincipalName%20eq%20'victim@contoso.com'`).catch(() => undefined);
    const http = await import('node:http');
    await new Promise<void>((resolve) => http.get(`${process.env.PROBE_TARGET}/v1.0/users?$filter=userPrincipalName%20eq%20'victim@contoso.com'`, (res) => res.resume().on('end', resolve)).on('error', () => resolve()));
  });
  await stopTelemetry();
  process.stdout.write(`${lines.join('\n')}\n${JSON.stringify({ outside: [...new Set(outside)] })}\n`);
}

main().catch((error) => {
  process.stderr.write(String(error));
  process.exit(1);
});
