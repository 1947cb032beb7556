// The bot's configuration: read once from the environment, validated at start.
import { hostname } from 'node:os';

export type TenantCredential =
  | { kind: 'secret'; clientId: string; clientSecret: string }
  | { kind: 'certificate'; clientId: string; certificatePath: string }
  | { kind: 'managedIdentity'; clientId?: string };

export interface BotChannelAuth {
  appId: string;
  appPassword?: string;
  appType: string;
  appTenantId?: string;
}

export interface Config {
  port: number;
  host: string;
  tenantId: string;
  credential: TenantCredential;
  graphBaseUrl: string;
  authorityHost: string;
  adminsGroupId: string;
  approversGroupId: string;
  membershipCacheSeconds: number;
  /** Exchange Online root for the admin REST endpoint (InvokeCommand). */
  exchangeBaseUrl: string;
  /** App ids whose changes are labelled as trusted automation (the bot's own app), never hidden. */
  trustedAppIds: string[];
  /** How long a command waits for an audit log query before answering "query started". */
  auditQueryWaitSeconds: number;
  /** Where the SQLite store (requests, settings, audit trail) lives. */
  dataDir: string;
  /** sqlite: the embedded file under dataDir (one instance); blob: Azure Blob Storage shared by every instance. */
  storage: StorageConfig;
  /** This instance's name in executing requests: stable across its restarts, distinct between instances. */
  instanceId: string;
  /** How long the watcher lease lasts without renewal: another instance takes over within it. */
  watchLeaseSeconds: number;
  requestTtlMs: number;
  /** How often the watcher compares today's connectors and rules with what it saw last. */
  watchIntervalMs: number;
  auditRetentionDays: number;
  /** Emergency-access accounts (object ids or UPNs) the bot never offers to block. */
  breakGlassAccounts: string[];
  /** The identity that carries out approved requests; absent: the bot reads and requests, nobody executes. */
  remediationCredential?: TenantCredential;
  /** Undefined: local mode, unauthenticated activities are accepted (loopback simulator only). */
  channelAuth?: BotChannelAuth;
}

export class ConfigError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Env = Record<string, string | undefined>;

function required(env: Env, name: string, hint: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set: ${hint}`);
  return value;
}

function guid(env: Env, name: string, hint: string): string {
  const value = required(env, name, hint);
  if (!GUID.test(value)) throw new ConfigError(`${name} must be a GUID, got "${value}"`);
  return value.toLowerCase();
}

function httpsRoot(env: Env, name: string, fallback: string): string {
  const value = (env[name]?.trim() || fallback).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(`${name} must be an https:// URL, got "${value}"`);
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new ConfigError(`${name} must be a root without a path or version, got "${value}"`);
  }
  return `${url.protocol}//${url.host}`;
}

function port(env: Env): number {
  const raw = env.PORT?.trim() || '3978';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new ConfigError(`PORT must be a port number, got "${raw}"`);
  return value;
}

function tenantCredential(env: Env): TenantCredential {
  const clientId = env.CLIENT_ID?.trim();
  if (env.CLIENT_SECRET && clientId) return { kind: 'secret', clientId, clientSecret: env.CLIENT_SECRET };
  if (env.CLIENT_CERTIFICATE_PATH && clientId) {
    return { kind: 'certificate', clientId, certificatePath: env.CLIENT_CERTIFICATE_PATH };
  }
  if (env.AZURE_CLIENT_ID || env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT) {
    return { kind: 'managedIdentity', clientId: env.AZURE_CLIENT_ID?.trim() || undefined };
  }
  throw new ConfigError(
    'no tenant credential: set CLIENT_ID with CLIENT_SECRET or CLIENT_CERTIFICATE_PATH, or run under a managed identity (AZURE_CLIENT_ID)',
  );
}

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

