import { GraphError } from './errors';

/** The Microsoft Entra ID licences of the simulated tenant (scenario key `licenses`). P2 includes P1. */
export interface Licenses {
  entraIdP1: boolean;
  entraIdP2: boolean;
}

/** `SIM_LICENSE` / the `license` option: the tenant's highest Entra ID plan. */
export type LicenseLevel = 'free' | 'p1' | 'p2';

export const LICENSE_LEVELS: readonly LicenseLevel[] = ['free', 'p1', 'p2'];

/** New tenants in the sim hold Entra ID P2 (and so P1) unless the scenario or `SIM_LICENSE` says otherwise. */
export const DEFAULT_LICENSES: Readonly<Licenses> = { entraIdP1: true, entraIdP2: true };

export function licensesFor(level: LicenseLevel): Licenses {
  switch (level) {
    case 'free':
      return { entraIdP1: false, entraIdP2: false };
    case 'p1':
      return { entraIdP1: true, entraIdP2: false };
    case 'p2':
      return { entraIdP1: true, entraIdP2: true };
    default:
      throw new Error(`license must be one of ${LICENSE_LEVELS.join(', ')} (got '${String(level)}')`);
  }
}

/** Reads SIM_LICENSE-style text (case-insensitive); undefined when empty. */
export function parseLicenseLevel(value: string | undefined, name = 'license'): LicenseLevel | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const level = value.trim().toLowerCase();
  if (!(LICENSE_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`${name} must be one of ${LICENSE_LEVELS.join(', ')} (got '${value}')`);
  }
  return level as LicenseLevel;
}

// The licence refusals Graph answers. Only the first is in Microsoft's own material (GitHub issues on the Graph
// docs repository); the bodies of the others come from public captures of live answers (see sim/README.md).

/**
 * signInActivity on users, the sign-in logs and the authentication-method reports without Entra ID P1/P2. Issues
 * filed 2019–2023 quote the message "Neither tenant is B2C or tenant doesn't have premium license"; captures from
 * 2025–2026 show this wording, which the sim uses. Match on the code, not the text.
 */
export const nonPremiumTenant = (): GraphError =>
  new GraphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Tenant is not a B2C tenant and doesn't have premium license");

/** identityProtection/riskyUsers without Entra ID P2 (Microsoft: "Using the riskyUsers API requires a Microsoft Entra ID P2 license"). */
export const notLicensedForFeature = (): GraphError =>
  new GraphError(403, 'Forbidden', 'Your tenant is not licensed for this feature.');

/** Privileged Identity Management reads (role eligibility) without Entra ID P2 or ID Governance. */
export const pimLicenseRequired = (): GraphError =>
  new GraphError(400, 'AadPremiumLicenseRequired', 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.');
