import type { ExchangeAdmin } from '../../exchange/exchangeAdmin';
import type { GraphApi } from '../../graph/graphApi';
import type { KnownGood } from '../../watch/knownGood';
import type { StepSpec, StepState } from '../types';

/** The remediation identity's clients: every read and write of a step goes through them. */
export interface StepDeps {
  graph: GraphApi;
  exchange: ExchangeAdmin;
  /** For the known-good steps: the list they change and the request that approved the change. */
  knownGood?: { list: KnownGood; requestId: string; now: () => Date };
}

export type StepType = StepSpec['type'];

/** The spec of one step type (an intersection, so the Exchange member narrows to its one literal). */
export type SpecOf<T extends StepType> = StepSpec & { type: T };

export interface StepImplementation<S extends StepSpec = StepSpec> {
  /** Re-reads the target: is the change still needed, already made, or is the target gone? */
  check(spec: S, deps: StepDeps): Promise<StepState>;
  /** The target's full prior state, for the audit trail; never a secret value. */
  snapshot(spec: S, deps: StepDeps): Promise<unknown>;
  /** The one write. A target that vanished meanwhile is not an error: the confirming check says so. */
  execute(spec: S, deps: StepDeps): Promise<void>;
  /** False when nothing can be read back to show the change took effect. */
  confirmable?: false;
}
