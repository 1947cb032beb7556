import type { AuthenticationMethod } from '@microsoft/microsoft-graph-types';

type Method = AuthenticationMethod & { '@odata.type'?: string; phoneType?: string | null };

// /users/{id}/authentication/methods types, named as the registration report names them
// (userRegistrationDetails.methodsRegistered), so both sources read the same on a card.
const REPORT_NAMES: Record<string, string> = {
  emailAuthenticationMethod: 'email',
  microsoftAuthenticatorAuthenticationMethod: 'microsoftAuthenticatorPush',
  fido2AuthenticationMethod: 'fido2',
  windowsHelloForBusinessAuthenticationMethod: 'windowsHelloForBusiness',
  softwareOathAuthenticationMethod: 'softwareOneTimePasscode',
  hardwareOathAuthenticationMethod: 'hardwareOneTimePasscode',
  temporaryAccessPassAuthenticationMethod: 'temporaryAccessPass',
  platformCredentialAuthenticationMethod: 'macOsSecureEnclaveKey',
  passwordlessMicrosoftAuthenticatorAuthenticationMethod: 'microsoftAuthenticatorPasswordless',
};

const PHONE_NAMES: Record<string, string> = { mobile: 'mobilePhone', alternateMobile: 'alternateMobilePhone', office: 'officePhone' };

// Email serves self-service password reset only, and a Temporary Access Pass expires: neither is a second factor an admin keeps.
const NOT_MFA = new Set(['email', 'temporaryAccessPass']);

function nameOf(method: Method): string | undefined {
  const type = (method['@odata.type'] ?? '').replace(/^#microsoft\.graph\./, '');
  if (type === 'passwordAuthenticationMethod') return undefined;
  if (type === 'phoneAuthenticationMethod') return PHONE_NAMES[method.phoneType ?? 'mobile'] ?? 'mobilePhone';
  return REPORT_NAMES[type] ?? type;
}

/** The registered methods as the registration report names them, the password left out. */
export function methodNames(methods: Method[]): string[] {
  return [...new Set(methods.map(nameOf).filter((name): name is string => name !== undefined && name !== ''))];
}

/** Whether the methods include one that can answer an MFA prompt. */
export function canDoMfa(methodNames: string[]): boolean {
  return methodNames.some((name) => !NOT_MFA.has(name));
}
