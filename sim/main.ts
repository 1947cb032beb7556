import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ClientCertificateOption } from './clientAssertion';
import { parseCallerRoles } from './callerRoles';
import { parseLicenseLevel } from './licenses';
import { startSim, type SimOptions } from './server';

function numberFrom(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`${name} must be a number (got '${value}')`);
  return parsed;
}

function outcomeFrom(name: string): 'succeeded' | 'failed' | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return undefined;
  if (value !== 'succeeded' && value !== 'failed') throw new Error(`${name} must be 'succeeded' or 'failed' (got '${value}')`);
  return value;
}

/** SIM_CLIENT_CERTIFICATES: comma-separated `clientId=path/to/cert.pem` (the PEM may also hold the private key). */
function clientCertificatesFrom(name: string): ClientCertificateOption[] | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const equals = entry.indexOf('=');
    const clientId = equals > 0 ? entry.slice(0, equals).trim() : '';
    const file = equals > 0 ? entry.slice(equals + 1).trim() : '';
    if (!clientId || !file) throw new Error(`${name} entries must be clientId=path/to/cert.pem (got '${entry}')`);
    try {
      return { clientId, certificatePem: readFileSync(path.resolve(file), 'utf8') };
    } catch (error) {
      throw new Error(`${name}: cannot read the certificate of ${clientId} at '${file}': ${(error as Error).message}`);
    }
  });
}

function optionsFromEnvironment(): SimOptions {
  const env = process.env;
  return {
    port: numberFrom('SIM_PORT'),
    host: env.SIM_HOST || undefined,
    scenario: env.SIM_SCENARIO || undefined,
    caDir: env.SIM_CA_DIR || undefined,
    clientSecret: env.SIM_CLIENT_SECRET || undefined,
    clientCertificates: clientCertificatesFrom('SIM_CLIENT_CERTIFICATES'),
    latencyMs: numberFrom('SIM_LATENCY_MS'),
    faults: env.SIM_FAULTS || undefined,
    noiseServicePrincipals: numberFrom('SIM_NOISE_SERVICE_PRINCIPALS'),
    noiseGrants: numberFrom('SIM_NOISE_GRANTS'),
    auditQueryDelayMs: numberFrom('SIM_AUDIT_QUERY_DELAY_MS'),
    auditQueryOutcome: outcomeFrom('SIM_AUDIT_QUERY_OUTCOME'),
    exchangeAuditIngestionDelayMs: numberFrom('SIM_EXCHANGE_AUDIT_INGESTION_MS'),
    license: parseLicenseLevel(env.SIM_LICENSE, 'SIM_LICENSE'),
    callerRoles: parseCallerRoles(env.SIM_CALLER_ROLES, 'SIM_CALLER_ROLES'),
    deniedPermissions: env.SIM_DENY_PERMISSIONS ? env.SIM_DENY_PERMISSIONS.split(',').map((p) => p.trim()).filter(Boolean) : undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

async function main(): Promise<void> {
  const sim = await startSim(optionsFromEnvironment());
  process.stdout.write(`${JSON.stringify({ ready: true, url: sim.url, caCertPath: sim.caCertPath, tenantId: sim.tenantId, tenantDomain: sim.tenantDomain })}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`sim: ${signal} received, stopping\n`);
    sim.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`sim: stop failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`sim: failed to start: ${error.message}\n`);
  process.exit(1);
});
