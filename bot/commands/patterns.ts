// Every message route of the bot, in one list: the app package's command lists are checked against it.
import { ADMINS_WITHOUT_MFA, POSTURE, RISKY_ADMINS } from './admins';
import { AUDIT, PENDING, USE_FOR_APPROVALS } from './approvals';
import { SHOW_NEW_CONNECTORS, SHOW_TRANSPORT_RULES } from './exchangeChanges';
import { INVESTIGATE } from './investigate';
import { EXPECT_CONNECTOR, EXPECTED, TRUST_APP } from './knownGood';
import { SHOW_APP } from './showApp';
import { WATCH } from './watch';

export const RISKY_APPS = /^\s*(list\s+)?risky\s+apps\s*$/i;
export const HELP = /^\s*help\s*$/i;

/** Each route with the name it is logged under (never the typed text, which may quote hostile names). */
export const COMMAND_ROUTES: { name: string; pattern: RegExp }[] = [
  { name: 'list risky apps', pattern: RISKY_APPS },
  { name: 'show app', pattern: SHOW_APP },
  { name: 'investigate', pattern: INVESTIGATE },
  { name: 'show new connectors', pattern: SHOW_NEW_CONNECTORS },
  { name: 'show transport rules', pattern: SHOW_TRANSPORT_RULES },
  { name: 'admins without mfa', pattern: ADMINS_WITHOUT_MFA },
  { name: 'risky admins', pattern: RISKY_ADMINS },
  { name: 'security posture', pattern: POSTURE },
  { name: 'watch', pattern: WATCH },
  { name: 'expect connector', pattern: EXPECT_CONNECTOR },
  { name: 'trust app', pattern: TRUST_APP },
  { name: 'expected', pattern: EXPECTED },
  { name: 'use this chat for approvals', pattern: USE_FOR_APPROVALS },
  { name: 'pending', pattern: PENDING },
  { name: 'audit', pattern: AUDIT },
  { name: 'help', pattern: HELP },
];

export const COMMAND_PATTERNS: RegExp[] = COMMAND_ROUTES.map((route) => route.pattern);

/** The name of the command a message text runs, or "unknown" (answered with help). */
export function commandName(text: string): string {
  return COMMAND_ROUTES.find((route) => route.pattern.test(text))?.name ?? 'unknown';
}
