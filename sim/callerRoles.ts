import { isGuid } from './ids';

/**
 * Directory roles (role template ids) held by calling apps that the scenario does not model as service principals
 * with role assignments, keyed by client id (appId). Demo mode uses it to make the remediation identity a
 * Privileged Authentication Administrator.
 */
export type CallerRoles = Record<string, string[]>;

/** Checks the option and returns it keyed by lower-case client id. */
export function normaliseCallerRoles(value: CallerRoles | undefined, name = 'callerRoles'): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (value === undefined) return out;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} must map client ids to arrays of role template ids`);
  for (const [clientId, roles] of Object.entries(value)) {
    if (clientId.trim() === '') throw new Error(`${name}: a client id is empty`);
    if (!Array.isArray(roles) || roles.length === 0 || roles.some((role) => !isGuid(role))) {
      throw new Error(`${name}: the roles of ${clientId} must be a non-empty array of role template ids (GUIDs)`);
    }
    const key = clientId.trim().toLowerCase();
    const set = out.get(key) ?? new Set<string>();
    for (const role of roles) set.add(role.toLowerCase());
    out.set(key, set);
  }
  return out;
}

/** SIM_CALLER_ROLES: `clientId=roleTemplateId|roleTemplateId,clientId2=roleTemplateId`; undefined when empty. */
export function parseCallerRoles(text: string | undefined, name = 'SIM_CALLER_ROLES'): CallerRoles | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const out: CallerRoles = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const equals = entry.indexOf('=');
    const clientId = equals > 0 ? entry.slice(0, equals).trim() : '';
    const roles = equals > 0 ? entry.slice(equals + 1).split('|').map((r) => r.trim()).filter(Boolean) : [];
    if (!clientId || roles.length === 0 || roles.some((role) => !isGuid(role))) {
      throw new Error(`${name} entries must be clientId=roleTemplateId|roleTemplateId (got '${entry}')`);
    }
    out[clientId] = [...(out[clientId] ?? []), ...roles];
  }
  return out;
}
