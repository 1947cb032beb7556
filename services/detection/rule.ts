import type { AppEvidence, ScanContext } from '../apps/evidence';
import type { Severity } from './severity';

/** One finding of one rule on one app: the words an admin reads on the card. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  /** The specifics: which permission, which role, when, by whom. May quote attacker-chosen names. */
  detail: string;
  why: string;
  fix: string;
}

export interface AppRule {
  id: string;
  title: string;
  why: string;
  fix: string;
  /** Zero or more findings; their severity may vary with the specifics. */
  evaluate(app: AppEvidence, context: ScanContext): { severity: Severity; detail: string }[];
}

export function findingsOf(rule: AppRule, app: AppEvidence, context: ScanContext): Finding[] {
  return rule.evaluate(app, context).map((result) => ({
    ruleId: rule.id,
    severity: result.severity,
    title: rule.title,
    detail: result.detail,
    why: rule.why,
    fix: rule.fix,
  }));
}
