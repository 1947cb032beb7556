import type { Severity } from '../detection/severity';
import type { AdminAccount, AdminFinding } from './types';

export interface AdminContext {
  now: Date;
}

/** One check of an admin account: the words an admin reads come from here, not from the card. */
export interface AdminRule {
  id: string;
  title: string;
  why: string;
  fix: string;
  /** Zero or more findings; their severity may vary with the specifics. */
  evaluate(account: AdminAccount, context: AdminContext): { severity: Severity; detail: string }[];
}

export function adminFindingsOf(rule: AdminRule, account: AdminAccount, context: AdminContext): AdminFinding[] {
  return rule.evaluate(account, context).map((result) => ({
    ruleId: rule.id,
    severity: result.severity,
    title: rule.title,
    detail: result.detail,
    why: rule.why,
    fix: rule.fix,
  }));
}
