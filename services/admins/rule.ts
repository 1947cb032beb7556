import type { Rule } from '../detection/rule';
import type { AdminAccount } from './types';

export { findingsOf as adminFindingsOf } from '../detection/rule';

export interface AdminContext {
  now: Date;
}

/** One check of an admin account: the words an admin reads come from here, not from the card. */
export type AdminRule = Rule<AdminAccount, AdminContext>;
