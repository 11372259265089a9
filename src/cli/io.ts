/** The streams a CLI command writes to, passed in so tests can capture them. */
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

/** Bad command-line usage: exit status 2. */
export class UsageError extends Error {}

/**
 * Returns the JSON indentation for `stream`: 2 spaces for a person at a terminal, none for a
 * pipe or file, where a program reads it and the indentation only adds bytes.
 */
export function jsonIndentFor(stream: Writable): number {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true ? 2 : 0;
}
