// Run as its own process by the telemetry test: starts telemetry as the server does (before http loads),
// runs one turn that calls out over HTTP with a query string, and flushes.
import { startTelemetry, stopTelemetry } from '../../services/telemetry';

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
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(String(error));
  process.exit(1);
});