function channelAuth(env: Env): BotChannelAuth | undefined {
  const appId = env.MicrosoftAppId?.trim();
  if (!appId) return undefined;
  return {
    appId,
    appPassword: env.MicrosoftAppPassword || undefined,
    appType: env.MicrosoftAppType?.trim() || 'SingleTenant',
    appTenantId: env.MicrosoftAppTenantId?.trim() || env.TENANT_ID?.trim() || undefined,
  };
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function guidList(env: Env, name: string): string[] {
  const items = (env[name] ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const bad = items.find((item) => !GUID.test(item));
  if (bad) throw new ConfigError(`${name} must list app ids (GUIDs) separated by commas, got "${bad}"`);
  return items.map((item) => item.toLowerCase());
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "24h", "90m", "2d", "3600s" (a bare number counts in the default unit). */
function duration(env: Env, name: string, fallback: number, defaultUnit = 'h'): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const match = /^(\d+)\s*([smhd]?)$/i.exec(raw);
  if (!match || Number(match[1]) === 0) throw new ConfigError(`${name} must be a duration such as 24h, 90m or 2d, got "${raw}"`);
  return Number(match[1]) * UNIT_MS[(match[2] || defaultUnit).toLowerCase()];
}

function remediationCredential(env: Env): TenantCredential | undefined {
  const clientId = env.REMEDIATION_CLIENT_ID?.trim();
  if (!clientId) return undefined;
  if (env.REMEDIATION_CLIENT_CERTIFICATE_PATH) return { kind: 'certificate', clientId, certificatePath: env.REMEDIATION_CLIENT_CERTIFICATE_PATH };
  if (env.REMEDIATION_CLIENT_SECRET) return { kind: 'secret', clientId, clientSecret: env.REMEDIATION_CLIENT_SECRET };
  throw new ConfigError('REMEDIATION_CLIENT_ID is set without REMEDIATION_CLIENT_CERTIFICATE_PATH (or, for the simulator, REMEDIATION_CLIENT_SECRET)');
}

/** True when the environment names a tenant to talk to; otherwise `npm start` runs demo mode. */
export type StorageConfig =
  | { kind: 'sqlite' }
  | { kind: 'blob'; container: string; connectionString: string }
  | { kind: 'blob'; container: string; accountUrl: string };

const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export function storageConfig(env: Env): StorageConfig {
  const kind = env.STORAGE?.trim().toLowerCase() || 'sqlite';
  if (kind === 'sqlite') return { kind };
  if (kind !== 'blob') throw new ConfigError(`STORAGE must be sqlite or blob, got "${env.STORAGE}"`);
  const container = env.AZURE_STORAGE_CONTAINER?.trim() || 'tenant-warden';
  if (!CONTAINER_NAME.test(container)) throw new ConfigError(`AZURE_STORAGE_CONTAINER "${container}" is not a valid container name (3-63 lowercase letters, digits and single hyphens)`);
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING?.trim();
  if (connectionString) return { kind, container, connectionString };
  const accountUrl = env.AZURE_STORAGE_ACCOUNT_URL?.trim();
  if (accountUrl) {
    if (!/^https:\/\//.test(accountUrl)) throw new ConfigError('AZURE_STORAGE_ACCOUNT_URL must be an https:// URL (managed identity is used with it)');
    return { kind, container, accountUrl };
  }
  throw new ConfigError('STORAGE=blob needs AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT_URL with a managed identity');
}

function leaseSeconds(env: Env): number {
  const seconds = positiveInt(env, 'WATCH_LEASE_SECONDS', 30);
  if (seconds < 15 || seconds > 60) throw new ConfigError(`WATCH_LEASE_SECONDS must be between 15 and 60 (Blob Storage lease limits), got ${seconds}`);
  return seconds;
}

export function hasTenantCredentials(env: Env): boolean {
  return Boolean(env.TENANT_ID?.trim() && (env.CLIENT_ID?.trim() || env.AZURE_CLIENT_ID?.trim()));
}

export function loadConfig(env: Env = process.env): Config {
  const graphBaseUrl = httpsRoot(env, 'GRAPH_BASE_URL', 'https://graph.microsoft.com');
  const auth = channelAuth(env);
  const realTenant = !isLoopbackUrl(graphBaseUrl);
  if (realTenant && !auth) {
    throw new ConfigError(
      'MicrosoftAppId is not set: a bot connected to a real tenant must authenticate the Bot Framework channel, ' +
        'otherwise anyone who can reach the port could claim any user. Set MicrosoftAppId (and its password or managed identity).',
    );
  }
  const host = env.HOST?.trim() || (auth ? '0.0.0.0' : '127.0.0.1');
  if (!auth && host !== '127.0.0.1' && host !== 'localhost') {
    throw new ConfigError(`HOST is ${host} but MicrosoftAppId is not set: without channel authentication the bot listens on 127.0.0.1 only`);
  }
  return {
    port: port(env),
    host,
    tenantId: guid(env, 'TENANT_ID', 'the Entra tenant id of the tenant to watch'),
    credential: tenantCredential(env),
    graphBaseUrl,
    authorityHost: httpsRoot(env, 'AUTHORITY_HOST', 'https://login.microsoftonline.com'),
    adminsGroupId: guid(env, 'ADMINS_GROUP_ID', 'the Entra group whose members may run commands'),
    approversGroupId: guid(env, 'APPROVERS_GROUP_ID', 'the Entra group whose members may approve remediation'),
    membershipCacheSeconds: positiveInt(env, 'MEMBERSHIP_CACHE_SECONDS', 300),
    exchangeBaseUrl: httpsRoot(env, 'EXO_BASE_URL', 'https://outlook.office365.com'),
    trustedAppIds: guidList(env, 'TRUSTED_APP_IDS'),
    auditQueryWaitSeconds: positiveInt(env, 'AUDIT_QUERY_WAIT_SECONDS', 4),
    dataDir: env.DATA_DIR?.trim() || './data',
    storage: storageConfig(env),
    watchLeaseSeconds: leaseSeconds(env),
    instanceId: env.INSTANCE_ID?.trim() || env.WEBSITE_INSTANCE_ID?.trim() || hostname(),
    requestTtlMs: duration(env, 'REQUEST_TTL', 24 * 3_600_000),
    watchIntervalMs: duration(env, 'WATCH_INTERVAL', 5 * 60_000, 'm'),
    auditRetentionDays: positiveInt(env, 'AUDIT_RETENTION_DAYS', 365),
    remediationCredential: remediationCredential(env),
    breakGlassAccounts: (env.BREAK_GLASS_ACCOUNTS ?? '').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean),
    channelAuth: auth,
  };
}
