import { GraphRequestError } from '../../errors';

export function isGoneFromGraph(error: unknown): boolean {
  return error instanceof GraphRequestError && error.status === 404;
}

/** The object, or undefined when Graph answers 404. */
export async function readOrGone<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isGoneFromGraph(error)) return undefined;
    throw error;
  }
}

/** A write whose target is already gone has nothing left to do: a 404 counts as done. */
export async function writeUnlessGone(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!isGoneFromGraph(error)) throw error;
  }
}

export function sameId(a: string | null | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}
