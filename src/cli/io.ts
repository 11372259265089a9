/** The streams a CLI command writes to, passed in so tests can capture them. */
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

/** Bad command-line usage: exit status 2. */
export class UsageError extends Error {}

/**
 * Returns the one-line message of a usage error: a `UsageError`, or an option error of Node's
 * `parseArgs`, shortened to the option and what is wrong with it. Returns `undefined` for any
 * other error.
 */
export function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const text = (error as Error).message;
  const option = /'(-[^']*)'/.exec(text)?.[1];
  if (/Unknown option/.test(text)) return `unknown option ${option ?? ''}.`.replace(' .', '.');
  if (/argument missing/.test(text)) return `option ${option ?? ''} needs a value.`;
  if (/argument is ambiguous/.test(text)) return `option ${option ?? ''} needs a value; for one that starts with "-", write ${option ?? 'OPTION'}=VALUE.`;
  return text.split('. ')[0] + '.';
}

/**
 * Returns the JSON indentation for `stream`: 2 spaces for a person at a terminal, none for a
 * pipe or file, where a program reads it and the indentation only adds bytes.
 */
export function jsonIndentFor(stream: Writable): number {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true ? 2 : 0;
}

