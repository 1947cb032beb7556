import { timeOf, type Actor, type ExchangeChange, type ObjectHistory } from './history';

/** Creations by one identity no more than this far apart belong to one burst. */
export const BURST_GAP_MS = 10 * 60_000;
export const BURST_MIN_OBJECTS = 3;

export interface Burst {
  actor: Actor;
  creations: ExchangeChange[];
  histories: ObjectHistory[];
}

/** Several objects created by one identity within minutes: a scripted change, as in a spam campaign. */
export function findBursts(histories: ObjectHistory[]): Burst[] {
  const owner = new Map<ExchangeChange, ObjectHistory>();
  const byActor = new Map<string, ExchangeChange[]>();
  for (const history of histories) {
    for (const change of history.changes.filter((c) => c.verb === 'New')) {
      owner.set(change, history);
      const key = `${change.actor.kind}:${change.actor.id}`;
      const ofActor = byActor.get(key);
      if (ofActor) ofActor.push(change);
      else byActor.set(key, [change]);
    }
  }
  const bursts: Burst[] = [];
  for (const changes of byActor.values()) {
    changes.sort((a, b) => timeOf(a) - timeOf(b));
    let run: ExchangeChange[] = [];
    const close = () => {
      const members = [...new Set(run.map((c) => owner.get(c)!))];
      if (members.length >= BURST_MIN_OBJECTS) bursts.push({ actor: run[0].actor, creations: run, histories: members });
      run = [];
    };
    for (const change of changes) {
      if (run.length > 0 && timeOf(change) - timeOf(run.at(-1)!) > BURST_GAP_MS) close();
      run.push(change);
    }
    close();
  }
  return bursts.sort((a, b) => timeOf(a.creations[0]) - timeOf(b.creations[0]));
}
