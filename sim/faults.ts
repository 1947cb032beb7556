import { SeededRandom } from './ids';

export interface FaultRule {
  status: 429 | 503;
  rate: number;
}

/** Parses '429:0.1,503:0.05': that share of Graph requests fails with that status. */
export function parseFaults(spec: string | undefined): FaultRule[] {
  if (!spec || spec.trim() === '') return [];
  const rules = spec.split(',').map((part) => {
    const [status, rate] = part.trim().split(':');
    const value = Number(rate);
    if ((status !== '429' && status !== '503') || !(value >= 0 && value <= 1)) {
      throw new Error(`Invalid fault '${part.trim()}': use 429:<share> or 503:<share> with a share between 0 and 1`);
    }
    return { status: Number(status) as 429 | 503, rate: value };
  });
  if (rules.reduce((sum, rule) => sum + rule.rate, 0) > 1) throw new Error(`Fault shares in '${spec}' add up to more than 1`);
  return rules;
}

/** Decides, reproducibly from a fixed seed, which requests fail. */
export class FaultInjector {
  private readonly random = new SeededRandom(0xfa017);

  constructor(private readonly rules: readonly FaultRule[]) {}

  next(): 429 | 503 | undefined {
    if (this.rules.length === 0) return undefined;
    let roll = this.random.next();
    for (const rule of this.rules) {
      if (roll < rule.rate) return rule.status;
      roll -= rule.rate;
    }
    return undefined;
  }
}
