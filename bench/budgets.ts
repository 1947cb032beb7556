import { duration, medianOf, recipeFigures, requestsOf, type Budget, type SizeResult } from './report';

export const FIRST_CARD_BUDGET_MS = 1500;
export const RECIPE_SHARE = 1000;

function budget(name: string, actual: number, limit: number, show: (n: number) => string): Budget {
  const held = actual <= limit;
  return { name, actual: show(actual), limit: show(limit), ...(held ? {} : { missedBy: show(actual - limit) }) };
}

const requests = (n: number) => `${Math.round(n).toLocaleString('en-US')} requests`;

/** The budgets for `list risky apps`, checked on the smallest and the largest tenant measured. */
export function checkBudgets(sizes: SizeResult[]): Budget[] {
  const smallest = sizes[0];
  const largest = sizes[sizes.length - 1];
  const risky = (size: SizeResult) => size.commands[0].runs;
  const at = (size: SizeResult) => `at ${size.servicePrincipals.toLocaleString('en-US')} service principals`;
  return [
    budget(`\`list risky apps\` ${at(largest)} makes no more requests than ${at(smallest)}`, medianOf(risky(largest), requestsOf), medianOf(risky(smallest), requestsOf), requests),
    budget(`\`list risky apps\` ${at(largest)} answers its first card within ${duration(FIRST_CARD_BUDGET_MS)}`, medianOf(risky(largest), (r) => r.firstCardMs), FIRST_CARD_BUDGET_MS, duration),
    budget(
      `\`list risky apps\` ${at(largest)} makes at most 1/${RECIPE_SHARE.toLocaleString('en-US')} of the per-app recipe's requests`,
      medianOf(risky(largest), requestsOf),
      recipeFigures(largest.recipe).requests / RECIPE_SHARE,
      requests,
    ),
  ];
}
