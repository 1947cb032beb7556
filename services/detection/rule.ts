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

/** One named check: the words an admin reads come from the rule, not from the card. */
export interface Rule<Subject, Context> {
  id: string;
  title: string;
  why: string;
  fix: string;
  /** Its findings are about a recent change (a new credential, newly given access): trusting the app never lowers them. */
  aboutAChange?: true;
  /** Zero or more findings; their severity may vary with the specifics. */
  evaluate(subject: Subject, context: Context): { severity: Severity; detail: string }[];
}

export type AppRule = Rule<AppEvidence, ScanContext>;

export function findingsOf<Subject, Context>(rule: Rule<Subject, Context>, subject: Subject, context: Context): Finding[] {
  return rule.evaluate(subject, context).map((result) => ({
    ruleId: rule.id,
    severity: result.severity,
    title: rule.title,
    detail: result.detail,
    why: rule.why,
    fix: rule.fix,
  }));
}
