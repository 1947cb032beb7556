// Reads for the admin report go through $batch and are judged here, on the raw status and error
// code: GraphApi.unwrap turns every 403 into a missing permission, but a 403 can also mean the
// tenant lacks the licence a report needs, and the admin must be told which.
import { AdminFacingError } from '../errors';
import type { BatchResult, BatchStep, GraphApi, Page, RequestOptions } from '../graph/graphApi';

// Graph accepts a type cast on transitive memberships only as an advanced query.
export const ADVANCED_QUERY = { ConsistencyLevel: 'eventual' };

// `in (…)` and `or` chains on directory objects: Graph documents a limit of 15 values per expression.
export const FILTER_CHUNK = 15;

// The code Graph answers with when the tenant has no Entra ID P1/P2 (sign-in activity, sign-in logs,
// authentication-method reports); AadPremiumLicenseRequired is PIM's. Identity Protection answers a bare
// 403 "Forbidden" whose message says the tenant is not licensed: only the words tell it from a missing permission.
const LICENCE_CODES = new Set(['authentication_requestfromnonpremiumtenantorb2ctenant', 'aadpremiumlicenserequired']);
const LICENCE_WORDS = /\blicen[cs]/i;

export type Refusal = 'licence' | 'permission' | 'failed';

export type Answer<T> = { ok: true; value: T } | { ok: false; refusal: Refusal; status: number; code: string; message: string };

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** One step's answer, judged: a value, or why there is none. */
export function answerOf<T>(result: BatchResult | undefined): Answer<T> {
  if (!result) return { ok: false, refusal: 'failed', status: 0, code: 'missingResponse', message: 'no response in the batch' };
  if (result.status >= 200 && result.status < 300) return { ok: true, value: result.body as T };
  const error = (result.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const code = error?.code ?? 'unknown';
  const message = error?.message ?? '';
  const licence = LICENCE_CODES.has(code.toLowerCase()) || (result.status === 403 && LICENCE_WORDS.test(message));
  const refusal: Refusal = licence ? 'licence' : result.status === 403 ? 'permission' : 'failed';
  return { ok: false, refusal, status: result.status, code, message };
}

/** Every item of a collection answered in a batch, following @odata.nextLink outside the batch. */
export async function allItems<T>(graph: GraphApi, answer: Answer<Page<T>>, options: RequestOptions = {}): Promise<Answer<T[]>> {
  if (!answer.ok) return answer;
  const next = answer.value['@odata.nextLink'];
  if (!next) return { ok: true, value: answer.value.value };
  try {
    return { ok: true, value: [...answer.value.value, ...(await graph.list<T>(next, options))] };
  } catch (error) {
    const message = error instanceof AdminFacingError ? error.adminMessage : error instanceof Error ? error.message : String(error);
    return { ok: false, refusal: 'failed', status: 0, code: 'nextPage', message };
  }
}

/** Runs the steps in $batch and pages each collection answer to its end. */
export async function readCollections<T>(graph: GraphApi, steps: BatchStep[], options: RequestOptions = {}): Promise<Map<string, Answer<T[]>>> {
  if (steps.length === 0) return new Map();
  const results = await graph.batch(steps, options);
  const answers = await Promise.all(steps.map(async (step) => [step.id, await allItems<T>(graph, answerOf<Page<T>>(results.get(step.id)), options)] as const));
  return new Map(answers);
}

/** Runs the steps in $batch; each answer is one entity. */
export async function readEntities<T>(graph: GraphApi, steps: BatchStep[], options: RequestOptions = {}): Promise<Map<string, Answer<T>>> {
  if (steps.length === 0) return new Map();
  const results = await graph.batch(steps, options);
  return new Map(steps.map((step) => [step.id, answerOf<T>(results.get(step.id))]));
}

export function get(id: string, url: string, headers?: Record<string, string>): BatchStep {
  return headers ? { id, method: 'GET', url, headers } : { id, method: 'GET', url };
}

/** The first refusal among several answers of one source, if any. */
export function firstRefusal(answers: Iterable<Answer<unknown>>): Exclude<Answer<unknown>, { ok: true }> | undefined {
  for (const answer of answers) if (!answer.ok) return answer;
  return undefined;
}
