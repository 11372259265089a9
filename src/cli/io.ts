/** The streams a CLI command writes to, passed in so tests can capture them. */
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

/** Bad command-line usage: exit status 2. */
export class UsageError extends Error {}

/** An input the command cannot read: exit status 1. */
export class InputError extends Error {}

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

/** The fields of a `parseArgs` token that tell whether an option took the next word as its value. */
interface ArgumentToken {
  kind: string;
  rawName?: string;
  value?: string;
  inlineValue?: boolean;
}

/**
 * Returns the usage error for a command line without its operand (such as SOURCE). When the last
 * word was read as the value of the option before it (`--max-wasted-bytes app.tar`), the error
 * names that option, which is the word the user left out. Otherwise it is `missing OPERAND: hint`.
 */
export function missingOperandError(tokens: ArgumentToken[], operand: string, hint: string): UsageError {
  const last = tokens.at(-1);
  if (last?.kind === 'option' && last.value !== undefined && last.inlineValue === false) {
    return new UsageError(`option ${last.rawName ?? ''} needs a value: it took "${last.value}", the last word, as its value, which leaves no ${operand}.`);
  }
  return new UsageError(`missing ${operand}: ${hint}`);
}

/**
 * Returns the JSON indentation for `stream`: 2 spaces for a person at a terminal, none for a
 * pipe or file, where a program reads it and the indentation only adds bytes.
 */
export function jsonIndentFor(stream: Writable): number {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true ? 2 : 0;
}

