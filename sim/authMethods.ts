import { createHash } from 'node:crypto';
import { parseIsoDateTime } from './dates';
import { guidFromSeed } from './ids';
import type { Entity } from './table';

// GET /users/{id}/authentication/methods, derived from the user's userRegistrationDetails.methodsRegistered.
// Shapes follow the v1.0 resource pages (passwordAuthenticationMethod, phoneAuthenticationMethod, …); only the
// types v1.0 serves come back ("Listing users' authentication methods only returns methods supported on this API
// version"), so hardware OATH tokens, security questions and external methods are not listed.

/** Fixed ids Microsoft documents: the password method and the three phone slots. */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
export const PHONE_METHOD_IDS = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;

type PhoneType = keyof typeof PHONE_METHOD_IDS;

const AUTHENTICATOR = ['microsoftauthenticatorpush', 'microsoftauthenticatorpasswordless'];
const FIDO2 = ['fido2', 'fido2securitykey', 'passkeydevicebound', 'passkeydeviceboundauthenticator', 'passkeysynced'];
const WINDOWS_HELLO = ['windowshelloforbusiness', 'passkeydeviceboundwindowshello'];

const DEVICES = ['iPhone 15 Pro', 'Pixel 8', 'SM-S921B', 'iPhone 13', 'Pixel 7a'];
const COMPUTERS = ['DESKTOP-4K2M7QX', 'LAPTOP-9F3T1RB', 'CONTOSO-PC-0417', 'SURFACE-LAPTOP-7'];
const MACS = ['MacBook Pro (14-inch)', 'MacBook Air (13-inch, M3)'];

