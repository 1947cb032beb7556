import { AppendRefused, appendToTenant } from '../append';
import type { SimState } from '../state';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

const KNOWN = 'Known: GET /_sim/stats, POST /_sim/stats/reset, POST /_sim/throttling/reset, POST /_sim/scenario/append.';

/** /_sim/* needs no token and is never counted: it is how tests look at, reset and change the sim. */
export function handleControl(state: SimState, method: string, path: string, bodyText = ''): ControlAnswer {
  if (method === 'GET' && path === '/_sim/stats') return { status: 200, body: state.stats.snapshot() };
  if (method === 'POST' && path === '/_sim/stats/reset') {
    state.stats.reset();
    return { status: 200, body: state.stats.snapshot() };
  }
  if (method === 'POST' && path === '/_sim/throttling/reset') {
    state.reportsLimiter.reset();
    return { status: 204, body: undefined };
  }
  if (method === 'POST' && path === '/_sim/scenario/append') return appendScenario(state, bodyText);
  return { status: 404, body: { error: { code: 'NotFound', message: `No control route ${method} ${path}. ${KNOWN}` } } };
}

function appendScenario(state: SimState, bodyText: string): ControlAnswer {
  let raw: unknown;
  try {
    raw = JSON.parse(bodyText);
  } catch {
    return { status: 400, body: { error: { code: 'BadRequest', message: 'The body must be a JSON object: a partial scenario document.' } } };
  }
  try {
    appendToTenant(state, raw);
    return { status: 204, body: undefined };
  } catch (error) {
    if (!(error instanceof AppendRefused)) throw error;
    return { status: error.status, body: { error: { code: error.status === 409 ? 'Conflict' : 'BadRequest', message: error.message } } };
  }
}
