/**
 * The error that archive and image readers raise for input they cannot read. Its message names
 * the input (and the member, where there is one) and says what to do, so callers show it as is.
 */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Returns whether `error` is the abort error that Node raises for an `AbortSignal`. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Returns the message of an unknown thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
