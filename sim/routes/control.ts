import type { SimState } from '../state';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** /_sim/* needs no token and is never counted: it is how tests look at and reset the sim. */
export function handleControl(state: SimState, method: string, path: string): ControlAnswer {
  if (method === 'GET' && path === '/_sim/stats') return { status: 200, body: state.stats.snapshot() };
  if (method === 'POST' && path === '/_sim/stats/reset') {
    state.stats.reset();
    return { status: 200, body: state.stats.snapshot() };
  }
  return { status: 404, body: { error: { code: 'NotFound', message: `No control route ${method} ${path}. Known: GET /_sim/stats, POST /_sim/stats/reset.` } } };
}
