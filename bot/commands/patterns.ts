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

export const COMMAND_PATTERNS: RegExp[] = [
  RISKY_APPS,
  SHOW_APP,
  INVESTIGATE,
  SHOW_NEW_CONNECTORS,
  SHOW_TRANSPORT_RULES,
  ADMINS_WITHOUT_MFA,
  RISKY_ADMINS,
  POSTURE,
  WATCH,
  EXPECT_CONNECTOR,
  TRUST_APP,
  EXPECTED,
  USE_FOR_APPROVALS,
  PENDING,
  AUDIT,
  HELP,
];
