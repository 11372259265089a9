/** The streams a CLI command writes to, passed in so tests can capture them. */
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

/** Bad command-line usage: exit status 2. */
export class UsageError extends Error {}