/** FIDO2 authenticators by what methodsRegistered says (AAGUIDs published by the vendors in the FIDO MDS). */
const FIDO2_MODELS: Record<string, { displayName: string; model: string; aaGuid: string }> = {
  passkeydeviceboundauthenticator: { displayName: 'Microsoft Authenticator - iOS', model: 'Microsoft Authenticator - iOS', aaGuid: '90a3ccdf-635c-4729-a248-9b709135078f' },
  passkeysynced: { displayName: 'iCloud Keychain', model: 'iCloud Keychain', aaGuid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' },
  default: { displayName: 'YubiKey 5 NFC', model: 'YubiKey 5 Series with NFC', aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8' },
};

function hashOf(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

function pick<T>(list: readonly T[], seed: string): T {
  return list[hashOf(seed)[0] % list.length];
}

/** Ids of key-based methods look like Graph's: 22 base64url characters plus a digit. */
function keyMethodId(seed: string): string {
  return `${hashOf(seed).toString('base64url').slice(0, 22)}2`;
}

/** A registration date some days before the report's lastUpdatedDateTime, never before the account existed. */
function registeredOn(seed: string, user: Entity, registration: Entity | undefined): string | null {
  const updated = parseIsoDateTime(String(registration?.lastUpdatedDateTime ?? ''));
  if (Number.isNaN(updated)) return null;
  const created = parseIsoDateTime(String(user.createdDateTime ?? ''));
  const daysBefore = 3 + (hashOf(seed).readUInt16BE(1) % 400);
  const when = Math.max(updated - daysBefore * 86_400_000, Number.isNaN(created) ? -Infinity : created + 3_600_000);
  return new Date(Math.min(when, updated)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** +{country code} {number}, as phoneAuthenticationMethod.phoneNumber is written. */
function phoneNumberFor(user: Entity, type: PhoneType): string {
  const business = Array.isArray(user.businessPhones) ? String(user.businessPhones[0] ?? '') : '';
  const source = type === 'office' ? business : String(user.mobilePhone ?? '') || business;
  const digits = source.replace(/[^\d]/g, '');
  let national = digits.length > 10 ? digits.slice(-10) : digits.padStart(10, '5');
  const country = digits.length > 10 ? digits.slice(0, digits.length - 10) : '1';
  // Authentication phones are personal numbers: move the last digits off the published business number.
  if (type !== 'office') national = `${national.slice(0, 6)}${String((Number(national.slice(6)) + (type === 'mobile' ? 4311 : 7219)) % 10000).padStart(4, '0')}`;
  return `+${country} ${national}`;
}

function phone(user: Entity, type: PhoneType): Entity {
  return {
    '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
    id: PHONE_METHOD_IDS[type],
    phoneNumber: phoneNumberFor(user, type),
    phoneType: type,
    smsSignInState: type === 'mobile' ? 'notAllowedByPolicy' : 'notSupported',
  };
}

function emailAddressFor(user: Entity): string {
  const given = String(user.givenName ?? user.displayName ?? 'user').toLowerCase().replace(/[^a-z0-9]/g, '');
  const surname = String(user.surname ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${[given, surname].filter(Boolean).join('.')}@outlook.com`;
}

/**
 * The user's methods in the order Graph lists them (the password first). Values of methodsRegistered are
 * compared case-insensitively; a value v1.0 has no type for is left out.
 */
export function authenticationMethodsFor(user: Entity, registration: Entity | undefined): Entity[] {
  const registered = (Array.isArray(registration?.methodsRegistered) ? (registration.methodsRegistered as unknown[]) : [])
    .map((m) => String(m).toLowerCase());
  const has = (names: readonly string[]): boolean => registered.some((m) => names.includes(m));
  const seed = (what: string): string => `authMethod:${user.id}:${what}`;
  const methods: Entity[] = [{ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: PASSWORD_METHOD_ID, password: null, createdDateTime: null }];
  if (registered.includes('mobilephone')) methods.push(phone(user, 'mobile'));
  if (registered.includes('alternatemobilephone')) methods.push(phone(user, 'alternateMobile'));
  if (registered.includes('officephone')) methods.push(phone(user, 'office'));
  if (registered.includes('email')) {
    methods.push({ '@odata.type': '#microsoft.graph.emailAuthenticationMethod', id: '3ddfcfc8-9383-446f-83cc-3ab9be4be18f', emailAddress: emailAddressFor(user) });
  }
  if (has(AUTHENTICATOR)) {
    // createdDateTime "is null if the device isn't registered for passwordless Phone Sign-In".
    const passwordless = registered.includes('microsoftauthenticatorpasswordless');
    methods.push({
      '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
      id: guidFromSeed(seed('authenticator')),
      displayName: pick(DEVICES, seed('device')),
      deviceTag: 'SoftwareTokenActivated',
      phoneAppVersion: pick(['6.2410.7216', '6.8.14', '6.2502.1201'], seed('version')),
      createdDateTime: passwordless ? registeredOn(seed('authenticator'), user, registration) : null,
    });
  }
  // The Authenticator app's own codes are not a softwareOathAuthenticationMethod ("This API will not return
  // Microsoft Authenticator authentication method entities"); codes from another app are.
  if (registered.includes('softwareonetimepasscode') && !has(AUTHENTICATOR)) {
    methods.push({ '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethod', id: guidFromSeed(seed('softwareOath')), secretKey: null });
  }
  for (const name of registered.filter((m) => FIDO2.includes(m))) {
    const model = FIDO2_MODELS[name] ?? FIDO2_MODELS.default;
    methods.push({
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
      id: keyMethodId(seed(name)),
      displayName: model.displayName,
      createdDateTime: registeredOn(seed(name), user, registration),
      aaGuid: model.aaGuid,
      model: model.model,
      attestationCertificates: name === 'passkeysynced' ? [] : [hashOf(seed(`${name}:attestation`)).toString('hex').slice(0, 40)],
      attestationLevel: name === 'passkeysynced' ? 'notAttested' : 'attested',
    });
  }
  if (has(WINDOWS_HELLO)) {
    methods.push({
      '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
      id: keyMethodId(seed('windowsHello')),
      displayName: pick(COMPUTERS, seed('computer')),
      createdDateTime: registeredOn(seed('windowsHello'), user, registration),
      keyStrength: 'normal',
    });
  }
  if (registered.includes('macossecureenclavekey')) {
    methods.push({
      '@odata.type': '#microsoft.graph.platformCredentialAuthenticationMethod',
      id: keyMethodId(seed('platformCredential')),
      displayName: pick(MACS, seed('mac')),
      createdDateTime: registeredOn(seed('platformCredential'), user, registration),
      keyStrength: 'normal',
      platform: 'macOS',
    });
  }
  if (registered.includes('temporaryaccesspass')) {
    const created = registeredOn(seed('tap'), user, registration);
    methods.push({
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
      id: guidFromSeed(seed('tap')),
      temporaryAccessPass: null,
      createdDateTime: created,
      startDateTime: created,
      lifetimeInMinutes: 60,
      isUsableOnce: true,
      isUsable: false,
      methodUsabilityReason: 'Expired',
    });
  }
  return methods;
}
