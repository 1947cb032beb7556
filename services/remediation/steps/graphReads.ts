import { GraphRequestError } from '../../errors';

export function isGoneFromGraph(error: unknown): boolean {
  return error instanceof GraphRequestError && error.status === 404;
}

/** The result, or undefined when the service says the target is gone (any other error is thrown). */
export async function unlessGone<T>(work: Promise<T>, isGone: (error: unknown) => boolean): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** The object, or undefined when Graph answers 404. */
export function readOrGone<T>(read: Promise<T>): Promise<T | undefined> {
  return unlessGone(read, isGoneFromGraph);
}

/** A write whose target is already gone has nothing left to do: a 404 counts as done. */
export async function writeUnlessGone(write: Promise<unknown>): Promise<void> {
  await unlessGone(write, isGoneFromGraph);
}

export function sameId(a: string | null | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}
